//! `MISSING_QUALIFIER`: a multivalued condition key used without a set qualifier.
//!
//! It fires on three AWS managed policies (`events:detail-type`, an
//! `ArrayOfString` key, under plain `StringEquals`); `tests/managed_corpus.rs`
//! explains why that is right.

use super::util::{classify, conditions, KeyClass};
use crate::finding::{FindingType, Findings, RuleInfo};
use crate::rules::Rule;
use crate::CheckContext;
use warden_policy::operator::OperatorKind;

/// The rule.
pub static RULE: MissingQualifier = MissingQualifier;

/// Reports multivalued keys compared without `ForAllValues:`/`ForAnyValue:`.
pub struct MissingQualifier;

static INFO: RuleInfo = RuleInfo {
    code: "MISSING_QUALIFIER",
    finding_type: FindingType::Error,
    summary: "A multivalued condition key is used without `ForAllValues` or `ForAnyValue`.",
    documentation: "What: a condition on a key whose catalog type is an `ArrayOf...` type (`aws:TagKeys`, `aws:CalledVia`, ...) with an operator that has no `ForAllValues:` or `ForAnyValue:` qualifier. `Null` is exempt: it only tests presence.\nWhy: the request carries a set of values for such a key; a plain operator does not say whether every value or at least one value must match, and its result on a set is not what the author expects.\nExample: `\"StringEquals\": {\"aws:TagKeys\": [\"env\", \"team\"]}`.\nFix: say which set semantics you mean: `ForAllValues:StringEquals` (every requested value is allowed) or `ForAnyValue:StringEquals` (at least one matches).",
};

impl Rule for MissingQualifier {
    fn info(&self) -> &RuleInfo {
        &INFO
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings<'_>) {
        for (_, c) in conditions(cx) {
            let Some(op) = c.operator else { continue };
            if op.set.is_some() || op.kind == OperatorKind::Null {
                continue;
            }
            let KeyClass::Known(key) = classify(&c.key.value) else {
                continue;
            };
            if key.is_multivalued() {
                out.report(
                    c.key.span,
                    format!(
                        "the context key `{}` has multiple values; qualify `{}` with ForAllValues: or ForAnyValue:",
                        c.key.value, c.operator_text.value
                    ),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, identity};

    const CODE: &str = "MISSING_QUALIFIER";

    #[test]
    fn triggers_at_the_exact_span() {
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"StringEquals": {"aws:TagKeys": ["env", "team"], "aws:PrincipalTag/team": "a"}}}]}"#;
        assert_eq!(
            findings_of(CODE, src, identity()),
            vec![r#""aws:TagKeys""#.to_string()]
        );
        assert_findings!(CODE, src, identity());
    }

    #[test]
    fn near_miss_is_clean() {
        for src in [
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"ForAllValues:StringEquals": {"aws:TagKeys": ["env", "team"]}, "ForAnyValue:StringLike": {"aws:CalledVia": "*.amazonaws.com"}}}]}"#,
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"Null": {"aws:TagKeys": "false"}}}]}"#,
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"StringEquals": {"aws:PrincipalTag/team": "a"}}}]}"#,
        ] {
            assert!(findings_of(CODE, src, identity()).is_empty(), "{src}");
        }
    }
}
