//! `ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE`: `Resource` or `NotResource` in
//! a role trust policy.

use super::Rule;
use crate::finding::{FindingType, Findings, RuleInfo};
use crate::CheckContext;

/// The rule.
pub static RULE: TrustResource = TrustResource;

/// Reports `Resource`/`NotResource` (at its key) in role trust policies.
pub struct TrustResource;

static INFO: RuleInfo = RuleInfo {
    code: "ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE",
    finding_type: FindingType::Error,
    summary: "A role trust policy has `Resource` or `NotResource`.",
    documentation: "What: a statement of a role trust policy has a `Resource` or `NotResource` element.\nWhy: the resource of a trust policy is always the role it is attached to, so IAM rejects a trust policy that names one.\nExample: `{\"Effect\": \"Allow\", \"Principal\": {\"Service\": \"ec2.amazonaws.com\"}, \"Action\": \"sts:AssumeRole\", \"Resource\": \"*\"}`.\nFix: delete the `Resource` or `NotResource` element.",
};

impl Rule for TrustResource {
    fn info(&self) -> &RuleInfo {
        &INFO
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings<'_>) {
        if !cx.options.is_trust_policy() {
            return;
        }
        for st in cx.policy.iter().flat_map(|p| &p.statements) {
            if let Some(r) = &st.resource {
                let name = if r.negated { "NotResource" } else { "Resource" };
                out.report(
                    r.key_span,
                    format!("role trust policies cannot specify a resource; remove {name}"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, resource, trust};

    const CODE: &str = "ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE";
    const TRIGGER: &str = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole", "Resource": "*"}, {"Effect": "Allow", "Principal": {"Service": "ecs-tasks.amazonaws.com"}, "Action": "sts:AssumeRole", "NotResource": "arn:aws:iam::111122223333:role/x"}]}"#;

    #[test]
    fn triggers_at_the_exact_span() {
        assert_eq!(
            findings_of(CODE, TRIGGER, trust()),
            vec![r#""Resource""#.to_string(), r#""NotResource""#.to_string()]
        );
        assert_findings!(CODE, TRIGGER, trust());
    }

    #[test]
    fn near_miss_is_clean() {
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]}"#;
        assert!(findings_of(CODE, src, trust()).is_empty());
        assert!(findings_of(CODE, TRIGGER, resource()).is_empty());
    }
}
