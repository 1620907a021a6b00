//! `SPECIFIC_GITHUB_REPO_AND_BRANCH_RECOMMENDED`: a wildcard in the
//! `token.actions.githubusercontent.com:sub` condition of a GitHub trust.

use super::oidc::{oidc_principals, pinning_conditions, GITHUB};
use crate::finding::{FindingType, Findings, RuleInfo};
use crate::rules::Rule;
use crate::CheckContext;
use warden_catalog::glob::has_wildcard;

/// The rule.
pub static RULE: SpecificGithubRepo = SpecificGithubRepo;

/// Reports the first `sub` condition value with `*` or `?` (once per
/// statement) in trust-policy statements trusting GitHub's OIDC provider.
pub struct SpecificGithubRepo;

static INFO: RuleInfo = RuleInfo {
    code: "SPECIFIC_GITHUB_REPO_AND_BRANCH_RECOMMENDED",
    finding_type: FindingType::Warning,
    summary: "The GitHub `sub` condition uses a wildcard; name the repository and branch.",
    documentation: "What: a role trust policy trusts the GitHub Actions OIDC provider (`token.actions.githubusercontent.com`) and its condition on `token.actions.githubusercontent.com:sub` has a value with `*` or `?`, such as `repo:my-org/*` or `repo:my-org/my-repo:*`. (A value that is only `*` restricts nothing and is reported as `MISSING_GITHUB_REPO_CONDITION_KEY` instead.)\nWhy: the subject names where a workflow runs; a wildcard accepts workflows from every matching repository, branch, tag or pull request, so anyone who can push a branch or open a pull request there may get the role's credentials.\nExample: `\"StringLike\": {\"token.actions.githubusercontent.com:sub\": \"repo:my-org/my-repo:*\"}`.\nFix: list exact subjects with `StringEquals`, such as `repo:my-org/my-repo:ref:refs/heads/main` or `repo:my-org/my-repo:environment:production`.",
};

/// The `sub` key.
const SUB: &str = "token.actions.githubusercontent.com:sub";

impl Rule for SpecificGithubRepo {
    fn info(&self) -> &RuleInfo {
        &INFO
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings<'_>) {
        if !cx.options.is_trust_policy() {
            return;
        }
        for st in cx.policy.iter().flat_map(|p| &p.statements) {
            if !oidc_principals(st)
                .iter()
                .any(|(_, name)| name.eq_ignore_ascii_case(GITHUB))
            {
                continue;
            }
            if let Some(v) = pinning_conditions(st, SUB)
                .flat_map(|c| &c.values)
                .find(|v| has_wildcard(&v.text) && !v.text.bytes().all(|b| b == b'*'))
            {
                out.report(
                    v.span,
                    "a wildcard in token.actions.githubusercontent.com:sub accepts more repositories or branches than one; name them",
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, resource, trust};

    const CODE: &str = "SPECIFIC_GITHUB_REPO_AND_BRANCH_RECOMMENDED";
    const TRIGGER: &str = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"}, "Action": "sts:AssumeRoleWithWebIdentity", "Condition": {"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"}, "StringLike": {"token.actions.githubusercontent.com:sub": ["repo:my-org/app:ref:refs/heads/main", "repo:my-org/app:*"]}}}]}"#;

    #[test]
    fn triggers_at_the_exact_span() {
        assert_eq!(
            findings_of(CODE, TRIGGER, trust()),
            vec![r#""repo:my-org/app:*""#.to_string()]
        );
        assert_findings!(CODE, TRIGGER, trust());
    }

    #[test]
    fn near_miss_is_clean() {
        for src in [
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"}, "Action": "sts:AssumeRoleWithWebIdentity", "Condition": {"StringEquals": {"token.actions.githubusercontent.com:sub": "repo:my-org/app:ref:refs/heads/main"}}}]}"#,
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"}, "Action": "sts:AssumeRoleWithWebIdentity", "Condition": {"StringLike": {"token.actions.githubusercontent.com:sub": "*"}}}]}"#,
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::111122223333:oidc-provider/oidc.example.com"}, "Action": "sts:AssumeRoleWithWebIdentity", "Condition": {"StringLike": {"oidc.example.com:sub": "team-*"}}}]}"#,
        ] {
            assert!(findings_of(CODE, src, trust()).is_empty(), "{src}");
        }
        assert!(findings_of(CODE, TRIGGER, resource()).is_empty());
    }
}
