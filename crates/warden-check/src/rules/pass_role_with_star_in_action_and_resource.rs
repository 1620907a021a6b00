//! `PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE`: A wildcard action allows `iam:PassRole` on every role.

use super::pass_role::{PassRole, Variant, TARGET};
use crate::finding::{FindingType, RuleInfo};

/// The rule.
pub static RULE: PassRole = PassRole::new(
    RuleInfo {
        code: "PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE",
        finding_type: FindingType::SecurityWarning,
        summary: "A wildcard action allows `iam:PassRole` on every role.",
        documentation: "What: an Allow statement whose action is a wildcard that covers `iam:PassRole` (`*`, `iam:*`, `iam:Pass*`, ...) and whose resource is `*` or every role, with no condition on `iam:PassedToService`.\nWhy: besides everything else it grants, the statement lets the holder pass any role to any service, and so act with that role's permissions.\nExample: `{\"Effect\": \"Allow\", \"Action\": \"iam:*\", \"Resource\": \"*\"}`.\nFix: grant only the IAM actions needed; move `iam:PassRole` to its own statement with the ARNs of the passable roles and an `iam:PassedToService` condition.",
    },
    Variant::StarInActionAndResource,
    &TARGET,
);

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, identity, resource};

    const TRIGGER: &str = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:GetObject", "iam:*"], "Resource": "*"}]}"#;

    #[test]
    fn triggers_at_the_exact_span() {
        assert_eq!(
            findings_of(
                "PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE",
                TRIGGER,
                identity()
            ),
            vec![r#""iam:*""#.to_string()]
        );
        assert_findings!(
            "PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE",
            TRIGGER,
            identity()
        );
    }

    #[test]
    fn near_miss_is_clean() {
        for src in [
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*"}]}"#,
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:Get*", "Resource": "*"}]}"#,
        ] {
            assert!(
                findings_of(
                    "PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE",
                    src,
                    identity()
                )
                .is_empty(),
                "{src}"
            );
        }
        // Identity policies only.
        assert!(findings_of(
            "PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE",
            TRIGGER,
            resource()
        )
        .is_empty());
    }
}
