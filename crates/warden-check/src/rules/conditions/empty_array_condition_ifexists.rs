//! `EMPTY_ARRAY_CONDITION_IFEXISTS`: a condition key compared with an empty array under `...IfExists`.
//! (The check lives in `empty_array_condition.rs`.)

use super::empty_array_condition::{EmptyArrayCondition, Variant};
use crate::finding::{FindingType, RuleInfo};

/// The rule.
pub static RULE: EmptyArrayCondition = EmptyArrayCondition::new(
    RuleInfo {
        code: "EMPTY_ARRAY_CONDITION_IFEXISTS",
        finding_type: FindingType::Suggestion,
        summary: "A condition key is compared with an empty array under an `...IfExists` operator.",
        documentation: "What: a condition key whose value list is `[]` under an operator with the `IfExists` suffix (and no set qualifier).\nWhy: `IfExists` is true when the key is absent; with no value to compare, nothing matches when it is present, so the condition only tests for absence, in a roundabout way.\nExample: `\"StringEqualsIfExists\": {\"aws:TagKeys\": []}`.\nFix: to test that the key is absent, write `\"Null\": {\"aws:TagKeys\": \"true\"}`; otherwise list the values.",
    },
    Variant::IfExists,
    "IfExists with no values matches only when the key is absent from the request; use Null with true to test that",
);

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, identity};

    const CODE: &str = "EMPTY_ARRAY_CONDITION_IFEXISTS";

    #[test]
    fn triggers_at_the_exact_span() {
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"StringEqualsIfExists": {"aws:TagKeys": [], "aws:username": ["a"]}}}]}"#;
        assert_eq!(findings_of(CODE, src, identity()), vec!["[]".to_string()]);
        assert_findings!(CODE, src, identity());
    }

    #[test]
    fn near_miss_is_clean() {
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"StringEqualsIfExists": {"aws:TagKeys": ["a"]}, "ForAnyValue:StringEquals": {"aws:username": []}}}]}"#;
        assert!(findings_of(CODE, src, identity()).is_empty());
    }
}
