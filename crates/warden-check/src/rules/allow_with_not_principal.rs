//! `ALLOW_WITH_NOT_PRINCIPAL`: an Allow statement with `NotPrincipal`.

use super::Rule;
use crate::finding::{FindingType, Findings, RuleInfo};
use crate::CheckContext;
use warden_policy::policy::Effect;

/// The rule.
pub static RULE: AllowWithNotPrincipal = AllowWithNotPrincipal;

/// Reports `NotPrincipal` (at its key) in statements whose effect is Allow.
pub struct AllowWithNotPrincipal;

static INFO: RuleInfo = RuleInfo {
    code: "ALLOW_WITH_NOT_PRINCIPAL",
    finding_type: FindingType::SecurityWarning,
    summary: "An Allow statement uses `NotPrincipal`.",
    documentation: "What: a statement with `\"Effect\": \"Allow\"` names its principals with `NotPrincipal`, that is, it grants access to everyone except those listed.\nWhy: \"everyone\" includes every account and, depending on the resource, anonymous callers; a forgotten or misspelled exclusion widens the grant further.\nExample: `{\"Effect\": \"Allow\", \"NotPrincipal\": {\"AWS\": \"arn:aws:iam::111122223333:root\"}, \"Action\": \"s3:GetObject\", \"Resource\": \"arn:aws:s3:::b/*\"}`.\nFix: list the principals that need access under `Principal`; to exclude a few principals from a broad grant, use a separate Deny statement (with `NotPrincipal` or a condition on `aws:PrincipalArn`).",
};

impl Rule for AllowWithNotPrincipal {
    fn info(&self) -> &RuleInfo {
        &INFO
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings<'_>) {
        for st in cx.policy.iter().flat_map(|p| &p.statements) {
            if st.effect.value != Effect::Allow {
                continue;
            }
            if let Some(p) = st.principal.as_ref().filter(|p| p.negated) {
                out.report(
                    p.key_span,
                    "Allow with NotPrincipal grants access to every principal not listed",
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, resource};

    #[test]
    fn triggers_at_the_exact_span() {
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "NotPrincipal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]}"#;
        assert_eq!(
            findings_of("ALLOW_WITH_NOT_PRINCIPAL", src, resource()),
            vec![r#""NotPrincipal""#.to_string()]
        );
        assert_findings!("ALLOW_WITH_NOT_PRINCIPAL", src, resource());
    }

    #[test]
    fn near_miss_is_clean() {
        for src in [
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "NotPrincipal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "s3:*", "Resource": "arn:aws:s3:::b/*"}]}"#,
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]}"#,
        ] {
            assert!(
                findings_of("ALLOW_WITH_NOT_PRINCIPAL", src, resource()).is_empty(),
                "{src}"
            );
        }
    }
}
