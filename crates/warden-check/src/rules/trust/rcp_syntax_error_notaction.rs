//! `RCP_SYNTAX_ERROR_NOTACTION`: `NotAction` in a resource control policy.

use super::Rule;
use crate::finding::{FindingType, Findings, RuleInfo};
use crate::{CheckContext, PolicyType};

/// The rule.
pub static RULE: RcpNotAction = RcpNotAction;

/// Reports `NotAction` (at its key) in RCPs.
pub struct RcpNotAction;

static INFO: RuleInfo = RuleInfo {
    code: "RCP_SYNTAX_ERROR_NOTACTION",
    finding_type: FindingType::Error,
    summary: "A resource control policy uses `NotAction`.",
    documentation: "What: a statement of a resource control policy lists its actions with `NotAction`.\nWhy: RCPs support only `Action`; Organizations rejects `NotAction` there (a NotAction would also reach services that RCPs do not cover).\nExample: `{\"Effect\": \"Deny\", \"Principal\": \"*\", \"NotAction\": \"s3:GetObject\", \"Resource\": \"*\"}` in an RCP.\nFix: list the denied actions of the supported services under `Action` (`s3:*`, `sqs:*`, `kms:*`, ...).",
};

impl Rule for RcpNotAction {
    fn info(&self) -> &RuleInfo {
        &INFO
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings<'_>) {
        if cx.options.policy_type != PolicyType::ResourceControl {
            return;
        }
        for st in cx.policy.iter().flat_map(|p| &p.statements) {
            if let Some(a) = st.action.as_ref().filter(|a| a.negated) {
                out.report(a.key_span, "RCPs do not support NotAction; use Action");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, rcp, resource};

    const CODE: &str = "RCP_SYNTAX_ERROR_NOTACTION";
    const TRIGGER: &str = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Principal": "*", "NotAction": "s3:GetObject", "Resource": "*"}]}"#;

    #[test]
    fn triggers_at_the_exact_span() {
        assert_eq!(
            findings_of(CODE, TRIGGER, rcp()),
            vec![r#""NotAction""#.to_string()]
        );
        assert_findings!(CODE, TRIGGER, rcp());
    }

    #[test]
    fn near_miss_is_clean() {
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*"}]}"#;
        assert!(findings_of(CODE, src, rcp()).is_empty());
        assert!(findings_of(CODE, TRIGGER, resource()).is_empty());
    }
}
