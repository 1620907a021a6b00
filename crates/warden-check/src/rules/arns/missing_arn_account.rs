//! `MISSING_ARN_ACCOUNT`: a `Resource` ARN leaves out the account that its
//! resource type's ARNs carry.

use super::resource_formats::{literal_start, open_arn_fields, resource_formats, value_pattern};
use super::util::{self, ArnCheck};
use crate::finding::{FindingType, RuleInfo};

/// The rule.
pub static RULE: ArnCheck = ArnCheck::new(
    RuleInfo {
        code: "MISSING_ARN_ACCOUNT",
        finding_type: FindingType::Error,
        summary: "A `Resource` ARN leaves out the account its resource type requires.",
        documentation: "What: a `Resource` or `NotResource` ARN has an empty account field, but every ARN format of its service that its resource part could fit has an account ID. Resource types whose ARNs have no account, or name a fixed owner instead (Amazon EC2 public images and snapshots, AWS managed IAM policies under `aws`, ...), are accepted, as are AWS-owned resources that the catalog lists under an account format but that AWS publishes without one: Systems Manager documents and public parameters, and the other exceptions listed in `OWNED_BY_AWS`.\nWhy: real ARNs of those resources always carry the owner's account ID, so the entry matches nothing.\nExample: `\"Resource\": \"arn:aws:sqs:us-east-1::example-queue\"`.\nFix: add the account ID (`arn:aws:sqs:us-east-1:111122223333:example-queue`), or `*` for any account.",
    },
    check,
);

/// (service field, resource prefix): AWS-owned resources that AWS publishes
/// in ARNs without an account although the catalog's format has one.
const OWNED_BY_AWS: &[(&str, &str)] = &[
    // Documents owned by AWS (`AWS-RunShellScript`, ...) and public
    // parameters (`/aws/service/...`) have ARNs with an empty account.
    ("ssm", "document/"),
    ("ssm", "parameter/aws/"),
    ("ssm", "automation-definition/"),
    // Service views that AWS creates for its own integrations.
    ("resource-explorer-2", "view/AWSServiceView"),
];

/// A message when the account is empty but every fitting format has one.
fn check(value: &str) -> Option<String> {
    // The verdict depends only on the value, and a corpus repeats its ARNs
    // across policies: memoised per thread.
    thread_local! {
        static MEMO: crate::memo::Memo<Option<String>> = crate::memo::Memo::new();
    }
    if !value.starts_with("arn:") {
        return None;
    }
    MEMO.with(|m| m.get_or(value, || check_uncached(value)))
}

/// [`check`] without the memo.
fn check_uncached(value: &str) -> Option<String> {
    let [_, _, service, _, account, resource] = open_arn_fields(value)?;
    if !account.is_empty() || util::is_open(&service) {
        return None;
    }
    if OWNED_BY_AWS
        .iter()
        .any(|(s, prefix)| *s == service && resource.starts_with(prefix))
    {
        return None;
    }
    let pattern = value_pattern(&resource);
    let first = literal_start(&resource);
    let mut fitting = resource_formats(&service)?
        .iter()
        .filter(|f| f.may_start_with(first) && pattern.intersects(&f.resource))
        .peekable();
    // No fitting format is INVALID_ARN_RESOURCE's finding, not this one.
    fitting.peek()?;
    if fitting.all(|f| f.account.starts_with("${") && f.account.ends_with('}')) {
        return Some(format!(
            "the resource ARN of the service `{service}` requires an account ID; add it, or `*` for any account"
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, identity};

    const CODE: &str = "MISSING_ARN_ACCOUNT";

    fn policy(resource: &str) -> String {
        format!(
            r#"{{"Version": "2012-10-17", "Statement": [{{"Effect": "Allow", "Action": "*", "Resource": {resource}}}]}}"#
        )
    }

    #[test]
    fn triggers_at_the_exact_span() {
        let src = policy(
            r#"["arn:aws:sqs:us-east-1:111122223333:example-queue", "arn:aws:sqs:us-east-1::example-queue"]"#,
        );
        assert_eq!(
            findings_of(CODE, &src, identity()),
            vec![r#""arn:aws:sqs:us-east-1::example-queue""#.to_string()]
        );
        assert_findings!(CODE, &src, identity());
        let src = policy(r#""arn:aws:iam:::role/ops""#);
        assert_eq!(
            findings_of(CODE, &src, identity()),
            vec![r#""arn:aws:iam:::role/ops""#.to_string()]
        );
        assert_findings!(CODE, &src, identity());
    }

    #[test]
    fn near_miss_is_clean() {
        for r in [
            r#""*""#,
            r#""arn:aws:sqs:us-east-1:*:example-queue""#,
            r#""arn:aws:s3:::example-bucket/*""#,
            r#""arn:aws:ec2:us-east-1::image/ami-0abcdef1234567890""#,
            r#""arn:aws:ec2:*::snapshot/*""#,
            r#""arn:aws:iam::aws:policy/ReadOnlyAccess""#,
            r#""arn:aws:ssm:us-east-1::document/AWS-RunShellScript""#,
            r#""arn:aws:ssm:*::parameter/aws/service/ami-amazon-linux-latest/*""#,
            r#""arn:aws:resource-explorer-2:*::view/AWSServiceViewForExample/service-view""#,
        ] {
            let got = findings_of(CODE, &policy(r), identity());
            assert!(got.is_empty(), "{r}: {got:?}");
        }
    }
}
