//! Rules decided by exact reasoning about what statements allow
//! ([`warden_prove`]): a condition that restricts nothing, a statement that
//! can never apply. Each rule first applies a cheap necessary test, so the
//! prover runs only on statements that might qualify, and reports only what
//! the prover proves (an UNKNOWN reports nothing).

use crate::rules::Rule;
use crate::{CheckContext, PolicyType};
use warden_policy::policy::{Effect, Statement};
use warden_policy::Policy;
use warden_prove::PolicyKind;

mod condition_always_true;
mod never_applies;

/// The rules of this family.
pub static RULES: &[&dyn Rule] = &[
    &condition_always_true::RULE,
    &never_applies::ALLOW,
    &never_applies::DENY,
];

/// How the prover reads a policy of the checked type: service and resource
/// control policies are read like identity and resource policies (they
/// allow or deny on their own, without granting).
fn kind(cx: &CheckContext<'_>) -> PolicyKind {
    match cx.options.policy_type {
        PolicyType::Identity | PolicyType::ServiceControl => PolicyKind::Identity,
        PolicyType::Resource | PolicyType::ResourceControl => PolicyKind::Resource,
    }
}

/// Whether a statement has what the prover needs to read it as written:
/// actions, resources (for identity-side types) and principals (for
/// resource-side types). Statements missing them are reported by other
/// rules and are not reasoned about here.
fn complete(st: &Statement, kind: PolicyKind) -> bool {
    st.action.is_some()
        && (st.resource.is_some() || kind == PolicyKind::Resource)
        && (st.principal.is_some() || kind == PolicyKind::Identity)
        && st.conditions.iter().all(|c| c.operator.is_some())
}

/// A policy holding only `st` (as changed by `edit`), with `policy`'s
/// version, so that variables read the same.
fn alone(policy: &Policy, st: &Statement, edit: impl FnOnce(&mut Statement)) -> Policy {
    let mut one = st.clone();
    edit(&mut one);
    Policy {
        version: policy.version.clone(),
        id: policy.id.clone(),
        statements: vec![one],
        single_statement: false,
        statement_span: policy.statement_span,
        span: policy.span,
    }
}

/// Whether the prover proves that `st` (made an Allow) applies to no
/// request at all.
fn never_applies(policy: &Policy, st: &Statement, kind: PolicyKind) -> bool {
    let doc = alone(policy, st, |s| s.effect.value = Effect::Allow);
    let input = warden_prove::Input {
        name: "statement",
        policy: &doc,
    };
    matches!(
        warden_prove::access_not_granted(input, &[], &[], kind),
        warden_prove::Verdict::Pass
    )
}
