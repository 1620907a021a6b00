//! `MISSING_EFFECT`: A statement has no `Effect`.

use super::ParserDiagnostic;
use crate::finding::{FindingType, RuleInfo};

/// The rule.
pub static RULE: ParserDiagnostic = ParserDiagnostic::new(
    RuleInfo {
        code: "MISSING_EFFECT",
        finding_type: FindingType::Error,
        summary: "A statement has no `Effect`.",
        documentation: "What: the statement does not say whether it allows or denies.\nWhy: AWS rejects the policy.\nExample: a statement with only Action and Resource.\nFix: add `\"Effect\": \"Allow\"` or `\"Deny\"`.",
    },
    "missing-effect",
);

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, identity};

    const TRIGGER: &str =
        r#"{"Version": "2012-10-17", "Statement": [{"Action": "s3:*", "Resource": "*"}]}"#;
    const NEAR_MISS: &str = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "s3:*", "Resource": "*"}]}"#;

    #[test]
    fn triggers_at_the_exact_span() {
        assert_eq!(
            findings_of("MISSING_EFFECT", TRIGGER, identity()),
            vec![r#"{"#.to_string()]
        );
        assert_findings!("MISSING_EFFECT", TRIGGER, identity());
    }

    #[test]
    fn near_miss_is_clean() {
        assert!(findings_of("MISSING_EFFECT", NEAR_MISS, identity()).is_empty());
    }
}
