//! `PASS_ROLE_WITH_NOT_ACTION_AND_NOT_RESOURCE`: `NotAction` and `NotResource` leave `iam:PassRole` allowed.

use super::pass_role::{PassRole, Variant, TARGET};
use crate::finding::{FindingType, RuleInfo};

/// The rule.
pub static RULE: PassRole = PassRole::new(
    RuleInfo {
        code: "PASS_ROLE_WITH_NOT_ACTION_AND_NOT_RESOURCE",
        finding_type: FindingType::SecurityWarning,
        summary: "`NotAction` and `NotResource` leave `iam:PassRole` allowed.",
        documentation: "What: an Allow statement with both `NotAction` (not excluding `iam:PassRole`) and `NotResource`.\nWhy: the statement allows nearly everything on nearly everything, including passing any role that is not excluded to any service and acting with its permissions.\nExample: `{\"Effect\": \"Allow\", \"NotAction\": \"s3:DeleteBucket\", \"NotResource\": \"arn:aws:s3:::audit\"}`.\nFix: rewrite the statement with `Action` and `Resource` lists; if roles must be passed, grant `iam:PassRole` on named roles only.",
    },
    Variant::NotActionAndNotResource,
    &TARGET,
);

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, identity, resource};

    const TRIGGER: &str = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "NotAction": "s3:DeleteBucket", "NotResource": "arn:aws:s3:::audit"}]}"#;

    #[test]
    fn triggers_at_the_exact_span() {
        assert_eq!(
            findings_of(
                "PASS_ROLE_WITH_NOT_ACTION_AND_NOT_RESOURCE",
                TRIGGER,
                identity()
            ),
            vec![r#""NotAction""#.to_string()]
        );
        assert_findings!(
            "PASS_ROLE_WITH_NOT_ACTION_AND_NOT_RESOURCE",
            TRIGGER,
            identity()
        );
    }

    #[test]
    fn near_miss_is_clean() {
        for src in [
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "NotAction": ["iam:PassRole"], "NotResource": "arn:aws:s3:::audit"}]}"#,
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "NotAction": "s3:DeleteBucket", "NotResource": "*"}]}"#,
        ] {
            assert!(
                findings_of(
                    "PASS_ROLE_WITH_NOT_ACTION_AND_NOT_RESOURCE",
                    src,
                    identity()
                )
                .is_empty(),
                "{src}"
            );
        }
        // Identity policies only.
        assert!(findings_of(
            "PASS_ROLE_WITH_NOT_ACTION_AND_NOT_RESOURCE",
            TRIGGER,
            resource()
        )
        .is_empty());
    }
}
