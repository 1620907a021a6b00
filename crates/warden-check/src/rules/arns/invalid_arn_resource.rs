//! `INVALID_ARN_RESOURCE`: the resource part of a `Resource` ARN fits none
//! of its service's ARN formats.

use super::resource_formats::{literal_start, open_arn_fields, resource_formats, value_pattern};
use super::util::{self, ArnCheck};
use crate::finding::{FindingType, RuleInfo};

/// The rule.
pub static RULE: ArnCheck = ArnCheck::new(
    RuleInfo {
        code: "INVALID_ARN_RESOURCE",
        finding_type: FindingType::Error,
        summary: "The resource part of a `Resource` ARN fits none of its service's ARN formats.",
        documentation: "What: the part after the account of a `Resource` or `NotResource` ARN cannot be the resource part of any ARN format that the catalog lists for the ARN's service. Wildcards and policy variables are read generously: the entry is reported only when no ARN it could match fits any format (`arn:aws:iam::111122223333:role/*` fits `role/${RoleNameWithPath}`; `arn:aws:iam::111122223333:rol/ops` fits nothing). Services the catalog does not know, or whose service field is itself a wildcard, are not judged.\nWhy: the entry matches no resource the service has, so the permission it was meant to grant (or deny) never applies; usually a misspelt resource type (`rol/`, `tables/`) or a missing type prefix.\nExample: `\"Resource\": \"arn:aws:dynamodb:us-east-1:111122223333:tables/orders\"`.\nFix: write the resource part as the service documents it (`table/orders`), as listed in the Service Authorization Reference.",
    },
    check,
);

/// A message when no format of the service could fit the resource part.
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
    let [_, _, service, _, _, resource] = open_arn_fields(value)?;
    if util::is_open(&service) || resource.is_empty() {
        return None;
    }
    let formats = resource_formats(&service)?;
    let pattern = value_pattern(&resource);
    let first = literal_start(&resource);
    if formats
        .iter()
        .any(|f| f.may_start_with(first) && pattern.intersects(&f.resource))
    {
        return None;
    }
    Some(format!(
        "the resource `{resource}` does not match any ARN format of the service `{service}`; update the resource part of the ARN"
    ))
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, identity};

    const CODE: &str = "INVALID_ARN_RESOURCE";

    fn policy(resource: &str) -> String {
        format!(
            r#"{{"Version": "2012-10-17", "Statement": [{{"Effect": "Allow", "Action": "*", "Resource": {resource}}}]}}"#
        )
    }

    #[test]
    fn triggers_at_the_exact_span() {
        let src = policy(
            r#"["arn:aws:dynamodb:us-east-1:111122223333:table/orders", "arn:aws:dynamodb:us-east-1:111122223333:tables/orders"]"#,
        );
        assert_eq!(
            findings_of(CODE, &src, identity()),
            vec![r#""arn:aws:dynamodb:us-east-1:111122223333:tables/orders""#.to_string()]
        );
        assert_findings!(CODE, &src, identity());
        let src = policy(r#""arn:aws:iam::111122223333:rol/ops""#);
        assert_eq!(
            findings_of(CODE, &src, identity()),
            vec![r#""arn:aws:iam::111122223333:rol/ops""#.to_string()]
        );
        assert_findings!(CODE, &src, identity());
    }

    #[test]
    fn near_miss_is_clean() {
        for r in [
            r#""*""#,
            r#""arn:aws:iam::111122223333:role/*""#,
            r#""arn:aws:iam::111122223333:*""#,
            r#""arn:aws:iam::111122223333:ro?e/ops""#,
            r#""arn:aws:iam::111122223333:${aws:username}""#,
            r#""arn:aws:kms:*:${aws:PrincipalAccount}:key/*""#,
            r#""arn:aws:backup:us-east-1:111122223333:recovery-point:*""#,
            r#""arn:aws:s3:::example-bucket/logs/*""#,
            r#""arn:aws:logs:us-east-1:111122223333:log-group:/app/web:*""#,
            r#""arn:aws:not-a-service:us-east-1:111122223333:thing/x""#,
            r#""arn:aws:*:us-east-1:111122223333:thing/x""#,
        ] {
            let got = findings_of(CODE, &policy(r), identity());
            assert!(got.is_empty(), "{r}: {got:?}");
        }
    }
}
