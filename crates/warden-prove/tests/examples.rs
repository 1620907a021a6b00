//! The workflows of the custom-policy-checks post, re-typed with our own
//! values, plus basic containment facts.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use warden_prove::{access_not_granted, diff, Input, PolicyKind, Relation, Verdict};

mod common;
use common::{nna, nna_resource, parse};

const OWNER_TAGGED: &str = r#"{"Version":"2012-10-17","Statement":[
  {"Effect":"Allow","Action":["ec2:StartInstances","ec2:StopInstances"],"Resource":"arn:aws:ec2:*:*:instance/*",
   "Condition":{"StringEquals":{"aws:ResourceTag/Owner":"${aws:username}"}}}]}"#;
const UNTAGGED: &str = r#"{"Version":"2012-10-17","Statement":[
  {"Effect":"Allow","Action":["ec2:StartInstances","ec2:StopInstances"],"Resource":"arn:aws:ec2:*:*:instance/*"}]}"#;

#[test]
fn dropping_the_owner_condition_is_new_access() {
    match nna(UNTAGGED, OWNER_TAGGED) {
        Verdict::Fail(cx) => {
            let a = cx.request.action.to_ascii_lowercase();
            assert!(a == "ec2:startinstances" || a == "ec2:stopinstances", "{a}");
            assert_eq!(cx.statements.len(), 1);
            assert_eq!(cx.statements[0].statement_index, 0);
        }
        other => panic!("expected FAIL, got {other:?}"),
    }
    assert!(matches!(nna(OWNER_TAGGED, UNTAGGED), Verdict::Pass));
}

#[test]
fn a_policy_grants_no_new_access_over_itself() {
    assert!(matches!(nna(OWNER_TAGGED, OWNER_TAGGED), Verdict::Pass));
    assert!(matches!(nna(UNTAGGED, UNTAGGED), Verdict::Pass));
}

#[test]
fn cloudtrail_tampering_is_detected() {
    let p = parse(
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["cloudtrail:StopLogging","cloudtrail:DeleteTrail","cloudtrail:Describe*"],"Resource":"*"}]}"#,
    );
    let v = access_not_granted(
        Input {
            name: "p",
            policy: &p,
        },
        &[
            "cloudtrail:StopLogging".into(),
            "cloudtrail:DeleteTrail".into(),
        ],
        &[],
        PolicyKind::Identity,
    );
    let Verdict::Fail(cx) = v else {
        panic!("{v:?}")
    };
    assert!(
        cx.request
            .action
            .eq_ignore_ascii_case("cloudtrail:StopLogging")
            || cx
                .request
                .action
                .eq_ignore_ascii_case("cloudtrail:DeleteTrail")
    );
    let v = access_not_granted(
        Input {
            name: "p",
            policy: &p,
        },
        &["cloudtrail:UpdateTrail".into()],
        &[],
        PolicyKind::Identity,
    );
    assert!(matches!(v, Verdict::Pass), "{v:?}");
}

const REFERENCE: &str = r#"{"Version":"2012-10-17","Statement":[
  {"Effect":"Allow","Action":"*","Resource":"*"},
  {"Effect":"Deny","Action":"iam:PassRole","Resource":"arn:aws:iam::*:role/my-sensitive-roles/*"}]}"#;

#[test]
fn passing_a_sensitive_role_exceeds_the_reference() {
    let updated = r#"{"Version":"2012-10-17","Statement":[
      {"Effect":"Allow","Action":["ec2:RunInstances","dynamodb:Delete*"],"Resource":"*"},
      {"Effect":"Allow","Action":"iam:PassRole","Resource":"arn:aws:iam::*:role/my-sensitive-roles/my-custom-admin-role"}]}"#;
    let Verdict::Fail(cx) = nna(updated, REFERENCE) else {
        panic!()
    };
    assert!(cx.request.action.eq_ignore_ascii_case("iam:PassRole"));
    assert!(cx
        .request
        .resource
        .contains(":role/my-sensitive-roles/my-custom-admin-role"));
    assert_eq!(cx.statements[0].statement_index, 1);
    let p = parse(updated);
    let v = access_not_granted(
        Input {
            name: "p",
            policy: &p,
        },
        &["dynamodb:DeleteTable".into()],
        &[],
        PolicyKind::Identity,
    );
    assert!(matches!(v, Verdict::Fail(_)), "{v:?}");
    let first = r#"{"Version":"2012-10-17","Statement":[
      {"Effect":"Allow","Action":["ec2:RunInstances"],"Resource":"*"},
      {"Effect":"Allow","Action":"iam:PassRole","Resource":"arn:aws:iam::111122223333:role/app-roles/app"}]}"#;
    assert!(matches!(nna(first, REFERENCE), Verdict::Pass));
    // A trailing `*` may run past colons (AWS documents that a wildcard ending
    // a segment can expand beyond it), so a role pattern ending in `*` reaches
    // strings the sensitive-role deny also names.
    let broad = first.replace("app-roles/app", "app-roles/*");
    let Verdict::Fail(cx) = nna(&broad, REFERENCE) else {
        panic!()
    };
    assert!(
        cx.request.resource.contains("my-sensitive-roles/"),
        "{:?}",
        cx.request
    );
}

#[test]
fn wildcards_are_compared_as_languages() {
    let get = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:Get*","Resource":"*"}]}"#;
    let obj = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}"#;
    let (g, o) = (parse(get), parse(obj));
    let d = diff(
        Input {
            name: "a",
            policy: &o,
        },
        Input {
            name: "b",
            policy: &g,
        },
        PolicyKind::Identity,
    );
    assert_eq!(d.relation(), Relation::ASubsetOfB);
    let Verdict::Fail(cx) = &d.only_b else {
        panic!()
    };
    // A real catalog action is preferred as the example.
    assert!(
        warden_catalog::action(&cx.request.action).is_some(),
        "{}",
        cx.request.action
    );
}

#[test]
fn conditions_on_numbers_dates_and_networks() {
    let a = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*",
      "Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"},"NumericLessThan":{"s3:max-keys":"100"},
                   "DateLessThan":{"aws:CurrentTime":"2030-01-01T00:00:00Z"}}}]}"#;
    let b = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*",
      "Condition":{"IpAddress":{"aws:SourceIp":["10.0.0.0/9","10.128.0.0/9"]},"NumericLessThanEquals":{"s3:max-keys":"99"},
                   "DateLessThan":{"aws:CurrentTime":"2030-01-01T00:00:00Z"}}}]}"#;
    // b's number bound is 99 inclusive against a's 100 exclusive: 99.5 separates them.
    let Verdict::Fail(cx) = nna(a, b) else {
        panic!()
    };
    let keys = cx
        .request
        .context
        .iter()
        .find(|(k, _)| k == "s3:max-keys")
        .unwrap();
    let v: f64 = keys.1.values[0].parse().unwrap();
    assert!(v > 99.0 && v < 100.0, "{v}");
    assert!(matches!(nna(b, a), Verdict::Pass));
}

fn public(src: &str) -> Verdict {
    let p = parse(src);
    warden_prove::no_public_access(
        Input {
            name: "p",
            policy: &p,
        },
        "AWS::S3::Bucket",
    )
}

fn bucket_policy(principal: &str, condition: &str) -> String {
    format!(
        r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Principal":{principal},"Action":"s3:GetObject","Resource":"arn:aws:s3:::example-bucket/*"{condition}}}]}}"#
    )
}

#[test]
fn public_access_is_access_for_an_unknown_outsider() {
    let Verdict::Fail(cx) = public(&bucket_policy(r#""*""#, "")) else {
        panic!()
    };
    assert!(cx
        .request
        .resource
        .starts_with("arn:aws:s3:::example-bucket/"));
    // A named account, an organization or a network restricts access.
    for (principal, cond) in [
        (r#"{"AWS":"111122223333"}"#, ""),
        (r#"{"AWS":"arn:aws:iam::111122223333:role/reader"}"#, ""),
        (
            r#""*""#,
            r#","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-abc123"}}"#,
        ),
        (
            r#""*""#,
            r#","Condition":{"StringEquals":{"aws:SourceVpce":["vpce-1","vpce-2"]}}"#,
        ),
        (
            r#""*""#,
            r#","Condition":{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}"#,
        ),
        (r#"{"Service":"cloudtrail.amazonaws.com"}"#, ""),
    ] {
        let v = public(&bucket_policy(principal, cond));
        assert!(matches!(v, Verdict::Pass), "{principal} {cond}: {v:?}");
    }
    // Conditions that still leave the door open.
    for cond in [
        r#","Condition":{"IpAddress":{"aws:SourceIp":"0.0.0.0/0"}}"#,
        r#","Condition":{"StringLike":{"aws:PrincipalOrgID":"o-*"}}"#,
        r#","Condition":{"StringNotEquals":{"aws:PrincipalAccount":"111122223333"}}"#,
        r#","Condition":{"Bool":{"aws:SecureTransport":"true"}}"#,
    ] {
        let v = public(&bucket_policy(r#""*""#, cond));
        assert!(matches!(v, Verdict::Fail(_)), "{cond}: {v:?}");
    }
}

#[test]
fn templates_of_one_variable_are_compared_as_languages() {
    let narrow = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:CreateSnapshots","Resource":"*",
      "Condition":{"ArnLike":{"ec2:SourceInstanceARN":"arn:aws:ec2:*:*:instance/${ec2:InstanceId}"}}}]}"#;
    let wide = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:CreateSnapshots","Resource":"*",
      "Condition":{"StringLike":{"ec2:SourceInstanceARN":"*${ec2:InstanceId}"}}}]}"#;
    // Every ARN ending in the instance ID's own path ends in the ID.
    assert!(matches!(nna(narrow, wide), Verdict::Pass));
    // Not the other way round: the witness ends in the ID but is no instance ARN.
    let Verdict::Fail(cx) = nna(wide, narrow) else {
        panic!()
    };
    assert!(cx
        .request
        .context
        .iter()
        .any(|(k, _)| k == "ec2:SourceInstanceARN"));
    // A condition dropped against `${aws:PrincipalAccount}` is new access.
    let same = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"organizations:ListAccounts","Resource":"*",
      "Condition":{"StringEquals":{"aws:ResourceAccount":"${aws:PrincipalAccount}"}}}]}"#;
    let any = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"organizations:ListAccounts","Resource":"*"}]}"#;
    let Verdict::Fail(cx) = nna(any, same) else {
        panic!()
    };
    let get = |k: &str| {
        cx.request
            .context
            .iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.values[0].clone())
    };
    assert_ne!(get("aws:ResourceAccount"), get("aws:PrincipalAccount"));
}

#[test]
fn resource_policies_compare_principals() {
    let account = bucket_policy(r#"{"AWS":"111122223333"}"#, "");
    let role = bucket_policy(r#"{"AWS":"arn:aws:iam::111122223333:role/reader"}"#, "");
    let other = bucket_policy(r#"{"AWS":"arn:aws:iam::444455556666:root"}"#, "");
    let everyone = bucket_policy(r#""*""#, "");
    // The role's sessions are principals of its account.
    assert!(matches!(nna_resource(&role, &account), Verdict::Pass));
    let Verdict::Fail(cx) = nna_resource(&account, &role) else {
        panic!()
    };
    assert!(
        cx.request.principal.contains("111122223333"),
        "{:?}",
        cx.request
    );
    assert!(
        !cx.request.principal.contains("role/reader"),
        "{:?}",
        cx.request
    );
    let Verdict::Fail(cx) = nna_resource(&other, &account) else {
        panic!()
    };
    assert!(cx.request.principal.contains("444455556666"));
    assert!(matches!(nna_resource(&account, &everyone), Verdict::Pass));
    let Verdict::Fail(_) = nna_resource(&everyone, &account) else {
        panic!()
    };
    // A Deny with NotPrincipal keeps everyone but the named account out.
    let fenced = r#"{"Version":"2012-10-17","Statement":[
      {"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::example-bucket/*"},
      {"Effect":"Deny","NotPrincipal":{"AWS":"111122223333"},"Action":"s3:*","Resource":"*"}]}"#;
    assert!(matches!(nna_resource(fenced, &account), Verdict::Pass));
    assert!(matches!(nna_resource(&account, fenced), Verdict::Pass));
}
