//! `ALLOW_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE`: an Allow whose tag
//! condition key is not evaluated for some of its actions (the check lives
//! in `unsupported_tag.rs`).

use super::unsupported_tag::UnsupportedTagKey;
use crate::finding::{FindingType, RuleInfo};
use warden_policy::policy::Effect;

/// The rule.
pub static RULE: UnsupportedTagKey = UnsupportedTagKey::new(
    RuleInfo {
        code: "ALLOW_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE",
        finding_type: FindingType::Suggestion,
        summary: "An Allow with `Action` uses a tag condition key that some of its services' actions do not support.",
        documentation: "What: an `Allow` statement with `Action` and a condition on a tag key (`aws:ResourceTag/…`, `aws:RequestTag/…`, `aws:TagKeys`, or a service's own `…:ResourceTag/…` key) where some listed actions are not ones AWS evaluates that key for (per the Service Authorization Reference: a named action whose entry does not list the key, or a service of which no action matched by a pattern lists it). Operators that hold for an absent key (`…IfExists`, negated operators, `ForAllValues`, `Null`) are not reported.\nWhy: the key is missing from those requests, so the condition is false and the statement never grants those actions, however the resource is tagged.\nExample: `\"Action\": [\"backup:GetBackupPlan\", \"sqs:ReceiveMessage\"]` with `\"StringEquals\": {\"aws:ResourceTag/team\": \"blue\"}` when the queue action does not take resource tags.\nFix: move the actions of those services to their own statement and scope it by resource ARN (a naming convention) instead of tags. Do not switch to `StringEqualsIfExists` or `StringNotEquals`: for actions without the key they match every request.",
    },
    Effect::Allow,
    false,
);

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, identity};

    const CODE: &str = "ALLOW_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE";

    #[test]
    fn triggers_at_the_exact_span() {
        // s3:ListAllMyBuckets has no resource type, so no resource tags.
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["ec2:StartInstances", "s3:ListAllMyBuckets"], "Resource": "*", "Condition": {"StringEquals": {"aws:ResourceTag/team": "blue"}}}]}"#;
        assert_eq!(
            findings_of(CODE, src, identity()),
            vec![r#""aws:ResourceTag/team""#.to_string()]
        );
        assert_findings!(CODE, src, identity());
        let out = crate::check(src, &identity());
        let f = out.iter().find(|f| f.code == CODE).unwrap();
        assert!(f.message.contains(": s3;"), "{}", f.message);
    }

    #[test]
    fn near_miss_is_clean() {
        for src in [
            // Every action supports the key.
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["ec2:StartInstances", "ec2:StopInstances"], "Resource": "*", "Condition": {"StringEquals": {"aws:ResourceTag/team": "blue"}}}]}"#,
            // IfExists holds for the unsupported action: another problem, not this one.
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["ec2:StartInstances", "s3:ListAllMyBuckets"], "Resource": "*", "Condition": {"StringEqualsIfExists": {"aws:ResourceTag/team": "blue"}}}]}"#,
            // A Deny is the other rule's.
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": ["ec2:StartInstances", "s3:ListAllMyBuckets"], "Resource": "*", "Condition": {"StringEquals": {"aws:ResourceTag/team": "blue"}}}]}"#,
            // STS evaluates AssumeRole and TagSession in one request context.
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/Caller"}, "Action": ["sts:AssumeRole", "sts:TagSession"], "Condition": {"StringEquals": {"aws:RequestTag/project": "blue"}}}]}"#,
            // A pattern over a service some of whose actions support the key.
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "ec2:*", "Resource": "*", "Condition": {"StringEquals": {"aws:ResourceTag/team": "blue"}}}]}"#,
        ] {
            assert!(findings_of(CODE, src, identity()).is_empty(), "{src}");
        }
    }
}
