//! The catalog's ARN formats by the ARN's service field, with the resource
//! part as a wildcard pattern, for the checks that compare a `Resource` ARN's
//! resource part (and account) with what its service defines.

use crate::rules::redundancy::glob::{Pattern, Tok};
use std::collections::HashMap;
use std::sync::OnceLock;

/// One ARN format: its account field and its resource part as a pattern.
#[derive(Debug)]
pub(super) struct ResourceFormat {
    /// The account field as written in the catalog (`${Account}`, empty,
    /// `aws`, `*`, ...).
    pub account: &'static str,
    /// The resource part: literals, `${Name}` as one or more characters of
    /// any kind (services put `/` and `:` inside names), `*` as any run.
    pub resource: Pattern,
    /// The first character of the resource part when it is a literal: a
    /// value that starts with another literal cannot fit the format, which
    /// rules out most of a large service's formats at once.
    pub first: Option<char>,
}

impl ResourceFormat {
    /// Whether a resource part whose first character is `first` (a
    /// literal, or `None` for a wildcard or nothing) may fit this format.
    pub(super) fn may_start_with(&self, first: Option<char>) -> bool {
        match (self.first, first) {
            (Some(a), Some(b)) => a == b,
            _ => true,
        }
    }
}

/// The formats whose service field is `service` (lowercase, as written in
/// ARNs); a format whose service field is a variable (AWS Backup's recovery
/// points, `arn:${Partition}:${Vendor}:...`) is listed under the prefix of
/// the service that defines it. `None` when the catalog has none.
pub(super) fn resource_formats(service: &str) -> Option<&'static [ResourceFormat]> {
    static MAP: OnceLock<HashMap<&'static str, Vec<ResourceFormat>>> = OnceLock::new();
    MAP.get_or_init(|| {
        let mut map: HashMap<&'static str, Vec<ResourceFormat>> = HashMap::new();
        for rt in warden_catalog::resource_types() {
            for f in rt.arn_formats() {
                let Some([_, _, field, _, account, resource]) = warden_policy::arn::split_fields(f)
                else {
                    continue;
                };
                let service = if field.starts_with("${") {
                    rt.service().prefix()
                } else {
                    field
                };
                map.entry(service).or_default().push(ResourceFormat {
                    account,
                    resource: format_pattern(resource),
                    first: literal_start(resource),
                });
            }
        }
        map
    })
    .get(service)
    .map(Vec::as_slice)
}

/// The six fields of a policy value that starts with `arn:`, with each
/// policy variable first replaced by `*` (a variable may stand for any
/// text, and `${aws:PrincipalAccount}` must not be split at its colon).
pub(super) fn open_arn_fields(value: &str) -> Option<[String; 6]> {
    if !value.starts_with("arn:") {
        return None;
    }
    let mut text = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(start) = rest.find("${") {
        let Some(len) = rest[start..].find('}') else {
            break;
        };
        text.push_str(&rest[..start]);
        text.push('*');
        rest = &rest[start + len + 1..];
    }
    text.push_str(rest);
    let fields = warden_policy::arn::split_fields(&text)?;
    Some(fields.map(str::to_string))
}

/// The first character of `text` when it is a literal (not `*`, `?` or the
/// start of a `${...}`).
pub(super) fn literal_start(text: &str) -> Option<char> {
    text.chars()
        .next()
        .filter(|c| !matches!(c, '*' | '?') && !text.starts_with("${"))
}

/// A catalog resource part as a pattern.
fn format_pattern(text: &str) -> Pattern {
    let mut toks = Vec::new();
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if let Some(close) = rest.strip_prefix("${").and_then(|r| r.find('}')) {
            toks.extend([Tok::Any, Tok::Star]);
            rest = &rest[close + 3..];
            continue;
        }
        toks.push(if c == '*' { Tok::Star } else { Tok::Lit(c) });
        rest = &rest[c.len_utf8()..];
    }
    Pattern::from_tokens(toks)
}

/// The resource part of a policy value as a pattern over every ARN it could
/// stand for: `*` and `?` are wildcards and each policy variable may become
/// any text.
pub(super) fn value_pattern(resource: &str) -> Pattern {
    crate::rules::redundancy::resource_patterns(resource).0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_read_variables_as_non_empty_runs() {
        let role = format_pattern("role/${RoleNameWithPath}");
        assert!(value_pattern("role/ops/admin").intersects(&role));
        assert!(value_pattern("role/*").intersects(&role));
        assert!(!value_pattern("role/").intersects(&role));
        assert!(!value_pattern("user/*").intersects(&role));
        assert!(value_pattern("${aws:username}").intersects(&role));
        assert!(resource_formats("iam").is_some_and(|f| !f.is_empty()));
        assert!(resource_formats("no-such-service").is_none());
        let fields = open_arn_fields("arn:aws:kms:*:${aws:PrincipalAccount}:key/${x}");
        assert_eq!(
            fields.map(|f| [f[4].clone(), f[5].clone()]),
            Some(["*".to_string(), "key/*".to_string()])
        );
    }
}
