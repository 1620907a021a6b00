//! `RESTRICT_ACCESS_TO_SERVICE_PRINCIPAL`: a resource policy allows a
//! service principal without tying it to a source.

use super::util::{has_source_key, service_principals, SOURCE_KEYS};
use crate::finding::{FindingType, Findings, RuleInfo};
use crate::rules::Rule;
use crate::{CheckContext, PolicyType};
use warden_policy::policy::Effect;

/// The rule.
pub static RULE: RestrictAccessToServicePrincipal = RestrictAccessToServicePrincipal;

/// Reports service principals of Allow statements of resource policies
/// without any of [`SOURCE_KEYS`].
pub struct RestrictAccessToServicePrincipal;

static INFO: RuleInfo = RuleInfo {
    code: "RESTRICT_ACCESS_TO_SERVICE_PRINCIPAL",
    finding_type: FindingType::SecurityWarning,
    summary: "A resource policy grants access to a service principal without naming the source.",
    documentation: "What: an Allow statement of a resource policy (other than a role trust policy) whose `Principal` names a service (`\"Service\": \"sns.amazonaws.com\"`) and whose `Condition` tests none of `aws:SourceArn`, `aws:SourceAccount`, `aws:SourceOrgID` and `aws:SourceOrgPaths`.\nWhy: the service acts for every one of its customers. Without a source condition, anyone can point their own resource of that service at yours (a topic, a trail, a distribution) and the service will use your grant for them: the confused deputy problem.\nExample: a queue policy allowing `sqs:SendMessage` to `sns.amazonaws.com` with no condition lets any account's SNS topic publish into the queue.\nFix: add `\"ArnEquals\": {\"aws:SourceArn\": \"arn:aws:sns:us-east-1:111122223333:my-topic\"}`, or `aws:SourceAccount` / `aws:SourceOrgID` when the exact resource is not known.",
};

impl Rule for RestrictAccessToServicePrincipal {
    fn info(&self) -> &RuleInfo {
        &INFO
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings<'_>) {
        if cx.options.policy_type != PolicyType::Resource || cx.options.is_trust_policy() {
            return;
        }
        for st in cx.policy.into_iter().flat_map(|p| &p.statements) {
            if st.effect.value != Effect::Allow || has_source_key(st) {
                continue;
            }
            for sp in service_principals(st) {
                out.report(
                    sp.span,
                    format!(
                        "Granting access to the service principal {} without specifying a source is overly permissive; restrict it with one of {}",
                        sp.value,
                        SOURCE_KEYS.join(", ")
                    ),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, identity, resource, trust};

    const CODE: &str = "RESTRICT_ACCESS_TO_SERVICE_PRINCIPAL";

    #[test]
    fn triggers_at_the_exact_span() {
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": ["sns.amazonaws.com"], "AWS": "arn:aws:iam::111122223333:root"}, "Action": "sqs:SendMessage", "Resource": "*", "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-abcdefghij"}}}]}"#;
        assert_eq!(
            findings_of(CODE, src, resource()),
            vec![r#""sns.amazonaws.com""#.to_string()]
        );
        assert_findings!(CODE, src, resource());
    }

    #[test]
    fn near_miss_is_clean() {
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "sns.amazonaws.com"}, "Action": "sqs:SendMessage", "Resource": "*", "Condition": {"ArnEquals": {"aws:SourceArn": "arn:aws:sns:us-east-1:111122223333:t"}}}]}"#;
        assert!(findings_of(CODE, src, resource()).is_empty());
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "sns.amazonaws.com"}, "Action": "sqs:SendMessage", "Resource": "*", "Condition": {"StringEquals": {"aws:sourceaccount": "111122223333"}}}]}"#;
        assert!(findings_of(CODE, src, resource()).is_empty());
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Principal": {"Service": "sns.amazonaws.com"}, "Action": "sqs:SendMessage", "Resource": "*"}]}"#;
        assert!(findings_of(CODE, src, resource()).is_empty());
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]}"#;
        assert!(findings_of(CODE, src, trust()).is_empty());
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "*"}]}"#;
        assert!(findings_of(CODE, src, identity()).is_empty());
    }
}
