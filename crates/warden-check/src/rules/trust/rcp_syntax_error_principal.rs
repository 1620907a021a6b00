//! `RCP_SYNTAX_ERROR_PRINCIPAL`: an RCP principal other than `"*"`.

use super::Rule;
use crate::finding::{FindingType, Findings, RuleInfo};
use crate::{CheckContext, PolicyType};
use warden_policy::policy::PrincipalValue;

/// The rule.
pub static RULE: RcpPrincipal = RcpPrincipal;

/// Reports `NotPrincipal` (at its key) and any `Principal` value other than
/// the bare `"*"` (at the value) in RCPs.
pub struct RcpPrincipal;

static INFO: RuleInfo = RuleInfo {
    code: "RCP_SYNTAX_ERROR_PRINCIPAL",
    finding_type: FindingType::Error,
    summary: "An RCP's principal is not `\"*\"`.",
    documentation: "What: a statement of a resource control policy with `NotPrincipal`, or with a `Principal` other than the bare string `\"*\"` (a typed map such as `{\"AWS\": \"111122223333\"}` included).\nWhy: an RCP applies to every principal that calls the resources of the accounts it is attached to; Organizations accepts only `\"Principal\": \"*\"` and rejects other forms.\nExample: `{\"Effect\": \"Deny\", \"Principal\": {\"AWS\": \"*\"}, \"Action\": \"s3:*\", \"Resource\": \"*\"}` in an RCP.\nFix: write `\"Principal\": \"*\"` and select the principals with conditions (`aws:PrincipalOrgID`, `aws:PrincipalIsAWSService`, `aws:PrincipalArn`).",
};

impl Rule for RcpPrincipal {
    fn info(&self) -> &RuleInfo {
        &INFO
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings<'_>) {
        if cx.options.policy_type != PolicyType::ResourceControl {
            return;
        }
        for st in cx.policy.iter().flat_map(|p| &p.statements) {
            let Some(p) = &st.principal else { continue };
            if p.negated {
                out.report(
                    p.key_span,
                    "RCPs do not support NotPrincipal; use \"Principal\": \"*\"",
                );
            } else if p.value != PrincipalValue::Wildcard {
                out.report(p.span, "RCPs support only \"Principal\": \"*\"");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, rcp, resource};

    const CODE: &str = "RCP_SYNTAX_ERROR_PRINCIPAL";
    const TRIGGER: &str = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Principal": {"AWS": "*"}, "Action": "s3:*", "Resource": "*"}, {"Effect": "Deny", "NotPrincipal": {"AWS": "111122223333"}, "Action": "sqs:*", "Resource": "*"}]}"#;

    #[test]
    fn triggers_at_the_exact_span() {
        assert_eq!(
            findings_of(CODE, TRIGGER, rcp()),
            vec![
                r#"{"AWS": "*"}"#.to_string(),
                r#""NotPrincipal""#.to_string()
            ]
        );
        assert_findings!(CODE, TRIGGER, rcp());
    }

    #[test]
    fn near_miss_is_clean() {
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*", "Condition": {"StringNotEqualsIfExists": {"aws:PrincipalOrgID": "o-abc123"}}}]}"#;
        assert!(findings_of(CODE, src, rcp()).is_empty());
        assert!(findings_of(CODE, TRIGGER, resource()).is_empty());
    }
}
