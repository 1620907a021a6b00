//! `MISSING_PRINCIPAL`: a resource-policy statement names no principal.

use super::Rule;
use crate::finding::{FindingType, Findings, RuleInfo};
use crate::{CheckContext, PolicyType};
use warden_policy::Span;

/// The rule.
pub static RULE: MissingPrincipal = MissingPrincipal;

/// Reports resource-policy statements without `Principal`/`NotPrincipal`.
pub struct MissingPrincipal;

static INFO: RuleInfo = RuleInfo {
    code: "MISSING_PRINCIPAL",
    finding_type: FindingType::Error,
    summary: "A resource-policy statement has no `Principal`.",
    documentation: "What: a statement of a resource-based policy without `Principal` (or `NotPrincipal`).\nWhy: a resource policy must say who it applies to; AWS rejects the statement.\nExample: a bucket policy statement with only Effect, Action and Resource.\nFix: add the principal, e.g. `\"Principal\": {\"AWS\": \"arn:aws:iam::111122223333:role/reader\"}`.",
};

impl Rule for MissingPrincipal {
    fn info(&self) -> &RuleInfo {
        &INFO
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings<'_>) {
        if cx.options.policy_type != PolicyType::Resource {
            return;
        }
        for st in cx.policy.iter().flat_map(|p| &p.statements) {
            if st.principal.is_none() {
                out.report(
                    Span::new(st.span.start, st.span.start + 1),
                    "the statement has no Principal",
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, identity, resource};

    const TRIGGER: &str = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]}"#;

    #[test]
    fn triggers_at_the_exact_span() {
        assert_eq!(
            findings_of("MISSING_PRINCIPAL", TRIGGER, resource()),
            vec!["{".to_string()]
        );
        assert_findings!("MISSING_PRINCIPAL", TRIGGER, resource());
    }

    #[test]
    fn near_miss_is_clean() {
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]}"#;
        assert!(findings_of("MISSING_PRINCIPAL", src, resource()).is_empty());
        // Identity policies have no principals.
        assert!(findings_of("MISSING_PRINCIPAL", TRIGGER, identity()).is_empty());
    }
}
