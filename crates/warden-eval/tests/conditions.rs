//! Condition operators, one behaviour per test, from AWS's documentation of
//! the Condition element (values and names are our own).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use warden_eval::scenario;
use warden_eval::Decision::{self, *};

/// Decision for a user in account 111122223333 calling `s3:GetObject` with
/// `context`, under one identity policy whose only statement has `condition`.
fn with(condition: &str, context: &str) -> Decision {
    with_version("2012-10-17", condition, context)
}

fn with_version(version: &str, condition: &str, context: &str) -> Decision {
    let text = format!(
        r#"{{"request": {{"principal": "arn:aws:iam::111122223333:user/alice", "action": "s3:GetObject",
              "resource": "arn:aws:s3:::bucket/key", "context": {context}}},
            "identityPolicies": [{{"name": "p", "document": {{"Version": "{version}", "Statement": [
              {{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {condition}}}]}}}}]}}"#
    );
    let sc = scenario::parse(&text).unwrap_or_else(|e| panic!("{e:?}\n{text}"));
    sc.policies.decide(&sc.request)
}

#[test]
fn string_equals_is_exact_and_case_sensitive() {
    let c = r#"{"StringEquals": {"aws:PrincipalTag/team": ["blue", "green"]}}"#;
    assert_eq!(with(c, r#"{"aws:PrincipalTag/team": "green"}"#), Allow);
    assert_eq!(
        with(c, r#"{"aws:PrincipalTag/team": "Green"}"#),
        ImplicitDeny
    );
    assert_eq!(
        with(c, r#"{"aws:PrincipalTag/team": "gre*"}"#),
        ImplicitDeny
    );
    // StringEquals has no wildcards: `*` in the policy is a literal star.
    let c = r#"{"StringEquals": {"aws:PrincipalTag/team": "b*"}}"#;
    assert_eq!(
        with(c, r#"{"aws:PrincipalTag/team": "blue"}"#),
        ImplicitDeny
    );
    assert_eq!(with(c, r#"{"aws:PrincipalTag/team": "b*"}"#), Allow);
}

#[test]
fn ignore_case_and_like() {
    let c = r#"{"StringEqualsIgnoreCase": {"aws:PrincipalTag/team": "Blue"}}"#;
    assert_eq!(with(c, r#"{"aws:PrincipalTag/team": "bLUE"}"#), Allow);
    let c = r#"{"StringNotEqualsIgnoreCase": {"aws:PrincipalTag/team": "Blue"}}"#;
    assert_eq!(
        with(c, r#"{"aws:PrincipalTag/team": "bLUE"}"#),
        ImplicitDeny
    );
    assert_eq!(with(c, r#"{"aws:PrincipalTag/team": "red"}"#), Allow);
    let c = r#"{"StringLike": {"s3:prefix": ["home/*/docs", "tmp/?"]}}"#;
    assert_eq!(with(c, r#"{"s3:prefix": "home/a/b/docs"}"#), Allow);
    assert_eq!(with(c, r#"{"s3:prefix": "tmp/x"}"#), Allow);
    assert_eq!(with(c, r#"{"s3:prefix": "tmp/xy"}"#), ImplicitDeny);
    assert_eq!(with(c, r#"{"s3:prefix": "Home/a/docs"}"#), ImplicitDeny);
}

#[test]
fn negated_operators_are_nor_over_policy_values() {
    let c = r#"{"StringNotEquals": {"aws:RequestedRegion": ["eu-west-1", "eu-central-1"]}}"#;
    assert_eq!(with(c, r#"{"aws:RequestedRegion": "us-east-1"}"#), Allow);
    assert_eq!(
        with(c, r#"{"aws:RequestedRegion": "eu-central-1"}"#),
        ImplicitDeny
    );
    let c = r#"{"StringNotLike": {"s3:prefix": ["a*", "b*"]}}"#;
    assert_eq!(with(c, r#"{"s3:prefix": "cat"}"#), Allow);
    assert_eq!(with(c, r#"{"s3:prefix": "bat"}"#), ImplicitDeny);
}

#[test]
fn missing_keys() {
    // Positive operators fail, negated ones hold, IfExists holds either way.
    assert_eq!(
        with(r#"{"StringEquals": {"aws:PrincipalTag/team": "x"}}"#, "{}"),
        ImplicitDeny
    );
    assert_eq!(
        with(
            r#"{"StringNotEquals": {"aws:PrincipalTag/team": "x"}}"#,
            "{}"
        ),
        Allow
    );
    assert_eq!(
        with(r#"{"NumericNotEquals": {"s3:max-keys": "5"}}"#, "{}"),
        Allow
    );
    assert_eq!(
        with(r#"{"NotIpAddress": {"aws:SourceIp": "10.0.0.0/8"}}"#, "{}"),
        Allow
    );
    assert_eq!(
        with(
            r#"{"ArnNotLike": {"aws:SourceArn": "arn:aws:sns:*:*:t"}}"#,
            "{}"
        ),
        Allow
    );
    assert_eq!(
        with(
            r#"{"StringEqualsIfExists": {"aws:PrincipalTag/team": "x"}}"#,
            "{}"
        ),
        Allow
    );
    assert_eq!(
        with(
            r#"{"StringEqualsIfExists": {"aws:PrincipalTag/team": "x"}}"#,
            r#"{"aws:PrincipalTag/team": "y"}"#
        ),
        ImplicitDeny
    );
    assert_eq!(
        with(
            r#"{"StringNotEqualsIfExists": {"aws:PrincipalTag/team": "x"}}"#,
            "{}"
        ),
        Allow
    );
    assert_eq!(
        with(r#"{"NumericLessThanIfExists": {"s3:max-keys": "5"}}"#, "{}"),
        Allow
    );
    assert_eq!(
        with(
            r#"{"BoolIfExists": {"aws:MultiFactorAuthPresent": "true"}}"#,
            "{}"
        ),
        Allow
    );
}

#[test]
fn condition_key_names_are_case_insensitive() {
    let c = r#"{"StringEquals": {"AWS:principaltag/TEAM": "x"}}"#;
    assert_eq!(with(c, r#"{"aws:PrincipalTag/team": "x"}"#), Allow);
}

#[test]
fn numeric_operators() {
    let ctx = r#"{"s3:max-keys": "10"}"#;
    for (op, val, expect) in [
        ("NumericEquals", "10", Allow),
        ("NumericEquals", "10.0", Allow),
        ("NumericEquals", "11", ImplicitDeny),
        ("NumericNotEquals", "11", Allow),
        ("NumericLessThan", "10", ImplicitDeny),
        ("NumericLessThan", "10.5", Allow),
        ("NumericLessThanEquals", "10", Allow),
        ("NumericGreaterThan", "9", Allow),
        ("NumericGreaterThan", "10", ImplicitDeny),
        ("NumericGreaterThanEquals", "10", Allow),
        ("NumericEquals", "ten", ImplicitDeny),
    ] {
        let c = format!(r#"{{"{op}": {{"s3:max-keys": "{val}"}}}}"#);
        assert_eq!(with(&c, ctx), expect, "{op} {val}");
    }
    // A number written as a JSON number works the same, and so does a JSON number in the context.
    assert_eq!(
        with(
            r#"{"NumericLessThan": {"s3:max-keys": 11}}"#,
            r#"{"s3:max-keys": 10}"#
        ),
        Allow
    );
    // A context value that is not a number matches no numeric comparison.
    assert_eq!(
        with(
            r#"{"NumericLessThan": {"s3:max-keys": 11}}"#,
            r#"{"s3:max-keys": "many"}"#
        ),
        ImplicitDeny
    );
}

#[test]
fn date_operators_accept_iso_and_epoch() {
    let ctx = r#"{"aws:CurrentTime": "2025-06-15T12:00:00Z"}"#;
    for (op, val, expect) in [
        ("DateLessThan", "2025-07-01T00:00:00Z", Allow),
        ("DateLessThan", "2025-06-15T12:00:00Z", ImplicitDeny),
        ("DateLessThanEquals", "2025-06-15T12:00:00Z", Allow),
        ("DateGreaterThan", "2025-06-15", Allow),
        ("DateGreaterThanEquals", "2025-06-16", ImplicitDeny),
        ("DateEquals", "1749988800", Allow),
        ("DateNotEquals", "1749988800", ImplicitDeny),
        ("DateEquals", "2025-06-15T14:00:00+02:00", Allow),
    ] {
        let c = format!(r#"{{"{op}": {{"aws:CurrentTime": "{val}"}}}}"#);
        assert_eq!(with(&c, ctx), expect, "{op} {val}");
    }
    assert_eq!(
        with(
            r#"{"DateGreaterThan": {"aws:EpochTime": "2025-01-01T00:00:00Z"}}"#,
            r#"{"aws:EpochTime": 1749988800}"#
        ),
        Allow
    );
}

#[test]
fn bool_and_binary() {
    let c = r#"{"Bool": {"aws:SecureTransport": "true"}}"#;
    assert_eq!(with(c, r#"{"aws:SecureTransport": "true"}"#), Allow);
    assert_eq!(with(c, r#"{"aws:SecureTransport": true}"#), Allow);
    assert_eq!(with(c, r#"{"aws:SecureTransport": "TRUE"}"#), Allow);
    assert_eq!(with(c, r#"{"aws:SecureTransport": "false"}"#), ImplicitDeny);
    assert_eq!(with(c, r#"{"aws:SecureTransport": "yes"}"#), ImplicitDeny);
    assert_eq!(
        with(
            r#"{"Bool": {"aws:SecureTransport": false}}"#,
            r#"{"aws:SecureTransport": "false"}"#
        ),
        Allow
    );
    let c = r#"{"BinaryEquals": {"kms:RecipientAttestation:ImageSha384": "QUJD"}}"#;
    assert_eq!(
        with(c, r#"{"kms:RecipientAttestation:ImageSha384": "QUJD"}"#),
        Allow
    );
    assert_eq!(
        with(c, r#"{"kms:RecipientAttestation:ImageSha384": "QUJE"}"#),
        ImplicitDeny
    );
}

#[test]
fn ip_addresses_v4_and_v6() {
    let c = r#"{"IpAddress": {"aws:SourceIp": ["203.0.113.0/24", "2001:db8:1234::/48", "198.51.100.7"]}}"#;
    assert_eq!(with(c, r#"{"aws:SourceIp": "203.0.113.200"}"#), Allow);
    assert_eq!(with(c, r#"{"aws:SourceIp": "203.0.114.1"}"#), ImplicitDeny);
    assert_eq!(
        with(c, r#"{"aws:SourceIp": "2001:db8:1234:ffff::1"}"#),
        Allow
    );
    assert_eq!(
        with(c, r#"{"aws:SourceIp": "2001:db8:1235::1"}"#),
        ImplicitDeny
    );
    assert_eq!(with(c, r#"{"aws:SourceIp": "198.51.100.7"}"#), Allow);
    assert_eq!(with(c, r#"{"aws:SourceIp": "198.51.100.8"}"#), ImplicitDeny);
    assert_eq!(with(c, r#"{"aws:SourceIp": "not-an-ip"}"#), ImplicitDeny);
    let c = r#"{"NotIpAddress": {"aws:SourceIp": "10.0.0.0/8"}}"#;
    assert_eq!(with(c, r#"{"aws:SourceIp": "10.1.2.3"}"#), ImplicitDeny);
    assert_eq!(with(c, r#"{"aws:SourceIp": "11.1.2.3"}"#), Allow);
}

#[test]
fn arn_operators_match_each_field_separately() {
    let c = r#"{"ArnLike": {"aws:SourceArn": "arn:aws:sns:*:111122223333:alerts-*"}}"#;
    assert_eq!(
        with(
            c,
            r#"{"aws:SourceArn": "arn:aws:sns:eu-west-1:111122223333:alerts-prod"}"#
        ),
        Allow
    );
    assert_eq!(
        with(
            c,
            r#"{"aws:SourceArn": "arn:aws:sns:eu-west-1:444455556666:alerts-prod"}"#
        ),
        ImplicitDeny
    );
    // ArnEquals accepts wildcards just like ArnLike.
    let c = r#"{"ArnEquals": {"aws:SourceArn": "arn:aws:sns:*:111122223333:alerts-*"}}"#;
    assert_eq!(
        with(
            c,
            r#"{"aws:SourceArn": "arn:aws:sns:us-east-1:111122223333:alerts-x"}"#
        ),
        Allow
    );
    // A wildcard in the account field cannot swallow a colon.
    let c = r#"{"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/deploy"}}"#;
    assert_eq!(
        with(
            c,
            r#"{"aws:PrincipalArn": "arn:aws:iam::111122223333:role/deploy"}"#
        ),
        Allow
    );
    assert_eq!(
        with(c, r#"{"aws:PrincipalArn": "arn:aws:iam::1:2:role/deploy"}"#),
        ImplicitDeny
    );
    // The resource field may contain colons.
    let c = r#"{"ArnLike": {"aws:SourceArn": "arn:aws:logs:*:*:log-group:*"}}"#;
    assert_eq!(
        with(
            c,
            r#"{"aws:SourceArn": "arn:aws:logs:us-east-1:1:log-group:app:log-stream:x"}"#
        ),
        Allow
    );
    // A value that is not an ARN matches nothing.
    assert_eq!(with(c, r#"{"aws:SourceArn": "log-group"}"#), ImplicitDeny);
    let c = r#"{"ArnNotEquals": {"aws:SourceArn": "arn:aws:sns:us-east-1:111122223333:t"}}"#;
    assert_eq!(
        with(
            c,
            r#"{"aws:SourceArn": "arn:aws:sns:us-east-1:111122223333:t"}"#
        ),
        ImplicitDeny
    );
    assert_eq!(
        with(
            c,
            r#"{"aws:SourceArn": "arn:aws:sns:us-east-1:111122223333:u"}"#
        ),
        Allow
    );
}

#[test]
fn null_checks_presence() {
    let c = r#"{"Null": {"aws:TokenIssueTime": "true"}}"#;
    assert_eq!(with(c, "{}"), Allow);
    assert_eq!(
        with(c, r#"{"aws:TokenIssueTime": "2025-01-01T00:00:00Z"}"#),
        ImplicitDeny
    );
    let c = r#"{"Null": {"aws:TokenIssueTime": false}}"#;
    assert_eq!(with(c, "{}"), ImplicitDeny);
    assert_eq!(
        with(c, r#"{"aws:TokenIssueTime": "2025-01-01T00:00:00Z"}"#),
        Allow
    );
    // An empty list counts as absent.
    assert_eq!(
        with(
            r#"{"Null": {"aws:TagKeys": "true"}}"#,
            r#"{"aws:TagKeys": []}"#
        ),
        Allow
    );
}

#[test]
fn for_all_values() {
    let c = r#"{"ForAllValues:StringEquals": {"aws:TagKeys": ["env", "team"]}}"#;
    assert_eq!(with(c, r#"{"aws:TagKeys": ["env"]}"#), Allow);
    assert_eq!(with(c, r#"{"aws:TagKeys": ["env", "team"]}"#), Allow);
    assert_eq!(
        with(c, r#"{"aws:TagKeys": ["env", "owner"]}"#),
        ImplicitDeny
    );
    // Vacuous truth: no values, or no key at all.
    assert_eq!(with(c, r#"{"aws:TagKeys": []}"#), Allow);
    assert_eq!(with(c, "{}"), Allow);
    let c = r#"{"ForAllValues:StringNotEquals": {"aws:TagKeys": ["admin"]}}"#;
    assert_eq!(with(c, r#"{"aws:TagKeys": ["env", "team"]}"#), Allow);
    assert_eq!(
        with(c, r#"{"aws:TagKeys": ["env", "admin"]}"#),
        ImplicitDeny
    );
    assert_eq!(with(c, "{}"), Allow);
}

#[test]
fn for_any_value() {
    let c = r#"{"ForAnyValue:StringEquals": {"aws:TagKeys": ["env", "team"]}}"#;
    assert_eq!(with(c, r#"{"aws:TagKeys": ["owner", "team"]}"#), Allow);
    assert_eq!(with(c, r#"{"aws:TagKeys": ["owner"]}"#), ImplicitDeny);
    assert_eq!(with(c, r#"{"aws:TagKeys": []}"#), ImplicitDeny);
    assert_eq!(with(c, "{}"), ImplicitDeny);
    let c = r#"{"ForAnyValue:StringNotEquals": {"aws:TagKeys": ["env"]}}"#;
    assert_eq!(with(c, r#"{"aws:TagKeys": ["env", "x"]}"#), Allow);
    assert_eq!(with(c, r#"{"aws:TagKeys": ["env"]}"#), ImplicitDeny);
    assert_eq!(with(c, "{}"), ImplicitDeny);
    assert_eq!(
        with(
            r#"{"ForAnyValue:StringEqualsIfExists": {"aws:TagKeys": "x"}}"#,
            "{}"
        ),
        Allow
    );
}

#[test]
fn list_values_with_single_valued_operators() {
    // Positive: one matching value suffices. Negated: no value may match.
    let c = r#"{"StringEquals": {"aws:TagKeys": "env"}}"#;
    assert_eq!(with(c, r#"{"aws:TagKeys": ["x", "env"]}"#), Allow);
    let c = r#"{"StringNotEquals": {"aws:TagKeys": "env"}}"#;
    assert_eq!(with(c, r#"{"aws:TagKeys": ["x", "env"]}"#), ImplicitDeny);
    assert_eq!(with(c, r#"{"aws:TagKeys": ["x", "y"]}"#), Allow);
}

#[test]
fn several_keys_and_operators_are_anded() {
    let c = r#"{"StringEquals": {"aws:PrincipalTag/a": "1", "aws:PrincipalTag/b": "2"}, "Bool": {"aws:SecureTransport": "true"}}"#;
    assert_eq!(
        with(
            c,
            r#"{"aws:PrincipalTag/a": "1", "aws:PrincipalTag/b": "2", "aws:SecureTransport": "true"}"#
        ),
        Allow
    );
    assert_eq!(
        with(
            c,
            r#"{"aws:PrincipalTag/a": "1", "aws:PrincipalTag/b": "3", "aws:SecureTransport": "true"}"#
        ),
        ImplicitDeny
    );
    assert_eq!(
        with(
            c,
            r#"{"aws:PrincipalTag/a": "1", "aws:PrincipalTag/b": "2", "aws:SecureTransport": "false"}"#
        ),
        ImplicitDeny
    );
}

#[test]
fn policy_variables_in_condition_values() {
    let c = r#"{"StringEquals": {"aws:ResourceTag/owner": "${aws:username}"}}"#;
    assert_eq!(with(c, r#"{"aws:ResourceTag/owner": "alice"}"#), Allow);
    assert_eq!(with(c, r#"{"aws:ResourceTag/owner": "bob"}"#), ImplicitDeny);
    let c = r#"{"StringLike": {"s3:prefix": "home/${aws:PrincipalTag/team}/*"}}"#;
    assert_eq!(
        with(
            c,
            r#"{"s3:prefix": "home/blue/x", "aws:PrincipalTag/team": "blue"}"#
        ),
        Allow
    );
    // A variable whose key is absent makes that value match nothing...
    assert_eq!(with(c, r#"{"s3:prefix": "home/blue/x"}"#), ImplicitDeny);
    // ... unless it has a default.
    let c = r#"{"StringLike": {"s3:prefix": "home/${aws:PrincipalTag/team, 'shared'}/*"}}"#;
    assert_eq!(with(c, r#"{"s3:prefix": "home/shared/x"}"#), Allow);
    // Escapes are literal characters even under StringLike.
    let c = r#"{"StringLike": {"s3:prefix": "a${*}"}}"#;
    assert_eq!(with(c, r#"{"s3:prefix": "a*"}"#), Allow);
    assert_eq!(with(c, r#"{"s3:prefix": "ab"}"#), ImplicitDeny);
    // A substituted value is literal text: a `*` in a tag value is no wildcard.
    let c = r#"{"StringLike": {"s3:prefix": "${aws:PrincipalTag/p}"}}"#;
    assert_eq!(
        with(c, r#"{"s3:prefix": "abc", "aws:PrincipalTag/p": "a*"}"#),
        ImplicitDeny
    );
}

#[test]
fn version_2008_has_no_variables() {
    let c = r#"{"StringEquals": {"aws:ResourceTag/owner": "${aws:username}"}}"#;
    assert_eq!(
        with_version("2008-10-17", c, r#"{"aws:ResourceTag/owner": "alice"}"#),
        ImplicitDeny
    );
    assert_eq!(
        with_version(
            "2008-10-17",
            c,
            r#"{"aws:ResourceTag/owner": "${aws:username}"}"#
        ),
        Allow
    );
}
