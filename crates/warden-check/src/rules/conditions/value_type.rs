//! The shared check of the `TYPE_MISMATCH_{NUMBER, DATE, BOOLEAN, STRING}`
//! rules: a value that the operator's family cannot read.

use super::util::conditions;
use crate::finding::{Findings, RuleInfo};
use crate::rules::Rule;
use crate::CheckContext;
use warden_policy::operator::Family;
use warden_policy::policy::ConditionValue;

/// Reports values of `family` operators for which `valid` is false. Values
/// with policy variables are left to the variable checks.
pub struct ValueType {
    info: RuleInfo,
    family: Family,
    valid: fn(&ConditionValue) -> bool,
    what: &'static str,
}

impl ValueType {
    /// The rule `info` for operators of `family`; `what` names the expected value.
    pub(super) const fn new(
        info: RuleInfo,
        family: Family,
        valid: fn(&ConditionValue) -> bool,
        what: &'static str,
    ) -> Self {
        ValueType {
            info,
            family,
            valid,
            what,
        }
    }
}

impl Rule for ValueType {
    fn info(&self) -> &RuleInfo {
        &self.info
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings<'_>) {
        for (_, c) in conditions(cx) {
            let Some(op) = c.operator else { continue };
            if op.kind.family() != self.family {
                continue;
            }
            for v in &c.values {
                if v.text.contains("${") || (self.valid)(v) {
                    continue;
                }
                out.report(
                    v.span,
                    format!(
                        "`{}` is not {} for the operator {}",
                        v.text, self.what, c.operator_text.value
                    ),
                );
            }
        }
    }
}
