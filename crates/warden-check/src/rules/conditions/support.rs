//! Helpers shared by the rules that ask whether a condition key applies to
//! the actions of its statement: tag keys, which actions AWS evaluates a key
//! for, and how an operator behaves when the key is absent.

use crate::memo::Memo;
use std::cell::RefCell;
use std::fmt::Write;
use std::rc::Rc;
use warden_catalog::{Action, ConditionKey};
use warden_policy::operator::{Operator, OperatorKind, SetQualifier};
use warden_policy::policy::{
    Condition, ConditionValue, ListElement, ScalarKind, Spanned, Statement,
};

/// Whether `name` is a tag condition key: `aws:RequestTag/…`,
/// `aws:ResourceTag/…`, `aws:TagKeys`, or a service's own
/// `svc:RequestTag/…`, `svc:ResourceTag/…`, `svc:TagKeys`.
pub(super) fn is_tag_key(name: &str) -> bool {
    let Some((prefix, rest)) = name.split_once(':') else {
        return false;
    };
    let starts = |p: &str| {
        rest.get(..p.len())
            .is_some_and(|h| h.eq_ignore_ascii_case(p))
            && rest.len() > p.len()
    };
    !prefix.is_empty()
        && (starts("RequestTag/") || starts("ResourceTag/") || rest.eq_ignore_ascii_case("TagKeys"))
}

/// Whether the condition is false for a request that lacks the key, so that
/// a statement using it never applies to actions the key is not evaluated
/// for. `Null`, `…IfExists`, negated operators and `ForAllValues` are true
/// (or meant to be) for an absent key, so they are not.
pub(super) fn absent_key_fails(op: Operator) -> bool {
    if op.kind == OperatorKind::Null || op.if_exists {
        return false;
    }
    match op.set {
        Some(SetQualifier::ForAllValues) => false,
        Some(SetQualifier::ForAnyValue) => true,
        None => !op.kind.is_negated(),
    }
}

/// Whether the catalog entry `k` stands for the concrete key `name`. Besides
/// [`ConditionKey::matches`], a few service tables spell their tag key
/// template with a literal `tag-key` placeholder
/// (`secretsmanager:ResourceTag/tag-key`) that is not marked as a template.
fn key_matches(k: ConditionKey, name: &str) -> bool {
    if k.matches(name) {
        return true;
    }
    let t = k.name();
    let Some(stem_len) = t.len().checked_sub("tag-key".len()) else {
        return false;
    };
    t.get(stem_len..)
        .is_some_and(|p| p.eq_ignore_ascii_case("tag-key"))
        && t.get(..stem_len).is_some_and(|stem| {
            stem.ends_with('/')
                && name.len() > stem.len()
                && name
                    .get(..stem.len())
                    .is_some_and(|h| h.eq_ignore_ascii_case(stem))
        })
}

/// Whether AWS lists the key `name` for `action`: for the action itself, in
/// the action's row for one of its resource types, or in the resource types
/// table for one of those types (keys listed there apply to every action on
/// the type). Global keys count only where a table lists them (as the tag
/// keys are listed per action or resource type).
pub(super) fn action_lists_key(action: Action, name: &str) -> bool {
    action.condition_keys().any(|k| key_matches(k, name))
        || action.resource_types().any(|rt| {
            rt.condition_keys().any(|k| key_matches(k, name))
                || rt
                    .resource_type()
                    .condition_keys()
                    .any(|k| key_matches(k, name))
        })
}

/// The statement's `Action` element, when it is `Action` (not `NotAction`).
pub(super) fn positive_actions(st: &Statement) -> Option<&ListElement> {
    st.action.as_ref().filter(|a| !a.negated)
}

/// The statement's `NotAction` element, if it has one.
pub(super) fn not_actions(st: &Statement) -> Option<&ListElement> {
    st.action.as_ref().filter(|a| a.negated)
}

/// The service prefixes of the statement's actions for which AWS does not
/// evaluate the key `name`, in order of first appearance and lower-cased.
/// A named action counts when its own entry does not list the key; a pattern
/// counts for a service when none of the service's actions it matches lists
/// the key (patterns are judged per service, so that `ec2:*` is not reported
/// for a key that some EC2 actions support). Unknown actions are left to the
/// action checks.
pub(super) fn services_without_key(actions: &ListElement, name: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    // Only needed when an STS action lacks the key, which is rare.
    let mut sts_shared: Option<bool> = None;
    // The catalog resolves a key by matching templates, which costs far
    // more than the memo's lookup; policies repeat a few hundred keys.
    thread_local! {
        static KEYS: Memo<Option<ConditionKey>> = Memo::new();
    }
    let key = KEYS.with(|m| m.get_or(name, || warden_catalog::condition_key(name)));
    let canon = key.map_or(name, |k| k.name());
    for entry in &actions.values {
        for p in entry_services_without_key(&entry.value, name, canon).iter() {
            if out.contains(p) {
                continue;
            }
            let shared = p == "sts"
                && *sts_shared.get_or_insert_with(|| sts_statement_lists_key(actions, name));
            if !shared {
                out.push(p.clone());
            }
        }
    }
    out
}

/// Whether one of the statement's STS actions lists the key `name`. STS
/// authorizes `AssumeRole*` together with `TagSession`, `SetSourceIdentity`
/// and `SetContext` within one call and one request context, so a key that
/// one of them carries (`sts:ExternalId`, `aws:RequestTag/…`) is present for
/// all of them: the trust-policy pattern `["sts:AssumeRole",
/// "sts:TagSession"]` with a session-tag condition is not reported.
fn sts_statement_lists_key(actions: &ListElement, name: &str) -> bool {
    actions.values.iter().any(|entry| {
        let text = entry.value.as_str();
        text.get(..4)
            .is_some_and(|p| p.eq_ignore_ascii_case("sts:"))
            && warden_catalog::expand(text)
                .into_iter()
                .any(|a| action_lists_key(a, name))
    })
}

/// [`services_without_key`] for one `Action` entry. A pattern such as `*`
/// expands to the whole catalog, so results are memoised per thread, keyed
/// by the entry and by `canon`, the catalog entry the key resolves to (every
/// `aws:ResourceTag/…` key shares one answer).
fn entry_services_without_key(entry: &str, name: &str, canon: &str) -> Rc<Vec<String>> {
    thread_local! {
        static MEMO: Memo<Rc<Vec<String>>> = Memo::new();
        static KEY: RefCell<String> = const { RefCell::new(String::new()) };
    }
    KEY.with(|key| {
        let mut key = key.borrow_mut();
        key.clear();
        // The length first, so that no two (entry, key) pairs share a key.
        let _ = write!(key, "{}:{canon}{entry}", canon.len());
        key.make_ascii_lowercase();
        MEMO.with(|m| m.get_or(&key, || Rc::new(entry_services_uncached(entry, name))))
    })
}

/// [`entry_services_without_key`] without the memo.
fn entry_services_uncached(entry: &str, name: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    if !warden_catalog::glob::has_wildcard(entry) {
        if let Some(a) = warden_catalog::action(entry) {
            if !action_lists_key(a, name) {
                out.push(a.service().prefix().to_ascii_lowercase());
            }
        }
    } else {
        let mut by_service: Vec<(&'static str, bool)> = Vec::new();
        for a in warden_catalog::expand(entry) {
            let prefix = a.service().prefix();
            match by_service.iter_mut().find(|(p, _)| *p == prefix) {
                // One supporting action is enough for the service.
                Some((_, true)) => {}
                Some((_, any)) => *any = action_lists_key(a, name),
                None => by_service.push((prefix, action_lists_key(a, name))),
            }
        }
        out.extend(
            by_service
                .into_iter()
                .filter(|(_, any)| !any)
                .map(|(p, _)| p.to_ascii_lowercase()),
        );
    }
    out
}

/// The named (wildcard-free) actions of the element that the catalog knows
/// and that do not list the key `name`.
pub(super) fn named_actions_without_key<'a>(
    actions: &'a ListElement,
    name: &str,
) -> Vec<&'a Spanned<String>> {
    let sts_shared = sts_statement_lists_key(actions, name);
    actions
        .values
        .iter()
        .filter(|entry| {
            !warden_catalog::glob::has_wildcard(&entry.value)
                && warden_catalog::action(&entry.value).is_some_and(|a| {
                    let shared = sts_shared && a.service().prefix().eq_ignore_ascii_case("sts");
                    !shared && !action_lists_key(a, name)
                })
        })
        .collect()
}

/// What a condition whose values include a lone wildcard (`"*"`) amounts to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum WildcardOutcome {
    /// True exactly when the key is present: `"Null": {key: "false"}`.
    NullFalse,
    /// True exactly when the key is absent: `"Null": {key: "true"}`.
    NullTrue,
    /// True for every request.
    Always,
    /// True for no request.
    Never,
}

/// The value of `c` that is nothing but `*` wildcards, under a `Like`
/// operator (or an ARN operator, which matches like `ArnLike`), if any.
pub(super) fn lone_wildcard(c: &Condition) -> Option<&ConditionValue> {
    let op = c.operator?;
    let like = matches!(
        op.kind.positive(),
        OperatorKind::StringLike | OperatorKind::ArnLike | OperatorKind::ArnEquals
    );
    if !like {
        return None;
    }
    c.values.iter().find(|v| {
        v.kind == ScalarKind::String && !v.text.is_empty() && v.text.bytes().all(|b| b == b'*')
    })
}

/// What a condition with a lone `*` value under `op` reduces to: a `*`
/// matches every value, so only the key's presence and the operator's
/// qualifier, negation and `IfExists` decide.
pub(super) fn wildcard_outcome(op: Operator) -> WildcardOutcome {
    use WildcardOutcome::*;
    match (op.kind.is_negated(), op.set, op.if_exists) {
        // Every present value matches; absent keys fail unless IfExists.
        (false, None | Some(SetQualifier::ForAnyValue), false) => NullFalse,
        (false, None | Some(SetQualifier::ForAnyValue), true) => Always,
        // Every value matches, and an empty set is vacuously true.
        (false, Some(SetQualifier::ForAllValues), _) => Always,
        // No present value can fail to match: true only for an absent key.
        (true, None | Some(SetQualifier::ForAllValues), _) => NullTrue,
        (true, Some(SetQualifier::ForAnyValue), true) => NullTrue,
        (true, Some(SetQualifier::ForAnyValue), false) => Never,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tag_keys() {
        for k in [
            "aws:RequestTag/team",
            "aws:resourcetag/env",
            "aws:TagKeys",
            "ec2:ResourceTag/env",
            "s3:RequestObjectTagKeys",
        ] {
            assert_eq!(is_tag_key(k), k != "s3:RequestObjectTagKeys", "{k}");
        }
        assert!(!is_tag_key("aws:PrincipalTag/team"));
        assert!(!is_tag_key("aws:ResourceTag/"));
    }

    #[test]
    fn absent_keys() {
        let op = |s: &str| s.parse::<Operator>().unwrap();
        assert!(absent_key_fails(op("StringEquals")));
        assert!(absent_key_fails(op("ForAnyValue:StringLike")));
        assert!(!absent_key_fails(op("StringEqualsIfExists")));
        assert!(!absent_key_fails(op("StringNotEquals")));
        assert!(!absent_key_fails(op("ForAllValues:StringEquals")));
        assert!(!absent_key_fails(op("Null")));
    }

    #[test]
    fn wildcard_outcomes() {
        use WildcardOutcome::*;
        let op = |s: &str| s.parse::<Operator>().unwrap();
        assert_eq!(wildcard_outcome(op("StringLike")), NullFalse);
        assert_eq!(wildcard_outcome(op("ForAnyValue:StringLike")), NullFalse);
        assert_eq!(wildcard_outcome(op("StringLikeIfExists")), Always);
        assert_eq!(wildcard_outcome(op("ForAllValues:ArnLike")), Always);
        assert_eq!(wildcard_outcome(op("StringNotLike")), NullTrue);
        assert_eq!(wildcard_outcome(op("StringNotLikeIfExists")), NullTrue);
        assert_eq!(wildcard_outcome(op("ForAllValues:StringNotLike")), NullTrue);
        assert_eq!(wildcard_outcome(op("ForAnyValue:StringNotLike")), Never);
    }

    #[test]
    fn sts_actions_share_one_context() {
        let el = |vals: &[&str]| ListElement {
            negated: false,
            key_span: warden_policy::Span::new(0, 0),
            span: warden_policy::Span::new(0, 0),
            single: false,
            values: vals
                .iter()
                .map(|v| Spanned::new(v.to_string(), warden_policy::Span::new(0, 0)))
                .collect(),
        };
        let trust = el(&["sts:AssumeRole", "sts:TagSession", "sts:SetSourceIdentity"]);
        assert!(named_actions_without_key(&trust, "sts:ExternalId").is_empty());
        assert!(services_without_key(&trust, "aws:RequestTag/team").is_empty());
        let alone = el(&["sts:TagSession"]);
        assert_eq!(named_actions_without_key(&alone, "sts:ExternalId").len(), 1);
    }

    #[test]
    fn catalog_support() {
        let tags = warden_catalog::action("ec2:CreateTags").unwrap();
        assert!(action_lists_key(tags, "aws:RequestTag/env"));
        assert!(action_lists_key(tags, "ec2:CreateAction"));
        let run = warden_catalog::action("ec2:RunInstances").unwrap();
        assert!(!action_lists_key(run, "ec2:CreateAction"));
    }
}
