//! `POLICY_SIZE_EXCEEDS_ROLE_TRUST_POLICY_QUOTA`: a role trust policy over
//! the default 2,048 characters, whitespace excluded.

use super::SizeQuota;
use crate::finding::{FindingType, RuleInfo};

/// The rule: whitespace between JSON tokens does not count.
pub static RULE: SizeQuota = SizeQuota {
    info: RuleInfo {
        code: "POLICY_SIZE_EXCEEDS_ROLE_TRUST_POLICY_QUOTA",
        finding_type: FindingType::Warning,
        summary: "A role trust policy is longer than 2,048 characters, whitespace excluded.",
        documentation: "What: a role trust policy with more than 2,048 characters once the whitespace between JSON elements is left out. 2,048 is IAM's default role trust policy length quota; an account can have it raised through Service Quotas, which Warden cannot see. The finding is placed on the document's first character.\nWhy: with the default quota IAM refuses to save the trust policy.\nExample: a trust policy listing dozens of account roots or federated subjects one by one.\nFix: trust whole accounts or an organization (`aws:PrincipalOrgID`) instead of long lists, use condition wildcards where they stay precise, or request a quota increase; if it is already raised, ignore the warning.",
    },
    quota: |o| o.is_trust_policy().then_some(2048),
    whitespace_counts: false,
    what: "role trust policy",
};

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, resource, trust};

    const CODE: &str = "POLICY_SIZE_EXCEEDS_ROLE_TRUST_POLICY_QUOTA";

    /// A trust policy of `len` characters without whitespace, with `pad`
    /// extra spaces.
    fn policy_of(len: usize, pad: usize) -> String {
        let head = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/"#;
        let tail = r#""},"Action":"sts:AssumeRole"}]}"#;
        let name = "r".repeat(len - head.len() - tail.len());
        format!("{head}{name}{tail}{}", " ".repeat(pad))
    }

    #[test]
    fn triggers_at_the_exact_span() {
        let src = policy_of(2049, 0);
        assert_eq!(findings_of(CODE, &src, trust()), vec!["{".to_string()]);
        assert_findings!(CODE, &src, trust());
    }

    #[test]
    fn near_miss_is_clean() {
        assert!(findings_of(CODE, &policy_of(2048, 300), trust()).is_empty());
        assert!(findings_of(CODE, &policy_of(2049, 0), resource()).is_empty());
    }
}
