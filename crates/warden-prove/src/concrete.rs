//! From a model of the propositional problem to a concrete request.
//!
//! Each part takes its chosen region's witness. Two refinements make the
//! request readable and realise the abstraction of policy variables: the
//! action becomes a real catalog action of the same region when one exists,
//! and a templated test that the model needs true fixes its variables'
//! values by matching the template against the tested text. The request is
//! then only a candidate: the caller confirms it with the evaluator.

use crate::encode::{Atom, Encoder, Problem, TemplateMode, VarKind, VarRegions};
use rustc_hash::FxHashMap;
use warden_eval::glob::{lower, lower_str};
use warden_eval::request::{Context, ContextValue, Principal, Request};
use warden_policy::template::Part;

/// A concrete request and the context it was built from, for output.
#[derive(Debug, Clone)]
pub struct Candidate {
    /// The principal as text.
    pub principal: String,
    /// The action.
    pub action: String,
    /// The resource.
    pub resource: String,
    /// The context keys given, in a stable order.
    pub context: Vec<(String, ContextValue)>,
}

/// Keys the evaluator derives from an IAM principal: always present for the
/// identity-side universe.
pub const DERIVED_IDENTITY_KEYS: [&str; 5] = [
    "aws:principalarn",
    "aws:principalaccount",
    "aws:principaltype",
    "aws:principalisawsservice",
    "aws:resourceaccount",
];

/// Builds the candidate request of the encoder's current model.
pub fn candidate(
    p: &Problem,
    regions: &[VarRegions],
    enc: &Encoder<'_>,
    lazy: &FxHashMap<usize, (String, Vec<bool>)>,
    fresh: bool,
    shout: bool,
) -> Candidate {
    let mut values: Vec<Option<Vec<String>>> = Vec::with_capacity(p.vars.len());
    for (vi, _) in p.vars.iter().enumerate() {
        if !enc.value(enc.present[vi]) {
            values.push(None);
            continue;
        }
        if let Some((w, _)) = lazy.get(&vi) {
            values.push(Some(vec![w.clone()]));
            continue;
        }
        let chosen: Vec<String> = enc.sel[vi]
            .iter()
            .enumerate()
            .filter(|(_, &l)| enc.value(l))
            .filter_map(|(r, _)| regions[vi].regions.get(r).map(|c| c.text.clone()))
            .collect();
        values.push(Some(chosen));
    }
    // Realise templated tests the model needs true. A value may change only
    // within its part's chosen region (the truth of every plain test on it
    // stays as the model says): first read the variables' values off the
    // tested text, then, where that fails, rebuild the tested text from the
    // variables' values.
    let rows: Vec<Option<Vec<bool>>> = (0..p.vars.len())
        .map(|vi| {
            lazy.get(&vi)
                .map(|x| x.1.clone())
                .or_else(|| chosen_row(regions, enc, vi).cloned())
        })
        .collect();
    let consistent = |vi: usize, value: &str| -> bool {
        let v = &p.vars[vi];
        if matches!(v.kind, VarKind::Key { multi: true, .. }) {
            return false;
        }
        match &rows[vi] {
            _ if v.tests.is_empty() => true,
            Some(row) => v.tests.iter().zip(row).all(|(t, &w)| t.eval(value) == w),
            None => false,
        }
    };
    // Shortest witnesses read oddly (`arn:aws:ec2:::instance/`, ""): offer
    // fuller values of the same region (every plain test keeps its truth).
    for vi in 0..p.vars.len() {
        if vi == p.action_var() || p.principal_var() == Some(vi) {
            continue;
        }
        let Some(Some(current)) = values
            .get(vi)
            .map(|v| v.as_ref().and_then(|v| v.first().cloned()))
        else {
            continue;
        };
        if let Some(nicer) = fuller(&current).into_iter().find(|c| consistent(vi, c)) {
            values[vi] = Some(vec![nicer]);
        }
    }
    let mut pinned: Vec<bool> = vec![false; p.vars.len()];
    let needed: Vec<&crate::encode::TemplateTest> = enc
        .template_lits
        .iter()
        .filter(|(_, lit)| enc.value(*lit))
        .filter_map(|(a, _)| match &p.atoms[*a] {
            Atom::Template(tt) => Some(tt),
            _ => None,
        })
        .collect();
    let first = |values: &[Option<Vec<String>>], vi: usize| {
        values
            .get(vi)
            .and_then(|v| v.as_ref())
            .and_then(|v| v.first())
            .cloned()
    };
    if fresh {
        // The second way: every variable a templated test reads gets a value
        // of its own, distinct from every other text, and each tested text
        // the model needs true is rebuilt from the values below. Reading
        // values off a shortest witness can leave no way to tell two
        // templates apart (`b/*/${u}/*` and `b/${u}/${u}/*` both hold on
        // `b///x` with an empty `u`); fresh values can.
        for (a, _) in &enc.template_lits {
            let Atom::Template(tt) = &p.atoms[*a] else {
                continue;
            };
            for (k, _) in &tt.keys {
                let value = format!("warden-value-{k}");
                if !pinned[*k] && first(&values, *k).is_some() && consistent(*k, &value) {
                    values[*k] = Some(vec![value]);
                    pinned[*k] = true;
                }
            }
        }
    }
    for tt in needed.iter().filter(|_| !fresh) {
        let Some(subject) = first(&values, tt.var) else {
            continue;
        };
        let Some(vals) = unify(&tt.template.parts, tt.mode, &subject) else {
            continue;
        };
        for ((k, _), v) in tt.keys.iter().zip(&vals) {
            if !pinned[*k] && first(&values, *k).is_some() && consistent(*k, v) {
                values[*k] = Some(vec![v.clone()]);
                pinned[*k] = true;
            }
        }
    }
    for tt in &needed {
        let Some(subject) = first(&values, tt.var) else {
            continue;
        };
        // Shouted, a case-insensitive template's instance still holds for
        // it and differs from a case-sensitive template's on the same values.
        let text = match tt.mode {
            TemplateMode::Equals { fold: true } if shout => instance(tt, &values).to_uppercase(),
            _ => instance(tt, &values),
        };
        let holds = unify(&tt.template.parts, tt.mode, &subject).is_some_and(|vals| {
            tt.keys
                .iter()
                .zip(&vals)
                .all(|((k, _), v)| first(&values, *k).as_ref() == Some(v))
        });
        if !holds && consistent(tt.var, &text) {
            values[tt.var] = Some(vec![text]);
        }
    }

    // A set-valued key with element parts holds its present elements.
    for (&k, slots) in &p.slots {
        if values[k].is_none() {
            continue;
        }
        let mut set: Vec<String> = Vec::new();
        for &sv in slots {
            if let Some(v) = first(&values, sv) {
                if !set.contains(&v) {
                    set.push(v);
                }
            }
        }
        values[k] = Some(set);
    }

    let action_var = p.action_var();
    let mut action = values[action_var]
        .as_ref()
        .and_then(|v| v.first().cloned())
        .unwrap_or_default();
    let row = match lazy.get(&action_var) {
        Some((_, want)) => Some(want),
        None => chosen_row(regions, enc, action_var),
    };
    if let Some(row) = row {
        if let Some(nice) = catalog_action(&p.vars[action_var].tests, row, &action) {
            action = nice;
        }
    }
    let resource = values[p.resource_var()]
        .as_ref()
        .and_then(|v| v.first().cloned())
        .unwrap_or_default();

    let mut context = Vec::new();
    for (vi, v) in p.vars.iter().enumerate() {
        let VarKind::Key { name, multi } = &v.kind else {
            continue;
        };
        if p.slot_owner.contains_key(&vi) {
            continue;
        }
        if let Some(vals) = &values[vi] {
            let cv = if *multi {
                ContextValue::list(vals.iter().cloned())
            } else {
                ContextValue::single(vals.first().cloned().unwrap_or_default())
            };
            context.push((name.clone(), cv));
        }
    }
    context.sort_by_key(|a| a.0.to_ascii_lowercase());

    let principal = match p.principal_var() {
        Some(pv) => values[pv]
            .as_ref()
            .and_then(|v| v.first().cloned())
            .map(|p| {
                if p.eq_ignore_ascii_case("anonymous") {
                    "anonymous".to_string()
                } else {
                    p
                }
            })
            .unwrap_or_else(|| "anonymous".into()),
        None => identity_principal(&context),
    };
    Candidate {
        principal,
        action,
        resource,
        context,
    }
}

/// Readable variants of a witness, most filled-in first: an ARN with its
/// empty Region and account fields and an empty last path segment filled,
/// or a placeholder for the empty string.
fn fuller(value: &str) -> Vec<String> {
    if value.is_empty() {
        return vec!["example".into()];
    }
    let Some(f) = warden_policy::arn::split_fields(value) else {
        return Vec::new();
    };
    if f[0] != "arn" {
        return Vec::new();
    }
    let region = if f[3].is_empty() { "us-east-1" } else { f[3] };
    let account = if f[4].is_empty() {
        "111122223333"
    } else {
        f[4]
    };
    let rest = if f[5].ends_with('/') || f[5].is_empty() {
        format!("{}example", f[5])
    } else {
        f[5].to_string()
    };
    let head = format!("arn:{}:{}", f[1], f[2]);
    vec![
        format!("{head}:{region}:{account}:{rest}"),
        format!("{head}:{}:{account}:{rest}", f[3]),
        format!("{head}:{region}:{account}:{}", f[5]),
        format!("{head}:{}:{account}:{}", f[3], f[5]),
        format!("{head}:{}:{}:{rest}", f[3], f[4]),
    ]
}

/// The template's text with the variables' current values, wildcards
/// written as nothing (`*`) or `x` (`?`) where they are wildcards.
fn instance(tt: &crate::encode::TemplateTest, values: &[Option<Vec<String>>]) -> String {
    let wild = !matches!(tt.mode, TemplateMode::Equals { .. });
    let mut text = String::new();
    let mut i = 0;
    for part in &tt.template.parts {
        match part {
            Part::Text(t) => {
                for c in t.chars() {
                    match c {
                        '*' if wild => {}
                        '?' if wild => text.push('x'),
                        c => text.push(c),
                    }
                }
            }
            Part::Escaped(c) => text.push(*c),
            Part::Var { default, .. } => {
                let value = tt
                    .keys
                    .get(i)
                    .and_then(|(k, _)| values.get(*k))
                    .and_then(|v| v.as_ref())
                    .and_then(|v| v.first().cloned())
                    .or_else(|| default.clone())
                    .unwrap_or_default();
                text.push_str(&value);
                i += 1;
            }
        }
    }
    text
}

/// For identity-side problems: a principal whose derived keys agree with
/// the model — a user when `aws:username` is present, else a role session.
fn identity_principal(context: &[(String, ContextValue)]) -> String {
    let get = |k: &str| {
        context
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(k))
            .and_then(|(_, v)| v.values.first().cloned())
    };
    let account = get("aws:PrincipalAccount")
        .filter(|a| a.len() == 12 && a.bytes().all(|b| b.is_ascii_digit()))
        .unwrap_or_else(|| "111122223333".into());
    match get("aws:username") {
        Some(_) => format!("arn:aws:iam::{account}:user/warden-example-user"),
        None => format!("arn:aws:sts::{account}:assumed-role/WardenExampleRole/session"),
    }
}

fn chosen_row<'r>(
    regions: &'r [VarRegions],
    enc: &Encoder<'_>,
    var: usize,
) -> Option<&'r Vec<bool>> {
    let r = enc.sel[var].iter().position(|&l| enc.value(l))?;
    regions[var].truth.get(r)
}

/// A catalog action (`service:Name`) that every action test treats like the witness.
fn catalog_action(tests: &[crate::domains::Test], row: &[bool], witness: &str) -> Option<String> {
    if tests.len() > 400 {
        return None;
    }
    let prefix = witness.split(':').next()?;
    let service = warden_catalog::service(prefix)?;
    service
        .actions()
        .take(2000)
        .map(|a| format!("{}:{}", service.prefix(), a.name()))
        .find(|name| tests.iter().zip(row).all(|(t, &want)| t.eval(name) == want))
}

/// Values for the template's variables that make it match `text` exactly,
/// if a split exists (wildcards in text parts may match anything).
fn unify(parts: &[Part], mode: TemplateMode, text: &str) -> Option<Vec<String>> {
    let fold = matches!(mode, TemplateMode::Equals { fold: true });
    let subject: Vec<char> = if fold {
        lower_str(text).chars().collect()
    } else {
        text.chars().collect()
    };
    let wild = matches!(mode, TemplateMode::Like | TemplateMode::Arn);
    // Pattern items: literal chars, wildcards, captures.
    #[derive(Clone, Copy)]
    enum It {
        C(char),
        One,
        Star,
        Var,
    }
    let mut items = Vec::new();
    for p in parts {
        match p {
            Part::Text(s) => {
                for c in s.chars() {
                    items.push(match c {
                        '*' if wild => It::Star,
                        '?' if wild => It::One,
                        c if fold => It::C(lower(c)),
                        c => It::C(c),
                    });
                }
            }
            Part::Escaped(c) => items.push(It::C(*c)),
            Part::Var { .. } => items.push(It::Var),
        }
    }
    fn go(items: &[It], s: &[char], caps: &mut Vec<String>, budget: &mut u32) -> bool {
        if *budget == 0 {
            return false;
        }
        *budget -= 1;
        match items.split_first() {
            None => s.is_empty(),
            Some((It::C(c), rest)) => s.first() == Some(c) && go(rest, &s[1..], caps, budget),
            Some((It::One, rest)) => !s.is_empty() && go(rest, &s[1..], caps, budget),
            Some((It::Star, rest)) => (0..=s.len()).any(|i| go(rest, &s[i..], caps, budget)),
            Some((It::Var, rest)) => {
                // Prefer the longest non-empty value.
                for i in (0..=s.len()).rev() {
                    caps.push(s[..i].iter().collect());
                    if go(rest, &s[i..], caps, budget) {
                        return true;
                    }
                    caps.pop();
                }
                false
            }
        }
    }
    let mut caps = Vec::new();
    let mut budget = 100_000u32;
    go(&items, &subject, &mut caps, &mut budget).then_some(caps)
}

/// The evaluator's request for a candidate.
pub fn request(c: &Candidate) -> Option<Request> {
    let principal = Principal::parse(&c.principal).ok()?;
    let mut ctx = Context::new();
    for (k, v) in &c.context {
        ctx.insert(k, v.clone());
    }
    let resource_account = c
        .context
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("aws:ResourceAccount"))
        .and_then(|(_, v)| v.values.first().cloned());
    Some(Request::new(
        principal,
        &c.action,
        &c.resource,
        resource_account,
        ctx,
    ))
}

/// Instances of the policy variables for the questions to try, at most
/// `limit`: every single-valued key a variable names gets first a
/// character no policy text uses (each key its own), then that character
/// twice, the empty text, every literal piece of the policies' values (the
/// runs between wildcards and variables, and their pieces between `/` and
/// `:`; a value equal to a literal is how `home/${aws:username}` meets
/// `${aws:username}/*`), the other keys' characters (two keys equal), and
/// absence. One key varies at a time, then two. Empty when no variable is
/// used.
pub fn instances(
    policies: &[&warden_policy::Policy],
    limit: usize,
) -> Vec<crate::encode::Instance> {
    use warden_policy::template::Template;
    let mut texts: Vec<(&str, bool)> = Vec::new();
    for p in policies {
        let vars = p.variables_enabled();
        for st in &p.statements {
            for r in st.resource.iter().flat_map(|r| r.values.iter()) {
                texts.push((&r.value, vars));
            }
            for c in &st.conditions {
                texts.extend(c.values.iter().map(|v| (v.text.as_str(), vars)));
            }
        }
    }
    let mut keys: Vec<String> = Vec::new();
    let mut pieces: Vec<String> = Vec::new();
    // Pieces of templated values first: they sit next to the variables.
    for templated in [true, false] {
        for &(text, vars) in &texts {
            let t = Template::parse(text, vars);
            if t.has_variables() != templated {
                continue;
            }
            for part in &t.parts {
                match part {
                    Part::Var { key, .. } => {
                        let multi = crate::encode::is_multivalued(key);
                        if !multi && !keys.iter().any(|k| k.eq_ignore_ascii_case(key)) {
                            keys.push(key.clone());
                        }
                    }
                    Part::Text(s) => {
                        for run in s.split(['*', '?']).filter(|r| !r.is_empty()) {
                            let mut add = |x: &str| {
                                if x.chars().count() <= 64 && !pieces.iter().any(|p| p == x) {
                                    pieces.push(x.to_string());
                                }
                            };
                            add(run);
                            for piece in run.split(['/', ':']).filter(|r| !r.is_empty()) {
                                add(piece);
                            }
                        }
                    }
                    Part::Escaped(_) => {}
                }
            }
        }
    }
    if keys.is_empty() {
        return Vec::new();
    }
    let used = |c: char| texts.iter().any(|(t, _)| t.contains(c));
    let mut fresh: Vec<char> = "zqjxkvwy"
        .chars()
        .chain('a'..='z')
        .filter(|&c| !used(c))
        .collect();
    fresh.dedup();
    let mut private = ('\u{E000}'..='\u{E0FF}').filter(|&c| !used(c));
    while fresh.len() < keys.len() {
        match private.next() {
            Some(c) => fresh.push(c),
            None => return Vec::new(),
        }
    }
    let choices: Vec<Vec<Option<String>>> = (0..keys.len())
        .map(|i| {
            let f = fresh[i];
            let mut c = vec![
                Some(f.to_string()),
                Some(format!("{f}{f}")),
                Some(String::new()),
            ];
            c.extend(pieces.iter().cloned().map(Some));
            c.extend(
                (0..keys.len())
                    .filter(|&j| j != i)
                    .map(|j| Some(fresh[j].to_string())),
            );
            c.push(None);
            c
        })
        .collect();
    let base: Vec<usize> = vec![0; keys.len()];
    let mut picks: Vec<Vec<usize>> = vec![base.clone()];
    for (i, c) in choices.iter().enumerate() {
        for k in 1..c.len() {
            let mut p = base.clone();
            p[i] = k;
            picks.push(p);
        }
    }
    for i in 0..keys.len() {
        for j in i + 1..keys.len() {
            for a in 1..choices[i].len() {
                for b in 1..choices[j].len() {
                    let mut p = base.clone();
                    p[i] = a;
                    p[j] = b;
                    picks.push(p);
                }
            }
        }
    }
    picks.truncate(limit);
    picks
        .into_iter()
        .map(|p| {
            keys.iter()
                .zip(p)
                .enumerate()
                .map(|(i, (k, c))| (k.clone(), choices[i][c].clone()))
                .collect()
        })
        .collect()
}
