//! Arbitrary bytes as a policy document.
//!
//! Checks that `warden_policy::parse` never panics, that every span it
//! reports (diagnostics and AST alike) lies inside the input with
//! `start <= end` and on character boundaries, and that a policy without
//! errors compiles and evaluates in every policy slot with the fast path
//! agreeing with the explanation.

#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../crates/warden-eval/tests/support/oracles.rs"]
mod oracles;
use warden_eval::{CompiledPolicy, Context, ContextValue, OrgLevel, PolicySet, Principal, Request};
use warden_policy::{Policy, Span};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let parsed = warden_policy::parse(text);
    for d in &parsed.diagnostics {
        check(text, d.span, d.code);
    }
    let Some(policy) = &parsed.policy else {
        return;
    };
    check_ast(text, policy);
    if parsed.has_errors() {
        return;
    }
    let compiled = CompiledPolicy::compile("fuzz", policy);
    let set = everywhere(&compiled);
    for req in requests() {
        let fast = set.decide(&req);
        let explained = set.evaluate(&req);
        assert_eq!(fast, explained.decision, "decide and evaluate disagree");
    }
});

fn check(text: &str, span: Span, what: &str) {
    assert!(span.start <= span.end, "{what}: inverted span {span:?}");
    assert!(
        span.end as usize <= text.len(),
        "{what}: span {span:?} past the end ({} bytes)",
        text.len()
    );
    // The CLI slices the source with spans to draw code frames.
    assert!(
        text.is_char_boundary(span.start as usize) && text.is_char_boundary(span.end as usize),
        "{what}: span {span:?} splits a character"
    );
}

fn check_ast(text: &str, p: &Policy) {
    for (span, what) in oracles::policy_spans(p) {
        check(text, span, what);
    }
}

/// The policy in every slot, so that every policy type's rules run.
fn everywhere(p: &CompiledPolicy) -> PolicySet {
    let level = || {
        Some(vec![OrgLevel {
            target: "r-root".to_string(),
            policies: vec![p.clone()],
        }])
    };
    PolicySet {
        identity: vec![p.clone()],
        boundary: Some(p.clone()),
        session: Some(p.clone()),
        scps: level(),
        rcps: level(),
        resource: Some(p.clone()),
        vpc_endpoint: Some(p.clone()),
    }
}

fn requests() -> Vec<Request> {
    let mut ctx = Context::new();
    ctx.insert("aws:SourceIp", ContextValue::single("10.1.2.3"));
    ctx.insert(
        "aws:CurrentTime",
        ContextValue::single("2024-05-01T12:00:00Z"),
    );
    ctx.insert("aws:SecureTransport", ContextValue::single("true"));
    ctx.insert("aws:MultiFactorAuthAge", ContextValue::single("300"));
    ctx.insert("aws:TagKeys", ContextValue::list(["team", "cost"]));
    ctx.insert("aws:PrincipalTag/team", ContextValue::single("blue"));
    let cases = [
        (
            "arn:aws:iam::111122223333:user/alice",
            "s3:GetObject",
            "arn:aws:s3:::bucket/alice/key",
        ),
        (
            "arn:aws:sts::111122223333:assumed-role/app/s1",
            "sts:AssumeRole",
            "arn:aws:iam::444455556666:role/x",
        ),
        ("lambda.amazonaws.com", "kms:Decrypt", "*"),
        ("anonymous", "s3:PutObject", "arn:aws:s3:::bucket/public/*"),
        (
            "arn:aws:iam::111122223333:root",
            "iam:CreateUser",
            "arn:aws:iam::111122223333:user/bob",
        ),
    ];
    cases
        .iter()
        .filter_map(|(p, a, r)| {
            let principal = Principal::parse(p).ok()?;
            Some(Request::new(principal, a, r, None, ctx.clone()))
        })
        .collect()
}
