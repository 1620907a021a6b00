//! `INVALID_POLICY_ELEMENT`: An element that the policy grammar does not define.

use super::ParserDiagnostic;
use crate::finding::{FindingType, RuleInfo};

/// The rule.
pub static RULE: ParserDiagnostic = ParserDiagnostic::new(
    RuleInfo {
        code: "INVALID_POLICY_ELEMENT",
        finding_type: FindingType::Error,
        summary: "An element that the policy grammar does not define.",
        documentation: "What: a key at the top level (other than Version, Id, Statement) or in a statement (other than Sid, Effect, Principal, NotPrincipal, Action, NotAction, Resource, NotResource, Condition).\nWhy: AWS rejects the policy; often it is a typo whose intent is silently lost.\nExample: `\"Resources\": \"*\"`.\nFix: correct or remove the element.",
    },
    "unknown-element",
);

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, identity};

    const TRIGGER: &str = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resources": "*"}]}"#;
    const NEAR_MISS: &str = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}"#;

    #[test]
    fn triggers_at_the_exact_span() {
        assert_eq!(
            findings_of("INVALID_POLICY_ELEMENT", TRIGGER, identity()),
            vec![r#""Resources""#.to_string()]
        );
        assert_findings!("INVALID_POLICY_ELEMENT", TRIGGER, identity());
    }

    #[test]
    fn near_miss_is_clean() {
        assert!(findings_of("INVALID_POLICY_ELEMENT", NEAR_MISS, identity()).is_empty());
    }
}
