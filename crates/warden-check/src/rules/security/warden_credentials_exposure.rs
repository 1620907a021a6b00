//! `WARDEN_CREDENTIALS_EXPOSURE`: an Allow of actions that return
//! credentials, on broad resources.

use super::reach::{broad_resource, reached_in, PrefixSet};
use crate::finding::{FindingType, Findings, RuleInfo};
use crate::rules::Rule;
use crate::CheckContext;
use std::sync::OnceLock;

/// The rule.
pub static RULE: CredentialsExposure = CredentialsExposure;

/// Reports, once per statement, the action entry (or `NotAction` key) that
/// grants an action of [`ACTIONS`] on broad resources.
pub struct CredentialsExposure;

static INFO: RuleInfo = RuleInfo {
    code: "WARDEN_CREDENTIALS_EXPOSURE",
    finding_type: FindingType::SecurityWarning,
    summary: "An Allow reaches actions that return credentials, on broad resources.",
    documentation: "What: an Allow statement that grants, through `Action` or a `NotAction` that does not exclude it, an action whose response carries a usable secret for someone else's identity or for a resource (IAM access keys and service-specific credentials, Redshift database credentials for a database user of the caller's choosing, Lightsail instance access details, database passwords and bucket keys, IoT private keys, AppSync and Chime API keys, GameLift instance access, MediaPackage ingest credentials, Cognito developer tokens), with resource `*`, an ARN whose resource part is `*`, or a `NotResource`. Conditions are not evaluated. Actions that return a token limited to the caller's own permissions (`ecr:GetAuthorizationToken`, `codeartifact:GetAuthorizationToken`, `sts:GetSessionToken`, and the Redshift calls that map the database user to the caller's own IAM identity, `redshift:GetClusterCredentialsWithIAM` and `redshift-serverless:GetCredentials`) are deliberately not listed: they cannot reach anything the caller could not already do, and most are wildcard-only, so flagging them would only be noise.\nWhy: a credential returned to the caller lets them act as another user, database account or device, outside the reach of the policy that granted the call, and it keeps working after the grant is revoked; over every resource, that is every such identity in the account.\nExample: `{\"Effect\": \"Allow\", \"Action\": \"iam:CreateAccessKey\", \"Resource\": \"*\"}`.\nFix: grant these actions only on the users, clusters, instances or APIs the workload owns (for IAM users, `arn:aws:iam::111122223333:user/${aws:username}` lets people manage only their own keys).",
};

/// Actions whose response includes a credential. Written for Warden on the
/// model of cloudsplaining's "credentials exposure" category (the list is
/// Warden's own; the tests check that every name is in the catalog).
const ACTIONS: &[&str] = &[
    "iam:CreateAccessKey",
    "iam:CreateServiceSpecificCredential",
    "iam:ResetServiceSpecificCredential",
    "redshift:GetClusterCredentials",
    "lightsail:GetInstanceAccessDetails",
    "lightsail:GetRelationalDatabaseMasterUserPassword",
    "lightsail:CreateBucketAccessKey",
    "iot:CreateKeysAndCertificate",
    "appsync:CreateApiKey",
    "chime:CreateApiKey",
    "gamelift:GetInstanceAccess",
    "mediapackage:RotateChannelCredentials",
    "mediapackage:RotateIngestEndpointCredentials",
    "cognito-identity:GetOpenIdTokenForDeveloperIdentity",
];

impl Rule for CredentialsExposure {
    fn info(&self) -> &RuleInfo {
        &INFO
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings<'_>) {
        for st in cx.policy.iter().flat_map(|p| &p.statements) {
            if !broad_resource(st) {
                continue;
            }
            static SERVICES: OnceLock<PrefixSet> = OnceLock::new();
            let services = SERVICES.get_or_init(|| PrefixSet::of(ACTIONS));
            if let Some((name, span)) = reached_in(st, ACTIONS, services) {
                out.report(
                    span,
                    format!("allows {name} on broad resources: its response carries credentials"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::ACTIONS;
    use crate::rules::testing::{assert_findings, findings_of, identity};

    const CODE: &str = "WARDEN_CREDENTIALS_EXPOSURE";

    #[test]
    fn every_listed_action_is_in_the_catalog() {
        for n in ACTIONS {
            assert!(warden_catalog::action(n).is_some(), "{n}");
        }
    }

    #[test]
    fn triggers_at_the_exact_span() {
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["redshift:Describe*", "redshift:GetClusterCredentials"], "Resource": "*"}]}"#;
        assert_eq!(
            findings_of(CODE, src, identity()),
            vec![r#""redshift:GetClusterCredentials""#.to_string()]
        );
        assert_findings!(CODE, src, identity());
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:Create*", "Resource": "arn:aws:iam::111122223333:user/*"}]}"#;
        assert_eq!(
            findings_of(CODE, src, identity()),
            vec![r#""iam:Create*""#.to_string()]
        );
        assert_findings!(CODE, src, identity());
    }

    #[test]
    fn near_miss_is_clean() {
        for src in [
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:CreateAccessKey", "Resource": "arn:aws:iam::111122223333:user/${aws:username}"}]}"#,
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "ecr:GetAuthorizationToken", "Resource": "*"}]}"#,
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "iam:CreateAccessKey", "Resource": "*"}]}"#,
        ] {
            assert!(findings_of(CODE, src, identity()).is_empty(), "{src}");
        }
    }
}
