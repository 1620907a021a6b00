//! `MISSING_STATEMENT`: The policy has no `Statement`.

use super::ParserDiagnostic;
use crate::finding::{FindingType, RuleInfo};

/// The rule.
pub static RULE: ParserDiagnostic = ParserDiagnostic::new(
    RuleInfo {
        code: "MISSING_STATEMENT",
        finding_type: FindingType::Error,
        summary: "The policy has no `Statement`.",
        documentation: "What: the document has no `Statement` element.\nWhy: a policy without statements is rejected by AWS.\nExample: `{\"Version\": \"2012-10-17\"}`.\nFix: add the statements.",
    },
    "missing-statement",
);

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, identity};

    const TRIGGER: &str = r#"{"Version": "2012-10-17"}"#;
    const NEAR_MISS: &str = r#"{"Version": "2012-10-17", "Statement": {"Effect": "Deny", "Action": "*", "Resource": "*"}}"#;

    #[test]
    fn triggers_at_the_exact_span() {
        assert_eq!(
            findings_of("MISSING_STATEMENT", TRIGGER, identity()),
            vec![r#"{"#.to_string()]
        );
        assert_findings!("MISSING_STATEMENT", TRIGGER, identity());
    }

    #[test]
    fn near_miss_is_clean() {
        assert!(findings_of("MISSING_STATEMENT", NEAR_MISS, identity()).is_empty());
    }
}
