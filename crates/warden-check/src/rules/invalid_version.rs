//! `INVALID_VERSION`: `Version` is not a policy language version.

use super::ParserDiagnostic;
use crate::finding::{FindingType, RuleInfo};

/// The rule.
pub static RULE: ParserDiagnostic = ParserDiagnostic::new(
    RuleInfo {
        code: "INVALID_VERSION",
        finding_type: FindingType::Error,
        summary: "`Version` is not a policy language version.",
        documentation: "What: `Version` is neither `2012-10-17` nor `2008-10-17`.\nWhy: AWS rejects the policy. `Version` is the language version, not a date of your own.\nExample: `\"Version\": \"2024-01-01\"`.\nFix: `\"Version\": \"2012-10-17\"`.",
    },
    "invalid-version",
);

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, identity};

    const TRIGGER: &str = r#"{"Version": "2024-01-01", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}"#;
    const NEAR_MISS: &str = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}"#;

    #[test]
    fn triggers_at_the_exact_span() {
        assert_eq!(
            findings_of("INVALID_VERSION", TRIGGER, identity()),
            vec![r#""2024-01-01""#.to_string()]
        );
        assert_findings!("INVALID_VERSION", TRIGGER, identity());
    }

    #[test]
    fn near_miss_is_clean() {
        assert!(findings_of("INVALID_VERSION", NEAR_MISS, identity()).is_empty());
    }
}
