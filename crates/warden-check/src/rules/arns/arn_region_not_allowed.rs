//! `ARN_REGION_NOT_ALLOWED`: A `Resource` ARN names a Region where its service has none.

use super::util::{self, ArnCheck};
use crate::finding::{FindingType, RuleInfo};

/// The rule.
pub static RULE: ArnCheck = ArnCheck::new(
    RuleInfo {
        code: "ARN_REGION_NOT_ALLOWED",
        finding_type: FindingType::Error,
        summary: "A `Resource` ARN names a Region where its service has none.",
        documentation: "What: a `Resource` or `NotResource` ARN has a Region, but every ARN format of its service leaves the Region field empty (IAM, S3 buckets, Route 53, ...).\nWhy: the resources of such services are global; their ARNs never carry a Region, so the entry matches no resource.\nExample: `\"Resource\": \"arn:aws:iam:us-east-1:123456789012:role/app\"`.\nFix: leave the Region field empty: `arn:aws:iam::123456789012:role/app`.",
    },
    check,
);

/// A message when the service's ARNs have no Region but the value has one.
fn check(value: &str) -> Option<String> {
    let [_, _, service, region, ..] = util::arn_fields(value)?;
    if region.is_empty() || util::is_open(region) {
        return None;
    }
    let formats = util::formats(service)?;
    if !formats.iter().all(|f| f.region.is_empty()) {
        return None;
    }
    Some(format!(
        "the service `{service}` does not support specifying a Region in the resource ARN"
    ))
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, identity};

    const CODE: &str = "ARN_REGION_NOT_ALLOWED";

    fn policy(resource: &str) -> String {
        format!(
            r#"{{"Version": "2012-10-17", "Statement": [{{"Effect": "Allow", "Action": "*", "Resource": {resource}}}]}}"#
        )
    }

    #[test]
    fn triggers_at_the_exact_span() {
        let src = policy(
            r#"["arn:aws:iam::123456789012:role/a", "arn:aws:iam:us-east-1:123456789012:role/a"]"#,
        );
        assert_eq!(
            findings_of(CODE, &src, identity()),
            vec![r#""arn:aws:iam:us-east-1:123456789012:role/a""#.to_string()]
        );
        assert_findings!(CODE, &src, identity());
    }

    #[test]
    fn near_miss_is_clean() {
        for r in [
            r#""*""#,
            r#""arn:aws:iam:*:123456789012:role/a""#,
            r#""arn:aws:sqs:us-east-1:123456789012:q""#,
            r#""arn:aws:s3:us-east-1:123456789012:accesspoint/a""#,
        ] {
            assert!(findings_of(CODE, &policy(r), identity()).is_empty(), "{r}");
        }
    }
}
