//! The shared logic of the `PASS_ROLE_WITH_*` and `CREATE_SLR_WITH_*` rules:
//! an Allow statement of an identity policy through which one sensitive IAM
//! action is granted on every role of a kind, or on everything but a few
//! resources.
//!
//! Each statement falls into at most one [`Variant`], from how the action is
//! granted (named exactly, through a wildcard such as `iam:*` or `*`, or
//! through a `NotAction` that does not exclude it) and how the resource is
//! given (`*` or an ARN pattern covering every such role, or a
//! `NotResource`). An exact entry wins over a wildcard one. A condition that
//! pins what the action may do answers the `*` resource variants (which
//! recommend it); the `NotResource` variants still report.

use super::Rule;
use crate::finding::{Findings, RuleInfo};
use crate::memo::PolicyCache;
use crate::{CheckContext, PolicyType};
use warden_catalog::glob::{glob_match, has_wildcard};
use warden_policy::policy::{Effect, Statement};
use warden_policy::Span;

/// Which of the six findings a statement gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Variant {
    /// The action named exactly, on `*`.
    StarInResource,
    /// A wildcard action on `*`.
    StarInActionAndResource,
    /// `NotAction` on `*`.
    StarInResourceAndNotAction,
    /// The action named exactly, with `NotResource`.
    NotResource,
    /// A wildcard action with `NotResource`.
    StarInActionAndNotResource,
    /// `NotAction` with `NotResource`.
    NotActionAndNotResource,
}

/// The action a family of rules is about.
pub struct Target {
    /// The action, e.g. `iam:PassRole`.
    pub action: &'static str,
    /// What the broad resources are, for messages ("role").
    pub noun: &'static str,
    /// Whether a `Resource` entry covers every such role.
    pub covers: fn(&str) -> bool,
    /// Whether the statement's conditions answer the `*` resource variants.
    pub answered_by_condition: fn(&Statement) -> bool,
}

/// One rule of a family: the finding for one variant.
pub struct BroadAction {
    info: RuleInfo,
    variant: Variant,
    target: &'static Target,
}

impl BroadAction {
    /// The rule reporting `variant` for `target`.
    pub const fn new(info: RuleInfo, variant: Variant, target: &'static Target) -> Self {
        BroadAction {
            info,
            variant,
            target,
        }
    }
}

impl Rule for BroadAction {
    fn info(&self) -> &RuleInfo {
        &self.info
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings<'_>) {
        if cx.options.policy_type != PolicyType::Identity {
            return;
        }
        // The six rules of a target ask the same question of each statement:
        // answer it once per policy.
        thread_local! {
            static CLASSES: PolicyCache<Vec<Option<(Variant, Span)>>> = const { PolicyCache::new() };
        }
        let statements = cx.policy.map_or(&[][..], |p| &p.statements);
        let key = std::ptr::from_ref(self.target) as usize;
        let classes = || {
            statements
                .iter()
                .map(|st| classify(st, self.target))
                .collect()
        };
        CLASSES.with(|cache| {
            cache.with(key, classes, |classes| {
                for &(variant, span) in classes.iter().flatten() {
                    if variant == self.variant {
                        out.report(span, message(variant, self.target));
                    }
                }
            })
        });
    }
}

fn message(variant: Variant, t: &Target) -> String {
    let (action, noun) = (t.action, t.noun);
    match variant {
        Variant::StarInResource => format!("{action} is allowed on every {noun}"),
        Variant::StarInActionAndResource => {
            format!("a wildcard action allows {action} on every {noun}")
        }
        Variant::StarInResourceAndNotAction => {
            format!("NotAction leaves {action} allowed on every {noun}")
        }
        Variant::NotResource => {
            format!("{action} is allowed on every role not excluded by NotResource")
        }
        Variant::StarInActionAndNotResource => {
            format!("a wildcard action allows {action} on every role not excluded by NotResource")
        }
        Variant::NotActionAndNotResource => {
            format!("NotAction and NotResource leave {action} allowed on every role not excluded")
        }
    }
}

enum Grant {
    Exact,
    Star,
    NotAction,
}

/// The statement's variant and where to report it: at the action entry that
/// grants the target action, or at the `NotAction` key.
pub fn classify(st: &Statement, t: &Target) -> Option<(Variant, Span)> {
    if st.effect.value != Effect::Allow {
        return None;
    }
    let action = st.action.as_ref()?;
    // Most entries name another service: rule them out on the prefix first.
    let matches = |v: &str| may_match_service(v, t.action) && glob_match(v, t.action, true);
    let (grant, span) = if action.negated {
        if action.values.iter().any(|v| matches(&v.value)) {
            return None;
        }
        (Grant::NotAction, action.key_span)
    } else if let Some(v) = action
        .values
        .iter()
        .find(|v| v.value.eq_ignore_ascii_case(t.action) && !has_wildcard(&v.value))
    {
        (Grant::Exact, v.span)
    } else if let Some(v) = action.values.iter().find(|v| matches(&v.value)) {
        (Grant::Star, v.span)
    } else {
        return None;
    };
    let resource = st.resource.as_ref()?;
    let not_resource = if resource.negated {
        if resource.values.iter().any(|v| v.value == "*") {
            return None;
        }
        true
    } else {
        if !resource.values.iter().any(|v| (t.covers)(&v.value)) || (t.answered_by_condition)(st) {
            return None;
        }
        false
    };
    let variant = match (grant, not_resource) {
        (Grant::Exact, false) => Variant::StarInResource,
        (Grant::Star, false) => Variant::StarInActionAndResource,
        (Grant::NotAction, false) => Variant::StarInResourceAndNotAction,
        (Grant::Exact, true) => Variant::NotResource,
        (Grant::Star, true) => Variant::StarInActionAndNotResource,
        (Grant::NotAction, true) => Variant::NotActionAndNotResource,
    };
    Some((variant, span))
}

/// A necessary condition for the action pattern `entry` to match `action`
/// (`service:Name`, ASCII) case-insensitively: the entry's literal ASCII
/// characters before its first wildcard, non-ASCII character or colon must
/// be the action's. Anything else is left to the glob matcher.
fn may_match_service(entry: &str, action: &str) -> bool {
    let a = action.as_bytes();
    for (i, &b) in entry.as_bytes().iter().enumerate() {
        if b == b':' {
            return a.get(i) == Some(&b':');
        }
        if b == b'*' || b == b'?' || !b.is_ascii() {
            return true;
        }
        // A literal ASCII character before any wildcard must match the
        // action's character at the same place.
        if !a.get(i).is_some_and(|c| c.eq_ignore_ascii_case(&b)) {
            return false;
        }
    }
    true
}

/// Whether `resource` is `*` or an IAM ARN whose resource part is one of `parts`.
pub fn iam_resource_is(resource: &str, parts: &[&str]) -> bool {
    if resource == "*" {
        return true;
    }
    let Some([arn, _partition, service, _region, _account, res]) =
        warden_policy::arn::split_fields(resource)
    else {
        return false;
    };
    arn == "arn" && glob_match(service, "iam", true) && parts.contains(&res)
}

#[cfg(test)]
mod tests {
    use super::may_match_service;
    use warden_catalog::glob::glob_match;

    #[test]
    fn prefix_test_never_rules_out_a_match() {
        let actions = ["iam:PassRole", "iam:CreateServiceLinkedRole"];
        let entries = [
            "IAM:passrole",
            "iam:*",
            "iam:Pass*",
            "i?m:PassRole",
            "*:PassRole",
            "*",
            "iam*",
            "\u{130}am:PassRole",
            "\u{212a}ms:*",
            "iam:\u{212a}*",
        ];
        for e in entries {
            for a in actions {
                if glob_match(e, a, true) {
                    assert!(may_match_service(e, a), "{e} {a}");
                }
            }
        }
        assert!(!may_match_service("s3:*", "iam:PassRole"));
        assert!(!may_match_service("iamx:*", "iam:PassRole"));
        assert!(!may_match_service("ia:*", "iam:PassRole"));
    }
}
