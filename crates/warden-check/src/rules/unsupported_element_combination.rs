//! `UNSUPPORTED_ELEMENT_COMBINATION`: An element and its `Not` form in the same statement.

use super::ParserDiagnostic;
use crate::finding::{FindingType, RuleInfo};

/// The rule.
pub static RULE: ParserDiagnostic = ParserDiagnostic::new(
    RuleInfo {
        code: "UNSUPPORTED_ELEMENT_COMBINATION",
        finding_type: FindingType::Error,
        summary: "An element and its `Not` form in the same statement.",
        documentation: "What: a statement has both `Action` and `NotAction`, `Resource` and `NotResource`, or `Principal` and `NotPrincipal`.\nWhy: AWS rejects the policy: the two forms are mutually exclusive.\nExample: `\"Action\": \"s3:*\", \"NotAction\": \"s3:Delete*\"`.\nFix: keep one; express exceptions with a separate Deny statement.",
    },
    "conflicting-elements",
);

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, identity};

    const TRIGGER: &str = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "NotAction": "s3:Delete*", "Resource": "*"}]}"#;
    const NEAR_MISS: &str = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "NotAction": "s3:Delete*", "Resource": "*"}]}"#;

    #[test]
    fn triggers_at_the_exact_span() {
        assert_eq!(
            findings_of("UNSUPPORTED_ELEMENT_COMBINATION", TRIGGER, identity()),
            vec![r#""NotAction""#.to_string()]
        );
        assert_findings!("UNSUPPORTED_ELEMENT_COMBINATION", TRIGGER, identity());
    }

    #[test]
    fn near_miss_is_clean() {
        assert!(findings_of("UNSUPPORTED_ELEMENT_COMBINATION", NEAR_MISS, identity()).is_empty());
    }
}
