//! `DUPLICATE_KEYS_WITH_DIFFERENT_CASE`: A condition key appears twice under one operator, differing only in letter case.

use super::ParserDiagnostic;
use crate::finding::{FindingType, RuleInfo};

/// The rule.
pub static RULE: ParserDiagnostic = ParserDiagnostic::new(
    RuleInfo {
        code: "DUPLICATE_KEYS_WITH_DIFFERENT_CASE",
        finding_type: FindingType::Error,
        summary: "A condition key appears twice under one operator, differing only in letter case.",
        documentation: "What: two keys of one condition operator block name the same context key in different letter case.\nWhy: condition key names are case-insensitive, so the policy is ambiguous and AWS rejects it.\nExample: `\"aws:SourceIp\"` and `\"AWS:sourceip\"` under `IpAddress`.\nFix: merge the values under one key.",
    },
    "duplicate-key-case",
);

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, identity};

    const TRIGGER: &str = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"IpAddress": {"aws:SourceIp": "10.0.0.0/8", "AWS:sourceip": "11.0.0.0/8"}}}]}"#;
    const NEAR_MISS: &str = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"IpAddress": {"aws:SourceIp": ["10.0.0.0/8", "11.0.0.0/8"]}}}]}"#;

    #[test]
    fn triggers_at_the_exact_span() {
        assert_eq!(
            findings_of("DUPLICATE_KEYS_WITH_DIFFERENT_CASE", TRIGGER, identity()),
            vec![r#""AWS:sourceip""#.to_string()]
        );
        assert_findings!("DUPLICATE_KEYS_WITH_DIFFERENT_CASE", TRIGGER, identity());
    }

    #[test]
    fn near_miss_is_clean() {
        assert!(
            findings_of("DUPLICATE_KEYS_WITH_DIFFERENT_CASE", NEAR_MISS, identity()).is_empty()
        );
    }
}
