//! `MISSING_TAG_KEY_IN_CONDITION`: a tag condition key written without its tag key.

use super::util::{classify, conditions, KeyClass};
use crate::finding::{FindingType, Findings, RuleInfo};
use crate::rules::Rule;
use crate::CheckContext;

/// The rule.
pub static RULE: MissingTagKeyInCondition = MissingTagKeyInCondition;

/// Reports `aws:ResourceTag`, `aws:RequestTag/`, `s3:ExistingObjectTag` and
/// the other tag keys written without the `/tag-key` part.
pub struct MissingTagKeyInCondition;

static INFO: RuleInfo = RuleInfo {
    code: "MISSING_TAG_KEY_IN_CONDITION",
    finding_type: FindingType::Error,
    summary: "A tag condition key is missing its `/tag-key` part.",
    documentation: "What: a tag condition key such as `aws:ResourceTag`, `aws:RequestTag`, `aws:PrincipalTag` or a service's `...Tag` key, written without the name of the tag after `/` (or with nothing after the `/`).\nWhy: these keys exist only per tag (`aws:ResourceTag/owner`); the bare name is never in a request context, so the condition does not test any tag.\nExample: `\"StringEquals\": {\"aws:ResourceTag\": \"JaneDoe\"}`.\nFix: name the tag: `\"StringEquals\": {\"aws:ResourceTag/owner\": \"JaneDoe\"}`; to test which tag keys a request carries, use `aws:TagKeys`.",
};

impl Rule for MissingTagKeyInCondition {
    fn info(&self) -> &RuleInfo {
        &INFO
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings<'_>) {
        for (_, c) in conditions(cx) {
            if let KeyClass::MissingTagKey(prefix) = classify(&c.key.value) {
                out.report(
                    c.key.span,
                    format!(
                        "the condition key `{}` needs a tag key: write it as `{prefix}tag-key`",
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

    const CODE: &str = "MISSING_TAG_KEY_IN_CONDITION";

    #[test]
    fn triggers_at_the_exact_span() {
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"StringEquals": {"aws:ResourceTag": "JaneDoe", "aws:RequestTag/": "x", "s3:ExistingObjectTag": "y", "aws:PrincipalTag/team": "z"}}}]}"#;
        assert_eq!(
            findings_of(CODE, src, identity()),
            vec![
                r#""aws:ResourceTag""#.to_string(),
                r#""aws:RequestTag/""#.to_string(),
                r#""s3:ExistingObjectTag""#.to_string()
            ]
        );
        assert_findings!(CODE, src, identity());
    }

    #[test]
    fn near_miss_is_clean() {
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"StringEquals": {"aws:ResourceTag/owner": "JaneDoe", "aws:TagKeys": "x", "kms:EncryptionContext": "y", "aws:Tag": "z"}}}]}"#;
        assert!(findings_of(CODE, src, identity()).is_empty());
    }
}
