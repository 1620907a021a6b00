//! The shared check of `INVALID_VPC_FORMAT` and `INVALID_VPCE_FORMAT`: a
//! VPC or VPC endpoint identifier of the wrong shape.

use super::util::{conditions, is_pattern};
use crate::finding::{Findings, RuleInfo};
use crate::rules::Rule;
use crate::CheckContext;
use warden_policy::operator::Family;
use warden_policy::policy::ScalarKind;

/// Reports values of `key` under string operators that are not `prefix`
/// followed by 8 or 17 letters and digits.
pub struct VpcIdFormat {
    info: RuleInfo,
    key: &'static str,
    prefix: &'static str,
}

impl VpcIdFormat {
    /// The rule `info` for the values of `key`, which start with `prefix`.
    pub(super) const fn new(info: RuleInfo, key: &'static str, prefix: &'static str) -> Self {
        VpcIdFormat { info, key, prefix }
    }
}

/// Whether `text` is `prefix` and 8 or 17 ASCII letters and digits.
fn well_formed(text: &str, prefix: &str) -> bool {
    text.strip_prefix(prefix).is_some_and(|id| {
        (id.len() == 8 || id.len() == 17) && id.bytes().all(|b| b.is_ascii_alphanumeric())
    })
}

impl Rule for VpcIdFormat {
    fn info(&self) -> &RuleInfo {
        &self.info
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings<'_>) {
        for (_, c) in conditions(cx) {
            let Some(op) = c.operator else { continue };
            if op.kind.family() != Family::String || !c.key.value.eq_ignore_ascii_case(self.key) {
                continue;
            }
            for v in &c.values {
                if v.kind == ScalarKind::String
                    && !is_pattern(&v.text)
                    && !well_formed(&v.text, self.prefix)
                {
                    out.report(
                        v.span,
                        format!(
                            "The identifier {} in {} is not valid; use the prefix '{}' followed by 8 or 17 alphanumeric characters",
                            v.text, c.key.value, self.prefix
                        ),
                    );
                }
            }
        }
    }
}
