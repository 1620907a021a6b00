//! Checks of redundant policy parts: action and resource patterns that
//! another entry of the same element already covers, and statements that
//! another statement (or a wildcard condition) makes pointless. Each rule is
//! one file in this folder, listed in `RULES` (sorted by code); `glob` holds
//! the exact pattern-language decisions they rest on.

use super::Rule;
use glob::{Pattern, Tok};
use std::collections::HashMap;
use warden_policy::policy::Spanned;

pub(super) mod glob;
mod redundant_action;
mod redundant_resource;
mod redundant_statement;
mod redundant_statement_due_to_wildcard_in_condition;

/// The rules of this family, sorted by code.
pub static RULES: &[&dyn Rule] = &[
    &redundant_action::RULE,
    &redundant_resource::RULE,
    &redundant_statement::RULE,
    &redundant_statement_due_to_wildcard_in_condition::RULE,
];

/// An `Action`/`NotAction` entry as a pattern: IAM matches actions without
/// regard to case, and does not interpret policy variables there.
pub(super) fn action_pattern(text: &str) -> Pattern {
    Pattern::new(text, true)
}

/// A `Resource`/`NotResource` entry as the patterns that bound what it can
/// match: `(over, exact)`. `over` matches at least everything the entry can
/// match whatever its policy variables resolve to (each `${...}` becomes
/// `*`); `exact` is the same pattern when the entry has no `${`, and `None`
/// otherwise, because what a variable leaves to match depends on the request.
pub(super) fn resource_patterns(text: &str) -> (Pattern, Option<Pattern>) {
    let mut toks = Vec::new();
    let mut rest = text;
    let mut has_variable = false;
    while let Some(c) = rest.chars().next() {
        if let Some(close) = rest.strip_prefix("${").and_then(|r| r.find('}')) {
            toks.push(Tok::Star);
            has_variable = true;
            rest = &rest[close + 3..];
            continue;
        }
        toks.push(match c {
            '*' => Tok::Star,
            '?' => Tok::Any,
            _ => Tok::Lit(c),
        });
        rest = &rest[c.len_utf8()..];
    }
    let over = Pattern::from_tokens(toks);
    let exact = (!has_variable).then(|| over.clone());
    (over, exact)
}

/// One entry of an `Action`/`Resource` list (or its `Not` form): its text,
/// a pattern over everything it may match, and the exact pattern when known
/// (see [`resource_patterns`]).
pub(super) struct Entry<'a> {
    /// The entry as written.
    pub text: &'a str,
    /// Matches at least everything the entry can match.
    pub over: Pattern,
    /// Matches exactly what the entry matches, when that does not depend
    /// on the request.
    pub exact: Option<Pattern>,
}

impl<'a> Entry<'a> {
    /// The entry for `text`, read as an action or as a resource.
    pub(super) fn new(text: &'a str, actions: bool) -> Self {
        let (over, exact) = if actions {
            let p = action_pattern(text);
            (p.clone(), Some(p))
        } else {
            resource_patterns(text)
        };
        Entry { text, over, exact }
    }

    /// Whether everything `self` may match is, provably, matched by `other`.
    pub(super) fn within(&self, other: &Entry<'_>) -> bool {
        self.text == other.text
            || other
                .exact
                .as_ref()
                .is_some_and(|exact| self.over.included_in(exact))
    }
}

/// The entries of one list with an index by literal prefix: an entry can
/// only lie within entries whose literal prefix starts its own, so a
/// lookup visits a handful of candidates instead of the whole list.
pub(super) struct Entries<'a> {
    /// The entries, in list order.
    pub entries: Vec<Entry<'a>>,
    /// Entry indices by the literal prefix of their `over` pattern.
    by_prefix: HashMap<String, Vec<usize>>,
}

impl<'a> Entries<'a> {
    /// The entries of `values`, read as actions or as resources.
    pub(super) fn new(values: &'a [Spanned<String>], actions: bool) -> Self {
        let entries: Vec<Entry<'a>> = values
            .iter()
            .map(|v| Entry::new(&v.value, actions))
            .collect();
        let mut by_prefix: HashMap<String, Vec<usize>> = HashMap::new();
        for (j, e) in entries.iter().enumerate() {
            by_prefix
                .entry(e.over.literal_prefix())
                .or_default()
                .push(j);
        }
        Entries { entries, by_prefix }
    }

    /// The indices of the entries that `e` lies within, in order.
    pub(super) fn containing(&self, e: &Entry<'_>) -> Vec<usize> {
        let prefix = e.over.literal_prefix();
        let mut out: Vec<usize> = prefix
            .char_indices()
            .map(|(i, _)| i)
            .chain([prefix.len()])
            .filter_map(|end| self.by_prefix.get(&prefix[..end]))
            .flatten()
            .copied()
            .filter(|&j| e.within(&self.entries[j]))
            .collect();
        out.sort_unstable();
        out
    }
}

/// The entries of one element that another entry covers, with the index of
/// one that covers each: entry `i` is redundant when some other entry `j`
/// matches every string that `i` matches. Of two entries that cover each
/// other (duplicates, or the same pattern written differently), only the
/// later one is reported.
pub(super) fn covered_entries(values: &[Spanned<String>], actions: bool) -> Vec<(usize, usize)> {
    let list = Entries::new(values, actions);
    let mut out = Vec::new();
    for (i, e) in list.entries.iter().enumerate() {
        let by = list
            .containing(e)
            .into_iter()
            .find(|&j| j != i && (j < i || !list.entries[j].within(e)));
        if let Some(j) = by {
            out.push((i, j));
        }
    }
    out
}
