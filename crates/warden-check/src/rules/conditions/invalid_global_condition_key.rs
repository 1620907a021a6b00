//! `INVALID_GLOBAL_CONDITION_KEY`: an `aws:` condition key that does not exist.

use super::util::{classify, conditions, KeyClass};
use crate::finding::{FindingType, Findings, RuleInfo};
use crate::rules::Rule;
use crate::CheckContext;

/// The rule.
pub static RULE: InvalidGlobalConditionKey = InvalidGlobalConditionKey;

/// Reports `aws:` keys that are not global condition keys.
pub struct InvalidGlobalConditionKey;

static INFO: RuleInfo = RuleInfo {
    code: "INVALID_GLOBAL_CONDITION_KEY",
    finding_type: FindingType::Error,
    summary: "An `aws:` condition key that is not a global condition key.",
    documentation: "What: a condition key with the `aws:` prefix that is not among AWS's global condition context keys (names compare case-insensitively; `aws:ARN` and tag keys without a tag name have their own codes).\nWhy: no request context ever carries the key, so the condition never matches as intended: an Allow grants nothing, and a Deny guarded by it (without `IfExists`) never applies or always applies depending on the operator.\nExample: `\"StringEquals\": {\"aws:SourceAcount\": \"111122223333\"}`.\nFix: correct the name (`aws:SourceAccount`); `warden` lists the global keys with `warden keys aws`.",
};

impl Rule for InvalidGlobalConditionKey {
    fn info(&self) -> &RuleInfo {
        &INFO
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings<'_>) {
        for (_, c) in conditions(cx) {
            if let KeyClass::UnknownGlobal = classify(&c.key.value) {
                out.report(
                    c.key.span,
                    format!(
                        "the condition key `{}` is not a global condition key",
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

    const CODE: &str = "INVALID_GLOBAL_CONDITION_KEY";

    #[test]
    fn triggers_at_the_exact_span() {
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"StringEquals": {"aws:SourceAccount": "111122223333", "aws:SourceAcount": "111122223333"}}}]}"#;
        assert_eq!(
            findings_of(CODE, src, identity()),
            vec![r#""aws:SourceAcount""#.to_string()]
        );
        assert_findings!(CODE, src, identity());
    }

    #[test]
    fn near_miss_is_clean() {
        for src in [
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"StringEquals": {"AWS:sourceaccount": "111122223333", "aws:PrincipalTag/team": "a"}}}]}"#,
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"ArnEquals": {"aws:ARN": "arn:aws:iam::111122223333:role/r"}}}]}"#,
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"StringEquals": {"aws:ResourceTag": "a"}}}]}"#,
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"StringEquals": {"s3:nosuchkey": "a"}}}]}"#,
        ] {
            assert!(findings_of(CODE, src, identity()).is_empty(), "{src}");
        }
    }
}
