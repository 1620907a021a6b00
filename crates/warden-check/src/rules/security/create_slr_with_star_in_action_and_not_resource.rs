//! `CREATE_SLR_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE`: A wildcard action allows `iam:CreateServiceLinkedRole` with `NotResource`.

use super::create_slr::{CreateSlr, Variant, TARGET};
use crate::finding::{FindingType, RuleInfo};

/// The rule.
pub static RULE: CreateSlr = CreateSlr::new(
    RuleInfo {
        code: "CREATE_SLR_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE",
        finding_type: FindingType::Warning,
        summary: "A wildcard action allows `iam:CreateServiceLinkedRole` with `NotResource`.",
        documentation: "What: an Allow statement grants `iam:CreateServiceLinkedRole` through a wildcard action (`*`, `iam:*`, `iam:Create*`) and lists its resources with `NotResource`.\nWhy: a service-linked role carries the permissions its service needs, defined by AWS, and trusts only that service; being able to create any of them lets the holder switch on integrations (and the access they bring) for services nobody in the account chose to use. Both elements are open-ended, so the grant covers services and roles nobody listed.\nExample: `{\"Effect\": \"Allow\", \"Action\": \"iam:*\", \"NotResource\": \"arn:aws:iam::*:role/admin\"}`.\nFix: list the actions explicitly and give the service-linked role ARNs needed under `Resource`.",
    },
    Variant::StarInActionAndNotResource,
    &TARGET,
);

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, identity, resource};

    const CODE: &str = "CREATE_SLR_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE";
    const TRIGGER: &str = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:*", "NotResource": ["arn:aws:iam::*:role/admin"]}]}"#;

    #[test]
    fn triggers_at_the_exact_span() {
        assert_eq!(
            findings_of(CODE, TRIGGER, identity()),
            vec![r#""iam:*""#.to_string()]
        );
        assert_findings!(CODE, TRIGGER, identity());
    }

    #[test]
    fn near_miss_is_clean() {
        for src in [
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:Get*", "NotResource": "arn:aws:iam::*:role/admin"}]}"#,
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:*", "Resource": "arn:aws:iam::*:role/app/*"}]}"#,
        ] {
            assert!(findings_of(CODE, src, identity()).is_empty(), "{src}");
        }
        // Identity policies only.
        assert!(findings_of(CODE, TRIGGER, resource()).is_empty());
    }
}
