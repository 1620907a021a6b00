//! `CREATE_SLR_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION`: A `NotAction` leaves `iam:CreateServiceLinkedRole` allowed on every service-linked role.

use super::create_slr::{CreateSlr, Variant, TARGET};
use crate::finding::{FindingType, RuleInfo};

/// The rule.
pub static RULE: CreateSlr = CreateSlr::new(
    RuleInfo {
        code: "CREATE_SLR_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION",
        finding_type: FindingType::Warning,
        summary: "A `NotAction` leaves `iam:CreateServiceLinkedRole` allowed on every service-linked role.",
        documentation: "What: an Allow statement uses `NotAction` without excluding `iam:CreateServiceLinkedRole` (by name or by a pattern such as `iam:*`) and gives `*` (or an IAM ARN pattern covering every role) as its resource, with no condition on `iam:AWSServiceName`.\nWhy: a service-linked role carries the permissions its service needs, defined by AWS, and trusts only that service; being able to create any of them lets the holder switch on integrations (and the access they bring) for services nobody in the account chose to use. `NotAction` grants it silently, as one of everything not listed.\nExample: `{\"Effect\": \"Allow\", \"NotAction\": \"s3:*\", \"Resource\": \"*\"}`.\nFix: add `iam:CreateServiceLinkedRole` to the `NotAction` list and grant it in its own statement on the service-linked role ARNs needed.",
    },
    Variant::StarInResourceAndNotAction,
    &TARGET,
);

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, identity, resource};

    const CODE: &str = "CREATE_SLR_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION";
    const TRIGGER: &str = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "NotAction": ["s3:*", "ec2:*"], "Resource": "*"}]}"#;

    #[test]
    fn triggers_at_the_exact_span() {
        assert_eq!(
            findings_of(CODE, TRIGGER, identity()),
            vec![r#""NotAction""#.to_string()]
        );
        assert_findings!(CODE, TRIGGER, identity());
    }

    #[test]
    fn near_miss_is_clean() {
        for src in [
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}]}"#,
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "NotAction": "s3:*", "Resource": "arn:aws:s3:::b/*"}]}"#,
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "NotAction": "s3:*", "Resource": "*"}]}"#,
        ] {
            assert!(findings_of(CODE, src, identity()).is_empty(), "{src}");
        }
        // Identity policies only.
        assert!(findings_of(CODE, TRIGGER, resource()).is_empty());
    }
}
