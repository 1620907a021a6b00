//! `ROLE_TRUST_POLICY_UNSUPPORTED_WILDCARD_IN_PRINCIPAL`: `"Principal": "*"`
//! in a role trust policy.

use super::Rule;
use crate::finding::{FindingType, Findings, RuleInfo};
use crate::CheckContext;
use warden_policy::policy::PrincipalValue;

/// The rule.
pub static RULE: TrustWildcardPrincipal = TrustWildcardPrincipal;

/// Reports the bare `"*"` principal (at its value) in role trust policies.
pub struct TrustWildcardPrincipal;

static INFO: RuleInfo = RuleInfo {
    code: "ROLE_TRUST_POLICY_UNSUPPORTED_WILDCARD_IN_PRINCIPAL",
    finding_type: FindingType::Error,
    summary: "A role trust policy has `\"Principal\": \"*\"`.",
    documentation: "What: a statement of a role trust policy gives its principal as the bare string `\"*\"`.\nWhy: IAM does not accept the bare wildcard in a trust policy's `Principal`; the role could not be saved with it. (The typed form `{\"AWS\": \"*\"}` is a different matter: it is accepted, and should be narrowed with conditions.)\nExample: `{\"Effect\": \"Allow\", \"Principal\": \"*\", \"Action\": \"sts:AssumeRole\"}`.\nFix: name the principals that may assume the role, e.g. `\"Principal\": {\"AWS\": \"arn:aws:iam::111122223333:root\"}`.",
};

impl Rule for TrustWildcardPrincipal {
    fn info(&self) -> &RuleInfo {
        &INFO
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings<'_>) {
        if !cx.options.is_trust_policy() {
            return;
        }
        for st in cx.policy.iter().flat_map(|p| &p.statements) {
            let Some(p) = &st.principal else { continue };
            if !p.negated && p.value == PrincipalValue::Wildcard {
                out.report(
                    p.span,
                    "\"Principal\": \"*\" is not supported in a role trust policy",
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, resource, trust};

    const CODE: &str = "ROLE_TRUST_POLICY_UNSUPPORTED_WILDCARD_IN_PRINCIPAL";
    const TRIGGER: &str = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "sts:AssumeRole"}]}"#;

    #[test]
    fn triggers_at_the_exact_span() {
        assert_eq!(
            findings_of(CODE, TRIGGER, trust()),
            vec![r#""*""#.to_string()]
        );
        assert_findings!(CODE, TRIGGER, trust());
    }

    #[test]
    fn near_miss_is_clean() {
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole", "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-abc123"}}}]}"#;
        assert!(findings_of(CODE, src, trust()).is_empty());
        assert!(findings_of(CODE, TRIGGER, resource()).is_empty());
    }
}
