//! `UNSUPPORTED_SPACE_IN_VARIABLE`: whitespace in a policy variable's name.

use super::variables::{Kind, MalformedVariable};
use crate::finding::{FindingType, RuleInfo};

/// The rule.
pub static RULE: MalformedVariable = MalformedVariable::new(
    RuleInfo {
        code: "UNSUPPORTED_SPACE_IN_VARIABLE",
        finding_type: FindingType::Error,
        summary: "A policy variable's name contains a space.",
        documentation: "What: the key name of a policy variable in a `Resource`, `NotResource` or `Condition` value contains whitespace, for instance around the name or inside it. A space after the comma before a default value, or inside the quoted default, is fine.\nWhy: AWS does not accept spaces in the variable name, so the `${...}` is not read as a variable and is compared literally.\nExample: `\"Resource\": \"arn:aws:s3:::home/${ aws:username }/*\"`.\nFix: remove the spaces: `${aws:username}`.",
    },
    Kind::Space,
    "a space is not supported within the policy variable text; remove the space",
);

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, identity};

    const CODE: &str = "UNSUPPORTED_SPACE_IN_VARIABLE";

    fn policy(resource: &str, condition: &str) -> String {
        format!(
            r#"{{"Version": "2012-10-17", "Statement": [{{"Effect": "Allow", "Action": "s3:GetObject", "Resource": {resource}, "Condition": {{"StringEquals": {{"aws:ResourceTag/owner": {condition}}}}}}}]}}"#
        )
    }

    #[test]
    fn triggers_at_the_exact_span() {
        let src = policy(
            r#""arn:aws:s3:::home/${ aws:username }/*""#,
            r#"["${aws:username}", "${aws:PrincipalTag/cost center, 'x'}"]"#,
        );
        assert_eq!(
            findings_of(CODE, &src, identity()),
            vec![
                "${ aws:username }".to_string(),
                "${aws:PrincipalTag/cost center, 'x'}".to_string()
            ]
        );
        assert_findings!(CODE, &src, identity());
    }

    #[test]
    fn near_miss_is_clean() {
        for (r, c) in [
            (
                r#""arn:aws:s3:::home/${aws:username, 'no one'}/*""#,
                r#""${aws:username}""#,
            ),
            (r#""arn:aws:s3:::home/ ${aws:username} /*""#, r#""a b""#),
        ] {
            assert!(
                findings_of(CODE, &policy(r, c), identity()).is_empty(),
                "{r} {c}"
            );
        }
    }
}
