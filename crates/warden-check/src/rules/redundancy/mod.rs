//! Checks of redundant policy parts: action and resource patterns that
//! another entry of the same element already covers, and statements that
//! another statement (or a wildcard condition) makes pointless. Each rule is
//! one file in this folder, listed in `RULES` (sorted by code); `glob` holds
//! the exact pattern-language decisions they rest on.

use super::Rule;
use crate::memo::PolicyCache;
use glob::{Pattern, Tok};
use warden_policy::policy::{ListElement, Policy, Spanned};

pub(super) mod glob;
mod redundant_action;
mod redundant_resource;
pub(crate) mod redundant_statement;
mod redundant_statement_due_to_wildcard_in_condition;

/// The rules of this family, sorted by code.
pub static RULES: &[&dyn Rule] = &[
    &redundant_action::RULE,
    &redundant_resource::RULE,
    &redundant_statement::RULE,
    &redundant_statement_due_to_wildcard_in_condition::RULE,
];

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

/// One entry of an `Action`/`Resource` list (or its `Not` form), read as a
/// pattern string kept in its list's buffer: `*` and `?` are the wildcards
/// and every other character is literal. The string has exactly the tokens
/// of `Pattern::new(text, true)` for actions (lower-cased) or of the `over`
/// pattern of [`resource_patterns`] (each policy variable as `*`), so the exact
/// decisions of [`glob`] apply to it unchanged, while the common cases
/// (a name against a name, a name against a wildcard) are settled on the
/// bytes without building token vectors.
pub(super) struct Entry {
    /// Where the entry as written lies in [`Entries`]' copy of the texts.
    text: (usize, usize),
    /// Where the pattern string lies in [`Entries`]' buffer.
    start: usize,
    end: usize,
    /// Bytes before the first wildcard (the whole string when it has none).
    prefix: usize,
    /// Bytes after the last wildcard.
    suffix: usize,
    /// Whether the pattern matches exactly what the entry matches: always
    /// for actions; for resources, when the entry has no policy variable,
    /// since what a variable leaves to match depends on the request.
    pub exact: bool,
}

impl Entry {
    fn literal(&self) -> bool {
        self.prefix == self.end - self.start
    }
}

/// The entries of one list, with the wildcard-free ones sorted by pattern
/// (so duplicates are found by binary search) and the others listed apart:
/// only an entry with a wildcard can contain a different entry.
pub(super) struct Entries {
    /// The entries, in list order.
    pub entries: Vec<Entry>,
    /// The entries as written, one after the other (owned, so that one
    /// policy's lists can be kept for all the rules that read them).
    texts: String,
    /// The pattern strings of all entries, one after the other.
    buf: String,
    /// Indices of the wildcard-free entries, by pattern and then index.
    literal: Vec<usize>,
    /// Indices of the entries with a wildcard, in list order.
    wild: Vec<usize>,
    /// One bit (of a hash) for the service part of each entry whose service
    /// part is fixed: the text up to the first `:` of an action, up to the
    /// third of an ARN, when no wildcard comes before it.
    fixed: u64,
    /// The bits of the services whose entries this list can contain: those
    /// of its entries with a fixed service part, or all when one has none.
    covers: u64,
}

impl Entries {
    /// The entries of `values`, read as actions or as resources.
    pub(super) fn new(values: &[Spanned<String>], actions: bool) -> Self {
        let total = values.iter().map(|v| v.value.len()).sum();
        let mut buf = String::with_capacity(total);
        let mut texts = String::with_capacity(total);
        let mut entries = Vec::with_capacity(values.len());
        for v in values {
            let text = v.value.as_str();
            let written = (texts.len(), texts.len() + text.len());
            texts.push_str(text);
            let start = buf.len();
            let mut exact = true;
            if actions {
                if text.is_ascii() {
                    buf.push_str(text);
                    buf[start..].make_ascii_lowercase();
                } else {
                    // As `Pattern::new` folds: character by character.
                    for c in text.chars() {
                        if c == '*' || c == '?' {
                            buf.push(c);
                        } else {
                            buf.extend(c.to_lowercase());
                        }
                    }
                }
            } else {
                let mut rest = text;
                // Most resources have no `$` at all: skip the search.
                while let Some(at) = rest
                    .as_bytes()
                    .contains(&b'$')
                    .then(|| rest.find("${"))
                    .flatten()
                {
                    let Some(close) = rest[at + 2..].find('}') else {
                        break;
                    };
                    buf.push_str(&rest[..at]);
                    buf.push('*');
                    exact = false;
                    rest = &rest[at + 2 + close + 1..];
                }
                buf.push_str(rest);
            }
            let end = buf.len();
            let key = &buf.as_bytes()[start..end];
            // One search for the common wildcard-free entry; from the end
            // only when there is a wildcard.
            let (prefix, suffix) = match memchr::memchr2(b'*', b'?', key) {
                None => (key.len(), key.len()),
                Some(first) => (
                    first,
                    key.len() - 1 - memchr::memrchr2(b'*', b'?', key).unwrap_or(first),
                ),
            };
            entries.push(Entry {
                text: written,
                start,
                end,
                prefix,
                suffix,
                exact,
            });
        }
        let (mut literal, wild): (Vec<usize>, Vec<usize>) =
            (0..entries.len()).partition(|&i| entries[i].literal());
        let mut list = Entries {
            entries,
            texts,
            buf,
            literal: Vec::new(),
            wild,
            fixed: 0,
            covers: 0,
        };
        // An entry can lie only within one whose literal prefix starts its
        // own, so within one with the same fixed service part or one without.
        let colons = if actions { 1 } else { 3 };
        for i in 0..list.entries.len() {
            let fixed = &list.key(i).as_bytes()[..list.entries[i].prefix];
            let end = memchr::memchr_iter(b':', fixed).nth(colons - 1);
            match end {
                Some(end) => {
                    let hash = fixed[..end].iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &b| {
                        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
                    });
                    let bit = 1u64 << (hash >> 58);
                    list.fixed |= bit;
                    list.covers |= bit;
                }
                None => list.covers = u64::MAX,
            }
        }
        // Sorted on the first 16 bytes as one number first (padding with
        // zeros keeps the order of the strings; equal numbers fall back to
        // the strings), which saves most string comparisons.
        let word = |i: usize| {
            let k = list.key(i).as_bytes();
            let mut w = [0u8; 16];
            let n = k.len().min(16);
            w[..n].copy_from_slice(&k[..n]);
            u128::from_be_bytes(w)
        };
        let mut keyed: Vec<(u128, usize)> = literal.iter().map(|&i| (word(i), i)).collect();
        keyed.sort_unstable_by(|&(wx, x), &(wy, y)| {
            wx.cmp(&wy)
                .then_with(|| list.key(x).cmp(list.key(y)))
                .then(x.cmp(&y))
        });
        literal.clear();
        literal.extend(keyed.iter().map(|&(_, i)| i));
        list.literal = literal;
        list
    }

    /// Entry `i` as written.
    fn text(&self, i: usize) -> &str {
        let (start, end) = self.entries[i].text;
        self.texts.get(start..end).unwrap_or_default()
    }

    /// The pattern string of entry `i`.
    fn key(&self, i: usize) -> &str {
        let e = &self.entries[i];
        self.buf.get(e.start..e.end).unwrap_or_default()
    }

    /// The wildcard-free entries whose pattern is `key`, by index.
    fn literal_equal<'s>(&'s self, key: &'s str) -> impl Iterator<Item = usize> + 's {
        let from = self.literal.partition_point(|&j| self.key(j) < key);
        self.literal[from..]
            .iter()
            .copied()
            .take_while(move |&j| self.key(j) == key)
    }

    /// The wildcard entries whose literal start and end fit those of entry
    /// `i` of `of`: the only ones that can contain it (or, when it is
    /// wildcard-free, share a string with it). Where such an entry fixes
    /// its start or end, the other must fix the same characters there.
    fn wild_fitting<'s>(&'s self, of: &'s Entries, i: usize) -> impl Iterator<Item = usize> + 's {
        let e = &of.entries[i];
        let key = of.key(i).as_bytes();
        let (start, end) = (&key[..e.prefix], &key[key.len() - e.suffix..]);
        self.wild.iter().copied().filter(move |&j| {
            let f = &self.entries[j];
            let q = &self.buf.as_bytes()[f.start..f.end];
            start.starts_with(&q[..f.prefix]) && end.ends_with(&q[q.len() - f.suffix..])
        })
    }

    /// The indices of the entries that entry `i` of `of` lies within, in
    /// order: see [`within`].
    pub(super) fn containing<'s>(
        &'s self,
        of: &'s Entries,
        i: usize,
    ) -> impl Iterator<Item = usize> + 's {
        // A wildcard-free pattern lies only within an equal one; a pattern
        // with a wildcard never lies within a wildcard-free one.
        let equal = of.entries[i]
            .literal()
            .then(|| self.literal_equal(of.key(i)))
            .into_iter()
            .flatten();
        let wild = self
            .wild_fitting(of, i)
            .filter(move |&j| within(of, i, self, j));
        merge(equal, wild)
    }

    /// Whether some entry contains entry `i` of `of`.
    pub(super) fn contains_any(&self, of: &Entries, i: usize) -> bool {
        self.containing(of, i).next().is_some()
    }

    /// Whether every entry of `other` may lie within some entry of this
    /// list: `false` proves that one does not.
    pub(super) fn may_contain_all(&self, other: &Entries) -> bool {
        other.fixed & !self.covers == 0
    }

    /// Whether some entry matches every string (`*`, `**`, ...).
    pub(super) fn has_everything(&self) -> bool {
        self.wild.iter().any(|&j| {
            self.entries[j].exact && {
                let key = self.key(j);
                !key.is_empty() && key.bytes().all(|b| b == b'*')
            }
        })
    }
}

/// Two increasing sequences merged into one.
fn merge(
    a: impl Iterator<Item = usize>,
    b: impl Iterator<Item = usize>,
) -> impl Iterator<Item = usize> {
    let (mut a, mut b) = (a.peekable(), b.peekable());
    std::iter::from_fn(move || match (a.peek(), b.peek()) {
        (Some(&x), Some(&y)) if y < x => b.next(),
        (Some(_), _) => a.next(),
        (None, _) => b.next(),
    })
}

/// Whether everything entry `i` of `a` may match is, provably, matched by
/// entry `j` of `b`: the same text, or `j`'s exact pattern includes `i`'s.
pub(super) fn within(a: &Entries, i: usize, b: &Entries, j: usize) -> bool {
    let (x, y) = (&a.entries[i], &b.entries[j]);
    if a.text(i) == b.text(j) {
        return true;
    }
    if !y.exact {
        return false;
    }
    let (p, q) = (a.key(i), b.key(j));
    if y.literal() {
        return p == q;
    }
    if x.literal() {
        return warden_catalog::glob::glob_match(q, p, false);
    }
    // Where `q` fixes its start or end, `p` must fix the same characters.
    if !(p[..x.prefix].starts_with(&q[..y.prefix])
        && p[p.len() - x.suffix..].ends_with(&q[q.len() - y.suffix..]))
    {
        return false;
    }
    glob::included_str(p, q)
}

/// Whether some string matches both entry `i` of `a` and entry `j` of `b`
/// (their `over` patterns: policy variables as `*`).
pub(super) fn overlap(a: &Entries, i: usize, b: &Entries, j: usize) -> bool {
    let (x, y) = (&a.entries[i], &b.entries[j]);
    let (p, q) = (a.key(i), b.key(j));
    match (x.literal(), y.literal()) {
        (true, true) => p == q,
        (true, false) => warden_catalog::glob::glob_match(q, p, false),
        (false, true) => warden_catalog::glob::glob_match(p, q, false),
        (false, false) => {
            // Fixed starts (ends) must agree as far as both go.
            let n = x.prefix.min(y.prefix);
            let m = x.suffix.min(y.suffix);
            p.as_bytes()[..n] == q.as_bytes()[..n]
                && p.as_bytes()[p.len() - m..] == q.as_bytes()[q.len() - m..]
                && Pattern::new(p, false).intersects(&Pattern::new(q, false))
        }
    }
}

/// The entries of one element that another entry covers, with the index of
/// one that covers each: entry `i` is redundant when some other entry `j`
/// matches every string that `i` matches. Of two entries that cover each
/// other (duplicates, or the same pattern written differently), only the
/// later one is reported.
pub(super) fn covered_entries(list: &Entries) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    // A single entry has nothing to be covered by.
    if list.entries.len() < 2 {
        return out;
    }
    let n = list.entries.len();
    // The first entry found for each entry; `usize::MAX` for none yet.
    let mut by = vec![usize::MAX; n];
    // A wildcard-free entry lies within another only when the two are
    // equal (the earlier one is reported as the cover of the later) or
    // within a wildcard entry, which covers it without being covered back.
    // The wildcard-free entries a wildcard entry can match start with its
    // literal prefix: a range of the sorted list.
    for run in list.literal.chunk_by(|&x, &y| list.key(x) == list.key(y)) {
        if let Some((&first, rest)) = run.split_first() {
            for &i in rest {
                by[i] = first;
            }
        }
    }
    for &j in &list.wild {
        let e = &list.entries[j];
        if !e.exact {
            continue;
        }
        let q = list.key(j);
        let (prefix, suffix) = (&q[..e.prefix], &q[q.len() - e.suffix..]);
        let from = list.literal.partition_point(|&i| list.key(i) < prefix);
        for &i in &list.literal[from..] {
            let p = list.key(i);
            if !p.starts_with(prefix) {
                break;
            }
            if j < by[i] && p.ends_with(suffix) && warden_catalog::glob::glob_match(q, p, false) {
                by[i] = j;
            }
        }
    }
    // An entry with a wildcard lies only within other wildcard entries.
    for &i in &list.wild {
        by[i] = list
            .containing(list, i)
            .find(|&j| j != i && (j < i || !within(list, j, list, i)))
            .unwrap_or(usize::MAX);
    }
    for (i, &j) in by.iter().enumerate() {
        if j != usize::MAX {
            out.push((i, j));
        }
    }
    out
}

/// The `Action`/`NotAction` and `Resource`/`NotResource` entries of one
/// statement, read once per policy for the three rules that compare them.
pub(super) struct StatementEntries {
    /// The action element: whether it is `NotAction`, and its entries.
    pub actions: Option<(bool, Entries)>,
    /// The resource element: whether it is `NotResource`, and its entries.
    pub resources: Option<(bool, Entries)>,
}

/// Reports each entry of one list element (`Action` or `Resource`, chosen
/// by `entries` and `element`) that another entry of the same element
/// already matches in full: the shared body of `REDUNDANT_ACTION` and
/// `REDUNDANT_RESOURCE`.
pub(super) fn report_covered(
    cx: &crate::CheckContext<'_>,
    out: &mut crate::finding::Findings<'_>,
    noun: &str,
    entries: fn(&StatementEntries) -> Option<&(bool, Entries)>,
    element: fn(&warden_policy::policy::Statement) -> Option<&ListElement>,
) {
    let Some(policy) = cx.policy else { return };
    let found = with_statements(policy, |lists| {
        lists
            .iter()
            .map(|l| entries(l).map(|(_, e)| covered_entries(e)))
            .collect::<Vec<_>>()
    });
    for (st, covered) in policy.statements.iter().zip(found) {
        let (Some(el), Some(covered)) = (element(st), covered) else {
            continue;
        };
        for (i, j) in covered {
            out.report(
                el.values[i].span,
                format!(
                    "the {noun} `{}` is redundant: `{}` in the same element already matches it",
                    el.values[i].value, el.values[j].value
                ),
            );
        }
    }
}

/// Runs `f` on the entries of every statement of `policy`, in order, built
/// on the first call for the policy being checked on this thread.
pub(super) fn with_statements<R>(policy: &Policy, f: impl FnOnce(&[StatementEntries]) -> R) -> R {
    thread_local! {
        static LISTS: PolicyCache<Vec<StatementEntries>> = const { PolicyCache::new() };
    }
    let build = || {
        let list = |e: &ListElement, actions: bool| (e.negated, Entries::new(&e.values, actions));
        policy
            .statements
            .iter()
            .map(|st| StatementEntries {
                actions: st.action.as_ref().map(|a| list(a, true)),
                resources: st.resource.as_ref().map(|r| list(r, false)),
            })
            .collect()
    };
    LISTS.with(|cache| cache.with(0, build, |v| f(v)))
}
