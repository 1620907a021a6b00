//! `EMPTY_ARRAY_CONDITION_FORANYVALUE`: a condition key compared with an empty array under `ForAnyValue:`.
//! (The check lives in `empty_array_condition.rs`.)

use super::empty_array_condition::{EmptyArrayCondition, Variant};
use crate::finding::{FindingType, RuleInfo};

/// The rule.
pub static RULE: EmptyArrayCondition = EmptyArrayCondition::new(
    RuleInfo {
        code: "EMPTY_ARRAY_CONDITION_FORANYVALUE",
        finding_type: FindingType::Suggestion,
        summary: "A condition key is compared with an empty array under `ForAnyValue:`.",
        documentation: "What: a condition key whose value list is `[]` under a `ForAnyValue:` operator.\nWhy: `ForAnyValue` needs a request value that matches one of the listed values; with none listed it never matches, so an Allow statement grants nothing and a Deny never applies.\nExample: `\"ForAnyValue:StringEquals\": {\"aws:TagKeys\": []}`.\nFix: list the values to match, or remove the key.",
    },
    Variant::ForAnyValue,
    "ForAnyValue with no values never matches; specify values",
);

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, identity};

    const CODE: &str = "EMPTY_ARRAY_CONDITION_FORANYVALUE";

    #[test]
    fn triggers_at_the_exact_span() {
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"ForAnyValue:StringEquals": {"aws:TagKeys": [], "aws:username": ["a"]}}}]}"#;
        assert_eq!(findings_of(CODE, src, identity()), vec!["[]".to_string()]);
        assert_findings!(CODE, src, identity());
    }

    #[test]
    fn near_miss_is_clean() {
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"ForAnyValue:StringEquals": {"aws:TagKeys": ["a"]}, "ForAllValues:StringEquals": {"aws:username": []}}}]}"#;
        assert!(findings_of(CODE, src, identity()).is_empty());
    }
}
