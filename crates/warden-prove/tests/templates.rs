//! Policy variables in resources: every PASS the prover gives on pairs of
//! templated resources is checked against enumeration over user names, tag
//! values and resources built from every template's instances, so that no
//! request separating the two policies exists among them; every FAIL's
//! counterexample is confirmed; the pairs are all decided (but for a few
//! crowded random ARN templates). Regression: `b/*/${u}/*` grants more than
//! `b/${u}/${u}/*` (a user's objects under any other prefix), which an
//! earlier version wrongly passed after setting aside a model it could not
//! realise.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use warden_eval::engine::{policy_outcome, PolicyType};
use warden_eval::request::{Context, ContextValue, Principal, Request};
use warden_eval::{CompiledPolicy, PolicyOutcome};
use warden_prove::{no_new_access, Input, PolicyKind, Verdict};

const TEMPLATES: &[&str] = &[
    "arn:aws:s3:::b/${aws:username}/*",
    "arn:aws:s3:::b/${aws:username}/${aws:username}/*",
    "arn:aws:s3:::b/*/${aws:username}/*",
    "arn:aws:s3:::b/${aws:PrincipalTag/team}/${aws:username}/*",
    "arn:aws:s3:::b/${aws:PrincipalTag/team}/*",
    "arn:aws:s3:::b/${aws:username}-${aws:PrincipalTag/team}/*",
    "arn:aws:s3:::b/${aws:username}*",
    "arn:aws:s3:::b/*",
    "arn:aws:s3:::b/${aws:PrincipalTag/team}/${aws:PrincipalTag/team}/*",
    "arn:aws:s3:::b/?${aws:username}/*",
    "arn:aws:s3:::b/${aws:username}?/*",
    "arn:aws:s3:::b/*${aws:username}*",
    "arn:aws:s3:::b/${aws:username}/*/${aws:PrincipalTag/team}",
];

const USERS: &[&str] = &["u", "v", "uu", "t", "qu"];
const TEAMS: &[&str] = &["t", "u", "x-y"];
const FILLS: &[&str] = &["", "x", "u", "t", "y/z"];

fn policy(resource: &str) -> String {
    format!(
        r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Action":"s3:GetObject","Resource":"{resource}"}}]}}"#
    )
}

/// Every template instantiated with every user and team, each `*` filled
/// with each of a few texts (all stars alike).
fn resources() -> Vec<String> {
    let mut out = Vec::new();
    for t in TEMPLATES {
        for u in USERS {
            for team in TEAMS {
                for f in FILLS {
                    out.push(
                        t.replace("${aws:username}", u)
                            .replace("${aws:PrincipalTag/team}", team)
                            .replace('*', f)
                            .replace('?', "q"),
                    );
                }
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

/// A request of user `user` (account 111122223333) with `keys` as its
/// context, each key given a value only when `Some`.
fn user_request(
    user: &str,
    action: &str,
    resource: &str,
    keys: &[(&str, Option<ContextValue>)],
) -> Request {
    let mut ctx = Context::new();
    for (k, v) in keys {
        if let Some(v) = v {
            ctx.insert(k, v.clone());
        }
    }
    Request::new(
        Principal::parse(&format!("arn:aws:iam::111122223333:user/{user}")).unwrap(),
        action,
        resource,
        None,
        ctx,
    )
}

fn request(user: &str, team: &str, resource: &str) -> Request {
    user_request(
        user,
        "s3:GetObject",
        resource,
        &[
            ("aws:username", Some(ContextValue::single(user))),
            ("aws:PrincipalTag/team", Some(ContextValue::single(team))),
        ],
    )
}

/// No-new-access of the policy text `new` against `reference`, with both
/// compiled for the evaluator; a FAIL's counterexample is confirmed here
/// (the new policy allows it, the reference does not).
fn prove(new: &str, reference: &str) -> (Verdict, CompiledPolicy, CompiledPolicy) {
    let (pa, pb) = (
        warden_policy::parse(new).into_result().unwrap(),
        warden_policy::parse(reference).into_result().unwrap(),
    );
    let (ca, cb) = (
        CompiledPolicy::compile("a", &pa),
        CompiledPolicy::compile("b", &pb),
    );
    let verdict = no_new_access(
        Input {
            name: "new",
            policy: &pa,
        },
        Input {
            name: "reference",
            policy: &pb,
        },
        PolicyKind::Identity,
    );
    if let Verdict::Fail(cx) = &verdict {
        let r = warden_prove::concrete::request(&cx.request).unwrap();
        assert!(
            allows(&ca, &r) && !allows(&cb, &r),
            "{new} against {reference}: {cx:?}"
        );
    }
    (verdict, ca, cb)
}

fn allows(p: &CompiledPolicy, r: &Request) -> bool {
    policy_outcome(PolicyType::Identity, p, r).outcome == PolicyOutcome::Allow
}

/// A small deterministic generator (xorshift): `next(n)` is in `0..n`.
fn rng(mut seed: u64) -> impl FnMut(usize) -> usize {
    move |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    }
}

/// How many pairs were proven, failed and left undecided.
#[derive(Debug, Default)]
struct Tally {
    passes: usize,
    fails: usize,
    unknowns: usize,
}

/// [`prove`] on one pair of policy texts (`label` names it in messages);
/// a PASS is checked on every request `universe` builds (the new policy
/// allows it only if the reference does); an UNKNOWN is printed.
fn check_pair<I, R>(
    label: &str,
    new: &str,
    reference: &str,
    universe: impl FnOnce() -> I,
    tally: &mut Tally,
) where
    I: IntoIterator<Item = R>,
    R: std::borrow::Borrow<Request>,
{
    let (verdict, ca, cb) = prove(new, reference);
    match verdict {
        Verdict::Pass => {
            tally.passes += 1;
            for r in universe() {
                let r = r.borrow();
                assert!(
                    !allows(&ca, r) || allows(&cb, r),
                    "wrong PASS: {label}: {r:?}"
                );
            }
        }
        Verdict::Fail(_) => tally.fails += 1,
        Verdict::Unknown(why) => {
            tally.unknowns += 1;
            eprintln!("UNKNOWN {label}: {why}");
        }
    }
}

/// [`check_pair`] on every ordered pair of `items`, each written as a
/// policy by `doc`, with the same requests for all.
fn every_pair<T: std::fmt::Debug>(
    items: &[T],
    doc: impl Fn(&T) -> String,
    universe: &[Request],
) -> (usize, usize, usize) {
    let docs: Vec<(String, String)> = items.iter().map(|t| (format!("{t:?}"), doc(t))).collect();
    let mut tally = Tally::default();
    for (a, sa) in &docs {
        for (b, sb) in &docs {
            let label = format!("{a} against {b}");
            check_pair(&label, sa, sb, || universe, &mut tally);
        }
    }
    (tally.passes, tally.fails, tally.unknowns)
}

/// Requests built from both texts of a random pair: `var1` written as each
/// value of `set1` and `var2` as each of `set2`, every `*` as each fill and
/// `?` as `one`; each text tested with every own value of `var1` and the
/// same value of `var2` (`make(own1, value2, text)`).
fn instances(
    texts: [&str; 2],
    (var1, set1): (&str, &[&str]),
    (var2, set2): (&str, &[&str]),
    (fills, one): (&[&str], &str),
    make: impl Fn(&str, &str, &str) -> Request,
) -> Vec<Request> {
    let mut out = Vec::new();
    for own in set1 {
        for v2 in set2 {
            for t in texts {
                for v1 in set1 {
                    for f in fills {
                        let text = t
                            .replace(var1, v1)
                            .replace(var2, v2)
                            .replace('*', f)
                            .replace('?', one);
                        out.push(make(own, v2, &text));
                    }
                }
            }
        }
    }
    out
}

#[test]
fn passes_hold_on_every_enumerated_request() {
    let resources = resources();
    let mut universe = Vec::new();
    for user in USERS {
        for team in TEAMS {
            universe.extend(resources.iter().map(|r| request(user, team, r)));
        }
    }
    let (passes, fails, unknowns) = every_pair(TEMPLATES, |t| policy(t), &universe);
    eprintln!("{passes} PASS, {fails} FAIL, {unknowns} UNKNOWN");
    // Every template contains itself; a template's pairs with `b/*` pass.
    assert!(passes >= TEMPLATES.len(), "{passes}");
    assert!(fails > 0);
    // Every pair is decided: the stripped lemmas prove the passes with `?`
    // next to a variable, instances find the failures.
    assert_eq!(unknowns, 0);
}

#[test]
fn any_prefix_is_wider_than_the_users_own_twice() {
    let (g, e) = (
        policy("arn:aws:s3:::b/*/${aws:username}/*"),
        policy("arn:aws:s3:::b/${aws:username}/${aws:username}/*"),
    );
    let (verdict, _, _) = prove(&g, &e);
    assert!(matches!(verdict, Verdict::Fail(_)), "{verdict:?}");
}

/// Condition values with policy variables, in positive and negated string
/// operators: every PASS is checked against enumeration over user names
/// and `s3:prefix` values (absent, or built from every value's instances),
/// every FAIL confirmed.
#[test]
fn condition_templates_agree_with_enumeration() {
    const CONDITIONS: &[(&str, &str)] = &[
        ("StringEquals", "${aws:username}"),
        ("StringLike", "${aws:username}/*"),
        ("StringLike", "*${aws:username}*"),
        ("StringNotEquals", "${aws:username}"),
        ("StringNotLike", "${aws:username}/*"),
        ("StringEquals", "home/${aws:username}"),
        ("StringLike", "home/*"),
        ("StringEqualsIgnoreCase", "${aws:username}"),
        ("StringLike", "${aws:username}/${aws:username}"),
        ("StringEqualsIfExists", "${aws:username}"),
    ];
    let users = ["u", "U", "v", "home"];
    let fills = ["", "x", "u", "v/w"];
    let mut prefixes: Vec<Option<String>> = vec![None];
    for (_, value) in CONDITIONS {
        for u in users {
            for f in fills {
                prefixes.push(Some(value.replace("${aws:username}", u).replace('*', f)));
            }
        }
    }
    prefixes.sort();
    prefixes.dedup();
    let doc = |(op, value): (&str, &str)| {
        format!(
            r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::b","Condition":{{"{op}":{{"s3:prefix":"{value}"}}}}}}]}}"#
        )
    };
    let req = |user: &str, prefix: &Option<String>| {
        user_request(
            user,
            "s3:ListBucket",
            "arn:aws:s3:::b",
            &[
                ("aws:username", Some(ContextValue::single(user))),
                ("s3:prefix", prefix.clone().map(ContextValue::single)),
            ],
        )
    };
    let universe: Vec<Request> = users
        .iter()
        .flat_map(|u| prefixes.iter().map(|p| req(u, p)))
        .collect();
    let (passes, fails, unknowns) = every_pair(CONDITIONS, |&c| doc(c), &universe);
    eprintln!("conditions: {passes} PASS, {fails} FAIL, {unknowns} UNKNOWN");
    assert!(passes >= CONDITIONS.len() && fails > 0);
    // Tests of different kinds and a positive against a negated one are
    // related by the stripped lemmas (`${aws:username}` excludes
    // `${aws:username}/*`), and `home/${aws:username}` meets
    // `${aws:username}/*` in the instance `aws:username = home`.
    assert_eq!(unknowns, 0);
}

/// Random templated resources over a small vocabulary (two variables,
/// `*`, `?`, literals): every PASS is checked against enumeration over the
/// instances of both templates, every FAIL confirmed.
#[test]
fn random_templated_resources_agree_with_enumeration() {
    const PIECES: &[&str] = &[
        "${aws:username}",
        "${aws:PrincipalTag/team}",
        "*",
        "?",
        "x",
        "/",
        "u",
    ];
    let mut next = rng(0x1234_5678_9abc_def1);
    let pieces = |next: &mut dyn FnMut(usize) -> usize| -> Vec<&str> {
        (0..1 + next(4))
            .map(|_| PIECES[next(PIECES.len())])
            .collect()
    };
    let text = |p: &[&str]| format!("arn:aws:s3:::b/{}", p.concat());
    let users = ["u", "x", "ux", "x/u", "uu"];
    let teams = ["u", "x", "t"];
    let fills = ["", "u", "x", "xu/"];
    let mut tally = Tally::default();
    let pairs = if cfg!(debug_assertions) { 1_000 } else { 4_000 };
    for _ in 0..pairs {
        // Half the pairs compare a template with a variation of itself (a
        // piece widened to `*`, or changed), where containment is likely.
        let pa_pieces = pieces(&mut next);
        let pb_pieces = if next(2) == 0 {
            pieces(&mut next)
        } else {
            let mut v = pa_pieces.clone();
            let i = next(v.len());
            v[i] = if next(2) == 0 {
                "*"
            } else {
                PIECES[next(PIECES.len())]
            };
            v
        };
        let (a, b) = if next(2) == 0 {
            (text(&pa_pieces), text(&pb_pieces))
        } else {
            (text(&pb_pieces), text(&pa_pieces))
        };
        // Instances of either template, with the request's own values or
        // others.
        let universe = || {
            instances(
                [&a, &b],
                ("${aws:username}", &users),
                ("${aws:PrincipalTag/team}", &teams),
                (&fills, "x"),
                request,
            )
        };
        let label = format!("{a} against {b}");
        check_pair(&label, &policy(&a), &policy(&b), universe, &mut tally);
    }
    let Tally {
        passes,
        fails,
        unknowns,
    } = tally;
    eprintln!("random: {passes} PASS, {fails} FAIL, {unknowns} UNKNOWN");
    assert!(passes > 0 && fails > 0);
    // Every pair is decided.
    assert_eq!(unknowns, 0);
}

/// A variable compared with a set-valued key (`aws:TagKeys`), under both
/// set qualifiers, positive and negated, one or two values: every PASS is
/// checked against enumeration over user names and tag-key sets (absent,
/// one or two keys built from every value's instances), every FAIL
/// confirmed, and every pair is decided. Regression: an earlier version
/// abstracted the condition of a set-valued key as one literal, listed
/// with its first value's template, and related two such conditions by
/// that template's lemmas, so
/// `ForAnyValue:StringEquals ${aws:username}` passed against
/// `ForAnyValue:StringNotEquals ${aws:username}` (the set `{u}` for user
/// `u` separates them).
#[test]
fn set_valued_templates_agree_with_enumeration() {
    const CONDITIONS: &[(&str, &[&str])] = &[
        ("ForAnyValue:StringEquals", &["${aws:username}"]),
        ("ForAnyValue:StringLike", &["${aws:username}*"]),
        ("ForAllValues:StringLike", &["${aws:username}/*"]),
        ("ForAllValues:StringLike", &["*"]),
        ("ForAllValues:StringEquals", &["${aws:username}", "x"]),
        ("ForAnyValue:StringNotEquals", &["${aws:username}"]),
        ("ForAllValues:StringNotLike", &["${aws:username}*"]),
        ("ForAnyValue:StringEqualsIgnoreCase", &["${aws:username}"]),
        ("ForAnyValue:StringLike", &["x", "${aws:username}/*"]),
        ("ForAnyValue:StringEquals", &["x"]),
        ("ForAllValues:StringNotEquals", &["${aws:username}"]),
        ("StringLike", &["${aws:username}*"]),
        ("StringNotEquals", &["${aws:username}"]),
        ("ForAnyValue:StringEqualsIfExists", &["${aws:username}"]),
    ];
    let users = ["u", "U", "x", "v"];
    let mut elements: Vec<String> = Vec::new();
    for (_, values) in CONDITIONS {
        for v in *values {
            for u in users {
                for f in ["", "y", "/y"] {
                    elements.push(v.replace("${aws:username}", u).replace('*', f));
                }
            }
        }
    }
    elements.sort();
    elements.dedup();
    let mut sets: Vec<Option<Vec<String>>> = vec![None];
    for (i, a) in elements.iter().enumerate() {
        sets.push(Some(vec![a.clone()]));
        for b in &elements[i + 1..] {
            sets.push(Some(vec![a.clone(), b.clone()]));
        }
    }
    let doc = |(op, values): (&str, &[&str])| {
        let values: Vec<String> = values.iter().map(|v| format!("\"{v}\"")).collect();
        format!(
            r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Action":"s3:PutObject","Resource":"*","Condition":{{"{op}":{{"aws:TagKeys":[{}]}}}}}}]}}"#,
            values.join(",")
        )
    };
    let req = |user: &str, set: &Option<Vec<String>>| {
        user_request(
            user,
            "s3:PutObject",
            "arn:aws:s3:::b/k",
            &[
                ("aws:username", Some(ContextValue::single(user))),
                ("aws:TagKeys", set.clone().map(ContextValue::list)),
            ],
        )
    };
    let universe: Vec<Request> = users
        .iter()
        .flat_map(|u| sets.iter().map(|s| req(u, s)))
        .collect();
    let (passes, fails, unknowns) = every_pair(CONDITIONS, |&c| doc(c), &universe);
    eprintln!("set-valued: {passes} PASS, {fails} FAIL, {unknowns} UNKNOWN");
    assert!(passes >= CONDITIONS.len() && fails > 0);
    // Element parts make these exact: every pair is decided.
    assert_eq!(unknowns, 0);
}

/// ARN conditions with policy variables in the resource field and in an
/// earlier field (where a value with a colon moves the fields after it),
/// against each other and plain ARN patterns: every PASS is checked against
/// enumeration over user names, tag values (with and without colons) and
/// source ARNs built from every value's instances, every FAIL confirmed.
#[test]
fn arn_templates_agree_with_enumeration() {
    const CONDITIONS: &[(&str, &str)] = &[
        ("ArnLike", "arn:aws:s3:::${aws:username}-*"),
        ("ArnLike", "arn:aws:s3:::*"),
        ("ArnEquals", "arn:aws:s3:::${aws:username}"),
        ("ArnNotLike", "arn:aws:s3:::${aws:username}*"),
        ("ArnLike", "arn:aws:*:*:${aws:PrincipalTag/acct}:*"),
        ("ArnLike", "arn:aws:sqs:*:${aws:PrincipalTag/acct}:q"),
        ("ArnLike", "arn:aws:s3:::${aws:username}"),
        ("StringLike", "arn:aws:s3:::${aws:username}*"),
        (
            "ArnNotEquals",
            "arn:aws:sqs:us-east-1:${aws:PrincipalTag/acct}:q",
        ),
        // A value with a colon in the fourth field of the first moves the
        // second's resource field: not contained.
        (
            "StringLike",
            "arn:aws:s3:x:${aws:username}:${aws:username}*",
        ),
        ("ArnLike", "arn:aws:s3:x:*:${aws:username}*"),
    ];
    let users = ["u", "x", "a:b"];
    let accounts = ["111122223333", "1:2"];
    let mut arns: Vec<Option<String>> = vec![None];
    for (_, value) in CONDITIONS {
        for u in users {
            for a in accounts {
                for f in ["", "y", ":z"] {
                    arns.push(Some(
                        value
                            .replace("${aws:username}", u)
                            .replace("${aws:PrincipalTag/acct}", a)
                            .replace('*', f),
                    ));
                }
            }
        }
    }
    arns.sort();
    arns.dedup();
    let doc = |(op, value): (&str, &str)| {
        format!(
            r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Action":"sns:Publish","Resource":"*","Condition":{{"{op}":{{"aws:SourceArn":"{value}"}}}}}}]}}"#
        )
    };
    let req = |user: &str, account: &str, arn: &Option<String>| {
        user_request(
            "someone",
            "sns:Publish",
            "arn:aws:sns:us-east-1:111122223333:t",
            &[
                ("aws:username", Some(ContextValue::single(user))),
                ("aws:PrincipalTag/acct", Some(ContextValue::single(account))),
                ("aws:SourceArn", arn.clone().map(ContextValue::single)),
            ],
        )
    };
    let mut universe: Vec<Request> = Vec::new();
    for user in users {
        for account in accounts {
            universe.extend(arns.iter().map(|arn| req(user, account, arn)));
        }
    }
    let (passes, fails, unknowns) = every_pair(CONDITIONS, |&c| doc(c), &universe);
    eprintln!("ARN: {passes} PASS, {fails} FAIL, {unknowns} UNKNOWN");
    assert!(passes >= CONDITIONS.len() && fails > 0);
    // Every pair is decided, the early-field variables by cases of colons.
    assert_eq!(unknowns, 0);
}

/// Random ARN templates (six fields of `*`, `?`, letters and two
/// variables, so variables sit in every field) under `ArnLike` and
/// `StringLike`: every PASS is checked against enumeration over values with
/// and without colons (a value's colons move the fields after it) and
/// source ARNs built from both templates' instances, every FAIL confirmed.
#[test]
fn random_arn_templates_agree_with_enumeration() {
    const PIECES: &[&str] = &[
        "${aws:username}",
        "${aws:PrincipalTag/acct}",
        "*",
        "?",
        "x",
        "y",
    ];
    let mut next = rng(0x0bad_cafe_f00d_1234);
    let field = |next: &mut dyn FnMut(usize) -> usize| -> String {
        (0..next(3)).map(|_| PIECES[next(PIECES.len())]).collect()
    };
    let arn = |next: &mut dyn FnMut(usize) -> usize| -> Vec<String> {
        let mut f: Vec<String> = (0..6).map(|_| field(next)).collect();
        f[0] = "arn".into();
        f
    };
    let values = ["x", "", "x:y", "a:b:c:d:e"];
    let fills = ["", "x", ":"];
    let doc = |op: &str, value: &str| {
        format!(
            r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Action":"sns:Publish","Resource":"*","Condition":{{"{op}":{{"aws:SourceArn":"{value}"}}}}}}]}}"#
        )
    };
    let req = |user: &str, account: &str, arn: &str| {
        user_request(
            "someone",
            "sns:Publish",
            "arn:aws:sns:us-east-1:111122223333:t",
            &[
                ("aws:username", Some(ContextValue::single(user))),
                ("aws:PrincipalTag/acct", Some(ContextValue::single(account))),
                ("aws:SourceArn", Some(ContextValue::single(arn))),
            ],
        )
    };
    let mut tally = Tally::default();
    let pairs = if cfg!(debug_assertions) { 300 } else { 2_000 };
    for _ in 0..pairs {
        let fa = arn(&mut next);
        let fb = if next(2) == 0 {
            arn(&mut next)
        } else {
            let mut v = fa.clone();
            let i = 1 + next(5);
            v[i] = if next(2) == 0 {
                "*".into()
            } else {
                field(&mut next)
            };
            v
        };
        let (a, b) = (fa.join(":"), fb.join(":"));
        let (oa, ob) = match next(3) {
            0 => ("ArnLike", "StringLike"),
            1 => ("StringLike", "ArnLike"),
            _ => ("ArnLike", "ArnLike"),
        };
        let universe = || {
            instances(
                [&a, &b],
                ("${aws:username}", &values),
                ("${aws:PrincipalTag/acct}", &values),
                (&fills, "q"),
                req,
            )
        };
        let label = format!("{oa} {a} against {ob} {b}");
        check_pair(&label, &doc(oa, &a), &doc(ob, &b), universe, &mut tally);
    }
    let Tally {
        passes,
        fails,
        unknowns,
    } = tally;
    eprintln!("random ARN: {passes} PASS, {fails} FAIL, {unknowns} UNKNOWN");
    assert!(passes > 0 && fails > 0);
    // Left undecided: a few containments in these deliberately crowded
    // templates (3 of 2,000 in a release run), never more than 1 in 200.
    assert!(unknowns * 200 <= pairs, "{unknowns} UNKNOWN");
}
