//! Shared machinery of the ARN and variable checks: walking `Resource`
//! values, the catalog's ARN formats grouped by the ARN's service field, and
//! substring spans.

use crate::finding::{Findings, RuleInfo};
use crate::rules::Rule;
use crate::CheckContext;
use std::collections::HashMap;
use std::sync::OnceLock;
use warden_policy::policy::Spanned;

/// The partitions AWS documents for ARNs.
pub(super) const PARTITIONS: &[&str] = &[
    "aws",
    "aws-cn",
    "aws-us-gov",
    "aws-iso",
    "aws-iso-b",
    "aws-iso-e",
    "aws-iso-f",
    "aws-eusc",
];

/// Whether `text` may stand for more than itself: it has a wildcard or
/// something that looks like a policy variable.
pub(super) fn is_open(text: &str) -> bool {
    text.contains(['*', '?']) || text.contains("${")
}

/// Every `Resource`/`NotResource` value of the policy.
pub(super) fn resource_values<'a>(
    cx: &'a CheckContext<'_>,
) -> impl Iterator<Item = &'a Spanned<String>> + 'a {
    cx.policy
        .into_iter()
        .flat_map(|p| &p.statements)
        .flat_map(|st| st.resource.iter().flat_map(|r| &r.values))
}

/// One ARN format of the catalog, split into its fields.
#[derive(Debug, Clone, Copy)]
pub(super) struct Format {
    /// The region field (`${Region}`, empty, or a literal).
    pub region: &'static str,
    /// The account field (`${Account}`, empty, or a literal such as `aws`).
    pub account: &'static str,
}

/// The catalog's ARN formats whose service field is `service` (exactly as
/// written in ARNs, lowercase); `None` when the catalog has none.
pub(super) fn formats(service: &str) -> Option<&'static [Format]> {
    static MAP: OnceLock<HashMap<&'static str, Vec<Format>>> = OnceLock::new();
    MAP.get_or_init(|| {
        let mut map: HashMap<&'static str, Vec<Format>> = HashMap::new();
        for rt in warden_catalog::resource_types() {
            for f in rt.arn_formats() {
                let Some([_, _, service, region, account, _]) = warden_policy::arn::split_fields(f)
                else {
                    continue;
                };
                map.entry(service)
                    .or_default()
                    .push(Format { region, account });
            }
        }
        map
    })
    .get(service)
    .map(Vec::as_slice)
}

/// A check of one `Resource` value that starts with `arn:`-like text: given
/// the value, the finding's message, if any.
pub struct ArnCheck {
    info: RuleInfo,
    check: fn(&str) -> Option<String>,
}

impl ArnCheck {
    /// A rule reporting at the whole value string whenever `check` says so.
    pub const fn new(info: RuleInfo, check: fn(&str) -> Option<String>) -> Self {
        ArnCheck { info, check }
    }
}

impl Rule for ArnCheck {
    fn info(&self) -> &RuleInfo {
        &self.info
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings<'_>) {
        for v in resource_values(cx) {
            if v.value == "*" {
                continue;
            }
            if let Some(message) = (self.check)(&v.value) {
                out.report(v.span, message);
            }
        }
    }
}

/// The six fields of a value that starts with `arn:` and has them all.
pub(super) fn arn_fields(value: &str) -> Option<[&str; 6]> {
    if !value.starts_with("arn:") {
        return None;
    }
    warden_policy::arn::split_fields(value)
}
