//! `WARDEN_RESOURCE_EXPOSURE`: an Allow of actions that rewrite resource
//! policies, on broad resources.

use super::reach::{broad_resource, reached_in, PrefixSet};
use crate::finding::{FindingType, Findings, RuleInfo};
use crate::rules::Rule;
use crate::CheckContext;
use std::sync::OnceLock;

/// The rule.
pub static RULE: ResourceExposure = ResourceExposure;

/// Reports, once per statement, the action entry (or `NotAction` key) that
/// grants an action of [`ACTIONS`] on broad resources.
pub struct ResourceExposure;

static INFO: RuleInfo = RuleInfo {
    code: "WARDEN_RESOURCE_EXPOSURE",
    finding_type: FindingType::SecurityWarning,
    summary: "An Allow lets the holder rewrite resource policies on broad resources.",
    documentation: "What: an Allow statement that grants, through `Action` or a `NotAction` that does not exclude it, a permissions-management action that changes who else may use a resource (a bucket policy or ACL, a key policy or grant, a queue, topic, function, secret, repository, vault or log policy, a role's trust policy, snapshot sharing, Block Public Access settings), with resource `*`, an ARN whose resource part is `*`, or a `NotResource`. The message names the first such action. Conditions are not evaluated, with one exception: `kms:CreateGrant` under a condition on `kms:GrantIsForAWSResource` or `kms:ViaService` is confined to grants for AWS service integrations and is not reported.\nWhy: whoever holds it can open any of those resources to another account or to the public without touching their own permissions: the data leaves through the resource policy, which identity-side reviews and SCPs on the holder do not see.\nExample: `{\"Effect\": \"Allow\", \"Action\": \"s3:PutBucketPolicy\", \"Resource\": \"*\"}`.\nFix: grant these actions only on the resources the workload administers, and guard resource policies with an SCP or RCP that denies sharing outside the organization.",
};

/// Permissions-management actions that change a resource's policy, ACL,
/// grants or sharing. Written for Warden on the model of cloudsplaining's
/// "resource exposure" category (the list is Warden's own; the tests check
/// that every name is in the catalog at the permissions-management level).
const ACTIONS: &[&str] = &[
    "s3:PutBucketPolicy",
    "s3:PutBucketAcl",
    "s3:PutObjectAcl",
    "s3:PutAccessPointPolicy",
    "s3:PutMultiRegionAccessPointPolicy",
    "s3:PutBucketPublicAccessBlock",
    "s3:PutAccountPublicAccessBlock",
    "kms:PutKeyPolicy",
    "kms:CreateGrant",
    "sqs:SetQueueAttributes",
    "sqs:AddPermission",
    "sns:SetTopicAttributes",
    "sns:AddPermission",
    "lambda:AddPermission",
    "lambda:AddLayerVersionPermission",
    "secretsmanager:PutResourcePolicy",
    "ecr:SetRepositoryPolicy",
    "ecr-public:SetRepositoryPolicy",
    "iam:UpdateAssumeRolePolicy",
    "glacier:SetVaultAccessPolicy",
    "logs:PutResourcePolicy",
    "backup:PutBackupVaultAccessPolicy",
    "elasticfilesystem:PutFileSystemPolicy",
    "events:PutPermission",
    "glue:PutResourcePolicy",
    "apigateway:UpdateRestApiPolicy",
    "mediastore:PutContainerPolicy",
    "ec2:ModifySnapshotAttribute",
    "dynamodb:PutResourcePolicy",
];

/// Condition keys that, present in the statement, confine an action of
/// [`ACTIONS`] to a use that does not expose the resource: a KMS grant
/// created only for an AWS service integration (`kms:GrantIsForAWSResource`)
/// or only through a named service (`kms:ViaService`), the pattern of AWS's
/// own managed policies.
const ANSWERED_BY: &[(&str, &[&str])] = &[(
    "kms:CreateGrant",
    &["kms:GrantIsForAWSResource", "kms:ViaService"],
)];

/// Whether the statement has a condition that answers `name`.
fn answered(st: &warden_policy::policy::Statement, name: &str) -> bool {
    ANSWERED_BY
        .iter()
        .filter(|(n, _)| *n == name)
        .flat_map(|(_, keys)| keys.iter())
        .any(|k| {
            st.conditions
                .iter()
                .any(|c| c.key.value.eq_ignore_ascii_case(k))
        })
}

impl Rule for ResourceExposure {
    fn info(&self) -> &RuleInfo {
        &INFO
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings<'_>) {
        for st in cx.policy.iter().flat_map(|p| &p.statements) {
            if !broad_resource(st) {
                continue;
            }
            let names: Vec<&str> = ACTIONS
                .iter()
                .copied()
                .filter(|n| !answered(st, n))
                .collect();
            // The filter of the whole table serves every subset of it.
            static SERVICES: OnceLock<PrefixSet> = OnceLock::new();
            let services = SERVICES.get_or_init(|| PrefixSet::of(ACTIONS));
            if let Some((name, span)) = reached_in(st, &names, services) {
                out.report(
                    span,
                    format!("allows {name} on broad resources: the holder can expose resources to other principals"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::ACTIONS;
    use crate::rules::testing::{assert_findings, findings_of, identity};
    use warden_catalog::AccessLevel;

    const CODE: &str = "WARDEN_RESOURCE_EXPOSURE";

    #[test]
    fn every_listed_action_manages_permissions() {
        for n in ACTIONS {
            let a = warden_catalog::action(n).unwrap_or_else(|| panic!("{n}"));
            assert_eq!(a.access_level(), AccessLevel::PermissionsManagement, "{n}");
        }
    }

    #[test]
    fn triggers_at_the_exact_span() {
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutBucket*"], "Resource": "*"}]}"#;
        assert_eq!(
            findings_of(CODE, src, identity()),
            vec![r#""s3:PutBucket*""#.to_string()]
        );
        assert_findings!(CODE, src, identity());
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "NotAction": "s3:*", "Resource": "*"}]}"#;
        assert_eq!(
            findings_of(CODE, src, identity()),
            vec![r#""NotAction""#.to_string()]
        );
        assert_findings!(CODE, src, identity());
        // The condition answers kms:CreateGrant only.
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "kms:*", "Resource": "*", "Condition": {"StringEquals": {"kms:ViaService": "s3.us-east-1.amazonaws.com"}}}]}"#;
        assert_eq!(
            findings_of(CODE, src, identity()),
            vec![r#""kms:*""#.to_string()]
        );
        assert_findings!(CODE, src, identity());
    }

    #[test]
    fn near_miss_is_clean() {
        for src in [
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:PutBucketPolicy", "Resource": "arn:aws:s3:::my-bucket"}]}"#,
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:Get*", "kms:Describe*"], "Resource": "*"}]}"#,
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "kms:PutKeyPolicy", "Resource": "*"}]}"#,
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "kms:CreateGrant", "Resource": "*", "Condition": {"Bool": {"kms:GrantIsForAWSResource": "true"}}}]}"#,
        ] {
            assert!(findings_of(CODE, src, identity()).is_empty(), "{src}");
        }
    }
}
