//! `MISSING_GITHUB_REPO_CONDITION_KEY`: a role trusts GitHub Actions' OIDC
//! provider without a condition on the repository.

use super::oidc::{oidc_principals, pinning_conditions, GITHUB};
use crate::finding::{FindingType, Findings, RuleInfo};
use crate::rules::Rule;
use crate::CheckContext;

/// The rule.
pub static RULE: MissingGithubRepo = MissingGithubRepo;

/// Reports the GitHub `Federated` principal value (once per statement) of
/// trust-policy statements with no condition pinning
/// `token.actions.githubusercontent.com:sub`.
pub struct MissingGithubRepo;

static INFO: RuleInfo = RuleInfo {
    code: "MISSING_GITHUB_REPO_CONDITION_KEY",
    finding_type: FindingType::SecurityWarning,
    summary: "A role trusts GitHub Actions without a condition on the repository.",
    documentation: "What: a role trust policy lets the GitHub Actions OIDC provider (`token.actions.githubusercontent.com`, by provider ARN) call `sts:AssumeRoleWithWebIdentity`, but no condition pins `token.actions.githubusercontent.com:sub`, the claim that names the repository, branch or environment of the workflow. A `Null` check, a negated operator, or a value that is only `*` does not pin it.\nWhy: GitHub issues tokens to every workflow of every repository on github.com; `aud` alone is the same for all of them. Without `sub`, any GitHub user can write a workflow that assumes the role.\nExample: `{\"Effect\": \"Allow\", \"Principal\": {\"Federated\": \"arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com\"}, \"Action\": \"sts:AssumeRoleWithWebIdentity\", \"Condition\": {\"StringEquals\": {\"token.actions.githubusercontent.com:aud\": \"sts.amazonaws.com\"}}}`.\nFix: add `\"StringEquals\": {\"token.actions.githubusercontent.com:sub\": \"repo:my-org/my-repo:ref:refs/heads/main\"}` (or an `environment:` subject) naming the repository and branch allowed.",
};

/// The `sub` key.
const SUB: &str = "token.actions.githubusercontent.com:sub";

impl Rule for MissingGithubRepo {
    fn info(&self) -> &RuleInfo {
        &INFO
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings<'_>) {
        if !cx.options.is_trust_policy() {
            return;
        }
        for st in cx.policy.iter().flat_map(|p| &p.statements) {
            let Some((v, _)) = oidc_principals(st)
                .into_iter()
                .find(|(_, name)| name.eq_ignore_ascii_case(GITHUB))
            else {
                continue;
            };
            let pinned = pinning_conditions(st, SUB)
                .any(|c| c.values.iter().any(|x| !x.text.bytes().all(|b| b == b'*')));
            if !pinned {
                out.report(
                    v.span,
                    "the GitHub OIDC provider is trusted without a condition on token.actions.githubusercontent.com:sub naming the repository",
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, resource, trust};

    const CODE: &str = "MISSING_GITHUB_REPO_CONDITION_KEY";
    const TRIGGER: &str = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"}, "Action": "sts:AssumeRoleWithWebIdentity", "Condition": {"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"}}}]}"#;

    #[test]
    fn triggers_at_the_exact_span() {
        assert_eq!(
            findings_of(CODE, TRIGGER, trust()),
            vec![
                r#""arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com""#
                    .to_string()
            ]
        );
        assert_findings!(CODE, TRIGGER, trust());
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"}, "Action": "sts:AssumeRoleWithWebIdentity", "Condition": {"StringLike": {"token.actions.githubusercontent.com:sub": "*"}}}]}"#;
        assert_eq!(findings_of(CODE, src, trust()).len(), 1);
        assert_findings!(CODE, src, trust());
    }

    #[test]
    fn near_miss_is_clean() {
        for src in [
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"}, "Action": "sts:AssumeRoleWithWebIdentity", "Condition": {"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com", "token.actions.githubusercontent.com:sub": "repo:my-org/my-repo:ref:refs/heads/main"}}}]}"#,
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::111122223333:oidc-provider/accounts.example.com"}, "Action": "sts:AssumeRoleWithWebIdentity"}]}"#,
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Principal": {"Federated": "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"}, "Action": "sts:AssumeRoleWithWebIdentity"}]}"#,
        ] {
            assert!(findings_of(CODE, src, trust()).is_empty(), "{src}");
        }
        assert!(findings_of(CODE, TRIGGER, resource()).is_empty());
    }
}
