//! Helpers shared by the integration tests: policy texts in, verdicts out.
#![allow(dead_code, clippy::expect_used)]

use warden_prove::{no_new_access, Input, PolicyKind, Verdict};

/// The parsed policy of a text that must parse.
pub fn parse(src: &str) -> warden_policy::Policy {
    warden_policy::parse(src)
        .into_result()
        .expect("policy parses")
}

/// No-new-access of the policy text `new` against `reference`.
pub fn nna_of(new: &str, reference: &str, kind: PolicyKind) -> Verdict {
    let (n, r) = (parse(new), parse(reference));
    no_new_access(
        Input {
            name: "new",
            policy: &n,
        },
        Input {
            name: "reference",
            policy: &r,
        },
        kind,
    )
}

/// No-new-access between identity policies.
pub fn nna(new: &str, reference: &str) -> Verdict {
    nna_of(new, reference, PolicyKind::Identity)
}

/// No-new-access between resource policies.
pub fn nna_resource(new: &str, reference: &str) -> Verdict {
    nna_of(new, reference, PolicyKind::Resource)
}
