//! Principals as strings: the languages of request principals that a
//! `Principal` entry names, as the evaluator matches them.
//!
//! A request's principal is written as the evaluator reads it
//! (`warden_eval::Principal::parse`): `anonymous`, a service principal, an
//! identity provider, or the ARN of an account root, user, role, role
//! session or federated user. Entries name sets of such strings: an account
//! names every principal of the account, a role ARN its sessions (by role
//! name, ignoring the path and ASCII case), a user ARN the user (by name).
//! The prover's universe of principals is [`valid`]: the strings that parse,
//! in the `aws` partition.

use crate::automata::{chain_literal, Chain, Label, Step};
use warden_policy::arn::{is_account_id, Arn};
use warden_policy::policy::PrincipalKind;

fn lit(text: &str) -> Vec<Step> {
    chain_literal(text)
}

fn fold(text: &str) -> Vec<Step> {
    text.chars()
        .map(|c| Step::One(Label::AsciiFold(c.to_ascii_lowercase())))
        .collect()
}

fn account_digits() -> Vec<Step> {
    (0..12).map(|_| Step::One(Label::Digit)).collect()
}

fn some() -> Vec<Step> {
    vec![Step::One(Label::Any), Step::Many(Label::Any)]
}

fn join(parts: &[Vec<Step>]) -> Chain {
    parts.concat()
}

/// The principals that parse (the prover's universe).
pub fn valid() -> Vec<Chain> {
    let iam = |rest: &[Vec<Step>]| {
        let mut v = vec![lit("arn:aws:iam::"), account_digits()];
        v.extend_from_slice(rest);
        join(&v)
    };
    let sts = |rest: &[Vec<Step>]| {
        let mut v = vec![lit("arn:aws:sts::"), account_digits()];
        v.extend_from_slice(rest);
        join(&v)
    };
    let mut out = vec![
        fold("anonymous"),
        iam(&[lit(":root")]),
        iam(&[lit(":user/"), some()]),
        iam(&[lit(":role/"), some()]),
        sts(&[
            lit(":assumed-role/"),
            vec![Step::Many(Label::Any)],
            lit("/"),
            vec![Step::Many(Label::Any)],
        ]),
        sts(&[lit(":federated-user/"), some()]),
        iam(&[lit(":oidc-provider/"), vec![Step::Many(Label::Any)]]),
        iam(&[lit(":saml-provider/"), vec![Step::Many(Label::Any)]]),
    ];
    for suffix in [".amazonaws.com", ".amazonaws.com.cn", ".amazon.com"] {
        out.push(join(&[vec![Step::Many(Label::NotColon)], lit(suffix)]));
    }
    for p in [
        "cognito-identity.amazonaws.com",
        "accounts.google.com",
        "graph.facebook.com",
        "www.amazon.com",
    ] {
        out.push(lit(p));
    }
    out
}

/// An unknown outsider: the anonymous caller, or any IAM principal of
/// account `account` (chosen by the caller to be named nowhere).
pub fn outsider(account: &str) -> Vec<Chain> {
    let mut v = aws(account).unwrap_or_default();
    v.push(fold("anonymous"));
    v
}

/// The request principals that the entry `value` of kind `kind` names.
/// `None` stands for every principal (`*`); an empty list for none.
pub fn chains(kind: PrincipalKind, value: &str) -> Option<Vec<Chain>> {
    match kind {
        PrincipalKind::Aws => aws(value),
        PrincipalKind::Service => Some(vec![fold(value)]),
        PrincipalKind::Federated => Some(vec![lit(value)]),
        PrincipalKind::CanonicalUser => Some(Vec::new()),
    }
}

fn aws(value: &str) -> Option<Vec<Chain>> {
    if value == "*" {
        return None;
    }
    let account_of = |a: &str| -> Vec<Chain> {
        let iam = |rest: Vec<Step>| join(&[lit("arn:aws:iam::"), lit(a), rest]);
        let sts = |rest: Vec<Step>| join(&[lit("arn:aws:sts::"), lit(a), rest]);
        vec![
            iam(lit(":root")),
            iam(join(&[lit(":user/"), some()])),
            iam(join(&[lit(":role/"), some()])),
            sts(join(&[
                lit(":assumed-role/"),
                vec![Step::Many(Label::Any)],
                lit("/"),
                vec![Step::Many(Label::Any)],
            ])),
            sts(join(&[lit(":federated-user/"), some()])),
        ]
    };
    if is_account_id(value) {
        return Some(account_of(value));
    }
    let Ok(arn) = Arn::parse(value) else {
        return Some(Vec::new());
    };
    let a = arn.account;
    let last = |path: &str| path.rsplit('/').next().unwrap_or(path).to_string();
    let by_name = |kind: &str, name: &str| -> Vec<Chain> {
        let head = join(&[lit("arn:aws:iam::"), lit(a), lit(":"), lit(kind), lit("/")]);
        vec![
            join(&[head.clone(), fold(name)]),
            join(&[head, vec![Step::Many(Label::Any)], lit("/"), fold(name)]),
        ]
    };
    Some(match (arn.service, arn.resource.split_once('/')) {
        ("iam", None) if arn.resource == "root" => account_of(a),
        ("iam", Some(("user", path))) => by_name("user", &last(path)),
        ("iam", Some(("role", path))) => {
            let name = last(path);
            let mut v = by_name("role", &name);
            v.push(join(&[
                lit("arn:aws:sts::"),
                lit(a),
                lit(":assumed-role/"),
                fold(&name),
                lit("/"),
                vec![Step::Many(Label::Any)],
            ]));
            v
        }
        ("sts", Some(("assumed-role", _))) => vec![lit(value)],
        ("sts", Some(("federated-user", _))) => vec![lit(value)],
        _ => Vec::new(),
    })
}
