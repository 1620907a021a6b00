//! Shared helpers of the security rules: which of a list of actions an Allow
//! statement reaches, where the grant is written, and whether its resources
//! are broad.

use warden_catalog::glob::glob_match;
use warden_policy::policy::{Effect, Statement};
use warden_policy::Span;

/// The first action of `names` that the Allow statement `st` grants, with the
/// span to report: the `Action` entry that matches it (entries in order, the
/// names of the table in order for each entry), or the `NotAction` key when
/// no `NotAction` entry excludes it. `None` for Deny statements, statements
/// without an action element, and statements reaching none of `names`.
pub fn reached<'n>(st: &Statement, names: &[&'n str]) -> Option<(&'n str, Span)> {
    if st.effect.value != Effect::Allow {
        return None;
    }
    let action = st.action.as_ref()?;
    // Policies list hundreds of actions and the tables about a hundred:
    // index the entries by service prefix so that each name is matched only
    // against the entries that can match it (those of its service, and those
    // whose prefix has a wildcard).
    let mut by_service: std::collections::HashMap<String, Vec<usize>> =
        std::collections::HashMap::new();
    let mut wild = Vec::new();
    for (i, v) in action.values.iter().enumerate() {
        match v.value.split_once(':') {
            Some((p, _)) if !p.contains(['*', '?']) => by_service
                .entry(p.to_ascii_lowercase())
                .or_default()
                .push(i),
            _ => wild.push(i),
        }
    }
    let candidates = |name: &str| {
        let service = name
            .split_once(':')
            .map_or("", |(p, _)| p)
            .to_ascii_lowercase();
        let mut c: Vec<usize> = by_service
            .get(&service)
            .into_iter()
            .flatten()
            .chain(&wild)
            .copied()
            .collect();
        c.sort_unstable();
        c
    };
    let matches = |i: usize, name: &str| glob_match(&action.values[i].value, name, true);
    if action.negated {
        let name = names
            .iter()
            .copied()
            .find(|n| !candidates(n).into_iter().any(|i| matches(i, n)))?;
        return Some((name, action.key_span));
    }
    // The first entry (in source order) that grants any of the names.
    names
        .iter()
        .copied()
        .filter_map(|n| {
            candidates(n)
                .into_iter()
                .find(|&i| matches(i, n))
                .map(|i| (i, n))
        })
        .min_by_key(|&(i, _)| i)
        .map(|(i, n)| (n, action.values[i].span))
}

/// Whether the statement grants `name` at all (through `Action` or
/// `NotAction`).
pub fn grants(st: &Statement, name: &str) -> bool {
    reached(st, &[name]).is_some()
}

/// Whether the statement's resources are broad: a `Resource` entry that is
/// `*` or an ARN whose resource part is a wildcard over a whole resource type
/// (`*`, `role/*`, `user*`), or a `NotResource` (which grants everything it
/// does not list). Statements without a resource element are not broad.
pub fn broad_resource(st: &Statement) -> bool {
    match &st.resource {
        None => false,
        Some(r) if r.negated => true,
        Some(r) => r.values.iter().any(|v| is_broad(&v.value)),
    }
}

/// Whether one `Resource` entry covers every resource of a service: `*`, an
/// ARN whose resource part is `*`, or an IAM ARN over every role, user, group
/// or policy of an account (`role/*`, `user*`). A path or name prefix
/// (`role/app/*`) is not broad.
pub fn is_broad(resource: &str) -> bool {
    if resource == "*" {
        return true;
    }
    let parts: Vec<&str> = resource.splitn(6, ':').collect();
    let [arn, _, service, _, _, res] = parts[..] else {
        return false;
    };
    if arn != "arn" {
        return false;
    }
    if res.bytes().all(|b| b == b'*') && !res.is_empty() {
        return true;
    }
    glob_match(service, "iam", true)
        && ["role", "user", "group", "policy"].iter().any(|t| {
            res.strip_prefix(t)
                .is_some_and(|rest| matches!(rest, "*" | "/*"))
        })
}

#[cfg(test)]
mod tests {
    use super::is_broad;

    #[test]
    fn broad_resources() {
        assert!(is_broad("*"));
        assert!(is_broad("arn:aws:iam::111122223333:*"));
        assert!(is_broad("arn:aws:iam::*:role/*"));
        assert!(is_broad("arn:aws:iam::*:user*"));
        assert!(is_broad("arn:aws:s3:::*"));
        assert!(!is_broad("arn:aws:s3:::bucket/*"));
        assert!(!is_broad("arn:aws:iam::111122223333:role/app/*"));
        assert!(!is_broad("arn:aws:iam::111122223333:user/alice"));
        assert!(!is_broad("arn:aws:s3:::bucket"));
        assert!(!is_broad("arn:aws:s3:::b*"));
    }
}
