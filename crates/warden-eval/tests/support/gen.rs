//! A generator of random `warden simulate` scenarios for differential
//! testing and benchmarks. Deterministic for a seed.
//!
//! The universe is small on purpose: two accounts, a handful of principals,
//! actions, resources and context keys, and policy values drawn from the same
//! small domains as the request values, so that conditions and patterns match
//! often enough for every branch of the evaluation logic to be taken. The
//! generator stays inside what AWS documents and the oracle supports (see
//! `docs/differential.md`): context keys are global `aws:` keys, S3 requests
//! name their resource account, multi-valued keys get set operators and
//! single-valued keys single values.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
#![allow(dead_code)]

use serde_json::{json, Value};

/// splitmix64: tiny, fast and good enough for test generation.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    pub fn chance(&mut self, p: f64) -> bool {
        (self.next() as f64 / u64::MAX as f64) < p
    }
    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }
}

pub const A: &str = "111122223333";
pub const B: &str = "444455556666";

/// Request principals: (principal, account, kind).
const PRINCIPALS: [(&str, &str, &str); 9] = [
    ("lambda.amazonaws.com", "", "service"),
    (
        "arn:aws:sts::111122223333:federated-user/fed",
        A,
        "federated",
    ),
    ("arn:aws:iam::111122223333:user/alice", A, "user"),
    ("arn:aws:iam::111122223333:user/bob", A, "user"),
    (
        "arn:aws:sts::111122223333:assumed-role/app/s1",
        A,
        "session",
    ),
    (
        "arn:aws:sts::111122223333:assumed-role/ops/s2",
        A,
        "session",
    ),
    ("arn:aws:iam::444455556666:user/carol", B, "user"),
    (
        "arn:aws:sts::444455556666:assumed-role/partner/s3",
        B,
        "session",
    ),
    ("anonymous", "", "anonymous"),
];

/// (action, resource templates with {acct}).
const ACTIONS: [(&str, &[&str]); 13] = [
    ("sts:AssumeRole", &["arn:aws:iam::{acct}:role/target"]),
    (
        "kms:Decrypt",
        &["arn:aws:kms:us-east-1:{acct}:key/1234abcd-12ab-34cd-56ef-1234567890ab"],
    ),
    (
        "s3:GetObject",
        &[
            "arn:aws:s3:::data-bucket/reports/q1.csv",
            "arn:aws:s3:::data-bucket/alice/notes.txt",
            "arn:aws:s3:::logs-bucket/app/x.log",
        ],
    ),
    (
        "s3:PutObject",
        &[
            "arn:aws:s3:::data-bucket/reports/q2.csv",
            "arn:aws:s3:::data-bucket/bob/a.txt",
        ],
    ),
    (
        "s3:ListBucket",
        &["arn:aws:s3:::data-bucket", "arn:aws:s3:::logs-bucket"],
    ),
    (
        "sqs:SendMessage",
        &[
            "arn:aws:sqs:us-east-1:{acct}:orders",
            "arn:aws:sqs:eu-west-1:{acct}:events",
        ],
    ),
    (
        "sqs:ReceiveMessage",
        &["arn:aws:sqs:us-east-1:{acct}:orders"],
    ),
    (
        "dynamodb:GetItem",
        &[
            "arn:aws:dynamodb:us-east-1:{acct}:table/orders",
            "arn:aws:dynamodb:eu-west-1:{acct}:table/users",
        ],
    ),
    (
        "dynamodb:PutItem",
        &["arn:aws:dynamodb:us-east-1:{acct}:table/orders"],
    ),
    (
        "ec2:StartInstances",
        &[
            "arn:aws:ec2:us-east-1:{acct}:instance/i-0abc",
            "arn:aws:ec2:eu-west-1:{acct}:instance/i-0def",
        ],
    ),
    ("ec2:DescribeInstances", &["*"]),
    (
        "secretsmanager:GetSecretValue",
        &["arn:aws:secretsmanager:us-east-1:{acct}:secret:db-AbCdEf"],
    ),
    (
        "lambda:InvokeFunction",
        &["arn:aws:lambda:us-east-1:{acct}:function:worker"],
    ),
];

const ACTION_PATTERNS: [&str; 19] = [
    "*",
    "s3:*",
    "s3:Get*",
    "s3:*Object",
    "s3:GetObject",
    "s3:PutObject",
    "s3:List*",
    "sqs:*",
    "sqs:SendMessage",
    "dynamodb:Get*",
    "dynamodb:*",
    "ec2:*Instances",
    "ec2:Describe*",
    "secretsmanager:GetSecretValue",
    "lambda:Invoke*",
    "S3:getobject",
    "sts:AssumeRole",
    "kms:*",
    "sts:*",
];

const RESOURCE_PATTERNS: [&str; 18] = [
    "*",
    "arn:aws:s3:::data-bucket/*",
    "arn:aws:s3:::data-bucket",
    "arn:aws:s3:::*-bucket/*",
    "arn:aws:s3:::data-bucket/reports/*",
    "arn:aws:s3:::data-bucket/${aws:username}/*",
    "arn:aws:s3:::logs-bucket/*",
    "arn:aws:sqs:*:{acct}:*",
    "arn:aws:sqs:us-east-1:*:orders",
    "arn:aws:dynamodb:*:*:table/orders",
    "arn:aws:dynamodb:us-east-1:{acct}:table/*",
    "arn:aws:ec2:*:*:instance/*",
    "arn:aws:ec2:us-east-1:{acct}:instance/i-0abc",
    "arn:aws:secretsmanager:*:*:secret:db-*",
    "arn:aws:lambda:us-east-1:{acct}:function:*",
    "arn:aws:s3:::data-bucket/???/*",
    "arn:aws:iam::{acct}:role/*",
    "arn:aws:kms:*:{acct}:key/*",
];

/// A context key with its kind and domains.
struct Key {
    name: &'static str,
    kind: Kind,
    domain: &'static [&'static str],
    policy: &'static [&'static str],
}

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Str,
    Num,
    Date,
    Bool,
    Ip,
    Arn,
    MultiStr,
}

const KEYS: [Key; 11] = [
    Key {
        name: "aws:PrincipalTag/team",
        kind: Kind::Str,
        domain: &["red", "blue", "green"],
        policy: &["red", "blue", "b*", "gr?en", "${aws:PrincipalTag/team}"],
    },
    Key {
        name: "aws:RequestedRegion",
        kind: Kind::Str,
        domain: &["us-east-1", "eu-west-1", "us-west-2"],
        policy: &["us-east-1", "eu-*", "us-*"],
    },
    Key {
        name: "aws:PrincipalOrgID",
        kind: Kind::Str,
        domain: &["o-aaaa1111", "o-bbbb2222"],
        policy: &["o-aaaa1111", "o-b*"],
    },
    Key {
        name: "aws:SourceIp",
        kind: Kind::Ip,
        domain: &[
            "10.0.0.5",
            "10.200.3.4",
            "192.0.2.10",
            "203.0.113.9",
            "2001:db8::1",
            "2001:db9::1",
        ],
        policy: &[
            "10.0.0.0/8",
            "192.0.2.0/24",
            "203.0.113.9/32",
            "2001:db8::/32",
            "10.200.0.0/16",
        ],
    },
    Key {
        name: "aws:CurrentTime",
        kind: Kind::Date,
        domain: &[
            "2025-01-15T10:00:00Z",
            "2025-06-30T23:59:59Z",
            "2026-03-01T00:00:00Z",
        ],
        policy: &[
            "2025-06-30T23:59:59Z",
            "2025-03-01T00:00:00Z",
            "2026-01-01T00:00:00Z",
        ],
    },
    Key {
        name: "aws:MultiFactorAuthAge",
        kind: Kind::Num,
        domain: &["30", "3600", "7200", "86400"],
        policy: &["60", "3600", "10000"],
    },
    Key {
        name: "aws:SecureTransport",
        kind: Kind::Bool,
        domain: &["true", "false"],
        policy: &["true", "false"],
    },
    Key {
        name: "aws:MultiFactorAuthPresent",
        kind: Kind::Bool,
        domain: &["true", "false"],
        policy: &["true", "false"],
    },
    Key {
        name: "aws:SourceArn",
        kind: Kind::Arn,
        domain: &[
            "arn:aws:sns:us-east-1:111122223333:topic-a",
            "arn:aws:sqs:eu-west-1:444455556666:q",
            "arn:aws:sns:eu-west-1:111122223333:topic-b",
        ],
        policy: &[
            "arn:aws:sns:*:111122223333:*",
            "arn:aws:sqs:*:*:q",
            "arn:aws:sns:us-east-1:111122223333:topic-a",
            "arn:aws:*:*:444455556666:*",
        ],
    },
    Key {
        name: "aws:TagKeys",
        kind: Kind::MultiStr,
        domain: &["env", "team", "owner", "cost"],
        policy: &["env", "team", "own*"],
    },
    Key {
        name: "aws:PrincipalTag/owner",
        kind: Kind::Str,
        domain: &["alice", "bob", "carol"],
        policy: &[
            "${aws:username}",
            "alice",
            "${aws:PrincipalTag/team, 'bob'}",
        ],
    },
];

fn ops(kind: Kind) -> &'static [&'static str] {
    match kind {
        Kind::Str => &[
            "StringEquals",
            "StringNotEquals",
            "StringEqualsIgnoreCase",
            "StringNotEqualsIgnoreCase",
            "StringLike",
            "StringNotLike",
        ],
        Kind::MultiStr => &[
            "StringEquals",
            "StringNotEquals",
            "StringLike",
            "StringNotLike",
        ],
        Kind::Num => &[
            "NumericEquals",
            "NumericNotEquals",
            "NumericLessThan",
            "NumericLessThanEquals",
            "NumericGreaterThan",
            "NumericGreaterThanEquals",
        ],
        Kind::Date => &[
            "DateEquals",
            "DateNotEquals",
            "DateLessThan",
            "DateLessThanEquals",
            "DateGreaterThan",
            "DateGreaterThanEquals",
        ],
        Kind::Bool => &["Bool"],
        Kind::Ip => &["IpAddress", "NotIpAddress"],
        Kind::Arn => &["ArnEquals", "ArnLike", "ArnNotEquals", "ArnNotLike"],
    }
}

fn fill(s: &str, acct: &str) -> String {
    s.replace("{acct}", acct)
}

fn condition(r: &mut Rng) -> Value {
    let mut block = serde_json::Map::new();
    for _ in 0..r.range(1, 2) {
        let k = r.pick(&KEYS);
        if r.chance(0.1) {
            // Null checks presence, whatever the key's type.
            let entry = block.entry("Null".to_string()).or_insert_with(|| json!({}));
            entry[k.name] = json!(r.pick(&["true", "false"]));
            continue;
        }
        let mut op = r.pick(ops(k.kind)).to_string();
        if k.kind == Kind::MultiStr {
            op = format!("{}:{op}", r.pick(&["ForAllValues", "ForAnyValue"]));
        } else if r.chance(0.08) && k.kind == Kind::Str {
            // A set operator on a single-valued key: treated as a one-element set.
            op = format!("{}:{op}", r.pick(&["ForAllValues", "ForAnyValue"]));
        }
        if r.chance(0.2) && !op.starts_with("For") {
            op.push_str("IfExists");
        }
        let n = r.range(1, 2);
        let mut vals: Vec<Value> = Vec::new();
        for _ in 0..n {
            let v = *r.pick(k.policy);
            // Variables only where AWS allows them (string and ARN operators).
            if v.contains("${") && !(op.contains("String") || op.contains("Arn")) {
                continue;
            }
            // Wildcards only mean something to Like operators; keep equality values literal.
            if (v.contains('*') || v.contains('?')) && !(op.contains("Like") || op.contains("Arn"))
            {
                continue;
            }
            vals.push(json!(v));
        }
        if vals.is_empty() {
            vals.push(json!(k.domain[0]));
        }
        let entry = block.entry(op).or_insert_with(|| json!({}));
        let v = if vals.len() == 1 && r.chance(0.5) {
            vals.remove(0)
        } else {
            Value::Array(vals)
        };
        entry[k.name] = v;
    }
    Value::Object(block)
}

thread_local! {
    /// The request being generated: statements name its action and resource
    /// often enough that every decision occurs in good numbers.
    static HINT: std::cell::RefCell<(String, String)> = const { std::cell::RefCell::new((String::new(), String::new())) };
}

fn statement(r: &mut Rng, acct: &str, principal: Option<Value>, deny_p: f64, rcp: bool) -> Value {
    let mut s = serde_json::Map::new();
    if r.chance(0.3) {
        s.insert("Sid".into(), json!(format!("S{}", r.below(1000))));
    }
    let effect = if r.chance(deny_p) { "Deny" } else { "Allow" };
    s.insert("Effect".into(), json!(effect));
    if let Some(p) = principal {
        if effect == "Deny" && !rcp && p != json!("*") && r.chance(0.25) {
            let np = match r.below(3) {
                0 => {
                    json!({"AWS": ["arn:aws:iam::111122223333:role/app", "arn:aws:sts::111122223333:assumed-role/app/s1", A]})
                }
                1 => json!({"AWS": [A, B]}),
                _ => json!({"AWS": ["arn:aws:iam::111122223333:user/alice", A]}),
            };
            s.insert("NotPrincipal".into(), np);
        } else {
            s.insert("Principal".into(), p);
        }
    }
    let n = r.range(1, 3);
    // RCPs allow neither `NotAction` nor the bare `*` action.
    let patterns = if rcp {
        &ACTION_PATTERNS[1..]
    } else {
        &ACTION_PATTERNS[..]
    };
    let acts: Vec<Value> = (0..n).map(|_| json!(r.pick(patterns))).collect();
    let key = if !rcp && r.chance(0.1) {
        "NotAction"
    } else {
        "Action"
    };
    s.insert(
        key.into(),
        if n == 1 && r.chance(0.5) {
            acts[0].clone()
        } else {
            Value::Array(acts)
        },
    );
    let n = r.range(1, 3);
    let res: Vec<Value> = (0..n)
        .map(|_| json!(fill(r.pick::<&str>(&RESOURCE_PATTERNS[..]), acct)))
        .collect();
    let key = if r.chance(0.08) {
        "NotResource"
    } else {
        "Resource"
    };
    s.insert(
        key.into(),
        if n == 1 && r.chance(0.5) {
            res[0].clone()
        } else {
            Value::Array(res)
        },
    );
    if r.chance(0.45) {
        s.insert("Condition".into(), condition(r));
    }
    if r.chance(0.3) {
        let (action, resource) = HINT.with(|h| h.borrow().clone());
        if !action.is_empty() {
            s.remove("NotAction");
            s.insert("Action".into(), json!([action]));
            if resource != "*" && r.chance(0.5) {
                s.remove("NotResource");
                s.insert("Resource".into(), json!([resource]));
            }
        }
    }
    Value::Object(s)
}

fn policy(
    r: &mut Rng,
    acct: &str,
    principal: impl Fn(&mut Rng) -> Option<Value>,
    deny_p: f64,
    max: usize,
) -> Value {
    policy_of(r, acct, principal, deny_p, max, false)
}

fn policy_of(
    r: &mut Rng,
    acct: &str,
    principal: impl Fn(&mut Rng) -> Option<Value>,
    deny_p: f64,
    max: usize,
    rcp: bool,
) -> Value {
    let n = r.range(1, max);
    let sts: Vec<Value> = (0..n)
        .map(|_| {
            let p = principal(r);
            statement(r, acct, p, deny_p, rcp)
        })
        .collect();
    json!({"Version": "2012-10-17", "Statement": sts})
}

/// A resource-policy statement's principal element: `Principal` or, rarely,
/// a Deny with `NotPrincipal` naming both a role and its session (as AWS
/// recommends) or whole accounts.
fn resource_principal(r: &mut Rng) -> Value {
    match r.below(11) {
        9 => json!({"Service": "lambda.amazonaws.com"}),
        10 => json!({"AWS": "arn:aws:sts::111122223333:federated-user/fed"}),
        0 => json!("*"),
        1 => json!({"AWS": "*"}),
        2 => json!({"AWS": A}),
        3 => json!({"AWS": format!("arn:aws:iam::{B}:root")}),
        4 => json!({"AWS": "arn:aws:iam::111122223333:user/alice"}),
        5 => json!({"AWS": "arn:aws:iam::111122223333:role/app"}),
        6 => json!({"AWS": "arn:aws:sts::111122223333:assumed-role/app/s1"}),
        7 => {
            json!({"AWS": ["arn:aws:iam::444455556666:user/carol", "arn:aws:iam::111122223333:user/bob"]})
        }
        _ => json!({"AWS": "arn:aws:iam::444455556666:role/partner"}),
    }
}

fn full_access() -> Value {
    json!({"name": "FullAWSAccess", "document": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}})
}

/// One random scenario.
pub fn scenario(r: &mut Rng) -> Value {
    let (principal, p_acct, p_kind) = *r.pick(&PRINCIPALS);
    let (action, resources) = *r.pick(&ACTIONS);
    // Resources live in either account.
    let r_acct = if r.chance(0.7) { A } else { B };
    let resource = fill(r.pick::<&str>(resources), r_acct);
    HINT.with(|h| *h.borrow_mut() = (action.to_string(), resource.clone()));
    let mut request = json!({"principal": principal, "action": action, "resource": resource, "resourceAccount": r_acct});
    if resource == "*" {
        // Wildcard-only actions are evaluated in the caller's account.
        request["resourceAccount"] = json!(if p_acct.is_empty() { A } else { p_acct });
    }
    let mut ctx = serde_json::Map::new();
    for k in &KEYS {
        if r.chance(0.55) {
            let v = match k.kind {
                Kind::MultiStr => {
                    let n = r.below(4);
                    let mut vs: Vec<&str> = Vec::new();
                    for _ in 0..n {
                        let x = *r.pick(k.domain);
                        if !vs.contains(&x) {
                            vs.push(x);
                        }
                    }
                    json!(vs)
                }
                _ => json!(r.pick(k.domain)),
            };
            ctx.insert(k.name.to_string(), v);
        }
    }
    // The keys AWS derives from the principal, given explicitly.
    if p_kind == "service" {
        ctx.insert("aws:PrincipalIsAWSService".into(), json!("true"));
    } else if p_kind != "anonymous" {
        let arn = match principal {
            "arn:aws:sts::111122223333:assumed-role/app/s1" => {
                "arn:aws:iam::111122223333:role/app".to_string()
            }
            "arn:aws:sts::111122223333:assumed-role/ops/s2" => {
                "arn:aws:iam::111122223333:role/ops".to_string()
            }
            "arn:aws:sts::444455556666:assumed-role/partner/s3" => {
                "arn:aws:iam::444455556666:role/partner".to_string()
            }
            p => p.to_string(),
        };
        ctx.insert("aws:PrincipalArn".into(), json!(arn));
        ctx.insert("aws:PrincipalAccount".into(), json!(p_acct));
        if p_kind == "user" {
            ctx.insert(
                "aws:username".into(),
                json!(principal.rsplit('/').next().unwrap_or_default()),
            );
        }
    }
    request["context"] = Value::Object(ctx);
    let mut sc = json!({"request": request});
    let is_iam = !matches!(p_kind, "anonymous" | "service");
    if is_iam {
        let n = r.range(0, 3);
        let ps: Vec<Value> = (0..n)
            .map(|i| json!({"name": format!("id{i}"), "document": policy(r, p_acct, |_| None, 0.2, 4)}))
            .collect();
        sc["identityPolicies"] = Value::Array(ps);
        if r.chance(0.3) {
            sc["permissionsBoundary"] =
                json!({"name": "boundary", "document": policy(r, p_acct, |_| None, 0.1, 3)});
        }
        if p_kind == "session" && r.chance(0.2) {
            sc["sessionPolicy"] =
                json!({"name": "session", "document": policy(r, p_acct, |_| None, 0.1, 2)});
        }
        if r.chance(0.3) {
            let levels = r.range(1, 3);
            let ls: Vec<Value> = (0..levels)
                .map(|l| {
                    let mut ps = Vec::new();
                    if r.chance(0.8) {
                        ps.push(full_access());
                    }
                    if r.chance(0.5) {
                        ps.push(json!({"name": format!("scp{l}"), "document": policy(r, p_acct, |_| None, 0.5, 2)}));
                    }
                    json!({"target": if l == 0 { "r-root".to_string() } else { format!("ou-{l}") }, "policies": ps})
                })
                .collect();
            sc["serviceControlPolicies"] = Value::Array(ls);
        }
    }
    if r.chance(0.2) {
        let levels = r.range(1, 2);
        let ls: Vec<Value> = (0..levels)
            .map(|l| {
                let doc = policy_of(r, r_acct, |_| Some(json!("*")), 1.0, 2, true);
                json!({"target": format!("rcp-level-{l}"), "policies": [{"name": format!("rcp{l}"), "document": doc}]})
            })
            .collect();
        sc["resourceControlPolicies"] = Value::Array(ls);
    }
    // Role assumption and KMS need their trust/key policy; services and anonymous callers need a grant.
    let needs_rp = matches!(action, "sts:AssumeRole" | "kms:Decrypt")
        || matches!(p_kind, "anonymous" | "service");
    let wants_rp = resource != "*" && (r.chance(0.55) || needs_rp || p_acct != r_acct);
    if wants_rp {
        sc["resourcePolicy"] = json!({"name": "resource", "document": policy(r, r_acct, |r| Some(resource_principal(r)), 0.15, 3)});
    }
    if r.chance(0.12) {
        sc["vpcEndpointPolicy"] =
            json!({"name": "vpce", "document": policy(r, r_acct, |_| Some(json!("*")), 0.15, 2)});
    }
    sc
}
