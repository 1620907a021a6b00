//! `CREATE_SLR_WITH_NOT_RESOURCE`: `iam:CreateServiceLinkedRole` is allowed with `NotResource`.

use super::create_slr::{CreateSlr, Variant, TARGET};
use crate::finding::{FindingType, RuleInfo};

/// The rule.
pub static RULE: CreateSlr = CreateSlr::new(
    RuleInfo {
        code: "CREATE_SLR_WITH_NOT_RESOURCE",
        finding_type: FindingType::Warning,
        summary: "`iam:CreateServiceLinkedRole` is allowed with `NotResource`.",
        documentation: "What: an Allow statement names `iam:CreateServiceLinkedRole` and lists its resources with `NotResource`, so it applies to every role not listed. A condition on `iam:AWSServiceName` does not silence it.\nWhy: a service-linked role carries the permissions its service needs, defined by AWS, and trusts only that service; being able to create any of them lets the holder switch on integrations (and the access they bring) for services nobody in the account chose to use. `NotResource` keeps the grant open to every service added later.\nExample: `{\"Effect\": \"Allow\", \"Action\": \"iam:CreateServiceLinkedRole\", \"NotResource\": \"arn:aws:iam::*:role/admin\"}`.\nFix: give the service-linked role ARNs the workload needs under `Resource` instead.",
    },
    Variant::NotResource,
    &TARGET,
);

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, identity, resource};

    const CODE: &str = "CREATE_SLR_WITH_NOT_RESOURCE";
    const TRIGGER: &str = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["iam:CreateServiceLinkedRole"], "NotResource": "arn:aws:iam::*:role/admin"}]}"#;

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
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:CreateServiceLinkedRole", "NotResource": "*"}]}"#,
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:CreateServiceLinkedRole", "Resource": "arn:aws:iam::*:role/aws-service-role/ecs.amazonaws.com/*"}]}"#,
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:Create*", "NotResource": "arn:aws:iam::*:role/admin"}]}"#,
        ] {
            assert!(findings_of(CODE, src, identity()).is_empty(), "{src}");
        }
        // Identity policies only.
        assert!(findings_of(CODE, TRIGGER, resource()).is_empty());
    }
}
