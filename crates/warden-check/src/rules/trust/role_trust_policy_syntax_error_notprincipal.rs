//! `ROLE_TRUST_POLICY_SYNTAX_ERROR_NOTPRINCIPAL`: `NotPrincipal` in a role
//! trust policy.

use super::Rule;
use crate::finding::{FindingType, Findings, RuleInfo};
use crate::CheckContext;

/// The rule.
pub static RULE: TrustNotPrincipal = TrustNotPrincipal;

/// Reports `NotPrincipal` (at its key) in role trust policies.
pub struct TrustNotPrincipal;

static INFO: RuleInfo = RuleInfo {
    code: "ROLE_TRUST_POLICY_SYNTAX_ERROR_NOTPRINCIPAL",
    finding_type: FindingType::Error,
    summary: "A role trust policy uses `NotPrincipal`.",
    documentation: "What: a statement of a role trust policy names its principals with `NotPrincipal` instead of `Principal`.\nWhy: a trust policy says who may assume the role, and IAM accepts only an explicit list of principals there; it refuses to save a trust policy with `NotPrincipal`, whatever the effect.\nExample: `{\"Effect\": \"Deny\", \"NotPrincipal\": {\"AWS\": \"arn:aws:iam::111122223333:role/admin\"}, \"Action\": \"sts:AssumeRole\"}` in a role's trust policy.\nFix: list the principals that may assume the role under `Principal`; to keep someone out, leave them out of the list or add a Deny with a condition on `aws:PrincipalArn`.",
};

impl Rule for TrustNotPrincipal {
    fn info(&self) -> &RuleInfo {
        &INFO
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings<'_>) {
        if !cx.options.is_trust_policy() {
            return;
        }
        for st in cx.policy.iter().flat_map(|p| &p.statements) {
            if let Some(p) = st.principal.as_ref().filter(|p| p.negated) {
                out.report(
                    p.key_span,
                    "role trust policies do not support NotPrincipal",
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, resource, trust};

    const CODE: &str = "ROLE_TRUST_POLICY_SYNTAX_ERROR_NOTPRINCIPAL";
    const TRIGGER: &str = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "NotPrincipal": {"AWS": "arn:aws:iam::111122223333:role/admin"}, "Action": "sts:AssumeRole"}]}"#;

    #[test]
    fn triggers_at_the_exact_span() {
        assert_eq!(
            findings_of(CODE, TRIGGER, trust()),
            vec![r#""NotPrincipal""#.to_string()]
        );
        assert_findings!(CODE, TRIGGER, trust());
    }

    #[test]
    fn near_miss_is_clean() {
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/admin"}, "Action": "sts:AssumeRole"}]}"#;
        assert!(findings_of(CODE, src, trust()).is_empty());
        // Other resource policies may use NotPrincipal.
        assert!(findings_of(CODE, TRIGGER, resource()).is_empty());
    }
}
