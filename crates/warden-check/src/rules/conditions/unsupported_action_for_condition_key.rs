//! `UNSUPPORTED_ACTION_FOR_CONDITION_KEY`: a service condition key next to
//! named actions that AWS does not evaluate it for.

use super::support::{is_tag_key, named_actions_without_key, positive_actions};
use super::util::{classify, conditions, KeyClass};
use crate::finding::{FindingType, Findings, RuleInfo};
use crate::rules::Rule;
use crate::CheckContext;
use warden_policy::operator::OperatorKind;

/// The rule.
pub static RULE: UnsupportedActionForConditionKey = UnsupportedActionForConditionKey;

/// Reports service condition keys that some named actions of the statement
/// do not support.
pub struct UnsupportedActionForConditionKey;

static INFO: RuleInfo = RuleInfo {
    code: "UNSUPPORTED_ACTION_FOR_CONDITION_KEY",
    finding_type: FindingType::Error,
    summary: "A condition key is not evaluated for some of the statement's actions.",
    documentation: "What: a statement with `Action` and a condition on a service-specific key (`s3:prefix`, `kms:ViaService`, `ec2:InstanceType`, …) where some actions named in full (no `*` or `?`) are actions for which the Service Authorization Reference does not list the key, neither for the action nor for its resource types. Actions with wildcards are not judged, as in Access Analyzer. Global `aws:` keys, which are present in any request they apply to, are not judged here, and tag keys have their own checks (`…_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE`); `Null` conditions, which test presence on purpose, are left alone.\nWhy: the key is absent from requests for those actions, so the condition does not restrict them as intended: it is simply false (or, with `…IfExists` and negated operators, simply true) for them.\nExample: `\"Action\": [\"s3:ListBucket\", \"s3:GetObject\"]` with `\"StringLike\": {\"s3:prefix\": \"home/\"}`: `s3:GetObject` has no `s3:prefix`.\nFix: move the actions that do not support the key to another statement without the condition.",
};

impl Rule for UnsupportedActionForConditionKey {
    fn info(&self) -> &RuleInfo {
        &INFO
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings<'_>) {
        for (st, c) in conditions(cx) {
            if c.operator.is_none_or(|op| op.kind == OperatorKind::Null) {
                continue;
            }
            let KeyClass::Known(key) = classify(&c.key.value) else {
                continue;
            };
            if key.is_global() || is_tag_key(&c.key.value) {
                continue;
            }
            let Some(actions) = positive_actions(st) else {
                continue;
            };
            let missing = named_actions_without_key(actions, &c.key.value);
            if missing.is_empty() {
                continue;
            }
            let names: Vec<&str> = missing.iter().map(|a| a.value.as_str()).collect();
            out.report(
                c.key.span,
                format!(
                    "the condition key {} is not evaluated for these actions: {}; the condition does not apply to them as written. Move them to a statement without this key",
                    c.key.value,
                    names.join(", ")
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, identity};

    const CODE: &str = "UNSUPPORTED_ACTION_FOR_CONDITION_KEY";

    #[test]
    fn triggers_at_the_exact_span() {
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:ListBucket", "s3:GetObject"], "Resource": "*", "Condition": {"StringLike": {"s3:prefix": "home/", "aws:PrincipalAccount": "111122223333"}}}]}"#;
        assert_eq!(
            findings_of(CODE, src, identity()),
            vec![r#""s3:prefix""#.to_string()]
        );
        assert_findings!(CODE, src, identity());
        let out = crate::check(src, &identity());
        let f = out.iter().find(|f| f.code == CODE).unwrap();
        assert!(f.message.contains("s3:GetObject") && !f.message.contains("s3:ListBucket"));
    }

    #[test]
    fn near_miss_is_clean() {
        for src in [
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*", "Condition": {"StringLike": {"s3:prefix": "home/"}}}]}"#,
            // Wildcard actions are not judged.
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:List*", "s3:Get*"], "Resource": "*", "Condition": {"StringLike": {"s3:prefix": "home/"}}}]}"#,
            // Null tests presence on purpose.
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:ListBucket", "s3:GetObject"], "Resource": "*", "Condition": {"Null": {"s3:prefix": "true"}}}]}"#,
            // NotAction is not judged.
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "NotAction": "s3:GetObject", "Resource": "*", "Condition": {"StringLike": {"s3:prefix": "home/"}}}]}"#,
        ] {
            assert!(findings_of(CODE, src, identity()).is_empty(), "{src}");
        }
    }
}
