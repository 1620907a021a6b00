//! `POLICY_SIZE_EXCEEDS_SCP_QUOTA`: a service control policy over 5,120
//! characters.

use super::SizeQuota;
use crate::finding::{FindingType, RuleInfo};
use crate::PolicyType;

/// The rule: every character counts, whitespace included.
pub static RULE: SizeQuota = SizeQuota {
    info: RuleInfo {
        code: "POLICY_SIZE_EXCEEDS_SCP_QUOTA",
        finding_type: FindingType::Error,
        summary: "A service control policy is longer than 5,120 characters.",
        documentation: "What: a service control policy whose text, whitespace included, is longer than 5,120 characters, the AWS Organizations maximum. Unlike IAM, Organizations counts every character, including spaces and line breaks between elements. The finding is placed on the document's first character.\nWhy: Organizations refuses to create or update a policy over the quota.\nExample: a pretty-printed SCP listing a few hundred denied actions.\nFix: remove the whitespace outside strings, use action wildcards such as `ec2:Delete*` where they are precise enough, or split the statements over several SCPs attached to the same target.",
    },
    quota: |o| (o.policy_type == PolicyType::ServiceControl).then_some(5120),
    whitespace_counts: true,
    what: "service control policy",
};

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, identity, scp};

    const CODE: &str = "POLICY_SIZE_EXCEEDS_SCP_QUOTA";

    /// An SCP of exactly `len` characters.
    fn policy_of(len: usize) -> String {
        let head = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "s3:*", "Resource": "*"}]"#;
        format!("{head}{}}}", " ".repeat(len - head.len() - 1))
    }

    #[test]
    fn triggers_at_the_exact_span() {
        let src = policy_of(5121);
        assert_eq!(findings_of(CODE, &src, scp()), vec!["{".to_string()]);
        assert_findings!(CODE, &src, scp());
    }

    #[test]
    fn near_miss_is_clean() {
        assert!(findings_of(CODE, &policy_of(5120), scp()).is_empty());
        assert!(findings_of(CODE, &policy_of(5121), identity()).is_empty());
    }
}
