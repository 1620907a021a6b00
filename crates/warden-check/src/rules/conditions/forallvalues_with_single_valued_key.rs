//! `FORALLVALUES_WITH_SINGLE_VALUED_KEY`: `ForAllValues:` on a single-valued key.

use super::util::{classify, conditions, KeyClass};
use crate::finding::{FindingType, Findings, RuleInfo};
use crate::rules::Rule;
use crate::CheckContext;
use warden_policy::operator::SetQualifier;

/// The rule.
pub static RULE: ForAllValuesWithSingleValuedKey = ForAllValuesWithSingleValuedKey;

/// Reports `ForAllValues:` operators applied to keys that carry one value.
pub struct ForAllValuesWithSingleValuedKey;

static INFO: RuleInfo = RuleInfo {
    code: "FORALLVALUES_WITH_SINGLE_VALUED_KEY",
    finding_type: FindingType::SecurityWarning,
    summary: "`ForAllValues:` is used with a single-valued condition key.",
    documentation: "What: an operator qualified with `ForAllValues:` applied to a key whose catalog type is not an `ArrayOf...` type (`aws:SourceIp`, `aws:PrincipalTag/team`, `s3:prefix`, ...).\nWhy: `ForAllValues` is also true when the key is absent from the request or empty, so in an Allow it grants access to requests that do not carry the key at all; with a single value the qualifier adds nothing else.\nExample: `\"ForAllValues:StringEquals\": {\"aws:PrincipalTag/team\": \"admins\"}` also allows principals without a `team` tag.\nFix: drop the qualifier (`StringEquals`); if absence must be denied explicitly, add `\"Null\": {\"aws:PrincipalTag/team\": \"false\"}`.",
};

impl Rule for ForAllValuesWithSingleValuedKey {
    fn info(&self) -> &RuleInfo {
        &INFO
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings<'_>) {
        for (_, c) in conditions(cx) {
            let Some(op) = c.operator else { continue };
            if op.set != Some(SetQualifier::ForAllValues) {
                continue;
            }
            let KeyClass::Known(key) = classify(&c.key.value) else {
                continue;
            };
            if !key.is_multivalued() {
                out.report(
                    c.key.span,
                    format!(
                        "ForAllValues with the single-valued key `{}` also matches requests without the key; remove ForAllValues:",
                        c.key.value
                    ),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, identity};

    const CODE: &str = "FORALLVALUES_WITH_SINGLE_VALUED_KEY";

    #[test]
    fn triggers_at_the_exact_span() {
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"ForAllValues:StringEquals": {"aws:PrincipalTag/team": "admins", "aws:TagKeys": "env"}}}]}"#;
        assert_eq!(
            findings_of(CODE, src, identity()),
            vec![r#""aws:PrincipalTag/team""#.to_string()]
        );
        assert_findings!(CODE, src, identity());
    }

    #[test]
    fn near_miss_is_clean() {
        for src in [
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"StringEquals": {"aws:PrincipalTag/team": "admins"}, "ForAllValues:StringEquals": {"aws:TagKeys": "env"}}}]}"#,
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"ForAnyValue:StringEquals": {"aws:PrincipalTag/team": "admins"}}}]}"#,
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"ForAllValues:StringEquals": {"nosuchservice:key": "a"}}}]}"#,
        ] {
            assert!(findings_of(CODE, src, identity()).is_empty(), "{src}");
        }
    }
}
