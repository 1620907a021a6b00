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

use crate::automata::{chain_literal, chain_of_tokens, Chain, Label, Nfa, Pattern, Step};
use warden_eval::glob::{Glob, Token};
use warden_policy::arn::{is_account_id, split_fields, Arn};
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

/// Every principal of the accounts `account` spells (a literal account or
/// an account pattern): the root, users, roles, role sessions and
/// federated users.
fn account_principals(account: Vec<Step>) -> Vec<Chain> {
    let iam = |rest: Vec<Step>| join(&[lit("arn:aws:iam::"), account.clone(), rest]);
    let sts = |rest: Vec<Step>| join(&[lit("arn:aws:sts::"), account.clone(), rest]);
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
    let account_of = |a: &str| account_principals(lit(a));
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

/// The users of the public web identity providers (Amazon Cognito,
/// Google, Facebook, Login with Amazon), as the evaluator parses them:
/// anyone can sign in to these, so a grant to one is a grant to strangers.
pub fn web_identity() -> Vec<Chain> {
    [
        "cognito-identity.amazonaws.com",
        "accounts.google.com",
        "graph.facebook.com",
        "www.amazon.com",
    ]
    .iter()
    .map(|p| lit(p))
    .collect()
}

/// Whether an `AWS` principal entry is a pattern when read as Access
/// Analyzer reads a reference policy: it holds `*` or `?` and is not the
/// lone `*` (everyone, in either reading).
pub fn is_pattern(value: &str) -> bool {
    value != "*" && value.contains(['*', '?'])
}

/// The parts of a pattern entry this module decides: the account glob
/// and what the entry names in those accounts.
enum Shape<'a> {
    /// `arn:aws:iam::<accounts>:root`: every principal of the accounts.
    Accounts,
    /// `…:role/<name>`: roles (and their sessions) with a matching name.
    Roles(&'a str),
    /// `…:user/<name>`: users with a matching name.
    Users(&'a str),
}

/// Splits a pattern entry into its account glob and shape; `None` for the
/// shapes that are not decided (not an `iam` ARN, a wildcard in the
/// partition, service or resource type, a path before the name, a
/// partition or Region that cannot match `aws` and the empty Region).
fn shape(value: &str) -> Option<(&str, Shape<'_>)> {
    let [arn, partition, service, region, account, resource] = split_fields(value)?;
    if arn != "arn" || partition != "aws" || service != "iam" || !region.is_empty() {
        return None;
    }
    let shape = match resource.split_once('/') {
        None if resource == "root" => Shape::Accounts,
        Some(("role", name)) if !name.contains('/') => Shape::Roles(name),
        Some(("user", name)) if !name.contains('/') => Shape::Users(name),
        _ => return None,
    };
    Some((account, shape))
}

/// Whether the pattern entry `value` names the request principal `who`
/// (see [`pattern`]); `false` for shapes [`pattern`] does not decide.
pub fn pattern_names(value: &str, who: &warden_eval::Principal) -> bool {
    use warden_eval::Principal as P;
    let Some((account, shape)) = shape(value) else {
        return false;
    };
    let Some(theirs) = who.account() else {
        return false;
    };
    if !Glob::new(account, false).matches(theirs) {
        return false;
    }
    let name_matches = |glob: &str, name: &str| {
        Glob::new(&glob.to_ascii_lowercase(), false).matches(&name.to_ascii_lowercase())
    };
    match (shape, who) {
        (Shape::Accounts, _) => true,
        (Shape::Roles(glob), P::RoleSession { role_name, .. }) => name_matches(glob, role_name),
        (Shape::Users(glob), P::User { name, .. }) => name_matches(glob, name),
        _ => false,
    }
}

/// The request principals a wildcard `AWS` entry of a reference policy
/// names, read as a pattern: `arn:aws:iam::<accounts>:root` names every
/// principal of the matching accounts, `…:role/<name>` the roles whose name
/// matches (and their sessions), `…:user/<name>` the users whose name
/// matches — by name, ignoring the path and ASCII case, the same identity
/// the literal reading gives role and user entries, so a pattern and a
/// literal entry are compared on equal terms. Other shapes (a wildcard in
/// the partition, service or resource type, a path in the pattern) are not
/// decided: `Err` with the reason.
pub fn pattern(value: &str) -> Result<Pattern, String> {
    let (account, shape) = shape(value).ok_or_else(|| {
        format!(
            "the reference principal `{value}` is a pattern of a shape not decided (decided: `arn:aws:iam::<account glob>:root`, `…:role/<name glob>`, `…:user/<name glob>`)"
        )
    })?;
    let accounts = chain_of_tokens(&Glob::new(account, false).tokens(), false, Label::NotColon);
    let name = |glob: &str| -> Vec<Step> {
        Glob::new(glob, false)
            .tokens()
            .iter()
            .map(|t| match *t {
                Token::Char(c) => Step::One(Label::AsciiFold(c.to_ascii_lowercase())),
                Token::One => Step::One(Label::NotSlash),
                Token::Star => Step::Many(Label::NotSlash),
            })
            .collect()
    };
    let iam = |rest: Vec<Step>| join(&[lit("arn:aws:iam::"), accounts.clone(), rest]);
    let sts = |rest: Vec<Step>| join(&[lit("arn:aws:sts::"), accounts.clone(), rest]);
    // A name after an optional path, as the evaluator reads the last segment.
    let named = |kind: &str, glob: &str| -> Vec<Chain> {
        vec![
            iam(join(&[lit(":"), lit(kind), lit("/"), name(glob)])),
            iam(join(&[
                lit(":"),
                lit(kind),
                lit("/"),
                vec![Step::Many(Label::Any)],
                lit("/"),
                name(glob),
            ])),
        ]
    };
    let chains = match shape {
        Shape::Accounts => account_principals(accounts),
        Shape::Roles(glob) => {
            let mut v = named("role", glob);
            v.push(sts(join(&[
                lit(":assumed-role/"),
                name(glob),
                lit("/"),
                vec![Step::Many(Label::Any)],
            ])));
            v
        }
        Shape::Users(glob) => named("user", glob),
    };
    Ok(Pattern::single(Nfa::union(&chains)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domains::Test;

    /// The pattern's language and the confirmation's matcher agree on
    /// every principal shape, including the near misses.
    #[test]
    fn pattern_languages_agree_with_pattern_names() {
        let patterns = [
            "arn:aws:iam::111122223333:role/team-*",
            "arn:aws:iam::*:role/auditor",
            "arn:aws:iam::1111222233?3:user/a?ice",
            "arn:aws:iam::*:root",
            "arn:aws:iam::111122223333:role/*",
        ];
        let principals = [
            "arn:aws:iam::111122223333:role/team-a",
            "arn:aws:iam::111122223333:role/TEAM-B",
            "arn:aws:iam::111122223333:role/eng/team-c",
            "arn:aws:iam::111122223333:role/team-x/other",
            "arn:aws:sts::111122223333:assumed-role/team-a/session",
            "arn:aws:sts::111122223333:assumed-role/team-a/a/b",
            "arn:aws:sts::111122223333:assumed-role/admin/team-a",
            "arn:aws:iam::444455556666:role/auditor",
            "arn:aws:sts::444455556666:assumed-role/Auditor/s",
            "arn:aws:iam::111122223333:user/alice",
            "arn:aws:iam::111122223333:user/ops/alice",
            "arn:aws:iam::111122223333:user/alicia",
            "arn:aws:iam::111122223333:root",
            "arn:aws:sts::111122223333:federated-user/bob",
            "arn:aws:iam::111122223333:oidc-provider/example.com",
            "anonymous",
            "sqs.amazonaws.com",
            "graph.facebook.com",
        ];
        for p in patterns {
            let test = Test::Str(pattern(p).unwrap());
            for s in principals {
                let who = warden_eval::Principal::parse(s).unwrap();
                assert_eq!(test.eval(s), pattern_names(p, &who), "{p} on {s}");
            }
        }
        assert!(pattern_names(
            "arn:aws:iam::111122223333:role/team-*",
            &warden_eval::Principal::parse("arn:aws:iam::111122223333:role/eng/team-c").unwrap()
        ));
        assert!(!pattern_names(
            "arn:aws:iam::111122223333:role/team-*",
            &warden_eval::Principal::parse("arn:aws:iam::111122223333:role/team-x/other").unwrap()
        ));
    }

    #[test]
    fn undecided_shapes_are_errors() {
        for p in [
            "arn:aws:iam::111122223333:*",
            "arn:aws:iam::111122223333:role/eng/*",
            "arn:aws:sts::111122223333:assumed-role/x/*",
            "arn:*:iam::111122223333:root",
            "1111*",
        ] {
            assert!(pattern(p).is_err(), "{p}");
        }
    }
}
