//! `INVALID_PARTITION`: The partition of a `Resource` ARN does not exist.

use super::util::{self, ArnCheck};
use crate::finding::{FindingType, RuleInfo};

/// The rule.
pub static RULE: ArnCheck = ArnCheck::new(
    RuleInfo {
        code: "INVALID_PARTITION",
        finding_type: FindingType::Error,
        summary: "The partition of a `Resource` ARN does not exist.",
        documentation: "What: the partition field of a `Resource` or `NotResource` ARN is not one of AWS's partitions (`aws`, `aws-cn`, `aws-us-gov`, `aws-iso`, `aws-iso-b`, `aws-iso-e`, `aws-iso-f`, `aws-eusc`).\nWhy: every ARN belongs to one of these partitions, so the entry matches no resource.\nExample: `\"Resource\": \"arn:amazon:s3:::my-bucket\"`.\nFix: use the partition of the account, usually `aws` (`aws-cn` in China, `aws-us-gov` in GovCloud).",
    },
    check,
);

/// A message when the partition is not a known one.
fn check(value: &str) -> Option<String> {
    let [_, partition, service, ..] = util::arn_fields(value)?;
    if util::is_open(partition) || util::PARTITIONS.contains(&partition) {
        return None;
    }
    Some(format!(
        "the resource ARN for the service `{service}` does not support the partition `{partition}`; use one of: {}",
        util::PARTITIONS.join(", ")
    ))
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, identity};

    const CODE: &str = "INVALID_PARTITION";

    fn policy(resource: &str) -> String {
        format!(
            r#"{{"Version": "2012-10-17", "Statement": [{{"Effect": "Allow", "Action": "*", "Resource": {resource}}}]}}"#
        )
    }

    #[test]
    fn triggers_at_the_exact_span() {
        let src = policy(r#"["arn:aws-cn:s3:::b", "arn:amazon:s3:::b"]"#);
        assert_eq!(
            findings_of(CODE, &src, identity()),
            vec![r#""arn:amazon:s3:::b""#.to_string()]
        );
        assert_findings!(CODE, &src, identity());
        let src = policy(r#""arn::s3:::b""#);
        assert_eq!(
            findings_of(CODE, &src, identity()),
            vec![r#""arn::s3:::b""#.to_string()]
        );
        assert_findings!(CODE, &src, identity());
    }

    #[test]
    fn near_miss_is_clean() {
        for r in [
            r#""*""#,
            r#""arn:aws-us-gov:s3:::b""#,
            r#""arn:*:s3:::b""#,
            r#""arn:aws-iso-b:s3:::b""#,
        ] {
            assert!(findings_of(CODE, &policy(r), identity()).is_empty(), "{r}");
        }
    }
}
