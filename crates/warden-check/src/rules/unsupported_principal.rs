//! `UNSUPPORTED_PRINCIPAL`: a `Principal` in an identity-based policy.

use super::Rule;
use crate::finding::{FindingType, Findings, RuleInfo};
use crate::{CheckContext, PolicyType};

/// The rule.
pub static RULE: UnsupportedPrincipal = UnsupportedPrincipal;

/// Reports `Principal`/`NotPrincipal` in identity-based policies.
pub struct UnsupportedPrincipal;

static INFO: RuleInfo = RuleInfo {
    code: "UNSUPPORTED_PRINCIPAL",
    finding_type: FindingType::Error,
    summary: "`Principal` in an identity-based policy.",
    documentation: "What: a `Principal` or `NotPrincipal` element in a policy attached to a user, group or role.\nWhy: the principal of an identity-based policy is whoever it is attached to; AWS rejects the element.\nExample: `\"Principal\": {\"AWS\": \"*\"}` in a role's permissions policy.\nFix: remove it, or move the statement to the resource's policy.",
};

impl Rule for UnsupportedPrincipal {
    fn info(&self) -> &RuleInfo {
        &INFO
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings<'_>) {
        if cx.options.policy_type != PolicyType::Identity {
            return;
        }
        for st in cx.policy.iter().flat_map(|p| &p.statements) {
            if let Some(p) = &st.principal {
                let name = if p.negated {
                    "NotPrincipal"
                } else {
                    "Principal"
                };
                out.report(
                    p.key_span,
                    format!("{name} is not supported in identity-based policies"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, identity, resource};

    const TRIGGER: &str = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "s3:GetObject", "Resource": "*"}]}"#;

    #[test]
    fn triggers_at_the_exact_span() {
        assert_eq!(
            findings_of("UNSUPPORTED_PRINCIPAL", TRIGGER, identity()),
            vec![r#""Principal""#.to_string()]
        );
        assert_findings!("UNSUPPORTED_PRINCIPAL", TRIGGER, identity());
    }

    #[test]
    fn near_miss_is_clean() {
        assert!(findings_of("UNSUPPORTED_PRINCIPAL", TRIGGER, resource()).is_empty());
    }
}
