//! `CREATE_SLR_WITH_NOT_ACTION_AND_NOT_RESOURCE`: A `NotAction` and a `NotResource` leave `iam:CreateServiceLinkedRole` allowed.

use super::create_slr::{CreateSlr, Variant, TARGET};
use crate::finding::{FindingType, RuleInfo};

/// The rule.
pub static RULE: CreateSlr = CreateSlr::new(
    RuleInfo {
        code: "CREATE_SLR_WITH_NOT_ACTION_AND_NOT_RESOURCE",
        finding_type: FindingType::Warning,
        summary: "A `NotAction` and a `NotResource` leave `iam:CreateServiceLinkedRole` allowed.",
        documentation: "What: an Allow statement uses both `NotAction` (without excluding `iam:CreateServiceLinkedRole`) and `NotResource`.\nWhy: a service-linked role carries the permissions its service needs, defined by AWS, and trusts only that service; being able to create any of them lets the holder switch on integrations (and the access they bring) for services nobody in the account chose to use. With both elements negated, the statement grants nearly everything, service-linked role creation included.\nExample: `{\"Effect\": \"Allow\", \"NotAction\": \"s3:*\", \"NotResource\": \"arn:aws:s3:::audit/*\"}`.\nFix: list the actions and resources needed under `Action` and `Resource`, or add `iam:CreateServiceLinkedRole` to the `NotAction` list.",
    },
    Variant::NotActionAndNotResource,
    &TARGET,
);

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, identity, resource};

    const CODE: &str = "CREATE_SLR_WITH_NOT_ACTION_AND_NOT_RESOURCE";
    const TRIGGER: &str = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "NotAction": "s3:*", "NotResource": "arn:aws:s3:::audit/*"}]}"#;

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
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "NotAction": "iam:CreateServiceLinkedRole", "NotResource": "arn:aws:s3:::audit/*"}]}"#,
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "NotAction": "s3:*", "NotResource": "arn:aws:s3:::audit/*"}]}"#,
        ] {
            assert!(findings_of(CODE, src, identity()).is_empty(), "{src}");
        }
        // Identity policies only.
        assert!(findings_of(CODE, TRIGGER, resource()).is_empty());
    }
}
