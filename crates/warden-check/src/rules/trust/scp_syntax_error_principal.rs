//! `SCP_SYNTAX_ERROR_PRINCIPAL`: `Principal` or `NotPrincipal` in a service
//! control policy.

use super::Rule;
use crate::finding::{FindingType, Findings, RuleInfo};
use crate::{CheckContext, PolicyType};

/// The rule.
pub static RULE: ScpPrincipal = ScpPrincipal;

/// Reports `Principal`/`NotPrincipal` (at its key) in SCPs.
pub struct ScpPrincipal;

static INFO: RuleInfo = RuleInfo {
    code: "SCP_SYNTAX_ERROR_PRINCIPAL",
    finding_type: FindingType::Error,
    summary: "A service control policy has `Principal` or `NotPrincipal`.",
    documentation: "What: a statement of a service control policy with a `Principal` or `NotPrincipal` element.\nWhy: an SCP applies to every principal of the accounts it is attached to; Organizations does not accept a principal element in it.\nExample: `{\"Effect\": \"Deny\", \"Principal\": {\"AWS\": \"arn:aws:iam::111122223333:role/admin\"}, \"Action\": \"s3:*\", \"Resource\": \"*\"}` in an SCP.\nFix: remove the element; to exempt or target principals, use a condition on `aws:PrincipalArn` (e.g. `ArnNotLike`).",
};

impl Rule for ScpPrincipal {
    fn info(&self) -> &RuleInfo {
        &INFO
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings<'_>) {
        if cx.options.policy_type != PolicyType::ServiceControl {
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
                    format!("SCPs do not support specifying principals; remove {name}"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, resource, scp};

    const CODE: &str = "SCP_SYNTAX_ERROR_PRINCIPAL";
    const TRIGGER: &str = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "NotPrincipal": {"AWS": "arn:aws:iam::111122223333:role/admin"}, "Action": "s3:*", "Resource": "*"}]}"#;

    #[test]
    fn triggers_at_the_exact_span() {
        assert_eq!(
            findings_of(CODE, TRIGGER, scp()),
            vec![r#""NotPrincipal""#.to_string()]
        );
        assert_findings!(CODE, TRIGGER, scp());
    }

    #[test]
    fn near_miss_is_clean() {
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "s3:*", "Resource": "*", "Condition": {"ArnNotLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/admin"}}}]}"#;
        assert!(findings_of(CODE, src, scp()).is_empty());
        assert!(findings_of(CODE, TRIGGER, resource()).is_empty());
    }
}
