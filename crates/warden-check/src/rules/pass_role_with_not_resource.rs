//! `PASS_ROLE_WITH_NOT_RESOURCE`: `iam:PassRole` is allowed with `NotResource`.

use super::pass_role::{PassRole, Variant, TARGET};
use crate::finding::{FindingType, RuleInfo};

/// The rule.
pub static RULE: PassRole = PassRole::new(
    RuleInfo {
        code: "PASS_ROLE_WITH_NOT_RESOURCE",
        finding_type: FindingType::SecurityWarning,
        summary: "`iam:PassRole` is allowed with `NotResource`.",
        documentation: "What: an Allow statement names `iam:PassRole` and gives its resources with `NotResource`.\nWhy: `NotResource` covers every resource it does not list, so every role outside the exclusions (including roles created later) can be passed to a service and used for its permissions.\nExample: `{\"Effect\": \"Allow\", \"Action\": \"iam:PassRole\", \"NotResource\": \"arn:aws:iam::111122223333:role/Admin\"}`.\nFix: list the passable roles under `Resource`, and add a condition on `iam:PassedToService`.",
    },
    Variant::NotResource,
    &TARGET,
);

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, identity, resource};

    const TRIGGER: &str = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:PassRole", "NotResource": "arn:aws:iam::111122223333:role/Admin"}]}"#;

    #[test]
    fn triggers_at_the_exact_span() {
        assert_eq!(
            findings_of("PASS_ROLE_WITH_NOT_RESOURCE", TRIGGER, identity()),
            vec![r#""iam:PassRole""#.to_string()]
        );
        assert_findings!("PASS_ROLE_WITH_NOT_RESOURCE", TRIGGER, identity());
    }

    #[test]
    fn near_miss_is_clean() {
        for src in [
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "arn:aws:iam::111122223333:role/AppRole"}]}"#,
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "NotResource": "arn:aws:s3:::secret/*"}]}"#,
        ] {
            assert!(
                findings_of("PASS_ROLE_WITH_NOT_RESOURCE", src, identity()).is_empty(),
                "{src}"
            );
        }
        // Identity policies only.
        assert!(findings_of("PASS_ROLE_WITH_NOT_RESOURCE", TRIGGER, resource()).is_empty());
    }
}
