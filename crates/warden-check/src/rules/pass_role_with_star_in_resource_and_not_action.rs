//! `PASS_ROLE_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION`: `NotAction` leaves `iam:PassRole` allowed on every role.

use super::pass_role::{PassRole, Variant, TARGET};
use crate::finding::{FindingType, RuleInfo};

/// The rule.
pub static RULE: PassRole = PassRole::new(
    RuleInfo {
        code: "PASS_ROLE_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION",
        finding_type: FindingType::SecurityWarning,
        summary: "`NotAction` leaves `iam:PassRole` allowed on every role.",
        documentation: "What: an Allow statement with `NotAction` that does not exclude `iam:PassRole` and with `*` (or every role) as its resource, with no condition on `iam:PassedToService`.\nWhy: `NotAction` allows every action it does not list, so the holder can pass any role to any service and act with its permissions.\nExample: `{\"Effect\": \"Allow\", \"NotAction\": \"s3:DeleteBucket\", \"Resource\": \"*\"}`.\nFix: allow the needed actions with `Action`, or add `iam:PassRole` (or `iam:*`) to the `NotAction` list and grant it separately on named roles.",
    },
    Variant::StarInResourceAndNotAction,
    &TARGET,
);

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, identity, resource};

    const TRIGGER: &str = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "NotAction": ["s3:DeleteBucket"], "Resource": "*"}]}"#;

    #[test]
    fn triggers_at_the_exact_span() {
        assert_eq!(
            findings_of(
                "PASS_ROLE_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION",
                TRIGGER,
                identity()
            ),
            vec![r#""NotAction""#.to_string()]
        );
        assert_findings!(
            "PASS_ROLE_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION",
            TRIGGER,
            identity()
        );
    }

    #[test]
    fn near_miss_is_clean() {
        for src in [
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "NotAction": ["iam:*", "s3:DeleteBucket"], "Resource": "*"}]}"#,
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "NotAction": "s3:DeleteBucket", "Resource": "arn:aws:s3:::b/*"}]}"#,
        ] {
            assert!(
                findings_of(
                    "PASS_ROLE_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION",
                    src,
                    identity()
                )
                .is_empty(),
                "{src}"
            );
        }
        // Identity policies only.
        assert!(findings_of(
            "PASS_ROLE_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION",
            TRIGGER,
            resource()
        )
        .is_empty());
    }
}
