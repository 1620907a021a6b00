//! `PASS_ROLE_WITH_STAR_IN_RESOURCE`: `iam:PassRole` is allowed on every role.

use super::pass_role::{PassRole, Variant, TARGET};
use crate::finding::{FindingType, RuleInfo};

/// The rule.
pub static RULE: PassRole = PassRole::new(
    RuleInfo {
        code: "PASS_ROLE_WITH_STAR_IN_RESOURCE",
        finding_type: FindingType::SecurityWarning,
        summary: "`iam:PassRole` is allowed on every role.",
        documentation: "What: an Allow statement names `iam:PassRole` and gives `*` (or an ARN pattern covering every role, such as `arn:aws:iam::111122223333:role/*`) as its resource, with no condition on `iam:PassedToService`.\nWhy: passing a role hands its permissions to a service; whoever can pass any role can start a Lambda function, an EC2 instance or a job as the most powerful role in the account, a classic privilege escalation.\nExample: `{\"Effect\": \"Allow\", \"Action\": \"iam:PassRole\", \"Resource\": \"*\"}`.\nFix: list the ARNs of the roles that may be passed, and add a condition on `iam:PassedToService` naming the service that receives them.",
    },
    Variant::StarInResource,
    &TARGET,
);

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, identity, resource};

    const TRIGGER: &str = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:GetObject", "iam:PassRole"], "Resource": "*"}]}"#;

    #[test]
    fn triggers_at_the_exact_span() {
        assert_eq!(
            findings_of("PASS_ROLE_WITH_STAR_IN_RESOURCE", TRIGGER, identity()),
            vec![r#""iam:PassRole""#.to_string()]
        );
        assert_findings!("PASS_ROLE_WITH_STAR_IN_RESOURCE", TRIGGER, identity());
    }

    #[test]
    fn near_miss_is_clean() {
        for src in [
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*", "Condition": {"StringEquals": {"iam:PassedToService": "lambda.amazonaws.com"}}}]}"#,
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "arn:aws:iam::111122223333:role/Service*"}]}"#,
        ] {
            assert!(
                findings_of("PASS_ROLE_WITH_STAR_IN_RESOURCE", src, identity()).is_empty(),
                "{src}"
            );
        }
        // Identity policies only.
        assert!(findings_of("PASS_ROLE_WITH_STAR_IN_RESOURCE", TRIGGER, resource()).is_empty());
    }
}
