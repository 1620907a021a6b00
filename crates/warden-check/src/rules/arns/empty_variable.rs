//! `EMPTY_VARIABLE`: a policy variable with nothing inside `${}`.

use super::variables::{Kind, MalformedVariable};
use crate::finding::{FindingType, RuleInfo};

/// The rule.
pub static RULE: MalformedVariable = MalformedVariable::new(
    RuleInfo {
        code: "EMPTY_VARIABLE",
        finding_type: FindingType::Error,
        summary: "A policy variable names no key: `${}`.",
        documentation: "What: a `Resource`, `NotResource` or `Condition` value contains `${}` (or only whitespace, or only a default value) where a request context key should be named.\nWhy: there is nothing to substitute, so AWS keeps the text literally; the author most likely lost the key while editing.\nExample: `\"Resource\": \"arn:aws:s3:::home/${}/*\"`.\nFix: name the key (`${aws:username}`), or remove the `${}` structure.",
    },
    Kind::Empty,
    "empty policy variable: remove the variable structure or provide a variable within the structure",
);

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, identity};

    const CODE: &str = "EMPTY_VARIABLE";

    fn policy(resource: &str, condition: &str) -> String {
        format!(
            r#"{{"Version": "2012-10-17", "Statement": [{{"Effect": "Allow", "Action": "s3:GetObject", "Resource": {resource}, "Condition": {{"StringLike": {{"s3:prefix": {condition}}}}}}}]}}"#
        )
    }

    #[test]
    fn triggers_at_the_exact_span() {
        let src = policy(
            r#"["arn:aws:s3:::home/${aws:username}/*", "arn:aws:s3:::home/${}/*"]"#,
            r#""${ , 'anon'}/*""#,
        );
        assert_eq!(
            findings_of(CODE, &src, identity()),
            vec!["${}".to_string(), "${ , 'anon'}".to_string()]
        );
        assert_findings!(CODE, &src, identity());
    }

    #[test]
    fn near_miss_is_clean() {
        for (r, c) in [
            (
                r#""arn:aws:s3:::home/${aws:username}/*""#,
                r#""${*}${?}${$}""#,
            ),
            (r#""arn:aws:s3:::home/{}/*""#, r#""$""#),
        ] {
            assert!(
                findings_of(CODE, &policy(r, c), identity()).is_empty(),
                "{r} {c}"
            );
        }
    }
}
