//! `INVALID_PRINCIPAL_FORMAT`: `Principal` is a string other than `*`.

use super::ParserDiagnostic;
use crate::finding::{FindingType, RuleInfo};

/// The rule.
pub static RULE: ParserDiagnostic = ParserDiagnostic::new(
    RuleInfo {
        code: "INVALID_PRINCIPAL_FORMAT",
        finding_type: FindingType::Error,
        summary: "`Principal` is a string other than `*`.",
        documentation: "What: a `Principal` or `NotPrincipal` written as a plain string that is not `*`.\nWhy: only `*` may be written bare; every other principal needs its type as a key.\nExample: `\"Principal\": \"arn:aws:iam::111122223333:root\"`.\nFix: `\"Principal\": {\"AWS\": \"arn:aws:iam::111122223333:root\"}`.",
    },
    "invalid-principal-format",
);

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, identity};

    const TRIGGER: &str = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "arn:aws:iam::111122223333:root", "Action": "s3:*", "Resource": "*"}]}"#;
    const NEAR_MISS: &str = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "s3:*", "Resource": "*"}]}"#;

    #[test]
    fn triggers_at_the_exact_span() {
        assert_eq!(
            findings_of("INVALID_PRINCIPAL_FORMAT", TRIGGER, identity()),
            vec![r#""arn:aws:iam::111122223333:root""#.to_string()]
        );
        assert_findings!("INVALID_PRINCIPAL_FORMAT", TRIGGER, identity());
    }

    #[test]
    fn near_miss_is_clean() {
        assert!(findings_of("INVALID_PRINCIPAL_FORMAT", NEAR_MISS, identity()).is_empty());
    }
}
