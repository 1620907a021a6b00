//! `MISMATCHED_ACTION_FOR_PRINCIPAL`: `sts:AssumeRoleWithSAML` granted to an
//! OIDC provider, or `sts:AssumeRoleWithWebIdentity` to a SAML provider.

use super::{exact_action, federation, Federation, Rule};
use crate::finding::{FindingType, Findings, RuleInfo};
use crate::CheckContext;
use warden_policy::policy::{PrincipalKind, PrincipalValue};

/// The rule.
pub static RULE: MismatchedAction = MismatchedAction;

/// Reports the federation action (at the action) of a trust-policy statement
/// whose `Federated` principals include a provider of the other kind.
pub struct MismatchedAction;

static INFO: RuleInfo = RuleInfo {
    code: "MISMATCHED_ACTION_FOR_PRINCIPAL",
    finding_type: FindingType::Error,
    summary: "A federation action does not fit the kind of federated principal.",
    documentation: "What: a role trust policy statement that allows `sts:AssumeRoleWithSAML` to an OIDC provider (an `oidc-provider/` ARN or a web identity domain such as `accounts.google.com`), or `sts:AssumeRoleWithWebIdentity` to a SAML provider (a `saml-provider/` ARN). Only exact action names are compared; wildcard actions are not judged.\nWhy: SAML assertions come only through AssumeRoleWithSAML and OIDC tokens only through AssumeRoleWithWebIdentity, so the pairing can never be used and the intended federation does not work.\nExample: `{\"Effect\": \"Allow\", \"Principal\": {\"Federated\": \"arn:aws:iam::111122223333:saml-provider/okta\"}, \"Action\": \"sts:AssumeRoleWithWebIdentity\"}`.\nFix: grant `sts:AssumeRoleWithSAML` to SAML providers and `sts:AssumeRoleWithWebIdentity` to OIDC providers, in separate statements if the role trusts both.",
};

const SAML_ACTION: &str = "sts:AssumeRoleWithSAML";
const OIDC_ACTION: &str = "sts:AssumeRoleWithWebIdentity";

impl Rule for MismatchedAction {
    fn info(&self) -> &RuleInfo {
        &INFO
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings<'_>) {
        if !cx.options.is_trust_policy() {
            return;
        }
        for st in cx.policy.iter().flat_map(|p| &p.statements) {
            let Some(p) = st.principal.as_ref().filter(|p| !p.negated) else {
                continue;
            };
            let PrincipalValue::Typed(entries) = &p.value else {
                continue;
            };
            let federated: Vec<(&str, Option<Federation>)> = entries
                .iter()
                .filter(|e| e.kind == PrincipalKind::Federated)
                .flat_map(|e| &e.values)
                .map(|v| (v.value.as_str(), federation(&v.value)))
                .collect();
            for (action, wrong) in [
                (SAML_ACTION, Federation::Oidc),
                (OIDC_ACTION, Federation::Saml),
            ] {
                let Some(a) = exact_action(st, action) else {
                    continue;
                };
                let names: Vec<&str> = federated
                    .iter()
                    .filter(|(_, k)| *k == Some(wrong))
                    .map(|(n, _)| *n)
                    .collect();
                if !names.is_empty() {
                    out.report(
                        a.span,
                        format!(
                            "the {action} action is invalid with the principal(s) {}",
                            names.join(", ")
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

    const CODE: &str = "MISMATCHED_ACTION_FOR_PRINCIPAL";

    #[test]
    fn triggers_at_the_exact_span() {
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::111122223333:saml-provider/okta"}, "Action": ["sts:TagSession", "sts:AssumeRoleWithWebIdentity"]}]}"#;
        assert_eq!(
            findings_of(CODE, src, trust()),
            vec![r#""sts:AssumeRoleWithWebIdentity""#.to_string()]
        );
        assert_findings!(CODE, src, trust());
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Federated": "accounts.google.com"}, "Action": "sts:assumerolewithsaml"}]}"#;
        assert_eq!(
            findings_of(CODE, src, trust()),
            vec![r#""sts:assumerolewithsaml""#.to_string()]
        );
        assert_findings!(CODE, src, trust());
    }

    #[test]
    fn near_miss_is_clean() {
        for src in [
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::111122223333:saml-provider/okta"}, "Action": "sts:AssumeRoleWithSAML"}]}"#,
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"}, "Action": "sts:AssumeRoleWithWebIdentity"}]}"#,
            // Wildcard actions are not judged.
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Federated": "accounts.google.com"}, "Action": "sts:AssumeRoleWith*"}]}"#,
        ] {
            assert!(findings_of(CODE, src, trust()).is_empty(), "{src}");
        }
    }
}
