//! `INVALID_SERVICE_CONDITION_KEY`: a key that its (known) service does not define.

use super::util::{classify, conditions, KeyClass};
use crate::finding::{FindingType, Findings, RuleInfo};
use crate::rules::suggest::closest;
use crate::rules::Rule;
use crate::CheckContext;

/// The rule.
pub static RULE: InvalidServiceConditionKey = InvalidServiceConditionKey;

/// Reports `service:key` names whose service is known but has no such key.
pub struct InvalidServiceConditionKey;

static INFO: RuleInfo = RuleInfo {
    code: "INVALID_SERVICE_CONDITION_KEY",
    finding_type: FindingType::Error,
    summary: "A condition key that its service does not define.",
    documentation: "What: the key's prefix names a real service, but neither that service nor any other lists a condition key with this name (compared case-insensitively, tag-key templates included).\nWhy: the key is never in a request context, so the condition never matches the way it was written to: an Allow guarded by it grants nothing, and a Deny guarded by it does not protect anything.\nExample: `\"StringEquals\": {\"s3:x-amz-acl-grant\": \"private\"}`.\nFix: use one of the service's keys (`s3:x-amz-acl` here); `warden keys <service>` lists them.",
};

impl Rule for InvalidServiceConditionKey {
    fn info(&self) -> &RuleInfo {
        &INFO
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings<'_>) {
        for (_, c) in conditions(cx) {
            let KeyClass::UnknownService(service) = classify(&c.key.value) else {
                continue;
            };
            let message = match closest(
                &c.key.value,
                service
                    .condition_keys()
                    .map(|k| k.name())
                    .filter(|n| !n.contains("${") && !n.contains('<')),
            ) {
                Some(s) => format!(
                    "the service `{}` has no condition key `{}`; did you mean `{s}`?",
                    service.prefix(),
                    c.key.value
                ),
                None => format!(
                    "the service `{}` has no condition key `{}`",
                    service.prefix(),
                    c.key.value
                ),
            };
            out.report(c.key.span, message);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, identity};

    const CODE: &str = "INVALID_SERVICE_CONDITION_KEY";

    #[test]
    fn triggers_at_the_exact_span() {
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"StringEquals": {"s3:x-amz-acl": "private", "s3:x-amz-acl-grant": "private"}}}]}"#;
        assert_eq!(
            findings_of(CODE, src, identity()),
            vec![r#""s3:x-amz-acl-grant""#.to_string()]
        );
        assert_findings!(CODE, src, identity());
    }

    #[test]
    fn near_miss_is_clean() {
        for src in [
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"StringEquals": {"S3:X-Amz-Acl": "private", "s3:ExistingObjectTag/team": "a", "ec2:ResourceTag/env": "prod"}}}]}"#,
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"StringEquals": {"nosuchservice:key": "a", "aws:nosuchkey": "b"}}}]}"#,
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"StringEquals": {"s3:ExistingObjectTag": "a"}}}]}"#,
        ] {
            assert!(findings_of(CODE, src, identity()).is_empty(), "{src}");
        }
    }
}
