//! `CREATE_SLR_WITH_STAR_IN_RESOURCE`: `iam:CreateServiceLinkedRole` is allowed on every service-linked role.

use super::create_slr::{CreateSlr, Variant, TARGET};
use crate::finding::{FindingType, RuleInfo};

/// The rule.
pub static RULE: CreateSlr = CreateSlr::new(
    RuleInfo {
        code: "CREATE_SLR_WITH_STAR_IN_RESOURCE",
        finding_type: FindingType::Warning,
        summary: "`iam:CreateServiceLinkedRole` is allowed on every service-linked role.",
        documentation: "What: an Allow statement names `iam:CreateServiceLinkedRole` and gives `*` (or an IAM ARN pattern covering every role, such as `arn:aws:iam::*:role/aws-service-role/*`) as its resource, with no condition on `iam:AWSServiceName` or only one whose values have wildcards (`*a4b.amazonaws.com` still matches an open set of services).\nWhy: a service-linked role carries the permissions its service needs, defined by AWS, and trusts only that service; being able to create any of them lets the holder switch on integrations (and the access they bring) for services nobody in the account chose to use.\nExample: `{\"Effect\": \"Allow\", \"Action\": \"iam:CreateServiceLinkedRole\", \"Resource\": \"*\"}`.\nFix: list the ARNs of the service-linked roles the workload needs (`arn:aws:iam::*:role/aws-service-role/<service principal>/*`), or add a `StringEquals` condition on `iam:AWSServiceName` naming the services.",
    },
    Variant::StarInResource,
    &TARGET,
);

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, identity, resource};

    const CODE: &str = "CREATE_SLR_WITH_STAR_IN_RESOURCE";
    const TRIGGER: &str = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["iam:ListRoles", "iam:CreateServiceLinkedRole"], "Resource": "*"}]}"#;

    #[test]
    fn triggers_at_the_exact_span() {
        assert_eq!(
            findings_of(CODE, TRIGGER, identity()),
            vec![r#""iam:CreateServiceLinkedRole""#.to_string()]
        );
        assert_findings!(CODE, TRIGGER, identity());
    }

    #[test]
    fn near_miss_is_clean() {
        for src in [
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:CreateServiceLinkedRole", "Resource": "*", "Condition": {"StringEquals": {"iam:AWSServiceName": "elasticbeanstalk.amazonaws.com"}}}]}"#,
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:CreateServiceLinkedRole", "Resource": "arn:aws:iam::*:role/aws-service-role/elasticbeanstalk.amazonaws.com/*"}]}"#,
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:Create*", "Resource": "*"}]}"#,
        ] {
            assert!(findings_of(CODE, src, identity()).is_empty(), "{src}");
        }
        // A wildcard service name does not answer the finding.
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:CreateServiceLinkedRole", "Resource": "*", "Condition": {"StringLike": {"iam:AWSServiceName": "*a4b.amazonaws.com"}}}]}"#;
        assert_eq!(
            findings_of(CODE, src, identity()),
            vec![r#""iam:CreateServiceLinkedRole""#.to_string()]
        );
        for src in [] {
            assert!(findings_of(CODE, src, identity()).is_empty(), "{src}");
        }
        // Identity policies only.
        assert!(findings_of(CODE, TRIGGER, resource()).is_empty());
    }
}
