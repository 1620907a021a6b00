//! `POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA`: an identity policy over
//! 6,144 characters, whitespace excluded.

use super::SizeQuota;
use crate::finding::{FindingType, RuleInfo};
use crate::PolicyType;

/// The rule: whitespace between JSON tokens does not count.
pub static RULE: SizeQuota = SizeQuota {
    info: RuleInfo {
        code: "POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA",
        finding_type: FindingType::Warning,
        summary: "An identity policy is longer than 6,144 characters, whitespace excluded.",
        documentation: "What: an identity-based policy with more than 6,144 characters once the whitespace between JSON elements is left out (IAM does not count it; whitespace inside strings counts). 6,144 is the quota of a managed policy; inline policies share a per-identity total instead. The finding is placed on the document's first character.\nWhy: IAM refuses to create a managed policy (or a new version) over the quota.\nExample: AWS's own `ReadOnlyAccess`, which lists thousands of actions.\nFix: use action wildcards where they stay precise (`ec2:Describe*`), drop redundant statements, or split the statements over several managed policies.",
    },
    quota: |o| (o.policy_type == PolicyType::Identity).then_some(6144),
    whitespace_counts: false,
    what: "identity policy",
};

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, identity, resource};

    const CODE: &str = "POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA";

    /// An identity policy of `len` characters without whitespace, padded with
    /// `pad` spaces.
    fn policy_of(len: usize, pad: usize) -> String {
        let head = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::"#;
        let tail = r#""}]}"#;
        let name = "b".repeat(len - head.len() - tail.len());
        format!("{}{head}{name}{tail}", " ".repeat(pad))
    }

    #[test]
    fn triggers_at_the_exact_span() {
        let src = policy_of(6145, 3);
        assert_eq!(findings_of(CODE, &src, identity()), vec!["{".to_string()]);
        assert_findings!(CODE, &src, identity());
    }

    #[test]
    fn near_miss_is_clean() {
        // Whitespace does not count.
        assert!(findings_of(CODE, &policy_of(6144, 500), identity()).is_empty());
        assert!(findings_of(CODE, &policy_of(6145, 0), resource()).is_empty());
    }
}
