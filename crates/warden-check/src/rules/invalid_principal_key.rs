//! `INVALID_PRINCIPAL_KEY`: A principal type other than AWS, Service, Federated or CanonicalUser.

use super::ParserDiagnostic;
use crate::finding::{FindingType, RuleInfo};

/// The rule.
pub static RULE: ParserDiagnostic = ParserDiagnostic::new(
    RuleInfo {
        code: "INVALID_PRINCIPAL_KEY",
        finding_type: FindingType::Error,
        summary: "A principal type other than AWS, Service, Federated or CanonicalUser.",
        documentation: "What: a key of the `Principal` map that is not a principal type.\nWhy: AWS rejects the policy.\nExample: `\"Principal\": {\"Account\": \"111122223333\"}`.\nFix: use `AWS` for accounts, users and roles, `Service` for AWS services, `Federated` for identity providers, `CanonicalUser` for S3 canonical IDs.",
    },
    "invalid-principal-key",
);

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, identity};

    const TRIGGER: &str = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Account": "111122223333"}, "Action": "s3:*", "Resource": "*"}]}"#;
    const NEAR_MISS: &str = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "s3:*", "Resource": "*"}]}"#;

    #[test]
    fn triggers_at_the_exact_span() {
        assert_eq!(
            findings_of("INVALID_PRINCIPAL_KEY", TRIGGER, identity()),
            vec![r#""Account""#.to_string()]
        );
        assert_findings!("INVALID_PRINCIPAL_KEY", TRIGGER, identity());
    }

    #[test]
    fn near_miss_is_clean() {
        assert!(findings_of("INVALID_PRINCIPAL_KEY", NEAR_MISS, identity()).is_empty());
    }
}
