//! `INVALID_FEDERATED_PRINCIPAL_SYNTAX_IN_ROLE_TRUST_POLICY`: a `Federated`
//! principal of a role trust policy that is neither a domain name nor a SAML
//! or OIDC provider ARN.

use super::{federation, Rule};
use crate::finding::{FindingType, Findings, RuleInfo};
use crate::CheckContext;
use warden_catalog::glob::has_wildcard;
use warden_policy::policy::{PrincipalKind, PrincipalValue};

/// The rule.
pub static RULE: InvalidFederatedPrincipal = InvalidFederatedPrincipal;

/// Reports malformed `Federated` values (at the value) in role trust policies.
pub struct InvalidFederatedPrincipal;

static INFO: RuleInfo = RuleInfo {
    code: "INVALID_FEDERATED_PRINCIPAL_SYNTAX_IN_ROLE_TRUST_POLICY",
    finding_type: FindingType::Error,
    summary: "A `Federated` principal is not a domain name or an identity provider ARN.",
    documentation: "What: a `Federated` principal in a role trust policy that is neither the domain name of a web identity provider (`accounts.google.com`, `cognito-identity.amazonaws.com`, ...) nor the ARN of an IAM SAML or OIDC provider (`arn:aws:iam::<account>:saml-provider/<name>`, `arn:aws:iam::<account>:oidc-provider/<host>`). Values with wildcards are left to `UNSUPPORTED_WILDCARD_IN_PRINCIPAL`.\nWhy: IAM can match a federated caller only against a provider it knows; any other value is rejected.\nExample: `\"Principal\": {\"Federated\": \"arn:aws:iam::111122223333:role/okta\"}`.\nFix: use the provider's ARN as shown in IAM's identity providers list, or the provider's domain name for Amazon Cognito, Google, Facebook and Login with Amazon.",
};

impl Rule for InvalidFederatedPrincipal {
    fn info(&self) -> &RuleInfo {
        &INFO
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings<'_>) {
        if !cx.options.is_trust_policy() {
            return;
        }
        for st in cx.policy.iter().flat_map(|p| &p.statements) {
            let Some(PrincipalValue::Typed(entries)) = st.principal.as_ref().map(|p| &p.value)
            else {
                continue;
            };
            for v in entries
                .iter()
                .filter(|e| e.kind == PrincipalKind::Federated)
                .flat_map(|e| &e.values)
            {
                if !has_wildcard(&v.value) && federation(&v.value).is_none() {
                    out.report(
                        v.span,
                        format!(
                            "the federated principal {} is neither a domain name nor a SAML or OIDC provider ARN",
                            v.value
                        ),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, trust};

    const CODE: &str = "INVALID_FEDERATED_PRINCIPAL_SYNTAX_IN_ROLE_TRUST_POLICY";

    #[test]
    fn triggers_at_the_exact_span() {
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Federated": ["arn:aws:iam::111122223333:role/okta", "accounts.google.com", "okta", "arn:aws:iam::1234:saml-provider/okta"]}, "Action": "sts:AssumeRoleWithSAML"}]}"#;
        assert_eq!(
            findings_of(CODE, src, trust()),
            vec![
                r#""arn:aws:iam::111122223333:role/okta""#.to_string(),
                r#""okta""#.to_string(),
                r#""arn:aws:iam::1234:saml-provider/okta""#.to_string(),
            ]
        );
        assert_findings!(CODE, src, trust());
    }

    #[test]
    fn near_miss_is_clean() {
        for src in [
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::111122223333:saml-provider/okta"}, "Action": "sts:AssumeRoleWithSAML"}]}"#,
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"}, "Action": "sts:AssumeRoleWithWebIdentity"}]}"#,
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Federated": ["cognito-identity.amazonaws.com", "www.amazon.com"]}, "Action": "sts:AssumeRoleWithWebIdentity"}]}"#,
            // Not a Federated principal.
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "sts:AssumeRole"}]}"#,
        ] {
            assert!(findings_of(CODE, src, trust()).is_empty(), "{src}");
        }
    }
}
