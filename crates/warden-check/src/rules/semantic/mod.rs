//! Rules decided by exact reasoning about what statements allow
//! ([`warden_prove`]): a condition that restricts nothing, a statement that
//! can never apply. Each rule first applies a cheap necessary test, so the
//! prover runs only on statements that might qualify, and reports only what
//! the prover proves (an UNKNOWN reports nothing).

use crate::rules::Rule;
use crate::{CheckContext, PolicyType};
use warden_eval::engine::{policy_outcome, PolicyType as EvalType};
use warden_eval::request::{Context, ContextValue, Principal, Request};
use warden_eval::{CompiledPolicy, PolicyOutcome};
use warden_policy::policy::{Condition, Effect, ListElement, Spanned, Statement};
use warden_policy::Policy;
use warden_policy::Span;
use warden_prove::PolicyKind;

mod condition_always_true;
mod never_applies;
mod statement_covered;

/// The rules of this family.
pub static RULES: &[&dyn Rule] = &[
    &condition_always_true::RULE,
    &never_applies::ALLOW,
    &never_applies::DENY,
    &statement_covered::RULE,
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

/// For the conditions `conds`, all on one context key, whether each of a
/// few candidate requests satisfies them all: the key absent, and present
/// with values taken from the conditions (wildcards filled, numbers moved
/// by one, both booleans, a block's address, an unrelated text), as a set
/// for the catalog's set-valued keys. The conditions are evaluated by the
/// evaluator on a one-statement policy of just them. A candidate is a real
/// request, so a satisfying one shows the conditions can hold and a failing
/// one that they can fail: the cheap half of a semantic check, which leaves
/// only the undecided statements to the prover. A key the evaluator derives
/// from the caller or the resource is never absent (as in the prover's
/// identity-side universe); its candidates are given explicitly.
fn probe(policy: &Policy, conds: &[&Condition]) -> Option<Vec<bool>> {
    probe_values(policy, conds, &Context::new())
        .map(|v| v.into_iter().map(|(_, holds)| holds).collect())
}

/// [`probe`] with each candidate: the key's value (`None`: absent) and
/// whether the conditions hold on it, in requests whose context also has
/// `base` (the values of policy variables; a variable in a condition value
/// is replaced by its `base` value in the candidates).
fn probe_values(
    policy: &Policy,
    conds: &[&Condition],
    base: &Context,
) -> Option<Vec<(Option<ContextValue>, bool)>> {
    let key = &conds.first()?.key.value;
    // Keys the evaluator derives from the caller and the resource are
    // present in every request (given values replace the derived ones).
    let derived =
        warden_prove::concrete::DERIVED_IDENTITY_KEYS.contains(&key.to_ascii_lowercase().as_str());
    // One Allow of every action on every resource, under just these
    // conditions: it allows a request exactly when they hold.
    let everything = || ListElement {
        negated: false,
        key_span: Span::default(),
        span: Span::default(),
        single: true,
        values: vec![Spanned::new("*".to_string(), Span::default())],
    };
    let mini = Policy {
        version: policy.version.clone(),
        id: None,
        statements: vec![Statement {
            index: 0,
            span: Span::default(),
            sid: None,
            effect: Spanned::new(Effect::Allow, Span::default()),
            principal: None,
            action: Some(everything()),
            resource: Some(everything()),
            conditions: conds.iter().map(|&c| c.clone()).collect(),
            condition_span: None,
        }],
        single_statement: false,
        statement_span: Span::default(),
        span: Span::default(),
    };
    let compiled = CompiledPolicy::compile("probe", &mini);
    let multi = warden_catalog::condition_key(key).is_some_and(|k| k.is_multivalued());
    let mut candidates: Vec<Option<String>> = vec![Some("warden-probe".into())];
    if !derived {
        candidates.push(None);
    }
    for v in conds.iter().flat_map(|c| c.values.iter()) {
        let t = &substitute(&v.text, base);
        candidates.push(Some(t.clone()));
        candidates.push(Some(t.replace('*', "").replace('?', "x")));
        if let Ok(n) = t.parse::<f64>() {
            candidates.push(Some(format!("{}", n + 1.0)));
            candidates.push(Some(format!("{}", n - 1.0)));
        }
        if let Some((addr, _)) = t.split_once('/') {
            candidates.push(Some(addr.to_string()));
        }
    }
    candidates.push(Some("true".into()));
    candidates.push(Some("false".into()));
    let principal = Principal::parse("arn:aws:iam::111122223333:user/warden-probe").ok()?;
    Some(
        candidates
            .into_iter()
            .map(|c| {
                let mut ctx = base.clone();
                let value = c.map(|c| {
                    if multi {
                        ContextValue::list([c])
                    } else {
                        ContextValue::single(c)
                    }
                });
                if let Some(v) = &value {
                    ctx.insert(key, v.clone());
                }
                let req = Request::new(
                    principal.clone(),
                    "warden:Probe",
                    "arn:aws:warden:us-east-1:111122223333:probe/x",
                    None,
                    ctx,
                );
                let holds = policy_outcome(EvalType::Identity, &compiled, &req).outcome
                    == PolicyOutcome::Allow;
                (value, holds)
            })
            .collect(),
    )
}

/// `text` with each policy variable (`${key}`, `${key, 'default'}`)
/// replaced by the single value `ctx` gives its key, or by its default;
/// other text as written.
fn substitute(text: &str, ctx: &Context) -> String {
    if !text.contains("${") {
        return text.to_string();
    }
    let t = warden_policy::template::Template::parse(text, true);
    let mut out = String::new();
    for p in &t.parts {
        match p {
            warden_policy::template::Part::Text(s) => out.push_str(s),
            warden_policy::template::Part::Escaped(c) => out.push(*c),
            warden_policy::template::Part::Var { key, default } => {
                match ctx.get(key).and_then(|v| v.values.first()) {
                    Some(v) => out.push_str(v),
                    None => out.push_str(default.as_deref().unwrap_or_default()),
                }
            }
        }
    }
    out
}

/// The context keys the policy variables of `texts` name.
fn variable_keys<'a>(texts: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut keys: Vec<String> = Vec::new();
    for text in texts.filter(|t| t.contains("${")) {
        for p in warden_policy::template::Template::parse(text, true).parts {
            if let warden_policy::template::Part::Var { key, .. } = p {
                if !keys.iter().any(|k| k.eq_ignore_ascii_case(&key)) {
                    keys.push(key);
                }
            }
        }
    }
    keys
}

/// The conditions of `st`, grouped by key (case-insensitive), in order.
fn by_key(st: &Statement) -> Vec<Vec<&Condition>> {
    let mut groups: Vec<Vec<&Condition>> = Vec::new();
    for c in &st.conditions {
        match groups
            .iter_mut()
            .find(|g| g[0].key.value.eq_ignore_ascii_case(&c.key.value))
        {
            Some(g) => g.push(c),
            None => groups.push(vec![c]),
        }
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The probe's answer for the conditions of the first key of the
    /// first statement of `src`: whether some candidate satisfies them,
    /// and whether some candidate fails them.
    fn probe_of(src: &str) -> (bool, bool) {
        let policy = warden_policy::parse(src).policy.expect("a policy");
        let st = &policy.statements[0];
        let groups = by_key(st);
        let holds = probe(&policy, &groups[0]).expect("a free key");
        (holds.contains(&true), holds.contains(&false))
    }

    #[test]
    fn probe_finds_witnesses_for_satisfiable_pairs() {
        for cond in [
            r#"{"ForAllValues:StringLike": {"aws:TagKeys": ["team*"]}, "Null": {"aws:TagKeys": "false"}}"#,
            r#"{"StringEquals": {"aws:RequestedRegion": "eu-west-1"}, "StringNotEquals": {"aws:RequestedRegion": "us-east-1"}}"#,
            r#"{"NumericGreaterThan": {"s3:max-keys": "5"}, "NumericLessThan": {"s3:max-keys": "10"}}"#,
            r#"{"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}, "NotIpAddress": {"aws:SourceIp": "192.168.0.0/16"}}"#,
        ] {
            let src = format!(
                r#"{{"Version": "2012-10-17", "Statement": [{{"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {cond}}}]}}"#
            );
            assert_eq!(probe_of(&src), (true, true), "{cond}");
        }
    }

    #[test]
    fn probe_finds_none_for_contradictions() {
        for cond in [
            r#"{"NumericLessThan": {"s3:max-keys": "5"}, "NumericGreaterThan": {"s3:max-keys": "10"}}"#,
            r#"{"StringEquals": {"aws:RequestedRegion": "eu-west-1"}, "StringNotEquals": {"aws:RequestedRegion": "eu-west-1"}}"#,
            r#"{"Bool": {"aws:SecureTransport": "false"}, "Null": {"aws:SecureTransport": "true"}}"#,
        ] {
            let src = format!(
                r#"{{"Version": "2012-10-17", "Statement": [{{"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {cond}}}]}}"#
            );
            assert_eq!(probe_of(&src), (false, true), "{cond}");
        }
        // Every candidate satisfies a condition that holds for every value.
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"StringLikeIfExists": {"aws:SourceVpc": "*"}}}]}"#;
        assert_eq!(probe_of(src), (true, false));
    }

    #[test]
    fn derived_keys_are_never_absent() {
        let src = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"StringLikeIfExists": {"aws:PrincipalArn": "arn:*"}}}]}"#;
        let policy = warden_policy::parse(src).policy.expect("a policy");
        let groups = by_key(&policy.statements[0]);
        let values = probe_values(&policy, &groups[0], &Context::new()).expect("a probe");
        assert!(values.iter().all(|(v, _)| v.is_some()));
        // "warden-probe" fails the pattern; "arn:" passes.
        assert!(values.iter().any(|(_, holds)| *holds));
        assert!(values.iter().any(|(_, holds)| !*holds));
    }
}
