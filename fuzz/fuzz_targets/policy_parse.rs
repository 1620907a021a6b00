//! Arbitrary bytes as a policy document.
//!
//! Checks that `warden_policy::parse` never panics, that every span it
//! reports (diagnostics and AST alike) lies inside the input with
//! `start <= end` and on character boundaries, and that a policy without
//! errors compiles and evaluates in every policy slot with the fast path
//! agreeing with the explanation.

#![no_main]

use libfuzzer_sys::fuzz_target;
use warden_eval::{CompiledPolicy, Context, ContextValue, OrgLevel, PolicySet, Principal, Request};
use warden_policy::policy::PrincipalValue;
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
    check(text, p.span, "policy");
    check(text, p.statement_span, "Statement");
    if let Some(v) = &p.version {
        check(text, v.span, "Version");
    }
    if let Some(id) = &p.id {
        check(text, id.span, "Id");
    }
    for s in &p.statements {
        check(text, s.span, "statement");
        check(text, s.effect.span, "Effect");
        if let Some(sid) = &s.sid {
            check(text, sid.span, "Sid");
        }
        for list in [&s.action, &s.resource].into_iter().flatten() {
            check(text, list.key_span, "list key");
            check(text, list.span, "list");
            for v in &list.values {
                check(text, v.span, "list value");
            }
        }
        if let Some(pr) = &s.principal {
            check(text, pr.key_span, "principal key");
            check(text, pr.span, "principal");
            if let PrincipalValue::Typed(entries) = &pr.value {
                for e in entries {
                    check(text, e.key_span, "principal entry key");
                    for v in &e.values {
                        check(text, v.span, "principal value");
                    }
                }
            }
        }
        if let Some(c) = s.condition_span {
            check(text, c, "Condition");
        }
        for c in &s.conditions {
            check(text, c.operator_text.span, "operator");
            check(text, c.key.span, "condition key");
            check(text, c.values_span, "condition values");
            for v in &c.values {
                check(text, v.span, "condition value");
            }
        }
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
