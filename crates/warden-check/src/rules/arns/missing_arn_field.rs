//! `MISSING_ARN_FIELD`: An ARN in `Resource` has fewer than six fields.

use super::util::{self, ArnCheck};
use crate::finding::{FindingType, RuleInfo};

/// The rule.
pub static RULE: ArnCheck = ArnCheck::new(
    RuleInfo {
        code: "MISSING_ARN_FIELD",
        finding_type: FindingType::Error,
        summary: "An ARN in `Resource` has fewer than six fields.",
        documentation: "What: a `Resource` or `NotResource` entry starts with `arn:` but has fewer than the six `:`-separated fields `arn:partition:service:region:account:resource`.\nWhy: such a string is not an ARN and matches no resource; usually the empty region and account fields of a global resource were collapsed.\nExample: `\"Resource\": \"arn:aws:s3:my-bucket\"`.\nFix: keep every field, even empty ones: `arn:aws:s3:::my-bucket`.",
    },
    check,
);

/// A message when an `arn:` value without wildcards lacks fields.
fn check(value: &str) -> Option<String> {
    if !value.starts_with("arn:") || util::is_open(value) {
        return None;
    }
    if warden_policy::arn::split_fields(value).is_some() {
        return None;
    }
    Some(format!(
        "`{value}` is missing ARN fields: an ARN has the form arn:partition:service:region:account:resource"
    ))
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, identity};

    const CODE: &str = "MISSING_ARN_FIELD";

    fn policy(resource: &str) -> String {
        format!(
            r#"{{"Version": "2012-10-17", "Statement": [{{"Effect": "Allow", "Action": "*", "Resource": {resource}}}]}}"#
        )
    }

    #[test]
    fn triggers_at_the_exact_span() {
        let src = policy(r#"["arn:aws:s3:::b", "arn:aws:s3:b"]"#);
        assert_eq!(
            findings_of(CODE, &src, identity()),
            vec![r#""arn:aws:s3:b""#.to_string()]
        );
        assert_findings!(CODE, &src, identity());
    }

    #[test]
    fn near_miss_is_clean() {
        for r in [
            r#""*""#,
            r#""arn:aws:s3:::b""#,
            r#""arn:aws:s3:*""#,
            r#""bucket""#,
        ] {
            assert!(findings_of(CODE, &policy(r), identity()).is_empty(), "{r}");
        }
    }
}
