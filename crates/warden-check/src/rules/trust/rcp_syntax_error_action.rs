//! `RCP_SYNTAX_ERROR_ACTION`: an RCP action of a service that resource
//! control policies do not cover.

use super::Rule;
use crate::finding::{FindingType, Findings, RuleInfo};
use crate::{CheckContext, PolicyType};
use warden_catalog::glob::{glob_match, has_wildcard};

/// The rule.
pub static RULE: RcpAction = RcpAction;

/// Reports RCP `Action` entries whose service prefix is not one that RCPs
/// support, at the entry.
pub struct RcpAction;

/// The service prefixes whose resources resource control policies govern,
/// as AWS Organizations lists them.
pub(super) const RCP_SERVICES: &[&str] = &[
    "aoss",
    "cognito-idp",
    "dynamodb",
    "ecr",
    "kms",
    "logs",
    "s3",
    "secretsmanager",
    "sqs",
    "sts",
];

static INFO: RuleInfo = RuleInfo {
    code: "RCP_SYNTAX_ERROR_ACTION",
    finding_type: FindingType::Error,
    summary: "An RCP action names a service that RCPs do not support.",
    documentation: "What: an `Action` entry of a resource control policy whose service prefix is not one of the services RCPs apply to: Amazon S3, AWS STS, AWS KMS, Amazon SQS, AWS Secrets Manager, Amazon ECR, Amazon OpenSearch Serverless, Amazon Cognito user pools, Amazon CloudWatch Logs and Amazon DynamoDB. A prefix with a wildcard is reported only when it can match none of them; `*` alone is accepted.\nWhy: RCPs restrict access to the resources of the supported services only; Organizations does not accept actions of other services in an RCP.\nExample: `{\"Effect\": \"Deny\", \"Principal\": \"*\", \"Action\": \"ec2:TerminateInstances\", \"Resource\": \"*\"}` in an RCP.\nFix: use a service control policy for other services, or name actions of a supported service.",
};

impl Rule for RcpAction {
    fn info(&self) -> &RuleInfo {
        &INFO
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings<'_>) {
        if cx.options.policy_type != PolicyType::ResourceControl {
            return;
        }
        for st in cx.policy.iter().flat_map(|p| &p.statements) {
            // NotAction is RCP_SYNTAX_ERROR_NOTACTION's finding.
            let Some(action) = st.action.as_ref().filter(|a| !a.negated) else {
                continue;
            };
            for v in &action.values {
                let prefix = match v.value.split_once(':') {
                    Some((prefix, _)) => prefix,
                    None if v.value.bytes().all(|b| b == b'*') => continue,
                    None => v.value.as_str(),
                };
                let supported = if has_wildcard(prefix) {
                    RCP_SERVICES.iter().any(|s| glob_match(prefix, s, true))
                } else {
                    RCP_SERVICES.iter().any(|s| s.eq_ignore_ascii_case(prefix))
                };
                if !supported {
                    out.report(
                        v.span,
                        format!("the service prefix `{prefix}` is not supported in resource control policies"),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, rcp, resource};

    const CODE: &str = "RCP_SYNTAX_ERROR_ACTION";

    fn policy(actions: &str) -> String {
        format!(
            r#"{{"Version": "2012-10-17", "Statement": [{{"Effect": "Deny", "Principal": "*", "Action": {actions}, "Resource": "*", "Condition": {{"Bool": {{"aws:SecureTransport": "false"}}}}}}]}}"#
        )
    }

    #[test]
    fn triggers_at_the_exact_span() {
        let src = policy(r#"["s3:*", "ec2:TerminateInstances", "e*:Describe*"]"#);
        assert_eq!(
            findings_of(CODE, &src, rcp()),
            vec![r#""ec2:TerminateInstances""#.to_string()]
        );
        assert_findings!(CODE, &src, rcp());
        let src = policy(r#""lambda:InvokeFunction""#);
        assert_eq!(
            findings_of(CODE, &src, rcp()),
            vec![r#""lambda:InvokeFunction""#.to_string()]
        );
        assert_findings!(CODE, &src, rcp());
    }

    #[test]
    fn near_miss_is_clean() {
        let src = policy(r#"["*", "s3:GetObject", "STS:AssumeRole", "kms:*", "secrets*:Get*"]"#);
        assert!(findings_of(CODE, &src, rcp()).is_empty());
        // Only RCPs are limited to these services.
        let src = policy(r#""ec2:TerminateInstances""#);
        assert!(findings_of(CODE, &src, resource()).is_empty());
    }
}
