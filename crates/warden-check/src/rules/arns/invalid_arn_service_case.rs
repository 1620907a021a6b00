//! `INVALID_ARN_SERVICE_CASE`: The service in a `Resource` ARN is not lowercase.

use super::util::{self, ArnCheck};
use crate::finding::{FindingType, RuleInfo};

/// The rule.
pub static RULE: ArnCheck = ArnCheck::new(
    RuleInfo {
        code: "INVALID_ARN_SERVICE_CASE",
        finding_type: FindingType::Error,
        summary: "The service in a `Resource` ARN is not lowercase.",
        documentation: "What: the service field of a `Resource` or `NotResource` ARN has uppercase letters.\nWhy: resource matching is case-sensitive and every service namespace in ARNs is lowercase, so the entry matches no resource.\nExample: `\"Resource\": \"arn:aws:S3:::my-bucket\"`.\nFix: write the service in lowercase: `arn:aws:s3:::my-bucket`.",
    },
    check,
);

/// A message when the service field has uppercase letters.
fn check(value: &str) -> Option<String> {
    let [_, _, service, ..] = util::arn_fields(value)?;
    if util::is_open(service) || !service.bytes().any(|b| b.is_ascii_uppercase()) {
        return None;
    }
    Some(format!(
        "update the service name `{service}` in the resource ARN to use all lowercase letters (`{}`)",
        service.to_ascii_lowercase()
    ))
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, identity};

    const CODE: &str = "INVALID_ARN_SERVICE_CASE";

    fn policy(resource: &str) -> String {
        format!(
            r#"{{"Version": "2012-10-17", "Statement": [{{"Effect": "Allow", "Action": "*", "Resource": {resource}}}]}}"#
        )
    }

    #[test]
    fn triggers_at_the_exact_span() {
        let src = policy(r#"["arn:aws:s3:::b", "arn:aws:S3:::b"]"#);
        assert_eq!(
            findings_of(CODE, &src, identity()),
            vec![r#""arn:aws:S3:::b""#.to_string()]
        );
        assert_findings!(CODE, &src, identity());
    }

    #[test]
    fn near_miss_is_clean() {
        for r in [
            r#""*""#,
            r#""arn:aws:s3:::B""#,
            r#""arn:aws:S*:::b""#,
            r#""arn:AWS:s3:::b""#,
        ] {
            assert!(findings_of(CODE, &policy(r), identity()).is_empty(), "{r}");
        }
    }
}
