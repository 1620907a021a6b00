//! `FEDERATED_PRINCIPAL_NOT_SUPPORTED`: a `Federated` principal outside a
//! role trust policy.

use super::Rule;
use crate::finding::{FindingType, Findings, RuleInfo};
use crate::{CheckContext, PolicyType};
use warden_policy::policy::{PrincipalKind, PrincipalValue};

/// The rule.
pub static RULE: FederatedNotSupported = FederatedNotSupported;

/// Reports the `Federated` key of principal maps in resource policies that
/// are not role trust policies.
pub struct FederatedNotSupported;

static INFO: RuleInfo = RuleInfo {
    code: "FEDERATED_PRINCIPAL_NOT_SUPPORTED",
    finding_type: FindingType::Error,
    summary: "A `Federated` principal in a policy that is not a role trust policy.",
    documentation: "What: a `Federated` key in the `Principal` or `NotPrincipal` of a resource-based policy other than a role trust policy (a resource policy whose resource type is not given counts as such: check trust policies with the role trust policy resource type). Identity policies are left to `UNSUPPORTED_PRINCIPAL`.\nWhy: identity providers act only by assuming a role; a bucket, queue or key policy cannot grant them anything directly, and AWS rejects the principal.\nExample: `\"Principal\": {\"Federated\": \"arn:aws:iam::111122223333:saml-provider/okta\"}` in an S3 bucket policy.\nFix: trust the provider in a role's trust policy, and grant that role access in this policy (`\"AWS\": \"arn:aws:iam::111122223333:role/okta-users\"`).",
};

impl Rule for FederatedNotSupported {
    fn info(&self) -> &RuleInfo {
        &INFO
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings<'_>) {
        if cx.options.policy_type != PolicyType::Resource || cx.options.is_trust_policy() {
            return;
        }
        for st in cx.policy.iter().flat_map(|p| &p.statements) {
            let Some(PrincipalValue::Typed(entries)) = st.principal.as_ref().map(|p| &p.value)
            else {
                continue;
            };
            for e in entries
                .iter()
                .filter(|e| e.kind == PrincipalKind::Federated)
            {
                out.report(
                    e.key_span,
                    "the policy type does not support a federated identity provider in the principal element",
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, resource, trust};

    const CODE: &str = "FEDERATED_PRINCIPAL_NOT_SUPPORTED";
    const TRIGGER: &str = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::111122223333:saml-provider/okta"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]}"#;

    #[test]
    fn triggers_at_the_exact_span() {
        assert_eq!(
            findings_of(CODE, TRIGGER, resource()),
            vec![r#""Federated""#.to_string()]
        );
        assert_findings!(CODE, TRIGGER, resource());
    }

    #[test]
    fn near_miss_is_clean() {
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/okta-users"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]}"#;
        assert!(findings_of(CODE, src, resource()).is_empty());
        // Trust policies are where federated principals belong.
        assert!(findings_of(CODE, TRIGGER, trust()).is_empty());
    }
}
