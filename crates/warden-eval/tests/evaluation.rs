//! Evaluation rules across policy types, one documented rule per test
//! (AWS's "Policy evaluation logic" pages; values are our own).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use serde_json::{json, Value};
use warden_eval::scenario;
use warden_eval::Decision::{self, *};

fn decide(v: Value) -> Decision {
    let text = v.to_string();
    let sc = scenario::parse(&text).unwrap_or_else(|e| panic!("{e:?}\n{text}"));
    let fast = sc.policies.decide(&sc.request);
    let explained = sc.policies.evaluate(&sc.request);
    assert_eq!(
        fast, explained.decision,
        "fast path and explanation disagree: {text}"
    );
    fast
}

fn doc(statements: Value) -> Value {
    json!({"Version": "2012-10-17", "Statement": statements})
}

fn allow(action: &str, resource: &str) -> Value {
    doc(json!([{"Effect": "Allow", "Action": action, "Resource": resource}]))
}

fn deny(action: &str, resource: &str) -> Value {
    doc(json!([{"Effect": "Deny", "Action": action, "Resource": resource}]))
}

const USER: &str = "arn:aws:iam::111122223333:user/alice";
const ROLE: &str = "arn:aws:iam::111122223333:role/app";
const SESSION: &str = "arn:aws:sts::111122223333:assumed-role/app/s1";
const OBJECT: &str = "arn:aws:s3:::bucket/key";

fn req(principal: &str, action: &str, resource: &str) -> Value {
    json!({"principal": principal, "action": action, "resource": resource, "resourceAccount": "111122223333"})
}

#[test]
fn nothing_allows_by_default() {
    assert_eq!(
        decide(json!({"request": req(USER, "s3:GetObject", OBJECT)})),
        ImplicitDeny
    );
}

#[test]
fn identity_allow_and_explicit_deny_wins() {
    let r = req(USER, "s3:GetObject", OBJECT);
    assert_eq!(
        decide(json!({"request": r, "identityPolicies": [allow("s3:*", "*")]})),
        Allow
    );
    assert_eq!(
        decide(
            json!({"request": r, "identityPolicies": [allow("s3:*", "*"), deny("s3:GetObject", "arn:aws:s3:::bucket/*")]})
        ),
        ExplicitDeny
    );
    // A deny in a resource policy beats an identity allow too.
    let rp = doc(json!([{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*"}]));
    assert_eq!(
        decide(json!({"request": r, "identityPolicies": [allow("*", "*")], "resourcePolicy": rp})),
        ExplicitDeny
    );
}

#[test]
fn actions_are_case_insensitive_resources_are_not() {
    let r = req(USER, "s3:GetObject", OBJECT);
    assert_eq!(
        decide(json!({"request": r, "identityPolicies": [allow("S3:getobJECT", "*")]})),
        Allow
    );
    assert_eq!(
        decide(
            json!({"request": r, "identityPolicies": [allow("s3:Get*", "arn:aws:s3:::BUCKET/*")]})
        ),
        ImplicitDeny
    );
    assert_eq!(
        decide(
            json!({"request": r, "identityPolicies": [allow("s3:Get?bject", "arn:aws:s3:::b*t/*")]})
        ),
        Allow
    );
}

#[test]
fn resource_wildcards_span_slashes_but_not_the_service() {
    let r = req(USER, "s3:GetObject", "arn:aws:s3:::bucket/a/b/c.txt");
    assert_eq!(
        decide(
            json!({"request": r, "identityPolicies": [allow("s3:GetObject", "arn:aws:s3:::bucket/*")]})
        ),
        Allow
    );
    assert_eq!(
        decide(
            json!({"request": r, "identityPolicies": [allow("s3:GetObject", "arn:aws:s3:::bucket/*.txt")]})
        ),
        Allow
    );
    assert_eq!(
        decide(
            json!({"request": r, "identityPolicies": [allow("s3:GetObject", "arn:aws:*:::bucket/*")]})
        ),
        ImplicitDeny
    );
    assert_eq!(
        decide(
            json!({"request": r, "identityPolicies": [allow("s3:GetObject", "arn:aws:s3:::other/*")]})
        ),
        ImplicitDeny
    );
}

#[test]
fn not_action_and_not_resource() {
    let r = req(USER, "iam:CreateUser", "arn:aws:iam::111122223333:user/bob");
    let p = doc(json!([{"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}]));
    assert_eq!(
        decide(json!({"request": r, "identityPolicies": [p]})),
        ImplicitDeny
    );
    let r2 = req(USER, "s3:GetObject", OBJECT);
    assert_eq!(
        decide(json!({"request": r2, "identityPolicies": [p]})),
        Allow
    );
    let p =
        doc(json!([{"Effect": "Allow", "Action": "s3:*", "NotResource": "arn:aws:s3:::secret/*"}]));
    assert_eq!(
        decide(json!({"request": r2, "identityPolicies": [p]})),
        Allow
    );
    let r3 = req(USER, "s3:GetObject", "arn:aws:s3:::secret/k");
    assert_eq!(
        decide(json!({"request": r3, "identityPolicies": [p]})),
        ImplicitDeny
    );
}

#[test]
fn permissions_boundary_intersects() {
    let r = req(ROLE, "s3:CreateBucket", "arn:aws:s3:::new-bucket");
    let id = allow("s3:*", "*");
    assert_eq!(
        decide(
            json!({"request": r, "identityPolicies": [id], "permissionsBoundary": allow("s3:Get*", "*")})
        ),
        ImplicitDeny
    );
    assert_eq!(
        decide(
            json!({"request": r, "identityPolicies": [id], "permissionsBoundary": allow("s3:*", "*")})
        ),
        Allow
    );
    // The boundary alone grants nothing.
    assert_eq!(
        decide(json!({"request": r, "permissionsBoundary": allow("*", "*")})),
        ImplicitDeny
    );
}

#[test]
fn session_policy_intersects() {
    let r = req(SESSION, "s3:GetObject", OBJECT);
    let id = allow("s3:*", "*");
    assert_eq!(
        decide(
            json!({"request": r, "identityPolicies": [id], "sessionPolicy": allow("ec2:*", "*")})
        ),
        ImplicitDeny
    );
    assert_eq!(
        decide(
            json!({"request": r, "identityPolicies": [id], "sessionPolicy": allow("s3:GetObject", "*")})
        ),
        Allow
    );
}

fn scps(levels: Vec<Vec<Value>>) -> Value {
    Value::Array(
        levels
            .into_iter()
            .enumerate()
            .map(|(i, ps)| json!({"target": format!("level-{i}"), "policies": ps}))
            .collect(),
    )
}

#[test]
fn scps_need_an_allow_at_every_level() {
    let r = req(USER, "s3:GetObject", OBJECT);
    let id = allow("*", "*");
    let full = allow("*", "*");
    assert_eq!(
        decide(
            json!({"request": r, "identityPolicies": [id], "serviceControlPolicies": scps(vec![vec![full.clone()], vec![full.clone()]])})
        ),
        Allow
    );
    assert_eq!(
        decide(
            json!({"request": r, "identityPolicies": [id], "serviceControlPolicies": scps(vec![vec![full.clone()], vec![allow("ec2:*", "*")]])})
        ),
        ImplicitDeny
    );
    assert_eq!(
        decide(
            json!({"request": r, "identityPolicies": [id], "serviceControlPolicies": scps(vec![vec![full.clone()], vec![]])})
        ),
        ImplicitDeny
    );
    // SCPs never grant.
    assert_eq!(
        decide(json!({"request": r, "serviceControlPolicies": scps(vec![vec![full.clone()]])})),
        ImplicitDeny
    );
    // Absent SCPs: not in an organization, no limit.
    assert_eq!(
        decide(json!({"request": r, "identityPolicies": [id]})),
        Allow
    );
}

#[test]
fn scp_exemptions() {
    let id = allow("*", "*");
    let levels = scps(vec![vec![deny("*", "*")]]);
    let mut r = req(ROLE, "s3:GetObject", OBJECT);
    assert_eq!(
        decide(json!({"request": r, "identityPolicies": [id], "serviceControlPolicies": levels})),
        ExplicitDeny
    );
    r["serviceLinkedRole"] = json!(true);
    assert_eq!(
        decide(json!({"request": r, "identityPolicies": [id], "serviceControlPolicies": levels})),
        Allow
    );
    let mut r = req(ROLE, "s3:GetObject", OBJECT);
    r["principalInManagementAccount"] = json!(true);
    assert_eq!(
        decide(json!({"request": r, "identityPolicies": [id], "serviceControlPolicies": levels})),
        Allow
    );
}

#[test]
fn rcps_only_deny_and_spare_the_management_account() {
    let id = allow("*", "*");
    let rcp_deny = doc(
        json!([{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*",
        "Condition": {"StringNotEqualsIfExists": {"aws:PrincipalOrgID": "o-mine"}}}]),
    );
    let mut r = req(USER, "s3:GetObject", OBJECT);
    r["context"] = json!({"aws:PrincipalOrgID": "o-other"});
    let levels = scps(vec![vec![rcp_deny.clone()]]);
    assert_eq!(
        decide(json!({"request": r, "identityPolicies": [id], "resourceControlPolicies": levels})),
        ExplicitDeny
    );
    // An RCP level with no matching allow does not block: RCPFullAWSAccess is implicit.
    assert_eq!(
        decide(
            json!({"request": r, "identityPolicies": [id], "resourceControlPolicies": scps(vec![vec![]])})
        ),
        Allow
    );
    r["resourceInManagementAccount"] = json!(true);
    assert_eq!(
        decide(json!({"request": r, "identityPolicies": [id], "resourceControlPolicies": levels})),
        Allow
    );
}

fn resource_policy(principal: Value) -> Value {
    doc(
        json!([{"Effect": "Allow", "Principal": principal, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::bucket/*"}]),
    )
}

#[test]
fn same_account_resource_policy_grants_by_principal_kind() {
    let boundary = allow("ec2:*", "*");
    // User ARN: enough alone, and a boundary's implicit deny does not limit it.
    let r = req(USER, "s3:GetObject", OBJECT);
    assert_eq!(
        decide(json!({"request": r, "resourcePolicy": resource_policy(json!({"AWS": USER}))})),
        Allow
    );
    assert_eq!(
        decide(
            json!({"request": r, "resourcePolicy": resource_policy(json!({"AWS": USER})), "permissionsBoundary": boundary})
        ),
        Allow
    );
    // Role ARN: enough without an identity policy, but limited by the boundary and the session policy.
    let r = req(SESSION, "s3:GetObject", OBJECT);
    let rp = resource_policy(json!({"AWS": ROLE}));
    assert_eq!(decide(json!({"request": r, "resourcePolicy": rp})), Allow);
    assert_eq!(
        decide(json!({"request": r, "resourcePolicy": rp, "permissionsBoundary": boundary})),
        ImplicitDeny
    );
    assert_eq!(
        decide(json!({"request": r, "resourcePolicy": rp, "sessionPolicy": boundary})),
        ImplicitDeny
    );
    // Session ARN: not limited by either.
    let rp = resource_policy(json!({"AWS": SESSION}));
    assert_eq!(
        decide(
            json!({"request": r, "resourcePolicy": rp, "permissionsBoundary": boundary, "sessionPolicy": boundary})
        ),
        Allow
    );
    // A different session of the same role is not named.
    let other = req(
        "arn:aws:sts::111122223333:assumed-role/app/s2",
        "s3:GetObject",
        OBJECT,
    );
    assert_eq!(
        decide(json!({"request": other, "resourcePolicy": rp})),
        ImplicitDeny
    );
    // Account principal: delegates to the account; identity policies must allow.
    let rp = resource_policy(json!({"AWS": "111122223333"}));
    assert_eq!(
        decide(json!({"request": r, "resourcePolicy": rp})),
        ImplicitDeny
    );
    assert_eq!(
        decide(
            json!({"request": r, "resourcePolicy": rp, "identityPolicies": [allow("s3:GetObject", "*")]})
        ),
        Allow
    );
    let rp = resource_policy(json!({"AWS": "arn:aws:iam::111122223333:root"}));
    assert_eq!(
        decide(json!({"request": r, "resourcePolicy": rp})),
        ImplicitDeny
    );
}

#[test]
fn wildcard_principal_with_principal_arn_condition() {
    let rp = doc(
        json!([{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*",
        "Condition": {"ArnEquals": {"aws:PrincipalArn": ROLE}}}]),
    );
    assert_eq!(
        decide(json!({"request": req(SESSION, "s3:GetObject", OBJECT), "resourcePolicy": rp})),
        Allow
    );
    assert_eq!(
        decide(json!({"request": req(USER, "s3:GetObject", OBJECT), "resourcePolicy": rp})),
        ImplicitDeny
    );
}

#[test]
fn cross_account_needs_both_sides() {
    let mut r = req("arn:aws:iam::444455556666:user/bob", "s3:GetObject", OBJECT);
    r["resourceAccount"] = json!("111122223333");
    let id = allow("s3:GetObject", "*");
    let rp = resource_policy(json!({"AWS": "444455556666"}));
    assert_eq!(
        decide(json!({"request": r, "identityPolicies": [id], "resourcePolicy": rp})),
        Allow
    );
    assert_eq!(
        decide(json!({"request": r, "resourcePolicy": rp})),
        ImplicitDeny
    );
    assert_eq!(
        decide(json!({"request": r, "identityPolicies": [id]})),
        ImplicitDeny
    );
    // Even a grant to the user's own ARN does not stand alone across accounts.
    let rp = resource_policy(json!({"AWS": "arn:aws:iam::444455556666:user/bob"}));
    assert_eq!(
        decide(json!({"request": r, "resourcePolicy": rp})),
        ImplicitDeny
    );
    assert_eq!(
        decide(json!({"request": r, "resourcePolicy": rp, "identityPolicies": [id]})),
        Allow
    );
    // And the caller's boundary still applies.
    assert_eq!(
        decide(
            json!({"request": r, "resourcePolicy": rp, "identityPolicies": [id], "permissionsBoundary": allow("ec2:*", "*")})
        ),
        ImplicitDeny
    );
}

#[test]
fn trust_policies_must_allow_explicitly() {
    let r = req(
        USER,
        "sts:AssumeRole",
        "arn:aws:iam::111122223333:role/target",
    );
    let id = allow("sts:AssumeRole", "*");
    // An identity policy alone cannot assume a role.
    assert_eq!(
        decide(json!({"request": r, "identityPolicies": [id]})),
        ImplicitDeny
    );
    let trust =
        |p: Value| doc(json!([{"Effect": "Allow", "Principal": p, "Action": "sts:AssumeRole"}]));
    // Naming the user directly suffices in the same account.
    assert_eq!(
        decide(json!({"request": r, "resourcePolicy": trust(json!({"AWS": USER}))})),
        Allow
    );
    // Naming the account needs the identity policy too.
    assert_eq!(
        decide(json!({"request": r, "resourcePolicy": trust(json!({"AWS": "111122223333"}))})),
        ImplicitDeny
    );
    assert_eq!(
        decide(
            json!({"request": r, "resourcePolicy": trust(json!({"AWS": "111122223333"})), "identityPolicies": [id]})
        ),
        Allow
    );
    // A service principal assuming a role.
    let r = req(
        "lambda.amazonaws.com",
        "sts:AssumeRole",
        "arn:aws:iam::111122223333:role/target",
    );
    assert_eq!(
        decide(
            json!({"request": r, "resourcePolicy": trust(json!({"Service": "lambda.amazonaws.com"}))})
        ),
        Allow
    );
    assert_eq!(
        decide(
            json!({"request": r, "resourcePolicy": trust(json!({"Service": "ec2.amazonaws.com"}))})
        ),
        ImplicitDeny
    );
}

#[test]
fn kms_key_policies_must_allow_explicitly() {
    let key = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    let r = req(USER, "kms:Decrypt", key);
    let id = allow("kms:*", "*");
    assert_eq!(
        decide(json!({"request": r, "identityPolicies": [id]})),
        ImplicitDeny
    );
    let key_policy = doc(
        json!([{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*", "Resource": "*"}]),
    );
    assert_eq!(
        decide(json!({"request": r, "identityPolicies": [id], "resourcePolicy": key_policy})),
        Allow
    );
    assert_eq!(
        decide(json!({"request": r, "resourcePolicy": key_policy})),
        ImplicitDeny
    );
}

#[test]
fn anonymous_requests() {
    let r = req("anonymous", "s3:GetObject", OBJECT);
    assert_eq!(
        decide(json!({"request": r, "resourcePolicy": resource_policy(json!("*"))})),
        Allow
    );
    assert_eq!(
        decide(json!({"request": r, "resourcePolicy": resource_policy(json!({"AWS": "*"}))})),
        Allow
    );
    assert_eq!(
        decide(
            json!({"request": r, "resourcePolicy": resource_policy(json!({"AWS": "111122223333"}))})
        ),
        ImplicitDeny
    );
    // Identity policies and SCPs have no say over an unsigned request.
    assert_eq!(
        decide(json!({"request": r, "identityPolicies": [allow("*", "*")]})),
        ImplicitDeny
    );
    assert_eq!(
        decide(
            json!({"request": r, "resourcePolicy": resource_policy(json!("*")), "serviceControlPolicies": scps(vec![vec![deny("*", "*")]])})
        ),
        Allow
    );
}

#[test]
fn not_principal_with_deny() {
    let rp = doc(json!([
        {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*"},
        {"Effect": "Deny", "NotPrincipal": {"AWS": [USER]}, "Action": "s3:GetObject", "Resource": "*"}
    ]));
    assert_eq!(
        decide(json!({"request": req(USER, "s3:GetObject", OBJECT), "resourcePolicy": rp})),
        Allow
    );
    assert_eq!(
        decide(
            json!({"request": req("arn:aws:iam::111122223333:user/mallory", "s3:GetObject", OBJECT), "resourcePolicy": rp})
        ),
        ExplicitDeny
    );
    // A principal with a permissions boundary is always denied by a Deny with NotPrincipal.
    assert_eq!(
        decide(
            json!({"request": req(USER, "s3:GetObject", OBJECT), "resourcePolicy": rp, "permissionsBoundary": allow("*", "*")})
        ),
        ExplicitDeny
    );
}

#[test]
fn vpc_endpoint_policy_must_allow() {
    let r = req(USER, "s3:GetObject", OBJECT);
    let id = allow("s3:*", "*");
    let vpce = doc(
        json!([{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::bucket/*"}]),
    );
    assert_eq!(
        decide(json!({"request": r, "identityPolicies": [id], "vpcEndpointPolicy": vpce})),
        Allow
    );
    let r2 = req(USER, "s3:PutObject", OBJECT);
    assert_eq!(
        decide(json!({"request": r2, "identityPolicies": [id], "vpcEndpointPolicy": vpce})),
        ImplicitDeny
    );
    // The endpoint policy never grants on its own.
    assert_eq!(
        decide(json!({"request": r, "vpcEndpointPolicy": vpce})),
        ImplicitDeny
    );
}

#[test]
fn resource_variables() {
    let p = doc(
        json!([{"Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::home/${aws:username}/*"}]),
    );
    let r = req(USER, "s3:GetObject", "arn:aws:s3:::home/alice/notes.txt");
    assert_eq!(
        decide(json!({"request": r, "identityPolicies": [p]})),
        Allow
    );
    let r = req(USER, "s3:GetObject", "arn:aws:s3:::home/bob/notes.txt");
    assert_eq!(
        decide(json!({"request": r, "identityPolicies": [p]})),
        ImplicitDeny
    );
    // Roles have no aws:username: the pattern matches nothing.
    let r = req(SESSION, "s3:GetObject", "arn:aws:s3:::home/app/notes.txt");
    assert_eq!(
        decide(json!({"request": r, "identityPolicies": [p]})),
        ImplicitDeny
    );
}

#[test]
fn explanation_names_statements_spans_and_missing_keys() {
    let text = json!({"request": req(USER, "s3:GetObject", OBJECT),
        "identityPolicies": [{"name": "reader", "document": doc(json!([
            {"Sid": "Read", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},
            {"Sid": "NeedsMfa", "Effect": "Deny", "Action": "s3:*", "Resource": "*",
             "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "false"}}}]))}]})
    .to_string();
    let sc = scenario::parse(&text).unwrap();
    let e = sc.policies.evaluate(&sc.request);
    assert_eq!(e.decision, Allow);
    assert_eq!(e.policies.len(), 1);
    let m = &e.policies[0].matched;
    assert_eq!(m.len(), 1);
    assert_eq!(m[0].sid.as_deref(), Some("Read"));
    assert!(
        text[m[0].span.range()].starts_with('{') && text[m[0].span.range()].contains("\"Read\"")
    );
    assert_eq!(
        e.missing_context_keys,
        vec!["aws:MultiFactorAuthPresent".to_string()]
    );
}

#[test]
fn rcps_bind_aws_services_but_not_service_linked_roles() {
    let rcp = doc(json!([{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*"}]));
    let levels = scps(vec![vec![rcp]]);
    let bucket = resource_policy(json!({"Service": "cloudtrail.amazonaws.com"}));
    let r = req("cloudtrail.amazonaws.com", "s3:GetObject", OBJECT);
    assert_eq!(
        decide(json!({"request": r, "resourcePolicy": bucket})),
        Allow
    );
    assert_eq!(
        decide(json!({"request": r, "resourcePolicy": bucket, "resourceControlPolicies": levels})),
        ExplicitDeny
    );
    let mut slr = req(ROLE, "s3:GetObject", OBJECT);
    slr["serviceLinkedRole"] = json!(true);
    assert_eq!(
        decide(
            json!({"request": slr, "identityPolicies": [allow("*", "*")], "resourceControlPolicies": levels})
        ),
        Allow
    );
}

#[test]
fn boundaries_limit_trust_policy_grants_but_not_direct_key_policy_grants() {
    let boundary = allow("s3:*", "*");
    let r = req(
        USER,
        "sts:AssumeRole",
        "arn:aws:iam::111122223333:role/target",
    );
    let trust =
        doc(json!([{"Effect": "Allow", "Principal": {"AWS": USER}, "Action": "sts:AssumeRole"}]));
    assert_eq!(
        decide(json!({"request": r, "resourcePolicy": trust})),
        Allow
    );
    assert_eq!(
        decide(json!({"request": r, "resourcePolicy": trust, "permissionsBoundary": boundary})),
        ImplicitDeny
    );
    let key = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    let r = req(USER, "kms:Decrypt", key);
    let key_policy = doc(
        json!([{"Effect": "Allow", "Principal": {"AWS": USER}, "Action": "kms:Decrypt", "Resource": "*"}]),
    );
    assert_eq!(
        decide(
            json!({"request": r, "resourcePolicy": key_policy, "permissionsBoundary": boundary})
        ),
        Allow
    );
}

#[test]
fn get_caller_identity_cannot_be_denied() {
    let r = req(USER, "sts:GetCallerIdentity", "*");
    assert_eq!(
        decide(json!({"request": r, "identityPolicies": [deny("*", "*")]})),
        Allow
    );
    assert_eq!(
        decide(json!({"request": req("anonymous", "sts:GetCallerIdentity", "*")})),
        ImplicitDeny
    );
}

#[test]
fn root_user_has_full_identity_permissions_but_scps_apply() {
    let root = "arn:aws:iam::111122223333:root";
    let r = req(root, "s3:GetObject", OBJECT);
    assert_eq!(decide(json!({"request": r})), Allow);
    assert_eq!(
        decide(
            json!({"request": r, "serviceControlPolicies": scps(vec![vec![deny("s3:*", "*")]])})
        ),
        ExplicitDeny
    );
    // A root user of another account still needs the resource side.
    let mut other = req("arn:aws:iam::444455556666:root", "s3:GetObject", OBJECT);
    other["resourceAccount"] = json!("111122223333");
    assert_eq!(decide(json!({"request": other})), ImplicitDeny);
    assert_eq!(
        decide(
            json!({"request": other, "resourcePolicy": resource_policy(json!({"AWS": "444455556666"}))})
        ),
        Allow
    );
}

#[test]
fn scps_do_not_bind_service_principals() {
    let r = req("cloudtrail.amazonaws.com", "s3:PutObject", OBJECT);
    let rp = doc(
        json!([{"Effect": "Allow", "Principal": {"Service": "cloudtrail.amazonaws.com"}, "Action": "s3:PutObject", "Resource": "*"}]),
    );
    assert_eq!(
        decide(
            json!({"request": r, "resourcePolicy": rp, "serviceControlPolicies": scps(vec![vec![deny("*", "*")]])})
        ),
        Allow
    );
}

#[test]
fn vpc_endpoint_policies_may_name_principals() {
    let vpce = doc(
        json!([{"Effect": "Allow", "Principal": {"AWS": USER}, "Action": "s3:*", "Resource": "*"}]),
    );
    let id = allow("s3:*", "*");
    assert_eq!(
        decide(
            json!({"request": req(USER, "s3:GetObject", OBJECT), "identityPolicies": [id], "vpcEndpointPolicy": vpce})
        ),
        Allow
    );
    assert_eq!(
        decide(
            json!({"request": req("arn:aws:iam::111122223333:user/bob", "s3:GetObject", OBJECT), "identityPolicies": [id], "vpcEndpointPolicy": vpce})
        ),
        ImplicitDeny
    );
}

#[test]
fn unresolved_variables_match_no_resource_and_inverted_operators_match_null() {
    // A NotResource entry with an unresolvable variable excludes nothing.
    let p = doc(
        json!([{"Effect": "Deny", "Action": "s3:*", "NotResource": "arn:aws:s3:::home/${aws:username}/*"}]),
    );
    let r = req(SESSION, "s3:GetObject", "arn:aws:s3:::home/app/x");
    assert_eq!(
        decide(json!({"request": r, "identityPolicies": [allow("*", "*"), p]})),
        ExplicitDeny
    );
    // StringNotEquals against a variable with no value is true.
    let p = doc(json!([{"Effect": "Deny", "Action": "s3:*", "Resource": "*",
        "Condition": {"StringNotEquals": {"aws:PrincipalTag/owner": "${aws:username}"}}}]));
    let mut r = req(SESSION, "s3:GetObject", OBJECT);
    r["context"] = json!({"aws:PrincipalTag/owner": "app"});
    assert_eq!(
        decide(json!({"request": r, "identityPolicies": [allow("*", "*"), p]})),
        ExplicitDeny
    );
}

#[test]
fn derived_keys_for_anonymous_root_and_federated_callers() {
    let p = |cond: Value| {
        doc(
            json!([{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*", "Condition": cond}]),
        )
    };
    let anon = req("anonymous", "s3:GetObject", OBJECT);
    let rp =
        p(json!({"StringEquals": {"aws:PrincipalType": "Anonymous", "aws:userid": "anonymous"}}));
    assert_eq!(
        decide(json!({"request": anon, "resourcePolicy": rp})),
        Allow
    );
    let fed = req(
        "arn:aws:sts::111122223333:federated-user/dana",
        "s3:GetObject",
        OBJECT,
    );
    let rp = p(
        json!({"StringEquals": {"aws:PrincipalType": "FederatedUser", "aws:userid": "111122223333:dana"}}),
    );
    assert_eq!(decide(json!({"request": fed, "resourcePolicy": rp})), Allow);
    // A caller-given value wins over the derived one.
    let mut anon = req("anonymous", "s3:GetObject", OBJECT);
    anon["context"] = json!({"aws:userid": "someone"});
    let rp = p(json!({"StringEquals": {"aws:userid": "anonymous"}}));
    assert_eq!(
        decide(json!({"request": anon, "resourcePolicy": rp})),
        ImplicitDeny
    );
}

#[test]
fn empty_action_lists_match_nothing() {
    let p = doc(json!([{"Effect": "Allow", "Action": [], "Resource": "*"}]));
    assert_eq!(
        decide(json!({"request": req(USER, "s3:GetObject", OBJECT), "identityPolicies": [p]})),
        ImplicitDeny
    );
}
