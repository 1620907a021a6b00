//! What "public" means, per resource type, for `no-public-access`.
//!
//! A resource policy is public when it allows a request from an unknown
//! outsider — the anonymous caller, a principal of an account the policy
//! names nowhere, or a user of a public web identity provider — whose
//! *identifying* context keys are absent or hold a value no restriction in
//! the policy pins. Which keys identify the caller, and which values pin
//! it, differ by resource type; this module is the table
//! ([`definition`]), with the source of each entry.
//!
//! Sources (AWS documentation):
//!
//! * The resource types are exactly the `resourceType` values the
//!   `CheckNoPublicAccess` API reference lists ([`PUBLIC_ACCESS_TYPES`]).
//! * Amazon S3 buckets and access points follow the S3 user guide's section
//!   on what "public" means for bucket and access point policies: a policy
//!   is non-public only when it grants access to *fixed* values (no
//!   wildcard, no policy variable) of a principal or of one of a closed list
//!   of keys — `aws:SourceIp` (a block no wider than /8 for IPv4 or /32 for
//!   IPv6), `aws:SourceArn`, `aws:SourceVpc`, `aws:SourceVpce`,
//!   `aws:SourceOwner`, `aws:SourceAccount`,
//!   `s3:x-amz-server-side-encryption-aws-kms-key-id`, `aws:userid`,
//!   `s3:DataAccessPointArn` and `s3:DataAccessPointAccount`. The page names
//!   `aws:PrincipalOrgID` as an example of a principal restriction; Warden
//!   reads the other `aws:Principal…` keys that name the caller (account,
//!   ARN, organization path, service name) the same way. In a *bucket*
//!   policy an `s3:DataAccessPointArn` value may leave the access point name
//!   open as long as the account is fixed; in an *access point* policy that
//!   same value is public. The same page shows a web identity federation
//!   grant (`"Federated": "graph.facebook.com"`) as public.
//! * AWS KMS keys: the Access Analyzer resource-type page describes
//!   `kms:CallerAccount` as limiting a key to the principals of one account,
//!   so it is identifying for `AWS::KMS::Key`.
//!
//! Choices where AWS's pages are silent, each toward answering "public"
//! (a FAIL that the evaluator confirms) rather than risking a wrong PASS:
//!
//! * Service-specific keys identify only for their own service's type:
//!   `kms:CallerAccount` for KMS keys, the `s3:` keys for S3 buckets and
//!   access points, `lambda:FunctionArn` for Lambda functions, `sns:Endpoint`
//!   for SNS topics, `sqs:SourceArn` for SQS queues (the last three carried
//!   over from Warden's earlier single definition). A value of another
//!   service's key never pins the caller.
//! * `kms:ViaService` is not identifying: it names the service a request
//!   passes through, not who sends it, so principals of any account can
//!   still reach the key through that service.
//! * S3's `aws:userid` exception for the pattern `AROLEID:*` (a role's
//!   unique ID with any session name) is worded ambiguously; such a pattern
//!   is read as any other wildcard: public.
//! * S3's list is closed: keys it does not name (`aws:username`,
//!   `aws:SourceOrgID`, `aws:VpceAccount`, …) do not pin the caller for S3
//!   buckets and access points. Other types keep Warden's earlier global
//!   list ([`crate::IDENTIFYING_KEYS`]).
//! * Users of the public web identity providers (Amazon Cognito, Google,
//!   Facebook, Login with Amazon) are outsiders for every type, not only
//!   S3: anyone can sign in to those providers.
//! * Access points with a VPC network origin are never public for S3, but
//!   the origin is not part of the policy; Warden judges the policy alone.
//! * S3 on Outposts, S3 Express One Zone, S3 Tables, Glacier and the other
//!   types have no documented nuance found: they use the global list.

use warden_policy::arn::{is_account_id, split_fields};

/// The resource types `no-public-access` accepts: Access Analyzer's
/// `CheckNoPublicAccess` list, spelled as AWS spells them.
pub const PUBLIC_ACCESS_TYPES: &[&str] = &[
    "AWS::DynamoDB::Table",
    "AWS::DynamoDB::Stream",
    "AWS::EFS::FileSystem",
    "AWS::OpenSearchService::Domain",
    "AWS::Kinesis::Stream",
    "AWS::Kinesis::StreamConsumer",
    "AWS::KMS::Key",
    "AWS::Lambda::Function",
    "AWS::S3::Bucket",
    "AWS::S3::AccessPoint",
    "AWS::S3Express::DirectoryBucket",
    "AWS::S3::Glacier",
    "AWS::S3Outposts::Bucket",
    "AWS::S3Outposts::AccessPoint",
    "AWS::SecretsManager::Secret",
    "AWS::SNS::Topic",
    "AWS::SQS::Queue",
    "AWS::IAM::AssumeRolePolicyDocument",
    "AWS::S3Tables::TableBucket",
    "AWS::ApiGateway::RestApi",
    "AWS::CodeArtifact::Domain",
    "AWS::Backup::BackupVault",
    "AWS::CloudTrail::Dashboard",
    "AWS::CloudTrail::EventDataStore",
    "AWS::S3Tables::Table",
    "AWS::S3Express::AccessPoint",
];

/// Which values of an identifying key pin the caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pin {
    /// One of finitely many values the policy names (for `aws:SourceIp`:
    /// an address inside a named block of at least /8, or /32 for IPv6).
    Fixed,
    /// As [`Pin::Fixed`], or any access point of an account, Region and
    /// partition the policy names literally in an
    /// `arn:…:s3:<region>:<account>:accesspoint/…` value (S3 bucket
    /// policies' `s3:DataAccessPointArn`).
    FixedOrAccessPointOfNamedAccount,
}

/// What "public" means for one resource type.
#[derive(Debug, Clone, Copy)]
pub struct Definition {
    /// The type, as AWS spells it.
    pub resource_type: &'static str,
    /// The keys (beyond the principal) whose pinned values make a request
    /// non-public, and how they pin it.
    pub keys: &'static [(&'static str, Pin)],
}

/// The keys S3's definition lists, for buckets (`ap` says how
/// `s3:DataAccessPointArn` pins).
macro_rules! s3_keys {
    ($ap:expr) => {
        &[
            ("aws:PrincipalAccount", Pin::Fixed),
            ("aws:PrincipalArn", Pin::Fixed),
            ("aws:PrincipalOrgID", Pin::Fixed),
            ("aws:PrincipalOrgPaths", Pin::Fixed),
            ("aws:PrincipalServiceName", Pin::Fixed),
            ("aws:SourceIp", Pin::Fixed),
            ("aws:SourceArn", Pin::Fixed),
            ("aws:SourceVpc", Pin::Fixed),
            ("aws:SourceVpce", Pin::Fixed),
            ("aws:SourceOwner", Pin::Fixed),
            ("aws:SourceAccount", Pin::Fixed),
            ("s3:x-amz-server-side-encryption-aws-kms-key-id", Pin::Fixed),
            ("aws:userid", Pin::Fixed),
            ("s3:DataAccessPointArn", $ap),
            ("s3:DataAccessPointAccount", Pin::Fixed),
        ]
    };
}

const S3_BUCKET: &[(&str, Pin)] = s3_keys!(Pin::FixedOrAccessPointOfNamedAccount);
const S3_ACCESS_POINT: &[(&str, Pin)] = s3_keys!(Pin::Fixed);

/// The global keys with every pin [`Pin::Fixed`], plus `extra`.
macro_rules! global_plus {
    ($($extra:expr),*) => {
        &[
            ("aws:PrincipalAccount", Pin::Fixed),
            ("aws:PrincipalArn", Pin::Fixed),
            ("aws:PrincipalOrgID", Pin::Fixed),
            ("aws:PrincipalOrgPaths", Pin::Fixed),
            ("aws:PrincipalServiceName", Pin::Fixed),
            ("aws:PrincipalServiceNamesList", Pin::Fixed),
            ("aws:SourceAccount", Pin::Fixed),
            ("aws:SourceArn", Pin::Fixed),
            ("aws:SourceOwner", Pin::Fixed),
            ("aws:SourceOrgID", Pin::Fixed),
            ("aws:SourceOrgPaths", Pin::Fixed),
            ("aws:SourceVpc", Pin::Fixed),
            ("aws:SourceVpce", Pin::Fixed),
            ("aws:SourceIp", Pin::Fixed),
            ("aws:VpceAccount", Pin::Fixed),
            ("aws:VpceOrgID", Pin::Fixed),
            ("aws:VpceOrgPaths", Pin::Fixed),
            ("aws:userid", Pin::Fixed),
            ("aws:username", Pin::Fixed),
            ("aws:FederatedProvider", Pin::Fixed),
            $(($extra, Pin::Fixed),)*
        ]
    };
}

const GLOBAL: &[(&str, Pin)] = global_plus!();
const KMS: &[(&str, Pin)] = global_plus!("kms:CallerAccount");
const LAMBDA: &[(&str, Pin)] = global_plus!("lambda:FunctionArn");
const SNS: &[(&str, Pin)] = global_plus!("sns:Endpoint");
const SQS: &[(&str, Pin)] = global_plus!("sqs:SourceArn");

/// The definition for `resource_type`, spelled exactly as AWS spells it;
/// `None` for a type `no-public-access` does not accept.
pub fn definition(resource_type: &str) -> Option<Definition> {
    let name = PUBLIC_ACCESS_TYPES
        .iter()
        .copied()
        .find(|t| *t == resource_type)?;
    let keys = match name {
        "AWS::S3::Bucket" => S3_BUCKET,
        "AWS::S3::AccessPoint" => S3_ACCESS_POINT,
        "AWS::KMS::Key" => KMS,
        "AWS::Lambda::Function" => LAMBDA,
        "AWS::SNS::Topic" => SNS,
        "AWS::SQS::Queue" => SQS,
        _ => GLOBAL,
    };
    Some(Definition {
        resource_type: name,
        keys,
    })
}

/// For an `s3:DataAccessPointArn` value whose partition, Region and
/// account are literal (an account ID) and whose resource names an access
/// point, the pattern of every access point of that account there.
pub fn access_point_namespace(value: &str) -> Option<String> {
    if value.contains("${") {
        return None;
    }
    let [arn, partition, service, region, account, resource] = split_fields(value)?;
    let literal = |f: &str| !f.is_empty() && !f.contains(['*', '?']);
    let ok = arn == "arn"
        && literal(partition)
        && service == "s3"
        && literal(region)
        && is_account_id(account)
        && resource.starts_with("accesspoint/");
    ok.then(|| format!("arn:{partition}:s3:{region}:{account}:accesspoint/*"))
}

/// Whether the default definition's keys are [`crate::IDENTIFYING_KEYS`],
/// the documented global list.
#[cfg(test)]
fn global_matches_documented_list() -> bool {
    GLOBAL.len() == crate::IDENTIFYING_KEYS.len()
        && GLOBAL
            .iter()
            .zip(crate::IDENTIFYING_KEYS)
            .all(|((k, _), d)| k == d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_type_has_a_definition_and_case_matters() {
        for t in PUBLIC_ACCESS_TYPES {
            assert_eq!(definition(t).map(|d| d.resource_type), Some(*t));
        }
        assert!(definition("aws::s3::bucket").is_none());
        assert!(definition("AWS::S3::MultiRegionAccessPoint").is_none());
        assert_eq!(PUBLIC_ACCESS_TYPES.len(), 26);
    }

    #[test]
    fn the_global_list_is_the_documented_one() {
        assert!(global_matches_documented_list());
    }

    #[test]
    fn access_point_namespaces_need_a_fixed_account() {
        assert_eq!(
            access_point_namespace("arn:aws:s3:us-west-2:111122223333:accesspoint/team-*")
                .as_deref(),
            Some("arn:aws:s3:us-west-2:111122223333:accesspoint/*")
        );
        for v in [
            "arn:aws:s3:us-west-2:*:accesspoint/x",
            "arn:aws:s3:*:111122223333:accesspoint/x",
            "arn:aws:s3:us-west-2:1111222233?3:accesspoint/x",
            "arn:aws:s3:us-west-2:${aws:PrincipalAccount}:accesspoint/x",
            "arn:aws:s3:::bucket/x",
        ] {
            assert_eq!(access_point_namespace(v), None, "{v}");
        }
    }
}
