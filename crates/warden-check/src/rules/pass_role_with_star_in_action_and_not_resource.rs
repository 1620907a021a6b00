//! `PASS_ROLE_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE`: A wildcard action allows `iam:PassRole` with `NotResource`.

use super::pass_role::{PassRole, Variant, TARGET};
use crate::finding::{FindingType, RuleInfo};

/// The rule.
pub static RULE: PassRole = PassRole::new(
    RuleInfo {
        code: "PASS_ROLE_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE",
        finding_type: FindingType::SecurityWarning,
        summary: "A wildcard action allows `iam:PassRole` with `NotResource`.",
        documentation: "What: an Allow statement whose action is a wildcard covering `iam:PassRole` (`*`, `iam:*`, `iam:Pass*`, ...) and whose resources are given with `NotResource`.\nWhy: every role not excluded (including future ones) can be passed to a service, which then acts with that role's permissions.\nExample: `{\"Effect\": \"Allow\", \"Action\": \"*\", \"NotResource\": \"arn:aws:s3:::audit/*\"}`.\nFix: grant only the needed actions on listed resources; give `iam:PassRole` its own statement with the ARNs of the passable roles.",
    },
    Variant::StarInActionAndNotResource,
    &TARGET,
);

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, identity, resource};

    const TRIGGER: &str = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "NotResource": "arn:aws:s3:::audit/*"}]}"#;

    #[test]
    fn triggers_at_the_exact_span() {
        assert_eq!(
            findings_of(
                "PASS_ROLE_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE",
                TRIGGER,
                identity()
            ),
            vec![r#""*""#.to_string()]
        );
        assert_findings!(
            "PASS_ROLE_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE",
            TRIGGER,
            identity()
        );
    }

    #[test]
    fn near_miss_is_clean() {
        for src in [
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:PassRole", "NotResource": "arn:aws:s3:::audit/*"}]}"#,
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:Get*", "NotResource": "arn:aws:s3:::audit/*"}]}"#,
        ] {
            assert!(
                findings_of(
                    "PASS_ROLE_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE",
                    src,
                    identity()
                )
                .is_empty(),
                "{src}"
            );
        }
        // Identity policies only.
        assert!(findings_of(
            "PASS_ROLE_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE",
            TRIGGER,
            resource()
        )
        .is_empty());
    }
}
