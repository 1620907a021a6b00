//! `MISSING_QUOTE_IN_VARIABLE`: a variable default not in single quotes.

use super::variables::{Kind, MalformedVariable};
use crate::finding::{FindingType, RuleInfo};

/// The rule.
pub static RULE: MalformedVariable = MalformedVariable::new(
    RuleInfo {
        code: "MISSING_QUOTE_IN_VARIABLE",
        finding_type: FindingType::Error,
        summary: "A policy variable's default value is not enclosed in single quotes.",
        documentation: "What: a policy variable in a `Resource`, `NotResource` or `Condition` value has a default value (after the comma) that does not start and end with a single quote `'`.\nWhy: AWS only recognises `${key, 'default'}`; otherwise the whole `${...}` is not a variable and is compared as literal text, so the value matches nothing useful.\nExample: `\"Resource\": \"arn:aws:s3:::home/${aws:username, anonymous}/*\"`.\nFix: quote the default: `${aws:username, 'anonymous'}`.",
    },
    Kind::MissingQuote,
    "the policy variable default value must begin and end with a single quote; add the missing quote",
);

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, identity};

    const CODE: &str = "MISSING_QUOTE_IN_VARIABLE";

    fn policy(resource: &str, condition: &str) -> String {
        format!(
            r#"{{"Version": "2012-10-17", "Statement": [{{"Effect": "Allow", "Action": "s3:GetObject", "Resource": {resource}, "Condition": {{"StringLike": {{"s3:prefix": {condition}}}}}}}]}}"#
        )
    }

    #[test]
    fn triggers_at_the_exact_span() {
        let src = policy(
            r#""arn:aws:s3:::home/${aws:username, anonymous}/*""#,
            r#"["${aws:userid, 'anon'}", "home/${aws:userid, 'anon}/*"]"#,
        );
        assert_eq!(
            findings_of(CODE, &src, identity()),
            vec![
                "${aws:username, anonymous}".to_string(),
                "${aws:userid, 'anon}".to_string()
            ]
        );
        assert_findings!(CODE, &src, identity());
    }

    #[test]
    fn near_miss_is_clean() {
        for (r, c) in [
            (
                r#""arn:aws:s3:::home/${aws:username, 'anonymous'}/*""#,
                r#""${aws:userid,'a b'}""#,
            ),
            (r#""arn:aws:s3:::home/${aws:username}/*""#, r#""a, b""#),
        ] {
            assert!(
                findings_of(CODE, &policy(r, c), identity()).is_empty(),
                "{r} {c}"
            );
        }
    }
}
