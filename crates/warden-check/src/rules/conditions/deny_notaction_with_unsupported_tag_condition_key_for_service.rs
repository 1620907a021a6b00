//! `DENY_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE`: a Deny
//! with `NotAction` and a tag condition key (the check lives in
//! `unsupported_tag.rs`).

use super::unsupported_tag::UnsupportedTagKey;
use crate::finding::{FindingType, RuleInfo};
use warden_policy::policy::Effect;

/// The rule.
pub static RULE: UnsupportedTagKey = UnsupportedTagKey::new(
    RuleInfo {
        code: "DENY_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE",
        finding_type: FindingType::SecurityWarning,
        summary: "A Deny with `NotAction` uses a tag condition key, which many of the actions it covers do not support.",
        documentation: "What: a `Deny` statement with `NotAction` and a condition on a tag key (`aws:ResourceTag/…`, `aws:RequestTag/…`, `aws:TagKeys`, or a service's own `…:ResourceTag/…` key), under an operator that is false when the key is absent.\nWhy: `NotAction` covers every action not listed, in every service, including actions that AWS never evaluates the tag key for (and actions added later). For those the condition is false, so they are not denied, even on resources that carry the tag: the statement is more permissive than it reads.\nExample: `\"Effect\": \"Deny\", \"NotAction\": [\"iam:Get*\", \"iam:List*\"]` with `\"StringEquals\": {\"aws:ResourceTag/status\": \"Confidential\"}`.\nFix: list the actions to deny with `Action`; the actions that do not support the key then show up under `DENY_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE` and can be denied by resource ARN instead.",
    },
    Effect::Deny,
    true,
);

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, identity};

    const CODE: &str = "DENY_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE";

    #[test]
    fn triggers_at_the_exact_span() {
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "NotAction": ["iam:Get*", "iam:List*"], "Resource": "*", "Condition": {"ForAnyValue:StringEquals": {"aws:TagKeys": ["status"]}}}]}"#;
        assert_eq!(
            findings_of(CODE, src, identity()),
            vec![r#""aws:TagKeys""#.to_string()]
        );
        assert_findings!(CODE, src, identity());
    }

    #[test]
    fn near_miss_is_clean() {
        for src in [
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "NotAction": ["iam:Get*", "iam:List*"], "Resource": "*", "Condition": {"StringEquals": {"aws:PrincipalTag/status": "Confidential"}}}]}"#,
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "NotAction": ["iam:Get*", "iam:List*"], "Resource": "*", "Condition": {"ForAllValues:StringEquals": {"aws:TagKeys": ["status"]}}}]}"#,
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "NotAction": ["iam:Get*", "iam:List*"], "Resource": "*", "Condition": {"StringEquals": {"aws:ResourceTag/status": "Confidential"}}}]}"#,
        ] {
            assert!(findings_of(CODE, src, identity()).is_empty(), "{src}");
        }
    }
}
