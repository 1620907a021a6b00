//! `INVALID_EFFECT`: `Effect` is neither `Allow` nor `Deny`.

use super::ParserDiagnostic;
use crate::finding::{FindingType, RuleInfo};

/// The rule.
pub static RULE: ParserDiagnostic = ParserDiagnostic::new(
    RuleInfo {
        code: "INVALID_EFFECT",
        finding_type: FindingType::Error,
        summary: "`Effect` is neither `Allow` nor `Deny`.",
        documentation: "What: the statement's `Effect` is not exactly `Allow` or `Deny` (the values are case-sensitive).\nWhy: AWS rejects the policy.\nExample: `\"Effect\": \"allow\"`.\nFix: write `Allow` or `Deny`.",
    },
    "invalid-effect",
);

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, identity};

    const TRIGGER: &str = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "allow", "Action": "s3:*", "Resource": "*"}]}"#;
    const NEAR_MISS: &str = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}"#;

    #[test]
    fn triggers_at_the_exact_span() {
        assert_eq!(
            findings_of("INVALID_EFFECT", TRIGGER, identity()),
            vec![r#""allow""#.to_string()]
        );
        assert_findings!("INVALID_EFFECT", TRIGGER, identity());
    }

    #[test]
    fn near_miss_is_clean() {
        assert!(findings_of("INVALID_EFFECT", NEAR_MISS, identity()).is_empty());
    }
}
