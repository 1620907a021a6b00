//! `CREATE_SLR_WITH_STAR_IN_ACTION_AND_RESOURCE`: A wildcard action allows `iam:CreateServiceLinkedRole` on every service-linked role.

use super::create_slr::{CreateSlr, Variant, TARGET};
use crate::finding::{FindingType, RuleInfo};

/// The rule.
pub static RULE: CreateSlr = CreateSlr::new(
    RuleInfo {
        code: "CREATE_SLR_WITH_STAR_IN_ACTION_AND_RESOURCE",
        finding_type: FindingType::Warning,
        summary: "A wildcard action allows `iam:CreateServiceLinkedRole` on every service-linked role.",
        documentation: "What: an Allow statement grants `iam:CreateServiceLinkedRole` through a wildcard action (`*`, `iam:*`, `iam:Create*`) and gives `*` (or an IAM ARN pattern covering every role) as its resource, with no condition on `iam:AWSServiceName`.\nWhy: a service-linked role carries the permissions its service needs, defined by AWS, and trusts only that service; being able to create any of them lets the holder switch on integrations (and the access they bring) for services nobody in the account chose to use. The wildcard makes the grant easy to miss in review.\nExample: `{\"Effect\": \"Allow\", \"Action\": \"iam:*\", \"Resource\": \"*\"}`.\nFix: list the actions explicitly and give the ARNs of the service-linked roles needed, or add a condition on `iam:AWSServiceName`.",
    },
    Variant::StarInActionAndResource,
    &TARGET,
);

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, identity, resource};

    const CODE: &str = "CREATE_SLR_WITH_STAR_IN_ACTION_AND_RESOURCE";
    const TRIGGER: &str = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:GetObject", "iam:Create*"], "Resource": "*"}]}"#;

    #[test]
    fn triggers_at_the_exact_span() {
        assert_eq!(
            findings_of(CODE, TRIGGER, identity()),
            vec![r#""iam:Create*""#.to_string()]
        );
        assert_findings!(CODE, TRIGGER, identity());
    }

    #[test]
    fn near_miss_is_clean() {
        for src in [
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:*", "Resource": "*", "Condition": {"StringLike": {"iam:AWSServiceName": "ecs.amazonaws.com"}}}]}"#,
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["iam:*", "iam:CreateServiceLinkedRole"], "Resource": "*"}]}"#,
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:Get*", "Resource": "*"}]}"#,
        ] {
            assert!(findings_of(CODE, src, identity()).is_empty(), "{src}");
        }
        // Identity policies only.
        assert!(findings_of(CODE, TRIGGER, resource()).is_empty());
    }
}
