//! `MISSING_ARN_REGION`: A `Resource` ARN leaves out the Region its service requires.

use super::util::{self, ArnCheck};
use crate::finding::{FindingType, RuleInfo};

/// The rule.
pub static RULE: ArnCheck = ArnCheck::new(
    RuleInfo {
        code: "MISSING_ARN_REGION",
        finding_type: FindingType::Error,
        summary: "A `Resource` ARN leaves out the Region its service requires.",
        documentation: "What: a `Resource` or `NotResource` ARN has an empty Region field, but every ARN format of its service has a Region (SQS, Lambda, DynamoDB, ...).\nWhy: real ARNs of the service always carry a Region, so the entry matches no resource.\nExample: `\"Resource\": \"arn:aws:sqs::123456789012:my-queue\"`.\nFix: add the Region, or `*` for every Region: `arn:aws:sqs:us-east-1:123456789012:my-queue`.",
    },
    check,
);

/// A message when the service's ARNs all have a Region but the value has none.
fn check(value: &str) -> Option<String> {
    let [_, _, service, region, ..] = util::arn_fields(value)?;
    if !region.is_empty() {
        return None;
    }
    let formats = util::formats(service)?;
    if !formats.iter().all(|f| !f.region.is_empty()) {
        return None;
    }
    Some(format!(
        "the service `{service}` requires a Region in the resource ARN"
    ))
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, identity};

    const CODE: &str = "MISSING_ARN_REGION";

    fn policy(resource: &str) -> String {
        format!(
            r#"{{"Version": "2012-10-17", "Statement": [{{"Effect": "Allow", "Action": "*", "Resource": {resource}}}]}}"#
        )
    }

    #[test]
    fn triggers_at_the_exact_span() {
        let src =
            policy(r#"["arn:aws:sqs:us-east-1:123456789012:q", "arn:aws:sqs::123456789012:q"]"#);
        assert_eq!(
            findings_of(CODE, &src, identity()),
            vec![r#""arn:aws:sqs::123456789012:q""#.to_string()]
        );
        assert_findings!(CODE, &src, identity());
    }

    #[test]
    fn near_miss_is_clean() {
        for r in [
            r#""*""#,
            r#""arn:aws:sqs:*:123456789012:q""#,
            r#""arn:aws:iam::123456789012:role/a""#,
            r#""arn:aws:s3:::b""#,
        ] {
            assert!(findings_of(CODE, &policy(r), identity()).is_empty(), "{r}");
        }
    }
}
