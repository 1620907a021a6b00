//! `UNSUPPORTED_ACTION_IN_POLICY`: a resource policy of a known resource
//! type names an action of another service.

use super::unsupported_resource_arn_in_policy::{allowed, may_be_one_of};
use crate::finding::{FindingType, Findings, RuleInfo};
use crate::rules::Rule;
use crate::CheckContext;

/// The rule.
pub static RULE: UnsupportedAction = UnsupportedAction;

/// Reports `Action`/`NotAction` entries whose service prefix cannot be a
/// service of the policy's resource type.
pub struct UnsupportedAction;

static INFO: RuleInfo = RuleInfo {
    code: "UNSUPPORTED_ACTION_IN_POLICY",
    finding_type: FindingType::Error,
    summary: "A resource policy names an action its resource type cannot govern.",
    documentation: "What: the policy is checked as the resource policy of a given resource type (`--resource-type`), and an `Action` or `NotAction` entry belongs to another service: anything but `s3:` actions in the policy of a bucket, an access point or a Multi-Region Access Point, anything but `s3-object-lambda:` in an Object Lambda access point's, anything but `dynamodb:` in a table's. A prefix with a wildcard is reported only when it can match none of the allowed services; `*` is accepted.\nWhy: a resource policy only decides about requests to its own resource, and requests to another service never reach it, so the entry has no effect.\nExample: `\"Action\": \"kms:Decrypt\"` in a bucket policy.\nFix: remove the entry, and grant the other service's action in that resource's policy or in an identity policy.",
};

impl Rule for UnsupportedAction {
    fn info(&self) -> &RuleInfo {
        &INFO
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings<'_>) {
        let Some(allowed) = allowed(cx.options) else {
            return;
        };
        for st in cx.policy.iter().flat_map(|p| &p.statements) {
            for v in st.action.iter().flat_map(|a| &a.values) {
                let prefix = match v.value.split_once(':') {
                    Some((prefix, _)) => prefix,
                    None if v.value.bytes().all(|b| b == b'*') => continue,
                    None => v.value.as_str(),
                };
                if !may_be_one_of(prefix, allowed.action_services) {
                    out.report(
                        v.span,
                        format!(
                            "the action `{}` is not supported for the resource-based policy attached to the resource type {}",
                            v.value, allowed.name
                        ),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, resource};
    use crate::{Options, PolicyType, ResourceType};

    const CODE: &str = "UNSUPPORTED_ACTION_IN_POLICY";

    fn of(resource_type: ResourceType) -> Options {
        Options {
            policy_type: PolicyType::Resource,
            resource_type: Some(resource_type),
            deep: false,
        }
    }

    fn policy(actions: &str) -> String {
        format!(
            r#"{{"Version": "2012-10-17", "Statement": [{{"Effect": "Allow", "Principal": {{"AWS": "arn:aws:iam::111122223333:root"}}, "Action": {actions}, "Resource": "arn:aws:s3:::example-bucket/*"}}]}}"#
        )
    }

    #[test]
    fn triggers_at_the_exact_span() {
        let src = policy(r#"["s3:GetObject", "kms:Decrypt"]"#);
        assert_eq!(
            findings_of(CODE, &src, of(ResourceType::S3Bucket)),
            vec![r#""kms:Decrypt""#.to_string()]
        );
        assert_findings!(CODE, &src, of(ResourceType::S3Bucket));
        let src = policy(r#"["dynamodb:GetItem", "s3:GetObject"]"#);
        assert_eq!(
            findings_of(CODE, &src, of(ResourceType::DynamoDbTable)),
            vec![r#""s3:GetObject""#.to_string()]
        );
        assert_findings!(CODE, &src, of(ResourceType::DynamoDbTable));
    }

    #[test]
    fn near_miss_is_clean() {
        let src = policy(r#"["*", "s3:*", "S3:GetObject", "s?:List*"]"#);
        assert!(findings_of(CODE, &src, of(ResourceType::S3AccessPoint)).is_empty());
        let src = policy(r#""kms:Decrypt""#);
        assert!(findings_of(CODE, &src, resource()).is_empty());
    }
}
