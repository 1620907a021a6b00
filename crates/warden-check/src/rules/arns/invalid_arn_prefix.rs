//! `INVALID_ARN_PREFIX`: A `Resource` value is neither `*` nor an ARN.

use super::util::ArnCheck;
use crate::finding::{FindingType, RuleInfo};

/// The rule.
pub static RULE: ArnCheck = ArnCheck::new(
    RuleInfo {
        code: "INVALID_ARN_PREFIX",
        finding_type: FindingType::Error,
        summary: "A `Resource` value is neither `*` nor an ARN.",
        documentation: "What: a `Resource` or `NotResource` entry does not start with `arn:` (and is not `*`).\nWhy: IAM compares resources as ARNs; a bare name such as a bucket or role name matches no resource, so the statement silently grants or denies nothing.\nExample: `\"Resource\": \"my-bucket/*\"`.\nFix: write the full ARN, `arn:aws:s3:::my-bucket/*`.",
    },
    check,
);

/// A message when `value` cannot start with `arn:`.
fn check(value: &str) -> Option<String> {
    if value.is_empty() || value.starts_with("arn:") {
        return None;
    }
    // A wildcard or variable before `arn:` is complete may still spell it.
    if let Some(i) = value.find(['*', '?', '$']) {
        if "arn:".starts_with(value.get(..i).unwrap_or_default()) {
            return None;
        }
    }
    Some(format!(
        "`{value}` is not an ARN: add the required `arn:` prefix"
    ))
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, identity};

    const CODE: &str = "INVALID_ARN_PREFIX";

    fn policy(resource: &str) -> String {
        format!(
            r#"{{"Version": "2012-10-17", "Statement": [{{"Effect": "Allow", "Action": "*", "Resource": {resource}}}]}}"#
        )
    }

    #[test]
    fn triggers_at_the_exact_span() {
        let src = policy(r#"["arn:aws:s3:::b", "my-bucket/*"]"#);
        assert_eq!(
            findings_of(CODE, &src, identity()),
            vec![r#""my-bucket/*""#.to_string()]
        );
        assert_findings!(CODE, &src, identity());
        let src = policy(r#""ARN:aws:s3:::b""#);
        assert_eq!(
            findings_of(CODE, &src, identity()),
            vec![r#""ARN:aws:s3:::b""#.to_string()]
        );
        assert_findings!(CODE, &src, identity());
    }

    #[test]
    fn near_miss_is_clean() {
        for r in [
            r#""*""#,
            r#""arn:aws:s3:::b""#,
            r#""ar*""#,
            r#""${aws:username}""#,
            r#""arn*""#,
        ] {
            assert!(findings_of(CODE, &policy(r), identity()).is_empty(), "{r}");
        }
    }
}
