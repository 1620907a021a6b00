//! `MISSING_CONDITION_KEY_FOR_OIDC_PRINCIPAL`: a role trusts an OIDC
//! provider without any condition on that provider's claims.

use super::oidc::{oidc_principals, GITHUB};
use crate::finding::{FindingType, Findings, RuleInfo};
use crate::rules::Rule;
use crate::CheckContext;

/// The rule.
pub static RULE: MissingOidcCondition = MissingOidcCondition;

/// Reports the first OIDC `Federated` principal value (once per statement)
/// whose provider's claims (`<provider>:aud`, `:sub`, `:amr`, ...) no
/// condition of the statement uses. GitHub's provider is left to
/// `MISSING_GITHUB_REPO_CONDITION_KEY`.
pub struct MissingOidcCondition;

static INFO: RuleInfo = RuleInfo {
    code: "MISSING_CONDITION_KEY_FOR_OIDC_PRINCIPAL",
    finding_type: FindingType::SecurityWarning,
    summary: "A role trusts an OIDC provider without a condition on its claims.",
    documentation: "What: a role trust policy lets an OIDC identity provider (a `Federated` principal naming an `oidc-provider/...` ARN or a provider such as `accounts.google.com` or `cognito-identity.amazonaws.com`) call `sts:AssumeRoleWithWebIdentity`, and no condition key of the statement starts with that provider's name followed by `:` (`<provider>:aud`, `<provider>:sub`, `<provider>:amr`, ...). The GitHub Actions provider has its own check, `MISSING_GITHUB_REPO_CONDITION_KEY`.\nWhy: a provider issues tokens for every application and user registered with it, often far beyond your own; without a condition on the audience (your client or identity pool ID) or the subject, any of them may assume the role.\nExample: `{\"Effect\": \"Allow\", \"Principal\": {\"Federated\": \"accounts.google.com\"}, \"Action\": \"sts:AssumeRoleWithWebIdentity\"}`.\nFix: add a condition on the provider's audience claim with your application's client ID (`\"StringEquals\": {\"accounts.google.com:aud\": \"<client id>\"}`), and on the subject where the provider identifies users or workloads (for Amazon EKS, `<provider>:sub` with `system:serviceaccount:<namespace>:<name>`).",
};

impl Rule for MissingOidcCondition {
    fn info(&self) -> &RuleInfo {
        &INFO
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings<'_>) {
        if !cx.options.is_trust_policy() {
            return;
        }
        for st in cx.policy.iter().flat_map(|p| &p.statements) {
            let unconditioned = oidc_principals(st).into_iter().find(|(_, name)| {
                !name.eq_ignore_ascii_case(GITHUB)
                    && !st.conditions.iter().any(|c| {
                        c.key
                            .value
                            .split_once(':')
                            .is_some_and(|(prefix, _)| prefix.eq_ignore_ascii_case(name))
                    })
            });
            if let Some((v, name)) = unconditioned {
                out.report(
                    v.span,
                    format!("the OIDC provider {name} is trusted without a condition on its claims ({name}:aud, {name}:sub)"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, resource, trust};

    const CODE: &str = "MISSING_CONDITION_KEY_FOR_OIDC_PRINCIPAL";
    const TRIGGER: &str = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABC123"}, "Action": "sts:AssumeRoleWithWebIdentity", "Condition": {"StringEquals": {"aws:RequestedRegion": "us-east-1"}}}]}"#;

    #[test]
    fn triggers_at_the_exact_span() {
        assert_eq!(
            findings_of(CODE, TRIGGER, trust()),
            vec![r#""arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABC123""#.to_string()]
        );
        assert_findings!(CODE, TRIGGER, trust());
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Federated": "accounts.google.com"}, "Action": "sts:AssumeRoleWithWebIdentity"}]}"#;
        assert_eq!(
            findings_of(CODE, src, trust()),
            vec![r#""accounts.google.com""#.to_string()]
        );
        assert_findings!(CODE, src, trust());
    }

    #[test]
    fn near_miss_is_clean() {
        for src in [
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABC123"}, "Action": "sts:AssumeRoleWithWebIdentity", "Condition": {"StringEquals": {"oidc.eks.us-east-1.amazonaws.com/id/ABC123:sub": "system:serviceaccount:app:runner"}}}]}"#,
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::111122223333:saml-provider/okta"}, "Action": "sts:AssumeRoleWithSAML"}]}"#,
            // GitHub has its own check.
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"}, "Action": "sts:AssumeRoleWithWebIdentity"}]}"#,
        ] {
            assert!(findings_of(CODE, src, trust()).is_empty(), "{src}");
        }
        assert!(findings_of(CODE, TRIGGER, resource()).is_empty());
    }
}
