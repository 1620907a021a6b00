//! `ALLOW_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE`: an Allow
//! with `NotAction` and a tag condition key (the check lives in
//! `unsupported_tag.rs`).

use super::unsupported_tag::UnsupportedTagKey;
use crate::finding::{FindingType, RuleInfo};
use warden_policy::policy::Effect;

/// The rule.
pub static RULE: UnsupportedTagKey = UnsupportedTagKey::new(
    RuleInfo {
        code: "ALLOW_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE",
        finding_type: FindingType::Suggestion,
        summary: "An Allow with `NotAction` uses a tag condition key, which many of the actions it covers do not support.",
        documentation: "What: an `Allow` statement with `NotAction` and a condition on a tag key (`aws:ResourceTag/…`, `aws:RequestTag/…`, `aws:TagKeys`, or a service's own `…:ResourceTag/…` key), under an operator that is false when the key is absent.\nWhy: `NotAction` covers every action not listed, in every service, including actions that AWS never evaluates the tag key for (and actions added later). For those the condition is false, so the statement grants only the actions that support the key, which is rarely what `NotAction` was meant to say.\nExample: `\"Effect\": \"Allow\", \"NotAction\": \"iam:*\"` with `\"StringEquals\": {\"aws:ResourceTag/team\": \"blue\"}`.\nFix: list the actions to allow with `Action`; the actions that do not support the key then show up under `ALLOW_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE`.",
    },
    Effect::Allow,
    true,
);

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, identity};

    const CODE: &str = "ALLOW_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE";

    #[test]
    fn triggers_at_the_exact_span() {
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "NotAction": "iam:*", "Resource": "*", "Condition": {"StringEquals": {"aws:ResourceTag/team": "blue", "aws:PrincipalTag/team": "blue"}}}]}"#;
        assert_eq!(
            findings_of(CODE, src, identity()),
            vec![r#""aws:ResourceTag/team""#.to_string()]
        );
        assert_findings!(CODE, src, identity());
    }

    #[test]
    fn near_miss_is_clean() {
        for src in [
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "ec2:StartInstances", "Resource": "*", "Condition": {"StringEquals": {"aws:ResourceTag/team": "blue"}}}]}"#,
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "NotAction": "iam:*", "Resource": "*", "Condition": {"StringNotEquals": {"aws:ResourceTag/team": "red"}}}]}"#,
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "NotAction": "iam:*", "Resource": "*", "Condition": {"StringEquals": {"aws:ResourceTag/team": "blue"}}}]}"#,
        ] {
            assert!(findings_of(CODE, src, identity()).is_empty(), "{src}");
        }
    }
}
