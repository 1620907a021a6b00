//! `EMPTY_ARRAY_CONDITION` and its `FORALLVALUES`, `FORANYVALUE` and
//! `IFEXISTS` variants: a condition key compared with `[]`.

use super::util::conditions;
use crate::finding::{FindingType, Findings, RuleInfo};
use crate::rules::{is_empty_array, Rule};
use crate::CheckContext;
use warden_policy::operator::{Operator, SetQualifier};

/// Which operators a variant covers.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Variant {
    /// No qualifier, no `IfExists`.
    Plain,
    /// `ForAllValues:`.
    ForAllValues,
    /// `ForAnyValue:`.
    ForAnyValue,
    /// `...IfExists` without a qualifier.
    IfExists,
}

fn variant(op: Operator) -> Variant {
    match (op.set, op.if_exists) {
        (Some(SetQualifier::ForAllValues), _) => Variant::ForAllValues,
        (Some(SetQualifier::ForAnyValue), _) => Variant::ForAnyValue,
        (None, true) => Variant::IfExists,
        (None, false) => Variant::Plain,
    }
}

/// Reports `"key": []` under the operators of one variant.
pub struct EmptyArrayCondition {
    info: RuleInfo,
    variant: Variant,
    message: &'static str,
}

impl EmptyArrayCondition {
    /// The rule `info` for `variant`, reporting `message`.
    pub(super) const fn new(info: RuleInfo, variant: Variant, message: &'static str) -> Self {
        EmptyArrayCondition {
            info,
            variant,
            message,
        }
    }
}

impl Rule for EmptyArrayCondition {
    fn info(&self) -> &RuleInfo {
        &self.info
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings<'_>) {
        for (_, c) in conditions(cx) {
            let Some(op) = c.operator else { continue };
            if variant(op) == self.variant
                && c.values.is_empty()
                && is_empty_array(cx, c.values_span)
            {
                out.report(
                    c.values_span,
                    format!("`{}` has no values: {}", c.key.value, self.message),
                );
            }
        }
    }
}

/// The rule.
pub static RULE: EmptyArrayCondition = EmptyArrayCondition::new(
    RuleInfo {
        code: "EMPTY_ARRAY_CONDITION",
        finding_type: FindingType::Suggestion,
        summary: "A condition key is compared with an empty array.",
        documentation: "What: a condition key whose value list is `[]`, under an operator without `ForAllValues:`, `ForAnyValue:` or `IfExists` (those have their own codes).\nWhy: with no value to compare, the condition does not express any test; the statement's effect does not depend on what the author meant to check.\nExample: `\"StringEquals\": {\"aws:PrincipalTag/team\": []}`.\nFix: list the values to compare, or remove the key.",
    },
    Variant::Plain,
    "the condition does not affect the policy; specify values",
);

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, identity};

    const CODE: &str = "EMPTY_ARRAY_CONDITION";

    #[test]
    fn triggers_at_the_exact_span() {
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"StringEquals": {"aws:PrincipalTag/team": [ ], "aws:username": "a"}}}]}"#;
        assert_eq!(findings_of(CODE, src, identity()), vec!["[ ]".to_string()]);
        assert_findings!(CODE, src, identity());
    }

    #[test]
    fn near_miss_is_clean() {
        for src in [
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"StringEquals": {"aws:PrincipalTag/team": ["a"]}}}]}"#,
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"ForAllValues:StringEquals": {"aws:TagKeys": []}, "StringEqualsIfExists": {"aws:username": []}}}]}"#,
        ] {
            assert!(findings_of(CODE, src, identity()).is_empty(), "{src}");
        }
    }
}
