//! `WARDEN_STATEMENT_COVERED`: an Allow statement whose every grant the
//! rest of the policy makes too.

use super::super::Rule;
use crate::finding::{FindingType, Findings, RuleInfo};
use crate::memo::FastMap;
use crate::CheckContext;
use warden_eval::engine::{policy_outcome, PolicyType as EvalType};
use warden_eval::request::{Context, ContextValue, Principal, Request};
use warden_eval::CompiledPolicy;
use warden_policy::policy::{Effect, ListElement, Statement};
use warden_policy::Policy;
use warden_prove::PolicyKind;

/// The rule.
pub static RULE: StatementCovered = StatementCovered;

/// Reports, at the statement, each Allow statement of an identity-side
/// policy that the prover shows grants nothing the other statements do not
/// grant together — in order, each against the statements not reported
/// before it (here or by `REDUNDANT_STATEMENT`), so that removing every
/// reported statement together leaves the policy's access unchanged.
pub struct StatementCovered;

static INFO: RuleInfo = RuleInfo {
    code: "WARDEN_STATEMENT_COVERED",
    finding_type: FindingType::Suggestion,
    summary: "An Allow statement grants nothing the rest of the policy does not grant already.",
    documentation: "Runs with `warden check --deep` (`Options::deep`): it may ask the prover about a whole policy once per statement.\nWhat: an Allow statement of an identity policy or SCP whose every request the policy's other statements allow too, together — proven by Warden's exact reasoning (the policy without the statement allows exactly what the policy allows). Access Analyzer's `REDUNDANT_STATEMENT` finds a statement that one other statement covers as written; this finds the cover by several statements, or by patterns and conditions that differ in text but not in meaning, and stays silent where `REDUNDANT_STATEMENT` already reports. A statement that matches no request at all is reported by `WARDEN_ALLOW_NEVER_APPLIES` instead.\nWhy: the statement adds nothing; someone narrowing it later believes access was removed while the other statements still grant it.\nExample: `{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"arn:aws:s3:::logs/*\"}` next to `{\"Effect\": \"Allow\", \"Action\": \"s3:Get*\", \"Resource\": [\"arn:aws:s3:::logs/2024/*\", \"arn:aws:s3:::logs/*\"]}`.\nFix: remove the statement, or narrow the others if they grant more than intended.",
};

impl Rule for StatementCovered {
    fn info(&self) -> &RuleInfo {
        &INFO
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings<'_>) {
        let Some(policy) = cx.policy else { return };
        let kind = super::kind(cx);
        if !cx.options.deep || kind != PolicyKind::Identity {
            return;
        }
        let allows = policy
            .statements
            .iter()
            .filter(|st| st.effect.value == Effect::Allow)
            .count();
        if allows < 2 || !policy.statements.iter().all(|st| super::complete(st, kind)) {
            return;
        }
        // Statements Access Analyzer's rule reports are left out from the
        // start, and each statement reported here is left out from then
        // on: all the reported statements can go together.
        let mut kept: Vec<bool> = super::super::redundancy::redundant_statement::covering(policy)
            .iter()
            .map(Option::is_none)
            .collect();
        let mut compiled: Option<CompiledPolicy> = None;
        let mut index: Option<ActionIndex> = None;
        // The statements kept, but `skip`, each with only the actions that
        // may meet `st`'s: the question is only about requests `st`
        // matches, on which the other actions never match.
        let with = |kept: &[bool], st: &Statement, skip: Option<usize>| Policy {
            statements: policy
                .statements
                .iter()
                .zip(kept)
                .filter(|(t, &k)| k && Some(t.index) != skip)
                .map(|(t, _)| narrowed(t, st))
                .collect(),
            ..policy.clone()
        };
        for (i, st) in policy.statements.iter().enumerate() {
            if st.effect.value != Effect::Allow || !kept[i] {
                continue;
            }
            // No other Allow statement can match its actions: nothing covers
            // it (a statement matching nothing is the never-applies rule's).
            let index = index.get_or_insert_with(|| ActionIndex::new(policy));
            let helped = index.helped(st, &kept);
            // A request only this statement allows in the whole policy is
            // allowed by it alone in every part of the policy too.
            if !helped {
                continue;
            }
            let compiled =
                compiled.get_or_insert_with(|| CompiledPolicy::compile("policy", policy));
            if refuted(policy, compiled, st) {
                continue;
            }
            // Only statements whose actions may meet this one's can allow
            // or deny what it allows: the question is the same without the
            // others, and much smaller.
            let near: Vec<bool> = policy
                .statements
                .iter()
                .zip(&kept)
                .map(|(t, &k)| k && (t.index == st.index || may_meet(&t.action, &st.action)))
                .collect();
            let (current, rest) = (with(&near, st, None), with(&near, st, Some(st.index)));
            let verdict = warden_prove::no_new_access(
                warden_prove::Input {
                    name: "policy",
                    policy: &current,
                },
                warden_prove::Input {
                    name: "the other statements",
                    policy: &rest,
                },
                kind,
            );
            if matches!(verdict, warden_prove::Verdict::Pass)
                && !super::never_applies(policy, st, kind)
            {
                kept[i] = false;
                out.report(
                    st.span,
                    "everything this statement allows, the policy's other statements allow too",
                );
            }
        }
    }
}

/// The Allow statements' action patterns, lower-cased, for finding the
/// statements whose actions may meet a statement's ([`globs_may_meet`]).
struct ActionIndex {
    /// Statements with `NotAction`.
    negated: Vec<usize>,
    /// Each literal action and a statement listing it, sorted.
    literals: Vec<(String, usize)>,
    /// Each pattern with a wildcard and its statement, by the service its
    /// fixed beginning names (empty when that has no `:`).
    globs: FastMap<String, Vec<(String, usize)>>,
}

/// The service a pattern's fixed beginning names (`s3` for `s3:Get*`), or
/// nothing when a wildcard comes before the `:`.
fn service_of(pattern: &str) -> &str {
    let head = pattern.split(['*', '?']).next().unwrap_or_default();
    head.split_once(':').map_or("", |(service, _)| service)
}

impl ActionIndex {
    fn new(policy: &Policy) -> ActionIndex {
        let mut index = ActionIndex {
            negated: Vec::new(),
            literals: Vec::new(),
            globs: FastMap::default(),
        };
        for st in policy
            .statements
            .iter()
            .filter(|st| st.effect.value == Effect::Allow)
        {
            let Some(a) = &st.action else { continue };
            if a.negated {
                index.negated.push(st.index);
                continue;
            }
            for v in &a.values {
                let v = v.value.to_ascii_lowercase();
                if v.contains(['*', '?']) {
                    let service = service_of(&v).to_string();
                    index.globs.entry(service).or_default().push((v, st.index));
                } else {
                    index.literals.push((v, st.index));
                }
            }
        }
        index.literals.sort_unstable();
        index
    }

    /// Whether another kept Allow statement's actions may meet `st`'s.
    fn helped(&self, st: &Statement, kept: &[bool]) -> bool {
        let other = |j: usize| j != st.index && kept.get(j).copied().unwrap_or(false);
        if self.negated.iter().any(|&j| other(j)) {
            return true;
        }
        let Some(a) = &st.action else { return false };
        if a.negated {
            return self
                .literals
                .iter()
                .chain(self.globs.values().flatten())
                .any(|(_, j)| other(*j));
        }
        a.values.iter().any(|v| {
            let v = v.value.to_ascii_lowercase();
            // Patterns of another service cannot meet `v`; those whose
            // service is open (`*`, `s3*`) may, and so may every pattern
            // when `v`'s service is open.
            let service = service_of(&v);
            let meets = |gs: &Vec<(String, usize)>| {
                gs.iter().any(|(g, j)| other(*j) && globs_may_meet(g, &v))
            };
            let by_glob = if service.is_empty() {
                self.globs.values().any(meets)
            } else {
                self.globs.get(service).is_some_and(meets) || self.globs.get("").is_some_and(meets)
            };
            if by_glob {
                return true;
            }
            // Literals that may meet `v` start with its text before the
            // first wildcard: a sorted run.
            let head = v.split(['*', '?']).next().unwrap_or_default();
            let from = self.literals.partition_point(|(l, _)| l.as_str() < head);
            self.literals[from..]
                .iter()
                .take_while(|(l, _)| l.starts_with(head))
                .any(|(l, j)| other(*j) && globs_may_meet(l, &v))
        })
    }
}

/// `t` with only the actions that may meet one of `st`'s (all of them
/// when either lists `NotAction`, or `t` is `st`).
fn narrowed(t: &Statement, st: &Statement) -> Statement {
    let mut t = t.clone();
    if let (Some(a), Some(b)) = (&mut t.action, &st.action) {
        if !a.negated && !b.negated && t.index != st.index {
            let theirs: Vec<String> = b
                .values
                .iter()
                .map(|v| v.value.to_ascii_lowercase())
                .collect();
            a.values.retain(|v| {
                let v = v.value.to_ascii_lowercase();
                theirs.iter().any(|x| globs_may_meet(x, &v))
            });
        }
    }
    t
}

/// Whether some action may match both elements: a sound over-estimate
/// (a `NotAction` may meet anything; two patterns may meet unless their
/// fixed beginnings or endings, before the first and after the last
/// wildcard, already differ).
fn may_meet(a: &Option<ListElement>, b: &Option<ListElement>) -> bool {
    let (Some(a), Some(b)) = (a, b) else {
        return true;
    };
    if a.negated || b.negated {
        return true;
    }
    a.values.iter().any(|x| {
        b.values
            .iter()
            .any(|y| globs_may_meet(&x.value.to_ascii_lowercase(), &y.value.to_ascii_lowercase()))
    })
}

/// Whether two wildcard patterns may match a common string: their texts
/// before the first wildcard agree as far as both go, and so do their texts
/// after the last.
fn globs_may_meet(x: &str, y: &str) -> bool {
    let wild = |c: char| c == '*' || c == '?';
    match (x.contains(wild), y.contains(wild)) {
        (false, false) => x == y,
        _ => {
            let (hx, hy) = (
                x.split(wild).next().unwrap_or_default(),
                y.split(wild).next().unwrap_or_default(),
            );
            let (tx, ty) = (
                x.rsplit(wild).next().unwrap_or_default(),
                y.rsplit(wild).next().unwrap_or_default(),
            );
            (hx.starts_with(hy) || hy.starts_with(hx)) && (tx.ends_with(ty) || ty.ends_with(tx))
        }
    }
}

/// The account, Region and user of the probing requests.
const ACCOUNT: &str = "111122223333";
const REGION: &str = "us-east-1";
const USER: &str = "warden-probe";

/// The cheap half: requests this statement matches, built from its own
/// values (each action with the first resource, each resource with the
/// first action; `*` filled with nothing, or with the probe's Region or
/// account where it is that ARN field, `?` with `x`; a fresh action or
/// resource for a `Not…` element; policy variables given fixed values; the
/// conditions' context from their probes), and whether one of them is
/// allowed by this statement alone in the whole policy — which shows the
/// statement is not covered.
fn refuted(policy: &Policy, compiled: &CompiledPolicy, st: &Statement) -> bool {
    let (Some(actions), Some(resources)) = (&st.action, &st.resource) else {
        return false;
    };
    // Values for the policy variables: the caller's own where the request
    // derives them, a fixed text for the rest.
    let mut ctx = Context::new();
    let texts = resources.values.iter().map(|v| v.value.as_str()).chain(
        st.conditions
            .iter()
            .flat_map(|c| c.values.iter().map(|v| v.text.as_str())),
    );
    for key in super::variable_keys(texts) {
        let value = match key.to_ascii_lowercase().as_str() {
            "aws:principalaccount" | "aws:resourceaccount" => ACCOUNT,
            _ => USER,
        };
        ctx.insert(&key, ContextValue::single(value));
    }
    let base = ctx.clone();
    for group in super::by_key(st) {
        let Some(values) = super::probe_values(policy, &group, &base) else {
            return false;
        };
        match values.into_iter().find(|(_, holds)| *holds) {
            Some((Some(v), _)) => ctx.insert(&group[0].key.value, v),
            Some((None, _)) => {}
            None => return false,
        }
    }
    let Ok(principal) = Principal::parse(&format!("arn:aws:iam::{ACCOUNT}:user/{USER}")) else {
        return false;
    };
    let fill_action = |v: &str| v.replace('*', "").replace('?', "x");
    let fill_resource = |v: &str| {
        let v = super::substitute(v, &ctx);
        match warden_policy::arn::split_fields(&v) {
            Some(f) if f[0] == "arn" => {
                let field = |x: &str, fixed: &str| {
                    if x == "*" {
                        fixed.to_string()
                    } else {
                        fill_action(x)
                    }
                };
                format!(
                    "arn:{}:{}:{}:{}:{}",
                    fill_action(f[1]),
                    fill_action(f[2]),
                    field(f[3], REGION),
                    field(f[4], ACCOUNT),
                    fill_action(f[5])
                )
            }
            // `*` and other non-ARN patterns: an ARN they match, if any.
            _ if v == "*" => format!("arn:aws:wardenprobe:{REGION}:{ACCOUNT}:probe/x"),
            _ => fill_action(&v),
        }
    };
    let action_texts: Vec<String> = if actions.negated {
        vec!["wardenprobe:Probe".into()]
    } else {
        actions
            .values
            .iter()
            .map(|a| fill_action(&a.value))
            .collect()
    };
    let resource_texts: Vec<String> = if resources.negated {
        vec![format!("arn:aws:wardenprobe:{REGION}:{ACCOUNT}:probe/x")]
    } else {
        resources
            .values
            .iter()
            .map(|r| fill_resource(&r.value))
            .collect()
    };
    let (Some(a0), Some(r0)) = (action_texts.first(), resource_texts.first()) else {
        return false;
    };
    let pairs = action_texts
        .iter()
        .map(|a| (a, r0))
        .chain(resource_texts.iter().skip(1).map(|r| (a0, r)));
    for (a, r) in pairs {
        let req = Request::new(principal.clone(), a, r, None, ctx.clone());
        let report = policy_outcome(EvalType::Identity, compiled, &req);
        let mut allowing = report.matched.iter().filter(|m| m.effect == Effect::Allow);
        let denied = report.matched.iter().any(|m| m.effect == Effect::Deny);
        if !denied
            && allowing.next().is_some_and(|m| m.index == st.index)
            && allowing.next().is_none()
        {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_findings, findings_of, identity};
    use crate::Options;

    const CODE: &str = "WARDEN_STATEMENT_COVERED";

    /// Identity-policy options with the deep checks on.
    fn deep() -> Options {
        Options {
            deep: true,
            ..identity()
        }
    }

    #[test]
    fn globs_that_may_meet() {
        use super::globs_may_meet as meet;
        assert!(meet("s3:getobject", "s3:get*"));
        assert!(meet("s3:*object", "s3:get*"));
        assert!(meet("*", "ec2:startinstances"));
        assert!(!meet("s3:getobject", "s3:putobject"));
        assert!(!meet("s3:get*", "ec2:*"));
        assert!(!meet("s3:*acl", "s3:*policy"));
        assert!(meet("s3:get?bject", "s3:getobject"));
    }

    #[test]
    fn a_cover_by_two_statements_triggers() {
        let src = r#"{"Version": "2012-10-17", "Statement": [
  {"Sid": "Read", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::logs/*"},
  {"Sid": "Old", "Effect": "Allow", "Action": "s3:Get*", "Resource": "arn:aws:s3:::logs/2024/*"},
  {"Sid": "New", "Effect": "Allow", "Action": "s3:GetObject*", "Resource": "arn:aws:s3:::logs/*"}
]}"#;
        // `Read` is covered by `New` alone as written: Access Analyzer's
        // rule reports it, this one does not.
        assert_eq!(findings_of(CODE, src, deep()), Vec::<String>::new());
        let src = r#"{"Version": "2012-10-17", "Statement": [
  {"Sid": "Read", "Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": "arn:aws:s3:::logs/*"},
  {"Sid": "Get", "Effect": "Allow", "Action": "s3:Get*", "Resource": "arn:aws:s3:::logs/*"},
  {"Sid": "Put", "Effect": "Allow", "Action": "s3:PutObject", "Resource": "*"}
]}"#;
        let found = findings_of(CODE, src, deep());
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].contains(r#""Sid": "Read""#), "{found:?}");
        // Only with the deep checks on.
        assert_eq!(findings_of(CODE, src, identity()), Vec::<String>::new());
        assert_findings!(CODE, src, deep());
    }

    #[test]
    fn conditions_that_differ_in_text_only_trigger() {
        // The same requests: `StringLike` without wildcards is `StringEquals`.
        let src = r#"{"Version": "2012-10-17", "Statement": [
  {"Effect": "Allow", "Action": "ec2:StartInstances", "Resource": "*", "Condition": {"StringEquals": {"aws:ResourceTag/team": ["blue", "green"]}}},
  {"Effect": "Allow", "Action": "ec2:StartInstances", "Resource": "*", "Condition": {"StringLike": {"aws:ResourceTag/team": "blue"}}},
  {"Effect": "Allow", "Action": "ec2:StartInstances", "Resource": "*", "Condition": {"StringLike": {"aws:ResourceTag/team": "green"}}}
]}"#;
        let found = findings_of(CODE, src, deep());
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].contains(r#"["blue", "green"]"#), "{found:?}");
    }

    #[test]
    fn statements_that_add_something_are_clean() {
        for src in [
            // `s3:GetObject` on `other` is only in the first.
            r#"{"Version": "2012-10-17", "Statement": [
  {"Effect": "Allow", "Action": "s3:GetObject", "Resource": ["arn:aws:s3:::logs/*", "arn:aws:s3:::other/*"]},
  {"Effect": "Allow", "Action": "s3:Get*", "Resource": "arn:aws:s3:::logs/*"}
]}"#,
            // The condition restricts the second; the first has none.
            r#"{"Version": "2012-10-17", "Statement": [
  {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},
  {"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "true"}}}
]}"#,
            // A wildcard the others cover only partly.
            r#"{"Version": "2012-10-17", "Statement": [
  {"Effect": "Allow", "Action": "s3:Get*", "Resource": "*"},
  {"Effect": "Allow", "Action": ["s3:GetObject", "s3:GetBucketPolicy"], "Resource": "*"}
]}"#,
        ] {
            assert_eq!(
                findings_of(CODE, src, deep()),
                Vec::<String>::new(),
                "{src}"
            );
        }
    }
}
