//! `INVALID_CONDITION_KEY_FORMAT`: a condition key not written `service:keyname`.

use super::util::{classify, conditions, KeyClass};
use crate::finding::{FindingType, Findings, RuleInfo};
use crate::rules::Rule;
use crate::CheckContext;

/// The rule.
pub static RULE: InvalidConditionKeyFormat = InvalidConditionKeyFormat;

/// Reports condition keys without a `service:` prefix or without a name.
pub struct InvalidConditionKeyFormat;

static INFO: RuleInfo = RuleInfo {
    code: "INVALID_CONDITION_KEY_FORMAT",
    finding_type: FindingType::Error,
    summary: "A condition key is not of the form `service:keyname`.",
    documentation: "What: a key inside a condition operator that lacks the `prefix:` part, has an empty prefix or name, or contains whitespace.\nWhy: every context key is named by a service prefix (`aws` for the global keys) and a key name; anything else never matches a request context key, so the condition cannot behave as intended.\nExample: `\"StringEquals\": {\"SourceVpc\": \"vpc-1a2b3c4d\"}`.\nFix: write the full key name, e.g. `aws:SourceVpc`.",
};

impl Rule for InvalidConditionKeyFormat {
    fn info(&self) -> &RuleInfo {
        &INFO
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings<'_>) {
        for (_, c) in conditions(cx) {
            if let KeyClass::BadFormat = classify(&c.key.value) {
                out.report(
                    c.key.span,
                    format!(
                        "the condition key `{}` is not of the form service:keyname",
                        c.key.value
                    ),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, identity};

    const CODE: &str = "INVALID_CONDITION_KEY_FORMAT";

    #[test]
    fn triggers_at_the_exact_span() {
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"StringEquals": {"SourceVpc": "vpc-1a2b3c4d", "aws:SourceVpce": "vpce-1a2b3c4d"}}}]}"#;
        assert_eq!(
            findings_of(CODE, src, identity()),
            vec![r#""SourceVpc""#.to_string()]
        );
        assert_findings!(CODE, src, identity());
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"Bool": {"aws:": "true"}}}]}"#;
        assert_eq!(
            findings_of(CODE, src, identity()),
            vec![r#""aws:""#.to_string()]
        );
        assert_findings!(CODE, src, identity());
    }

    #[test]
    fn near_miss_is_clean() {
        for src in [
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"StringEquals": {"aws:SourceVpc": "vpc-1a2b3c4d"}}}]}"#,
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRoleWithWebIdentity", "Resource": "*", "Condition": {"StringEquals": {"accounts.google.com:aud": "123.apps.googleusercontent.com"}}}]}"#,
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"StringEquals": {"aws:nosuchkey": "x"}}}]}"#,
        ] {
            assert!(findings_of(CODE, src, identity()).is_empty(), "{src}");
        }
    }
}
