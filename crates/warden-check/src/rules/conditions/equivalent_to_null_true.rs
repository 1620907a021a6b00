//! `EQUIVALENT_TO_NULL_TRUE`: a `NotLike` condition with a lone `*` value,
//! which only tests whether the key is absent (the check lives in
//! `equivalent_to_null_false.rs`).

use super::equivalent_to_null_false::EquivalentToNull;
use super::support::WildcardOutcome;
use crate::finding::{FindingType, RuleInfo};

/// The rule.
pub static RULE: EquivalentToNull = EquivalentToNull::new(
    RuleInfo {
        code: "EQUIVALENT_TO_NULL_TRUE",
        finding_type: FindingType::Suggestion,
        summary: "A `NotLike` condition with the value `*` only tests that the key is absent.",
        documentation: "What: `StringNotLike`, `ArnNotLike` or `ArnNotEquals` (plain, `ForAllValues:`, or `ForAnyValue:` with `IfExists`) whose values include a lone `*`.\nWhy: no value can escape `*`, so the condition is true exactly when the request does not carry the key; that is what `\"Null\": {\"key\": \"true\"}` says, and says more plainly.\nExample: `\"StringNotLike\": {\"aws:SourceVpce\": \"*\"}` in a Deny, meant as \"deny unless the request came through a VPC endpoint\".\nFix: write `\"Null\": {\"aws:SourceVpce\": \"true\"}`.",
    },
    WildcardOutcome::NullTrue,
);

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, identity};

    const CODE: &str = "EQUIVALENT_TO_NULL_TRUE";

    #[test]
    fn triggers_at_the_exact_span() {
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "s3:*", "Resource": "*", "Condition": {"StringNotLike": {"aws:SourceVpce": "*"}, "ForAllValues:StringNotLike": {"aws:TagKeys": ["*"]}}}]}"#;
        assert_eq!(
            findings_of(CODE, src, identity()),
            vec![r#""*""#.to_string(), r#""*""#.to_string()]
        );
        assert_findings!(CODE, src, identity());
    }

    #[test]
    fn near_miss_is_clean() {
        for src in [
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "s3:*", "Resource": "*", "Condition": {"StringNotLike": {"aws:SourceVpce": "vpce-*"}}}]}"#,
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "s3:*", "Resource": "*", "Condition": {"StringLike": {"aws:SourceVpce": "*"}}}]}"#,
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "s3:*", "Resource": "*", "Condition": {"Null": {"aws:SourceVpce": "true"}}}]}"#,
        ] {
            assert!(findings_of(CODE, src, identity()).is_empty(), "{src}");
        }
    }
}
