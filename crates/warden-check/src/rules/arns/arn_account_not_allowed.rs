//! `ARN_ACCOUNT_NOT_ALLOWED`: A `Resource` ARN names an account where its service has none.

use super::util::{self, ArnCheck};
use crate::finding::{FindingType, RuleInfo};

/// The rule.
pub static RULE: ArnCheck = ArnCheck::new(
    RuleInfo {
        code: "ARN_ACCOUNT_NOT_ALLOWED",
        finding_type: FindingType::Error,
        summary: "A `Resource` ARN names an account where its service has none.",
        documentation: "What: a `Resource` or `NotResource` ARN has an account ID, but every ARN format of its service leaves the account field empty (S3 buckets and objects, for example).\nWhy: real ARNs of the service never carry an account, so the entry matches no resource.\nExample: `\"Resource\": \"arn:aws:s3::123456789012:my-bucket\"`.\nFix: leave the account field empty: `arn:aws:s3:::my-bucket`.",
    },
    check,
);

/// A message when the service's ARNs have no account but the value has one.
fn check(value: &str) -> Option<String> {
    let [_, _, service, _, account, _] = util::arn_fields(value)?;
    if account.is_empty() || util::is_open(account) {
        return None;
    }
    let formats = util::formats(service)?;
    if !formats.iter().all(|f| f.account.is_empty()) {
        return None;
    }
    Some(format!(
        "the service `{service}` does not support specifying an account ID in the resource ARN"
    ))
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, identity};

    const CODE: &str = "ARN_ACCOUNT_NOT_ALLOWED";

    fn policy(resource: &str) -> String {
        format!(
            r#"{{"Version": "2012-10-17", "Statement": [{{"Effect": "Allow", "Action": "*", "Resource": {resource}}}]}}"#
        )
    }

    #[test]
    fn triggers_at_the_exact_span() {
        let src = policy(r#""arn:aws:route53::123456789012:hostedzone/Z1""#);
        assert_eq!(
            findings_of(CODE, &src, identity()),
            vec![r#""arn:aws:route53::123456789012:hostedzone/Z1""#.to_string()]
        );
        assert_findings!(CODE, &src, identity());
    }

    #[test]
    fn near_miss_is_clean() {
        for r in [
            r#""*""#,
            r#""arn:aws:route53:::hostedzone/Z1""#,
            r#""arn:aws:route53::*:hostedzone/Z1""#,
            r#""arn:aws:s3:us-east-1:123456789012:accesspoint/a""#,
        ] {
            assert!(findings_of(CODE, &policy(r), identity()).is_empty(), "{r}");
        }
    }
}
