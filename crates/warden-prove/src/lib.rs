//! Exact automated reasoning about IAM policies.
//!
//! The questions Access Analyzer's custom policy checks answer, answered
//! offline and exactly: does a new policy allow anything a reference policy
//! does not ([`no_new_access`]), does a policy allow any of some actions or
//! resources ([`access_not_granted`]), how do two policies compare
//! ([`diff`]). Every FAIL carries a concrete request that Warden's own
//! evaluator has confirmed (the check is in the code path, not only in
//! tests); every PASS is a proof: the propositional problem of
//! [`encode`] over the exact regions of [`automata`] and [`domains`] is
//! unsatisfiable. When a construct cannot be decided exactly the answer is
//! [`Verdict::Unknown`] with the reason, never a PASS.
//!
//! The universe of requests: any action and resource string (not only the
//! catalog's current names), context keys independent of each other, a
//! single value for single-valued keys and a non-empty set for the
//! catalog's multi-valued keys. For identity policies the caller is an IAM
//! principal, so the keys the evaluator derives from it
//! ([`concrete::DERIVED_IDENTITY_KEYS`]) are always present; for resource
//! policies the principal is any principal that [`principal::valid`] admits.

pub mod automata;
pub mod concrete;
pub mod domains;
pub mod encode;
pub mod principal;
pub mod public;

pub use public::PUBLIC_ACCESS_TYPES;

use concrete::Candidate;
use encode::{all_regions, Encoder, Instance, Problem, VarKind};
use rustsat::types::Lit;
use warden_eval::engine::{policy_outcome, PolicyType};
use warden_eval::{CompiledPolicy, PolicyOutcome};
use warden_policy::{Policy, Span};

/// Which kind of policy is compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PolicyKind {
    /// Identity-based policies (no `Principal`).
    Identity,
    /// Resource-based policies (with `Principal`).
    Resource,
}

impl PolicyKind {
    fn eval_type(self) -> PolicyType {
        match self {
            PolicyKind::Identity => PolicyType::Identity,
            PolicyKind::Resource => PolicyType::Resource,
        }
    }
}

/// A policy to reason about: a name for output and its parsed document.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    /// The name used in reasons.
    pub name: &'a str,
    /// The parsed policy.
    pub policy: &'a Policy,
}

/// A statement named in a reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatementRef {
    /// The policy's name.
    pub policy: String,
    /// The statement's index.
    pub statement_index: usize,
    /// Its `Sid`.
    pub statement_id: Option<String>,
    /// Its span in the policy source.
    pub span: Span,
}

/// A request that separates two answers, confirmed by the evaluator.
#[derive(Debug, Clone)]
pub struct Counterexample {
    /// The request.
    pub request: Candidate,
    /// The statements of the policy under test that allow it.
    pub statements: Vec<StatementRef>,
}

/// The answer to one question.
#[derive(Debug, Clone)]
pub enum Verdict {
    /// Proven: no request separates the policies.
    Pass,
    /// A confirmed request that does.
    Fail(Box<Counterexample>),
    /// Not decided, with the reason.
    Unknown(String),
}

/// How many candidate models are tried before giving up on realising the
/// abstraction of policy variables.
const ATTEMPTS: usize = 64;

/// How many string lemmas a search may add before giving up.
const LEMMA_LIMIT: usize = 20_000;

/// Does `new` allow any request that `reference` does not?
///
/// For resource policies the reference is read as Access Analyzer reads
/// one: an `AWS` principal entry with `*` or `?` (such as
/// `arn:aws:iam::*:role/admin`) is a pattern ([`principal::pattern`]);
/// `new` keeps the evaluator's literal reading. A counterexample is
/// confirmed against the reference with each such entry replaced, for that
/// request's principal, by an entry the evaluator matches exactly when the
/// pattern does.
pub fn no_new_access(new: Input<'_>, reference: Input<'_>, kind: PolicyKind) -> Verdict {
    let patterns = kind == PolicyKind::Resource && has_principal_patterns(reference.policy);
    if patterns && (has_pathed_entries(new.policy) || has_pathed_entries(reference.policy)) {
        // Patterns match roles and users by name; a literal entry with a
        // path pins the real ARN, which a pattern without that path would
        // not match in AWS, so comparing by name could pass wrongly.
        return Verdict::Unknown(
            "the reference's wildcard principals are compared by role or user name; a literal role or user entry with a path is not decided against them".into(),
        );
    }
    let (cn, cr) = (compile(new), compile(reference));
    let confirm = |req: &warden_eval::Request| {
        if !allows(kind, &cn, req) {
            return false;
        }
        if patterns {
            let literal = literal_for(reference.policy, &req.principal);
            let compiled = CompiledPolicy::compile(reference.name, &literal);
            !allows(kind, &compiled, req)
        } else {
            !allows(kind, &cr, req)
        }
    };
    let run = |instance: Option<&Instance>| {
        let mut p = problem(kind, instance);
        let sn = p.add_policy(new.policy);
        let sr = if kind == PolicyKind::Resource {
            p.add_reference_policy(reference.policy)
        } else {
            p.add_policy(reference.policy)
        };
        search(
            &mut p,
            kind,
            |e| {
                let a = e.allows(&sn)?;
                let b = e.allows(&sr)?;
                Ok(e.and(&[a, !b]))
            },
            confirm,
            new,
        )
    };
    decide(run, &[new.policy, reference.policy])
}

/// Whether a policy has an `AWS` principal entry that a reference reads as
/// a pattern ([`principal::is_pattern`]).
fn has_principal_patterns(policy: &Policy) -> bool {
    use warden_policy::policy::{PrincipalKind, PrincipalValue};
    policy.statements.iter().any(|st| {
        st.principal.iter().any(|p| match &p.value {
            PrincipalValue::Wildcard => false,
            PrincipalValue::Typed(entries) => entries.iter().any(|e| {
                e.kind == PrincipalKind::Aws
                    && e.values.iter().any(|v| principal::is_pattern(&v.value))
            }),
        })
    })
}

/// Whether a policy names a role or user literally with a path
/// (`arn:aws:iam::111122223333:role/team/admin`).
fn has_pathed_entries(policy: &Policy) -> bool {
    use warden_policy::policy::{PrincipalKind, PrincipalValue};
    policy.statements.iter().any(|st| {
        st.principal.iter().any(|p| match &p.value {
            PrincipalValue::Wildcard => false,
            PrincipalValue::Typed(entries) => entries
                .iter()
                .filter(|e| e.kind == PrincipalKind::Aws)
                .flat_map(|e| e.values.iter())
                .filter(|v| !principal::is_pattern(&v.value))
                .any(|v| {
                    warden_policy::arn::Arn::parse(&v.value).is_ok_and(|a| {
                        a.service == "iam"
                            && matches!(a.resource.split_once('/'),
                                Some(("role" | "user", rest)) if rest.contains('/'))
                    })
                }),
        })
    })
}

/// `policy` with each pattern `AWS` entry replaced, for the one request
/// principal `who`, by a literal entry the evaluator matches against `who`
/// exactly when the pattern names `who` ([`principal::pattern_names`]):
/// `who`'s account when it does, another account when it does not. The
/// replaced policy agrees with the pattern reading on `who` and only on
/// `who`.
fn literal_for(policy: &Policy, who: &warden_eval::Principal) -> Policy {
    use warden_policy::policy::{PrincipalKind, PrincipalValue};
    let account = who.account().unwrap_or_default();
    let other = if account == "000000000000" {
        "000000000001"
    } else {
        "000000000000"
    };
    let mut out = policy.clone();
    for st in &mut out.statements {
        for p in st.principal.iter_mut() {
            let PrincipalValue::Typed(entries) = &mut p.value else {
                continue;
            };
            for e in entries.iter_mut().filter(|e| e.kind == PrincipalKind::Aws) {
                for v in e.values.iter_mut() {
                    if !principal::is_pattern(&v.value) {
                        continue;
                    }
                    let hit = principal::pattern_names(&v.value, who);
                    v.value = if hit { account } else { other }.to_string();
                }
            }
        }
    }
    out
}

/// Does `policy` allow any of `actions` (patterns; any action when empty)
/// on any of `resources` (patterns; any resource when empty)?
pub fn access_not_granted(
    policy: Input<'_>,
    actions: &[String],
    resources: &[String],
    kind: PolicyKind,
) -> Verdict {
    let action_globs: Vec<warden_eval::glob::Glob> = actions
        .iter()
        .map(|a| warden_eval::glob::Glob::new(a, true))
        .collect();
    let resource_globs: Vec<warden_eval::glob::Glob> = resources
        .iter()
        .map(|r| warden_eval::glob::Glob::new(r, false))
        .collect();
    let compiled = compile(policy);
    let confirm = |req: &warden_eval::Request| {
        (action_globs.is_empty() || action_globs.iter().any(|g| g.matches(&req.action_lower)))
            && (resource_globs.is_empty()
                || resource_globs.iter().any(|g| g.matches(&req.resource)))
            && allows(kind, &compiled, req)
    };
    let run = |instance: Option<&Instance>| {
        let mut p = problem(kind, instance);
        let sp = p.add_policy(policy.policy);
        let action_atoms: Vec<usize> = actions.iter().map(|a| p.action_atom(a)).collect();
        let resource_atoms: Vec<usize> = resources
            .iter()
            .map(|r| p.resource_atom(r, false))
            .collect();
        search(
            &mut p,
            kind,
            |e| {
                let allowed = e.allows(&sp)?;
                let mut parts = vec![allowed];
                if !action_atoms.is_empty() {
                    let lits: Vec<Lit> = action_atoms.iter().map(|&a| e.atom(a)).collect();
                    parts.push(e.or(&lits));
                }
                if !resource_atoms.is_empty() {
                    let lits: Vec<Lit> = resource_atoms.iter().map(|&a| e.atom(a)).collect();
                    parts.push(e.or(&lits));
                }
                Ok(e.and(&parts))
            },
            confirm,
            policy,
        )
    };
    decide(run, &[policy.policy])
}

/// Global context keys that name who or where the caller is: a policy whose
/// access depends on one of them holding a specific value grants access to
/// those values only, not to the public. This is the definition of most
/// resource types; [`public::definition`] has the types that differ (S3's
/// closed list, service keys such as `kms:CallerAccount`).
pub const IDENTIFYING_KEYS: &[&str] = &[
    "aws:PrincipalAccount",
    "aws:PrincipalArn",
    "aws:PrincipalOrgID",
    "aws:PrincipalOrgPaths",
    "aws:PrincipalServiceName",
    "aws:PrincipalServiceNamesList",
    "aws:SourceAccount",
    "aws:SourceArn",
    "aws:SourceOwner",
    "aws:SourceOrgID",
    "aws:SourceOrgPaths",
    "aws:SourceVpc",
    "aws:SourceVpce",
    "aws:SourceIp",
    "aws:VpceAccount",
    "aws:VpceOrgID",
    "aws:VpceOrgPaths",
    "aws:userid",
    "aws:username",
    "aws:FederatedProvider",
];

/// Does the resource policy allow the public, as [`public::definition`]
/// defines it for `resource_type` (spelled as AWS spells it): a request
/// from an outsider (the anonymous caller, a principal of an account the
/// policy names nowhere, or a user of a public web identity provider)
/// whose identifying keys are absent or hold a value no restriction pins —
/// not one of finitely many values the policy names, for `aws:SourceIp`
/// not inside a named block of at least /8 (IPv4) or /32 (IPv6), and for
/// S3 bucket policies' `s3:DataAccessPointArn` not an access point of an
/// account the policy names?
pub fn no_public_access(policy: Input<'_>, resource_type: &str) -> Verdict {
    let Some(def) = public::definition(resource_type) else {
        return Verdict::Unknown(format!(
            "`{resource_type}` is not a resource type no-public-access supports"
        ));
    };
    let outsider_account = ["999988887777", "888877776666", "777766665555"]
        .into_iter()
        .find(|a| !mentions(policy.policy, a))
        .unwrap_or("666655554444");
    let kind = PolicyKind::Resource;
    let compiled = compile(policy);
    let confirm = |req: &warden_eval::Request| allows(kind, &compiled, req);
    let run = |instance: Option<&Instance>| {
        let mut p = problem(kind, instance);
        let sp = p.add_policy(policy.policy);
        let mut strangers = principal::outsider(outsider_account);
        strangers.extend(principal::web_identity());
        let outsider = p.custom_principal_atom("\0outsider", &strangers);
        // Access points of an account the policy names: extra tests on the
        // key, so that its regions separate them from everything else.
        let mut pinned_by: Vec<usize> = Vec::new();
        for &(key, pin) in def.keys {
            if pin != public::Pin::FixedOrAccessPointOfNamedAccount {
                continue;
            }
            for value in condition_values(policy.policy, key) {
                if let Some(ns) = public::access_point_namespace(&value) {
                    pinned_by.push(p.arn_like_atom(key, &ns));
                }
            }
        }
        let identifying: Vec<usize> = p
            .vars
            .iter()
            .enumerate()
            .filter(|(_, v)| match &v.kind {
                VarKind::Key { name, .. } => {
                    def.keys.iter().any(|(k, _)| k.eq_ignore_ascii_case(name))
                }
                _ => false,
            })
            .map(|(i, _)| i)
            .collect();
        search(
            &mut p,
            kind,
            |e| {
                let allowed = e.allows(&sp)?;
                let who = e.atom(outsider);
                for &k in &identifying {
                    for l in e.non_public_regions(k)? {
                        e.clause(&[!l]);
                    }
                }
                for &a in &pinned_by {
                    for l in e.regions_where(a)? {
                        e.clause(&[!l]);
                    }
                }
                Ok(e.and(&[allowed, who]))
            },
            confirm,
            policy,
        )
    };
    decide(run, &[policy.policy])
}

/// The values `policy`'s conditions compare with `key` (any operator).
fn condition_values(policy: &Policy, key: &str) -> Vec<String> {
    policy
        .statements
        .iter()
        .flat_map(|st| st.conditions.iter())
        .filter(|c| c.key.value.eq_ignore_ascii_case(key))
        .flat_map(|c| c.values.iter().map(|v| v.text.clone()))
        .collect()
}

/// Zelkova's four-way comparison of two policies.
#[derive(Debug, Clone)]
pub struct Diff {
    /// A request `a` allows and `b` does not, if any.
    pub only_a: Verdict,
    /// A request `b` allows and `a` does not, if any.
    pub only_b: Verdict,
}

/// How two policies relate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relation {
    /// They allow the same requests.
    Equivalent,
    /// Everything `a` allows, `b` allows, and more.
    ASubsetOfB,
    /// Everything `b` allows, `a` allows, and more.
    BSubsetOfA,
    /// Each allows something the other does not.
    Incomparable,
    /// Not decided.
    Unknown,
}

impl Diff {
    /// The relation the two answers imply.
    pub fn relation(&self) -> Relation {
        match (&self.only_a, &self.only_b) {
            (Verdict::Pass, Verdict::Pass) => Relation::Equivalent,
            (Verdict::Pass, Verdict::Fail(_)) => Relation::ASubsetOfB,
            (Verdict::Fail(_), Verdict::Pass) => Relation::BSubsetOfA,
            (Verdict::Fail(_), Verdict::Fail(_)) => Relation::Incomparable,
            _ => Relation::Unknown,
        }
    }
}

/// Compares `a` and `b` both ways.
pub fn diff(a: Input<'_>, b: Input<'_>, kind: PolicyKind) -> Diff {
    Diff {
        only_a: no_new_access(a, b, kind),
        only_b: no_new_access(b, a, kind),
    }
}

/// Whether `input` alone allows `req` as a policy of `kind`.
fn allows(kind: PolicyKind, compiled: &CompiledPolicy, req: &warden_eval::Request) -> bool {
    policy_outcome(kind.eval_type(), compiled, req).outcome == PolicyOutcome::Allow
}

/// Whether any principal, resource or condition value of `policy` contains `text`.
fn mentions(policy: &warden_policy::Policy, text: &str) -> bool {
    use warden_policy::policy::PrincipalValue;
    policy.statements.iter().any(|st| {
        let principals = st.principal.iter().any(|p| match &p.value {
            PrincipalValue::Wildcard => false,
            PrincipalValue::Typed(entries) => entries
                .iter()
                .any(|e| e.values.iter().any(|v| v.value.contains(text))),
        });
        let resources = st
            .resource
            .iter()
            .any(|r| r.values.iter().any(|v| v.value.contains(text)));
        let conditions = st
            .conditions
            .iter()
            .any(|c| c.values.iter().any(|v| v.text.contains(text)));
        principals || resources || conditions
    })
}

/// The evaluator's form of an input, compiled once per question.
fn compile(input: Input<'_>) -> CompiledPolicy {
    CompiledPolicy::compile(input.name, input.policy)
}

/// The problem of one question: over every value of the policy variables,
/// or over the values of one instance ([`Problem::instance`]).
fn problem(kind: PolicyKind, instance: Option<&Instance>) -> Problem {
    let with_principal = kind == PolicyKind::Resource;
    match instance {
        Some(i) => Problem::instance(with_principal, i),
        None => Problem::new(with_principal),
    }
}

/// What one search found.
enum Searched {
    /// A verdict.
    Done(Verdict),
    /// No verdict because models with policy variables could not be
    /// realised (the reason): the variables' values may still be tried one
    /// instance at a time.
    Unsure(String),
}

/// How many instances of the policy variables [`decide`] tries.
const INSTANCES: usize = 64;

/// Runs a question over every value of the policy variables (`run(None)`);
/// when that cannot be decided because a model with variables found no
/// confirmed request, tries instances: the variables set to values that
/// tend to separate templates (a character no policy uses, two of it, the
/// empty text, and the literal pieces of the policies' values, for one key
/// at a time, then two), each decided exactly. A confirmed counterexample
/// of an instance is a FAIL; otherwise the answer stays UNKNOWN.
fn decide(run: impl Fn(Option<&Instance>) -> Searched, policies: &[&Policy]) -> Verdict {
    let why = match run(None) {
        Searched::Done(v) => return v,
        Searched::Unsure(why) => why,
    };
    let tries = concrete::instances(policies, INSTANCES);
    for inst in &tries {
        if let Searched::Done(v @ Verdict::Fail(_)) = run(Some(inst)) {
            return v;
        }
    }
    Verdict::Unknown(format!(
        "{why}; nor does any of {} instances of the variables tried next give one",
        tries.len()
    ))
}

/// The search loop shared by the questions: encode, solve, realise,
/// confirm; block unconfirmed candidates and retry.
fn search(
    p: &mut Problem,
    kind: PolicyKind,
    goal: impl FnOnce(&mut Encoder<'_>) -> Result<Lit, String>,
    confirm: impl Fn(&warden_eval::Request) -> bool,
    subject: Input<'_>,
) -> Searched {
    match search_models(p, kind, goal, confirm, subject) {
        Ok(v) => Searched::Done(v),
        Err(why) => Searched::Unsure(why),
    }
}

/// [`search`], with `Err` for [`Searched::Unsure`].
fn search_models(
    p: &mut Problem,
    kind: PolicyKind,
    goal: impl FnOnce(&mut Encoder<'_>) -> Result<Lit, String>,
    confirm: impl Fn(&warden_eval::Request) -> bool,
    subject: Input<'_>,
) -> Result<Verdict, String> {
    if let Some(why) = &p.unsupported {
        return Ok(Verdict::Unknown(why.clone()));
    }
    let valid = p
        .principal_var()
        .map(|_| p.custom_principal_atom("\0valid", &principal::valid()));
    p.finish();
    let regions = match all_regions(p) {
        Ok(r) => r,
        Err(why) => return Ok(Verdict::Unknown(why)),
    };
    let mut e = Encoder::new(p, &regions);
    if kind == PolicyKind::Identity {
        for (vi, v) in p.vars.iter().enumerate() {
            if let VarKind::Key { name, .. } = &v.kind {
                if concrete::DERIVED_IDENTITY_KEYS.contains(&name.to_ascii_lowercase().as_str()) {
                    let l = e.present[vi];
                    e.clause(&[l]);
                }
            }
        }
    }
    if let Some(atom) = valid {
        let l = e.atom(atom);
        e.clause(&[l]);
    }
    for &(var, atom) in &p.pins {
        let present = e.present[var];
        match atom {
            Some(a) => {
                let l = e.atom(a);
                e.clause(&[present]);
                e.clause(&[l]);
            }
            None => e.clause(&[!present]),
        }
    }
    let g = match goal(&mut e) {
        Ok(g) => g,
        Err(why) => return Ok(Verdict::Unknown(why)),
    };
    e.template_lemmas();
    let mut has_templates = !e.template_lits.is_empty();
    let mut attempts = 0;
    let mut lemmas = 0usize;
    let mut unsure = false;
    while attempts < ATTEMPTS {
        match e.solve(&[g]) {
            Err(why) => return Ok(Verdict::Unknown(why)),
            Ok(false) if unsure && has_templates => {
                return Err(
                    "a model with policy variables was set aside after no request realising it was confirmed; without it no request separates the policies, which does not prove that none does".into(),
                )
            }
            Ok(false) if unsure => {
                return Ok(Verdict::Unknown(
                    "internal: a candidate request was not confirmed by the evaluator".into(),
                ))
            }
            Ok(false) => return Ok(Verdict::Pass),
            Ok(true) => {}
        }
        let lazy = match e.check_lazy() {
            Err(why) => return Ok(Verdict::Unknown(why)),
            Ok(Some(w)) => w,
            Ok(None) => {
                // An inconsistent string assignment: a lemma was added.
                lemmas += 1;
                if lemmas > LEMMA_LIMIT {
                    return Ok(Verdict::Unknown(format!(
                        "more than {LEMMA_LIMIT} string lemmas were needed"
                    )));
                }
                continue;
            }
        };
        attempts += 1;
        // A model with templated tests is realised three ways (values read
        // off the tested texts; fresh values with the texts rebuilt; the
        // same with case-insensitive templates' texts upper-cased); the
        // first the evaluator confirms is the counterexample.
        let templated = !e.template_lits.is_empty();
        let ways: &[(bool, bool)] = if templated {
            &[(false, false), (true, false), (true, true)]
        } else {
            &[(false, false)]
        };
        let mut confirmed = None;
        let mut cand = None;
        for &(fresh, shout) in ways {
            let c = concrete::candidate(p, &regions, &e, &lazy, fresh, shout);
            if let Some(req) = concrete::request(&c) {
                if confirm(&req) {
                    confirmed = Some((c, req));
                    break;
                }
            }
            cand.get_or_insert(c);
        }
        if let Some((cand, req)) = confirmed {
            let report = policy_outcome(kind.eval_type(), &compile(subject), &req);
            let statements = report
                .matched
                .iter()
                .filter(|m| m.effect == warden_policy::policy::Effect::Allow)
                .map(|m| StatementRef {
                    policy: subject.name.to_string(),
                    statement_index: m.index,
                    statement_id: m.sid.clone(),
                    span: m.span,
                })
                .collect();
            return Ok(Verdict::Fail(Box::new(Counterexample {
                request: cand,
                statements,
            })));
        }
        if std::env::var_os("WARDEN_PROVE_DEBUG").is_some() {
            eprintln!("unconfirmed candidate: {cand:?}");
        }
        has_templates |= templated;
        // An unconfirmed candidate does not show that no request realises
        // the model (with templated tests the realisations are tries; without
        // them it would be an internal error), so from here on running out
        // of models proves nothing.
        unsure = true;
        e.block_model();
    }
    if has_templates {
        Err(
            "no candidate request realising the policy variables was confirmed by the evaluator"
                .into(),
        )
    } else {
        Ok(Verdict::Unknown(
            "internal: candidate requests were not confirmed by the evaluator".into(),
        ))
    }
}
