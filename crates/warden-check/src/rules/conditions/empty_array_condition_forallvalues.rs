//! `EMPTY_ARRAY_CONDITION_FORALLVALUES`: a condition key compared with an empty array under `ForAllValues:`.
//! (The check lives in `empty_array_condition.rs`.)

use super::empty_array_condition::{EmptyArrayCondition, Variant};
use crate::finding::{FindingType, RuleInfo};

/// The rule.
pub static RULE: EmptyArrayCondition = EmptyArrayCondition::new(
    RuleInfo {
        code: "EMPTY_ARRAY_CONDITION_FORALLVALUES",
        finding_type: FindingType::Suggestion,
        summary: "A condition key is compared with an empty array under `ForAllValues:`.",
        documentation: "What: a condition key whose value list is `[]` under a `ForAllValues:` operator.\nWhy: `ForAllValues` is true when every request value is in the (empty) list, which happens only when the request has no value for the key; the condition is an obscure way to test for absence.\nExample: `\"ForAllValues:StringEquals\": {\"aws:TagKeys\": []}`.\nFix: to test that the key is absent, write `\"Null\": {\"aws:TagKeys\": \"true\"}`; otherwise list the allowed values.",
    },
    Variant::ForAllValues,
    "ForAllValues with no values matches only when the key is absent from the request; use Null with true to test that",
);

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, identity};

    const CODE: &str = "EMPTY_ARRAY_CONDITION_FORALLVALUES";

    #[test]
    fn triggers_at_the_exact_span() {
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"ForAllValues:StringEquals": {"aws:TagKeys": [], "aws:username": ["a"]}}}]}"#;
        assert_eq!(findings_of(CODE, src, identity()), vec!["[]".to_string()]);
        assert_findings!(CODE, src, identity());
    }

    #[test]
    fn near_miss_is_clean() {
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"ForAllValues:StringEquals": {"aws:TagKeys": ["a"]}, "ForAnyValue:StringEquals": {"aws:username": []}}}]}"#;
        assert!(findings_of(CODE, src, identity()).is_empty());
    }
}
