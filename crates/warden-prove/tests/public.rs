//! `no-public-access` per resource type, as AWS defines "public" for each,
//! and wildcard principals in the reference of `no-new-access`.
//!
//! Each nuance has a policy that is public and a near miss that is not.
//! Every FAIL's counterexample has been confirmed by the evaluator in the
//! code path; the tests check what it holds.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use warden_prove::{no_public_access, Counterexample, Input, Verdict};

mod common;
use common::{nna_resource, parse};

fn public(src: &str, resource_type: &str) -> Verdict {
    let p = parse(src);
    no_public_access(
        Input {
            name: "p",
            policy: &p,
        },
        resource_type,
    )
}

/// One Allow statement for `principal` on `action`, with `condition` (a
/// JSON object, or empty for none).
fn grant(principal: &str, action: &str, condition: &str) -> String {
    let condition = if condition.is_empty() {
        String::new()
    } else {
        format!(r#","Condition":{condition}"#)
    };
    format!(
        r#"{{"Version":"2012-10-17","Statement":[{{"Sid":"Grant","Effect":"Allow","Principal":{principal},"Action":"{action}","Resource":"*"{condition}}}]}}"#
    )
}

fn fail(v: Verdict) -> Box<Counterexample> {
    match v {
        Verdict::Fail(cx) => cx,
        other => panic!("expected FAIL, got {other:?}"),
    }
}

fn pass(v: &Verdict) {
    assert!(matches!(v, Verdict::Pass), "expected PASS, got {v:?}");
}

fn context<'a>(cx: &'a Counterexample, key: &str) -> Option<&'a [String]> {
    cx.request
        .context
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(key))
        .map(|(_, v)| v.values.as_slice())
}

/// The outsider of a FAIL: anonymous, a web identity user, or a principal
/// of an account the policy does not name.
fn is_stranger(principal: &str, named: &str) -> bool {
    principal.eq_ignore_ascii_case("anonymous")
        || [
            "graph.facebook.com",
            "accounts.google.com",
            "www.amazon.com",
        ]
        .contains(&principal)
        || principal == "cognito-identity.amazonaws.com"
        || (principal.starts_with("arn:aws:") && !principal.contains(named))
}

#[test]
fn the_supported_types_are_access_analyzers_list() {
    let p = grant(r#""*""#, "s3:GetObject", "");
    for t in warden_prove::PUBLIC_ACCESS_TYPES {
        let cx = fail(public(&p, t));
        assert!(is_stranger(&cx.request.principal, "111122223333"), "{t}");
    }
    // The API names these two; it does not name multi-Region access points.
    assert!(warden_prove::PUBLIC_ACCESS_TYPES.contains(&"AWS::S3Outposts::Bucket"));
    assert!(warden_prove::PUBLIC_ACCESS_TYPES.contains(&"AWS::S3Outposts::AccessPoint"));
    for t in [
        "AWS::S3::MultiRegionAccessPoint",
        "aws::s3::bucket",
        "AWS::EC2::Instance",
    ] {
        let v = public(&p, t);
        assert!(
            matches!(&v, Verdict::Unknown(why) if why.contains("not a resource type")),
            "{t}: {v:?}"
        );
    }
}

#[test]
fn web_identity_federation_is_public() {
    // The S3 guide's own example of a public bucket policy: anyone can sign
    // in to Facebook. Warden applies it to every type.
    let p = grant(r#"{"Federated":"graph.facebook.com"}"#, "s3:PutObject", "");
    for t in ["AWS::S3::Bucket", "AWS::SQS::Queue"] {
        let cx = fail(public(&p, t));
        assert_eq!(cx.request.principal, "graph.facebook.com", "{t}");
        assert_eq!(cx.statements[0].statement_id.as_deref(), Some("Grant"));
    }
    // Near miss: a SAML provider belongs to one account.
    let saml = grant(
        r#"{"Federated":"arn:aws:iam::111122223333:saml-provider/corp"}"#,
        "s3:PutObject",
        "",
    );
    pass(&public(&saml, "AWS::S3::Bucket"));
}

#[test]
fn s3_bucket_policies_may_name_any_access_point_of_a_fixed_account() {
    // S3 guide: in a bucket policy an `s3:DataAccessPointArn` value may
    // leave the access point name open when the account is fixed.
    let ap = grant(
        r#""*""#,
        "s3:GetObject",
        r#"{"ArnLike":{"s3:DataAccessPointArn":"arn:aws:s3:us-west-2:111122223333:accesspoint/*"}}"#,
    );
    pass(&public(&ap, "AWS::S3::Bucket"));
    // The same statement in an access point policy is public: any access
    // point name of the account is a set, not a fixed value.
    let cx = fail(public(&ap, "AWS::S3::AccessPoint"));
    let arn = &context(&cx, "s3:DataAccessPointArn").unwrap()[0];
    assert!(
        arn.starts_with("arn:aws:s3:us-west-2:111122223333:accesspoint/"),
        "{arn}"
    );
    // Near miss for buckets: a second value leaves the account open, so
    // the public request comes through another account's access point.
    let any_account = grant(
        r#""*""#,
        "s3:GetObject",
        r#"{"ArnLike":{"s3:DataAccessPointArn":["arn:aws:s3:us-west-2:111122223333:accesspoint/*","arn:aws:s3:us-west-2:*:accesspoint/*"]}}"#,
    );
    let cx = fail(public(&any_account, "AWS::S3::Bucket"));
    let arn = &context(&cx, "s3:DataAccessPointArn").unwrap()[0];
    assert!(arn.starts_with("arn:aws:s3:us-west-2:"), "{arn}");
    assert!(!arn.contains(":111122223333:"), "{arn}");
    // A fixed access point pins the caller in both kinds of policy.
    let one = grant(
        r#""*""#,
        "s3:GetObject",
        r#"{"StringEquals":{"s3:DataAccessPointArn":"arn:aws:s3:us-west-2:111122223333:accesspoint/reports"}}"#,
    );
    pass(&public(&one, "AWS::S3::Bucket"));
    pass(&public(&one, "AWS::S3::AccessPoint"));
}

#[test]
fn s3_lists_its_own_keys() {
    // A fixed KMS key ID is on S3's list of restricting keys ...
    let kms_key = grant(
        r#""*""#,
        "s3:PutObject",
        r#"{"StringEquals":{"s3:x-amz-server-side-encryption-aws-kms-key-id":"arn:aws:kms:us-east-1:111122223333:key/abcd"}}"#,
    );
    pass(&public(&kms_key, "AWS::S3::Bucket"));
    // ... and an S3 key pins nothing for a queue.
    let cx = fail(public(&kms_key, "AWS::SQS::Queue"));
    assert_eq!(
        context(&cx, "s3:x-amz-server-side-encryption-aws-kms-key-id").unwrap()[0],
        "arn:aws:kms:us-east-1:111122223333:key/abcd"
    );
    // `aws:username` is not on S3's closed list: public for a bucket,
    // restricting for a queue (the global list).
    let username = grant(
        r#""*""#,
        "s3:GetObject",
        r#"{"StringEquals":{"aws:username":"alice"}}"#,
    );
    let cx = fail(public(&username, "AWS::S3::Bucket"));
    assert_eq!(context(&cx, "aws:username").unwrap()[0], "alice");
    pass(&public(&username, "AWS::SQS::Queue"));
}

#[test]
fn s3_source_ip_blocks_wider_than_slash_8_are_public() {
    for (block, is_public) in [
        ("10.0.0.0/8", false),
        ("10.0.0.0/7", true),
        ("2001:db8::/32", false),
        ("2001:db8::/31", true),
    ] {
        let p = grant(
            r#""*""#,
            "s3:GetObject",
            &format!(r#"{{"IpAddress":{{"aws:SourceIp":"{block}"}}}}"#),
        );
        let v = public(&p, "AWS::S3::Bucket");
        if is_public {
            let cx = fail(v);
            assert!(context(&cx, "aws:SourceIp").is_some(), "{block}");
        } else {
            pass(&v);
        }
    }
}

#[test]
fn s3_user_ids_must_be_fixed() {
    // A fixed user ID pins one caller.
    let fixed = grant(
        r#""*""#,
        "s3:GetObject",
        r#"{"StringEquals":{"aws:userid":"AROAEXAMPLEROLEID:alice"}}"#,
    );
    pass(&public(&fixed, "AWS::S3::Bucket"));
    // A role ID with any session name: read as any other wildcard (the S3
    // guide's wording of this case is ambiguous; see `public.rs`).
    let sessions = grant(
        r#""*""#,
        "s3:GetObject",
        r#"{"StringLike":{"aws:userid":"AROAEXAMPLEROLEID:*"}}"#,
    );
    let cx = fail(public(&sessions, "AWS::S3::Bucket"));
    let id = &context(&cx, "aws:userid").unwrap()[0];
    assert!(id.starts_with("AROAEXAMPLEROLEID:"), "{id}");
}

#[test]
fn kms_caller_account_pins_the_caller_and_via_service_does_not() {
    // The shape of an AWS managed key's policy: any principal of one
    // account, through one service.
    let managed = grant(
        r#"{"AWS":"*"}"#,
        "kms:Decrypt",
        r#"{"StringEquals":{"kms:CallerAccount":"111122223333","kms:ViaService":"s3.us-east-1.amazonaws.com"}}"#,
    );
    pass(&public(&managed, "AWS::KMS::Key"));
    // The same key condition on a secret's policy is another service's key.
    let cx = fail(public(&managed, "AWS::SecretsManager::Secret"));
    assert_eq!(
        context(&cx, "kms:CallerAccount").unwrap()[0],
        "111122223333"
    );
    // Near miss: through the service, from any account.
    let via_only = grant(
        r#"{"AWS":"*"}"#,
        "kms:Decrypt",
        r#"{"StringEquals":{"kms:ViaService":"s3.us-east-1.amazonaws.com"}}"#,
    );
    let cx = fail(public(&via_only, "AWS::KMS::Key"));
    assert_eq!(
        context(&cx, "kms:ViaService").unwrap()[0],
        "s3.us-east-1.amazonaws.com"
    );
    assert!(context(&cx, "kms:CallerAccount").is_none_or(|v| v[0] != "111122223333"));
    assert_eq!(cx.request.action.to_ascii_lowercase(), "kms:decrypt");
}

#[test]
fn types_without_a_documented_nuance_keep_the_global_list() {
    // An organization pins the caller for every type.
    let org = grant(
        r#""*""#,
        "sqs:SendMessage",
        r#"{"StringEquals":{"aws:PrincipalOrgID":"o-exampleorgid"}}"#,
    );
    for t in [
        "AWS::SQS::Queue",
        "AWS::S3Tables::Table",
        "AWS::Backup::BackupVault",
    ] {
        pass(&public(&org, t));
    }
    // A service principal is not the public.
    let service = grant(r#"{"Service":"sns.amazonaws.com"}"#, "sqs:SendMessage", "");
    pass(&public(&service, "AWS::SQS::Queue"));
    // Near miss: an organization pattern is no fixed value.
    let orgs = grant(
        r#""*""#,
        "sqs:SendMessage",
        r#"{"StringLike":{"aws:PrincipalOrgID":"o-*"}}"#,
    );
    let cx = fail(public(&orgs, "AWS::SQS::Queue"));
    assert!(context(&cx, "aws:PrincipalOrgID").unwrap()[0].starts_with("o-"));
}

fn to(principal: &str) -> String {
    grant(
        &format!(r#"{{"AWS":"{principal}"}}"#),
        "sqs:SendMessage",
        "",
    )
}

#[test]
fn reference_principals_with_wildcards_are_patterns() {
    let team = to("arn:aws:iam::111122223333:role/team-*");
    // A role the pattern names: no new access. The evaluator alone would
    // read `role/team-*` as a role with that literal name.
    pass(&nna_resource(
        &to("arn:aws:iam::111122223333:role/team-a"),
        &team,
    ));
    // Another account's role of the same name is new access.
    let cx = fail(nna_resource(
        &to("arn:aws:iam::444455556666:role/team-a"),
        &team,
    ));
    assert!(
        cx.request.principal.contains("444455556666"),
        "{:?}",
        cx.request
    );
    // A role the pattern does not name is new access.
    let cx = fail(nna_resource(
        &to("arn:aws:iam::111122223333:role/admin"),
        &team,
    ));
    assert!(
        cx.request.principal.to_ascii_lowercase().contains("admin"),
        "{:?}",
        cx.request
    );
    // The account field may be a pattern too.
    let any_account = to("arn:aws:iam::*:role/auditor");
    pass(&nna_resource(
        &to("arn:aws:iam::444455556666:role/auditor"),
        &any_account,
    ));
    let cx = fail(nna_resource(&to("444455556666"), &any_account));
    assert!(cx.request.principal.contains("444455556666"));
    assert!(!cx
        .request
        .principal
        .to_ascii_lowercase()
        .contains("role/auditor"));
    // Only the reference reads patterns: the new policy's wildcard entry is
    // the evaluator's literal reading (no role is named `team-*`... except
    // the one whose name is exactly that), so it adds nothing.
    pass(&nna_resource(&team, &to("111122223333")));
}

#[test]
fn reference_patterns_of_undecided_shapes_are_unknown() {
    let v = nna_resource(
        &to("arn:aws:iam::111122223333:role/team-a"),
        &to("arn:aws:iam::111122223333:*"),
    );
    assert!(
        matches!(&v, Verdict::Unknown(why) if why.contains("shape")),
        "{v:?}"
    );
    // A literal entry with a path pins a real ARN the by-name reading
    // cannot compare.
    let v = nna_resource(
        &to("arn:aws:iam::111122223333:role/eng/team-a"),
        &to("arn:aws:iam::111122223333:role/team-*"),
    );
    assert!(
        matches!(&v, Verdict::Unknown(why) if why.contains("path")),
        "{v:?}"
    );
}
