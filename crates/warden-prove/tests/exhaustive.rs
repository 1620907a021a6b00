//! Differential test of the decision procedure against exhaustive
//! enumeration over a finite universe of requests.
//!
//! Random policy pairs are built from a tiny vocabulary (actions `x:` plus
//! up to two letters or wildcards, two resources, a string key and a
//! numeric key). Every request of the finite universe is evaluated with
//! Warden's evaluator, independently of the prover. The universe holds every
//! action up to four characters over `a`, `b`, `c`, which is long enough to
//! separate any two combinations of these patterns, and every value the
//! conditions name, so the prover must FAIL exactly when the enumeration
//! finds a separating request. Every
//! counterexample is re-confirmed here too.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use warden_eval::engine::{policy_outcome, PolicyType};
use warden_eval::request::{Context, ContextValue, Principal, Request};
use warden_eval::{CompiledPolicy, PolicyOutcome};
use warden_prove::{no_new_access, Input, PolicyKind, Verdict};

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[(self.next() as usize) % xs.len()]
    }
    fn chance(&mut self, n: u64) -> bool {
        self.next().is_multiple_of(n)
    }
}

const ACTION_PATTERNS: &[&str] = &[
    "x:a", "x:b", "x:ab", "x:*", "x:a*", "x:*b", "x:?", "x:?a", "x:a?", "*", "x:ba", "x:*a*",
];
const RESOURCES: &[&str] = &["arn:aws:s3:::r1", "arn:aws:s3:::r*", "*", "arn:aws:s3:::r2"];

const PRINCIPALS: &[&str] = &[
    "\"*\"",
    "{\"AWS\": \"111122223333\"}",
    "{\"AWS\": \"arn:aws:iam::111122223333:role/r\"}",
    "{\"AWS\": [\"arn:aws:iam::444455556666:root\", \"arn:aws:iam::111122223333:user/u\"]}",
    "{\"Service\": \"s3.amazonaws.com\"}",
];

fn statement(rng: &mut Rng, resource_policy: bool) -> String {
    let effect = if rng.chance(4) { "Deny" } else { "Allow" };
    let principal = if resource_policy {
        let key = if effect == "Deny" && rng.chance(3) {
            "NotPrincipal"
        } else {
            "Principal"
        };
        format!("\"{key}\": {}, ", rng.pick(PRINCIPALS))
    } else {
        String::new()
    };
    let n = 1 + rng.next() % 2;
    let actions: Vec<String> = (0..n)
        .map(|_| format!("\"{}\"", rng.pick(ACTION_PATTERNS)))
        .collect();
    let action_key = if rng.chance(6) { "NotAction" } else { "Action" };
    let resource = rng.pick(RESOURCES);
    let mut conds = Vec::new();
    if rng.chance(2) {
        let op = rng.pick(&[
            "StringEquals",
            "StringLike",
            "StringNotEquals",
            "StringNotLike",
            "StringEqualsIfExists",
        ]);
        let v = rng.pick(&["a", "b", "a*", "*b", "ab"]);
        conds.push(format!("\"{op}\": {{\"k:s\": \"{v}\"}}"));
    }
    if !resource_policy && rng.chance(2) {
        let op = rng.pick(&[
            "NumericLessThan",
            "NumericGreaterThanEquals",
            "NumericEquals",
            "NumericNotEquals",
        ]);
        let v = rng.pick(&["1", "2", "3"]);
        conds.push(format!("\"{op}\": {{\"k:n\": \"{v}\"}}"));
    }
    if rng.chance(5) {
        let v = rng.pick(&["true", "false"]);
        conds.push(format!("\"Null\": {{\"k:s\": \"{v}\"}}"));
    }
    let cond = if conds.is_empty() {
        String::new()
    } else {
        format!(", \"Condition\": {{{}}}", conds.join(", "))
    };
    format!(
        "{{\"Effect\": \"{effect}\", {principal}\"{action_key}\": [{}], \"Resource\": \"{resource}\"{cond}}}",
        actions.join(", ")
    )
}

fn policy(rng: &mut Rng, resource_policy: bool) -> String {
    let n = 1 + rng.next() % 3;
    let sts: Vec<String> = (0..n).map(|_| statement(rng, resource_policy)).collect();
    format!(
        "{{\"Version\": \"2012-10-17\", \"Statement\": [{}]}}",
        sts.join(", ")
    )
}

fn universe(resource_policy: bool) -> Vec<Request> {
    let mut actions = vec![String::new()];
    let mut frontier = vec![String::new()];
    for _ in 0..4 {
        let mut next = Vec::new();
        for s in &frontier {
            for c in ['a', 'b', 'c'] {
                next.push(format!("{s}{c}"));
            }
        }
        actions.extend(next.iter().cloned());
        frontier = next;
    }
    let strs: [Option<&str>; 9] = [
        None,
        Some("a"),
        Some("b"),
        Some("ab"),
        Some("c"),
        Some("ba"),
        Some("a*"),
        Some("*b"),
        Some("bb"),
    ];
    let nums: [Option<&str>; 9] = [
        None,
        Some("0"),
        Some("1"),
        Some("1.5"),
        Some("2"),
        Some("2.5"),
        Some("3"),
        Some("4"),
        Some("x"),
    ];
    let principals: Vec<Principal> = if resource_policy {
        [
            "arn:aws:iam::111122223333:user/u",
            "arn:aws:iam::111122223333:user/v",
            "arn:aws:sts::111122223333:assumed-role/r/s",
            "arn:aws:sts::111122223333:assumed-role/q/s",
            "arn:aws:iam::444455556666:user/u",
            "arn:aws:iam::777788889999:user/u",
            "anonymous",
            "s3.amazonaws.com",
            "lambda.amazonaws.com",
        ]
        .iter()
        .map(|p| Principal::parse(p).unwrap())
        .collect()
    } else {
        vec![Principal::parse("arn:aws:iam::111122223333:user/u").unwrap()]
    };
    let nums: &[Option<&str>] = if resource_policy { &[None] } else { &nums };
    // Every action above starts `x:`; `NotAction` also needs names that do not.
    let mut names: Vec<String> = actions.iter().map(|a| format!("x:{a}")).collect();
    names.extend(
        [
            "", "a", "b", "ab", "ba", "x", "xa", "xb", "y:a", "y:b", "y:ab",
        ]
        .map(String::from),
    );
    let mut out = Vec::new();
    for a in &names {
        for r in [
            "arn:aws:s3:::r1",
            "arn:aws:s3:::r2",
            "arn:aws:s3:::r",
            "arn:aws:s3:::q",
        ] {
            for s in strs {
                for n in nums {
                    for principal in &principals {
                        let mut ctx = Context::new();
                        if let Some(s) = s {
                            ctx.insert("k:s", ContextValue::single(s));
                        }
                        if let Some(n) = n {
                            ctx.insert("k:n", ContextValue::single(*n));
                        }
                        out.push(Request::new(principal.clone(), a, r, None, ctx));
                    }
                }
            }
        }
    }
    out
}

fn allows(ty: PolicyType, p: &CompiledPolicy, r: &Request) -> bool {
    policy_outcome(ty, p, r).outcome == PolicyOutcome::Allow
}

#[test]
fn prover_agrees_with_enumeration() {
    agree(false, if cfg!(debug_assertions) { 1000 } else { 3000 });
}

#[test]
fn prover_agrees_with_enumeration_on_resource_policies() {
    agree(true, if cfg!(debug_assertions) { 300 } else { 1000 });
}

fn agree(resource_policy: bool, pairs: usize) {
    let (ty, kind) = if resource_policy {
        (PolicyType::Resource, PolicyKind::Resource)
    } else {
        (PolicyType::Identity, PolicyKind::Identity)
    };
    let allows = |p: &CompiledPolicy, r: &Request| allows(ty, p, r);
    let reqs = universe(resource_policy);
    let mut rng = Rng(0x5eed);
    let (mut fails, mut passes) = (0, 0);
    for i in 0..pairs {
        let a_src = policy(&mut rng, resource_policy);
        // Half the time, B is a small edit of A, so containment is often close.
        let b_src = if rng.chance(2) {
            let (from, to) = (rng.pick(ACTION_PATTERNS), rng.pick(ACTION_PATTERNS));
            a_src.replacen(&format!("\"{from}\""), &format!("\"{to}\""), 1)
        } else {
            policy(&mut rng, resource_policy)
        };
        let a = warden_policy::parse(&a_src).into_result().unwrap();
        // An edit that lands on a `"*"` principal may break the grammar: draw anew.
        let (b_src, b) = match warden_policy::parse(&b_src).into_result() {
            Ok(b) => (b_src, b),
            Err(_) => {
                let fresh = policy(&mut rng, resource_policy);
                let b = warden_policy::parse(&fresh).into_result().unwrap();
                (fresh, b)
            }
        };
        let ca = CompiledPolicy::compile("a", &a);
        let cb = CompiledPolicy::compile("b", &b);
        let separating = reqs.iter().find(|r| allows(&ca, r) && !allows(&cb, r));
        let verdict = no_new_access(
            Input {
                name: "a",
                policy: &a,
            },
            Input {
                name: "b",
                policy: &b,
            },
            kind,
        );
        match (&verdict, separating) {
            (Verdict::Pass, None) => passes += 1,
            (Verdict::Fail(cx), found) => {
                // The counterexample must really separate the policies.
                let r = warden_prove::concrete::request(&cx.request).unwrap();
                assert!(
                    allows(&ca, &r) && !allows(&cb, &r),
                    "pair {i}: bogus counterexample {cx:?}\nA {a_src}\nB {b_src}"
                );
                // Its action is within the universe's reach, so enumeration must agree.
                assert!(
                    found.is_some(),
                    "pair {i}: prover FAIL {cx:?} but enumeration finds nothing\nA {a_src}\nB {b_src}"
                );
                fails += 1;
            }
            (Verdict::Pass, Some(r)) => panic!(
                "pair {i}: prover PASS but {} {} {:?} separates\nA {a_src}\nB {b_src}",
                r.action,
                r.resource,
                r.context.keys().collect::<Vec<_>>()
            ),
            (Verdict::Unknown(why), _) => panic!("pair {i}: UNKNOWN {why}\nA {a_src}\nB {b_src}"),
        }
    }
    eprintln!("{pairs} pairs: {fails} FAIL, {passes} PASS");
    assert!(
        fails > pairs / 10 && passes > pairs / 10,
        "generator is too lopsided: {fails} / {passes}"
    );
}
