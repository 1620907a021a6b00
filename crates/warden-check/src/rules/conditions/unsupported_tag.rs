//! The shared check of the four `…_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE`
//! rules: a tag condition key in a statement whose actions (or, with
//! `NotAction`, the actions outside it) AWS does not evaluate the key for.

use super::support::{
    absent_key_fails, is_tag_key, not_actions, positive_actions, services_without_key,
};
use super::util::conditions;
use crate::finding::{Findings, RuleInfo};
use crate::rules::Rule;
use crate::CheckContext;
use warden_policy::policy::Effect;

/// One of the four rules: the statement effect and whether it uses `NotAction`.
pub struct UnsupportedTagKey {
    info: RuleInfo,
    effect: Effect,
    not_action: bool,
}

impl UnsupportedTagKey {
    /// The rule `info` for statements of `effect`, with `Action` or (when
    /// `not_action`) with `NotAction`.
    pub(super) const fn new(info: RuleInfo, effect: Effect, not_action: bool) -> Self {
        UnsupportedTagKey {
            info,
            effect,
            not_action,
        }
    }
}

impl Rule for UnsupportedTagKey {
    fn info(&self) -> &RuleInfo {
        &self.info
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings<'_>) {
        for (st, c) in conditions(cx) {
            if st.effect.value != self.effect || !is_tag_key(&c.key.value) {
                continue;
            }
            // Only operators that are false without the key make the statement
            // silently skip the actions the key is not evaluated for.
            if !c.operator.is_some_and(absent_key_fails) {
                continue;
            }
            let verb = match self.effect {
                Effect::Allow => "allow",
                Effect::Deny => "deny",
            };
            if self.not_action {
                if not_actions(st).is_some() {
                    out.report(
                        c.key.span,
                        format!(
                            "with NotAction, this statement can only {verb} actions that AWS evaluates the tag key {} for; every other action outside NotAction is left out. List the actions with Action instead",
                            c.key.value
                        ),
                    );
                }
                continue;
            }
            let Some(actions) = positive_actions(st) else {
                continue;
            };
            let services = services_without_key(actions, &c.key.value);
            if services.is_empty() {
                continue;
            }
            let what = match self.effect {
                Effect::Allow => "never allows them",
                Effect::Deny => "never denies them, which can leave them open",
            };
            out.report(
                c.key.span,
                format!(
                    "AWS does not evaluate the tag key {} for the listed actions of these services: {}; the condition is false for them, so the statement {what}. Move those actions to a statement without this key",
                    c.key.value,
                    services.join(", ")
                ),
            );
        }
    }
}
