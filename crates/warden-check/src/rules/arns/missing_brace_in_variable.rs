//! `MISSING_BRACE_IN_VARIABLE`: a policy variable without its closing `}`.

use super::variables::{Kind, MalformedVariable};
use crate::finding::{FindingType, RuleInfo};

/// The rule.
pub static RULE: MalformedVariable = MalformedVariable::new(
    RuleInfo {
        code: "MISSING_BRACE_IN_VARIABLE",
        finding_type: FindingType::Error,
        summary: "A policy variable has no closing `}`.",
        documentation: "What: a `Resource`, `NotResource` or `Condition` value opens a policy variable with `${` but no `}` follows before the next `${` or the end of the value.\nWhy: without the closing brace AWS does not see a variable; the text, `${` included, is compared literally and almost certainly matches nothing.\nExample: `\"Resource\": \"arn:aws:s3:::home/${aws:username/*\"`.\nFix: close the variable: `arn:aws:s3:::home/${aws:username}/*`.",
    },
    Kind::MissingBrace,
    "the policy variable is missing a closing curly brace; add } after the variable text",
);

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, identity};

    const CODE: &str = "MISSING_BRACE_IN_VARIABLE";

    fn policy(resource: &str, condition: &str) -> String {
        format!(
            r#"{{"Version": "2012-10-17", "Statement": [{{"Effect": "Allow", "Action": "s3:GetObject", "Resource": {resource}, "Condition": {{"StringEquals": {{"aws:PrincipalTag/team": {condition}}}}}}}]}}"#
        )
    }

    #[test]
    fn triggers_at_the_exact_span() {
        let src = policy(
            r#"["arn:aws:s3:::home/${aws:username}/*", "arn:aws:s3:::home/${aws:username/*"]"#,
            r#""${aws:PrincipalTag/x/${aws:username}""#,
        );
        assert_eq!(
            findings_of(CODE, &src, identity()),
            vec![
                "${aws:username/*".to_string(),
                "${aws:PrincipalTag/x/".to_string()
            ]
        );
        assert_findings!(CODE, &src, identity());
    }

    #[test]
    fn escaped_json_falls_back_to_the_value() {
        let src = policy(r#""arn:aws:s3:::h\u006fme/${aws:username""#, r#""a""#);
        assert_eq!(
            findings_of(CODE, &src, identity()),
            vec![r#""arn:aws:s3:::h\u006fme/${aws:username""#.to_string()]
        );
    }

    #[test]
    fn near_miss_is_clean() {
        for (r, c) in [
            (
                r#""arn:aws:s3:::home/${aws:username}/*""#,
                r#""${aws:userid, 'x'}""#,
            ),
            (r#""arn:aws:s3:::home/$aws:username/*""#, r#""{a}""#),
            (r#""arn:aws:s3:::home/${*}""#, r#""$ {a""#),
        ] {
            assert!(
                findings_of(CODE, &policy(r, c), identity()).is_empty(),
                "{r} {c}"
            );
        }
        // Version 2008-10-17: no variables at all.
        let src = policy(r#""arn:aws:s3:::home/${aws:username""#, r#""a""#)
            .replace("2012-10-17", "2008-10-17");
        assert!(findings_of(CODE, &src, identity()).is_empty());
    }
}
