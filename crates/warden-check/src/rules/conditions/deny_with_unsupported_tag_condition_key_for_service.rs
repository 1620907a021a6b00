//! `DENY_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE`: a Deny whose tag
//! condition key is not evaluated for some of its actions (the check lives
//! in `unsupported_tag.rs`).

use super::unsupported_tag::UnsupportedTagKey;
use crate::finding::{FindingType, RuleInfo};
use warden_policy::policy::Effect;

/// The rule.
pub static RULE: UnsupportedTagKey = UnsupportedTagKey::new(
    RuleInfo {
        code: "DENY_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE",
        finding_type: FindingType::SecurityWarning,
        summary: "A Deny with `Action` uses a tag condition key that some of its services' actions do not support.",
        documentation: "What: a `Deny` statement with `Action` and a condition on a tag key (`aws:ResourceTag/…`, `aws:RequestTag/…`, `aws:TagKeys`, or a service's own `…:ResourceTag/…` key) where some listed actions are not ones AWS evaluates that key for (per the Service Authorization Reference: a named action whose entry does not list the key, or a service of which no action matched by a pattern lists it). Operators that hold for an absent key (`…IfExists`, negated operators, `ForAllValues`, `Null`) are not reported.\nWhy: the key is missing from those requests, so the condition is false and the Deny never applies to those actions, even on resources carrying the tag: the guard the statement seems to set is not there.\nExample: `\"Effect\": \"Deny\", \"Action\": [\"backup:DeleteBackupPlan\", \"sqs:PurgeQueue\"]` with `\"StringEquals\": {\"aws:ResourceTag/status\": \"Confidential\"}` when the queue action does not take resource tags.\nFix: move the actions of those services to their own Deny scoped by resource ARN (a naming convention such as `…:Confidential-*`). Do not switch to `StringEqualsIfExists`: for actions without the key that denies every request.",
    },
    Effect::Deny,
    false,
);

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, identity};

    const CODE: &str = "DENY_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE";

    #[test]
    fn triggers_at_the_exact_span() {
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": ["ec2:TerminateInstances", "s3:ListAllMyBuckets"], "Resource": "*", "Condition": {"StringEquals": {"aws:ResourceTag/status": "Confidential"}}}]}"#;
        assert_eq!(
            findings_of(CODE, src, identity()),
            vec![r#""aws:ResourceTag/status""#.to_string()]
        );
        assert_findings!(CODE, src, identity());
    }

    #[test]
    fn near_miss_is_clean() {
        for src in [
            // AWS's own example shape: only actions that take resource tags.
            r#"{"Version": "2012-10-17", "Statement": [{"Sid": "DenyDeleteTagged", "Effect": "Deny", "Action": ["appmesh:DeleteMesh", "backup:DeleteBackupPlan"], "Resource": "*", "Condition": {"StringEquals": {"aws:ResourceTag/status": "Confidential"}}}, {"Sid": "DenyDeleteNamed", "Effect": "Deny", "Action": "s3:DeleteBucket", "Resource": "arn:aws:s3:::confidential-*"}]}"#,
            // Null tests presence: denied exactly when the tag is missing.
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": ["ec2:TerminateInstances", "s3:ListAllMyBuckets"], "Resource": "*", "Condition": {"Null": {"aws:ResourceTag/status": "true"}}}]}"#,
        ] {
            assert!(findings_of(CODE, src, identity()).is_empty(), "{src}");
        }
    }
}
