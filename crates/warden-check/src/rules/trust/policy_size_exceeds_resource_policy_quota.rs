//! `POLICY_SIZE_EXCEEDS_RESOURCE_POLICY_QUOTA`: an S3 bucket, S3 access
//! point or DynamoDB table policy over 20 KB.

use super::SizeQuota;
use crate::finding::{FindingType, RuleInfo};
use crate::{PolicyType, ResourceType};

/// The rule: applies only to resource types whose quota is documented, and
/// counts every character.
pub static RULE: SizeQuota = SizeQuota {
    info: RuleInfo {
        code: "POLICY_SIZE_EXCEEDS_RESOURCE_POLICY_QUOTA",
        finding_type: FindingType::Warning,
        summary: "A bucket, access point or table policy is longer than 20 KB.",
        documentation: "What: a resource policy for an S3 bucket, an S3 access point or a DynamoDB table with more than 20,480 characters, whitespace included (the services document a 20 KB limit; DynamoDB says whitespace counts). Other resource types, and resource policies whose type is not given, are not checked: each service sets its own quota. The finding is placed on the document's first character.\nWhy: the service refuses to attach a policy over its quota.\nExample: a bucket policy that grants hundreds of accounts one statement each.\nFix: remove whitespace, merge statements that differ only in their principals or resources, or grant through an organization condition (`aws:PrincipalOrgID`) instead of long principal lists.",
    },
    quota: |o| {
        (o.policy_type == PolicyType::Resource
            && matches!(
                o.resource_type,
                Some(ResourceType::S3Bucket | ResourceType::S3AccessPoint | ResourceType::DynamoDbTable)
            ))
        .then_some(20 * 1024)
    },
    whitespace_counts: true,
    what: "resource policy",
};

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, resource};
    use crate::{Options, PolicyType, ResourceType};

    const CODE: &str = "POLICY_SIZE_EXCEEDS_RESOURCE_POLICY_QUOTA";

    fn bucket() -> Options {
        Options {
            policy_type: PolicyType::Resource,
            resource_type: Some(ResourceType::S3Bucket),
            deep: false,
        }
    }

    /// A bucket policy of exactly `len` characters.
    fn policy_of(len: usize) -> String {
        let head = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]"#;
        format!("{head}{}}}", " ".repeat(len - head.len() - 1))
    }

    #[test]
    fn triggers_at_the_exact_span() {
        assert_eq!(
            findings_of(CODE, &policy_of(20481), bucket()),
            vec!["{".to_string()]
        );
        assert_findings!(CODE, &policy_of(20481), bucket());
    }

    #[test]
    fn near_miss_is_clean() {
        assert!(findings_of(CODE, &policy_of(20480), bucket()).is_empty());
        // Unknown resource type: no documented quota.
        assert!(findings_of(CODE, &policy_of(20481), resource()).is_empty());
    }
}
