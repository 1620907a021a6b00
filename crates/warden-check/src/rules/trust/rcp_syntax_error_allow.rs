//! `RCP_SYNTAX_ERROR_ALLOW`: an RCP Allow statement other than the full
//! `*`/`*` pass-through.

use super::Rule;
use crate::finding::{FindingType, Findings, RuleInfo};
use crate::{CheckContext, PolicyType};
use warden_policy::policy::{Effect, ListElement};

/// The rule.
pub static RULE: RcpAllow = RcpAllow;

/// Reports the `Effect` value of RCP Allow statements whose actions or
/// resources are not exactly `*`, or that have a condition.
pub struct RcpAllow;

static INFO: RuleInfo = RuleInfo {
    code: "RCP_SYNTAX_ERROR_ALLOW",
    finding_type: FindingType::Error,
    summary: "An RCP Allow statement is not `Action: *`, `Resource: *` without conditions.",
    documentation: "What: a statement of a resource control policy with `\"Effect\": \"Allow\"` whose `Action` is not `*`, whose resource is not `\"Resource\": \"*\"` (or is a `NotResource`), or that has a `Condition`.\nWhy: RCPs restrict, they never grant; the only Allow that Organizations accepts is the pass-through of the managed `RCPFullAWSAccess` policy, `*` actions on `*` resources with no condition.\nExample: `{\"Effect\": \"Allow\", \"Principal\": \"*\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\"}` in an RCP.\nFix: write the restriction as a Deny statement with conditions (deny what should not happen), and leave the Allow to `RCPFullAWSAccess`.",
};

/// Whether the element is present, not negated, and lists only `*`.
fn is_star(e: Option<&ListElement>) -> bool {
    e.is_some_and(|e| !e.negated && !e.values.is_empty() && e.values.iter().all(|v| v.value == "*"))
}

impl Rule for RcpAllow {
    fn info(&self) -> &RuleInfo {
        &INFO
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings<'_>) {
        if cx.options.policy_type != PolicyType::ResourceControl {
            return;
        }
        for st in cx.policy.iter().flat_map(|p| &p.statements) {
            if st.effect.value != Effect::Allow {
                continue;
            }
            let mut why = Vec::new();
            if !is_star(st.action.as_ref()) {
                why.push("its actions are not \"*\"");
            }
            if !is_star(st.resource.as_ref()) {
                why.push("its resources are not \"*\"");
            }
            if st.condition_span.is_some() {
                why.push("it has a Condition");
            }
            if !why.is_empty() {
                out.report(
                    st.effect.span,
                    format!(
                        "an RCP Allow statement must allow \"*\" actions on \"*\" resources without conditions, but {}",
                        why.join(" and ")
                    ),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, rcp, resource};

    const CODE: &str = "RCP_SYNTAX_ERROR_ALLOW";
    const TRIGGER: &str = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*"}, {"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "true"}}}]}"#;

    #[test]
    fn triggers_at_the_exact_span() {
        assert_eq!(
            findings_of(CODE, TRIGGER, rcp()),
            vec![r#""Allow""#.to_string(), r#""Allow""#.to_string()]
        );
        assert_findings!(CODE, TRIGGER, rcp());
    }

    #[test]
    fn near_miss_is_clean() {
        // RCPFullAWSAccess, and a Deny.
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"}, {"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}"#;
        assert!(findings_of(CODE, src, rcp()).is_empty());
        assert!(findings_of(CODE, TRIGGER, resource()).is_empty());
    }
}
