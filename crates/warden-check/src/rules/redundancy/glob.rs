//! Exact decisions about the languages of IAM wildcard patterns: whether
//! one pattern matches every string another matches (inclusion), and
//! whether two patterns match a common string (intersection).
//!
//! A pattern is a sequence of tokens: a literal character, `?` (exactly one
//! character) or `*` (any run, also empty). Both questions are answered on
//! finite automata, so the answers are proofs, not guesses:
//!
//! * inclusion `L(a) ⊆ L(b)` explores the product of `a`'s automaton with
//!   the subset construction of `b`'s, over an alphabet of the literal
//!   characters of both patterns plus one stand-in for every other
//!   character; a reachable state where `a` accepts and `b` cannot is a
//!   counterexample. The exploration is bounded: when the bound is hit the
//!   answer is "not proven", which callers treat as "not included".
//! * intersection explores pairs of positions (both automata are
//!   nondeterministic, and a common word exists iff both can reach their
//!   ends together), in `O(len(a) × len(b))`.

use std::collections::{HashMap, HashSet, VecDeque};
use std::fmt::Write;
use std::hash::BuildHasherDefault;

/// One token of a pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Tok {
    /// A literal character.
    Lit(char),
    /// `?`: exactly one character.
    Any,
    /// `*`: any run of characters, also none.
    Star,
}

/// A wildcard pattern as a token sequence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Pattern {
    toks: Vec<Tok>,
}

/// How many product states inclusion may visit before giving up.
const LIMIT: usize = 200_000;

impl Pattern {
    /// `text` with `*` and `?` as wildcards; with `fold_case`, literals are
    /// lower-cased (for case-insensitive matching such as IAM actions).
    pub(crate) fn new(text: &str, fold_case: bool) -> Pattern {
        let toks = text
            .chars()
            .flat_map(|c| {
                let lit: Vec<Tok> = if fold_case {
                    c.to_lowercase().map(Tok::Lit).collect()
                } else {
                    vec![Tok::Lit(c)]
                };
                match c {
                    '*' => vec![Tok::Star],
                    '?' => vec![Tok::Any],
                    _ => lit,
                }
            })
            .collect();
        Pattern { toks }
    }

    /// A pattern from tokens.
    pub(crate) fn from_tokens(toks: Vec<Tok>) -> Pattern {
        Pattern { toks }
    }

    /// Whether every string that `self` matches is matched by `other`.
    /// `false` also when the question is too large to settle (see the
    /// module docs): callers must read `true` as proven.
    pub(crate) fn included_in(&self, other: &Pattern) -> bool {
        included(&self.toks, &other.toks)
    }

    /// Whether some string is matched by both patterns.
    pub(crate) fn intersects(&self, other: &Pattern) -> bool {
        intersects(&self.toks, &other.toks)
    }
}

/// [`Pattern::included_in`] for the patterns written as `p` and `q` (`*` and
/// `?` as wildcards, every other character literal, no case folding), with
/// the same answer, without building token vectors when both are ASCII and
/// `q` is shorter than 128 bytes: the exploration is the one of
/// [`included_small`] over bytes, with `q`'s moves as bit operations and the
/// visited states in reused per-thread buffers.
pub(crate) fn included_str(p: &str, q: &str) -> bool {
    if !(p.is_ascii() && q.is_ascii() && q.len() < 128) {
        return Pattern::new(p, false).included_in(&Pattern::new(q, false));
    }
    let (a, b) = (p.as_bytes(), q.as_bytes());
    fn wild(c: &u8) -> bool {
        *c == b'*' || *c == b'?'
    }
    if !b.iter().any(wild) {
        return a == b;
    }
    if !a.iter().any(wild) {
        return warden_catalog::glob::glob_match(q, p, false);
    }
    fn fixed(x: &[u8]) -> (&[u8], &[u8]) {
        let start = x.iter().position(wild).unwrap_or(x.len());
        let end = x.len() - x.iter().rev().position(wild).unwrap_or(x.len());
        (&x[..start], &x[end..])
    }
    let ((pa, sa), (pb, sb)) = (fixed(a), fixed(b));
    if !(pa.starts_with(pb) && sa.ends_with(sb)) {
        return false;
    }
    // `q` with one `*` and no `?`: every word of `p` has `q`'s fixed start
    // and end (checked just above) and, with `p`'s own wildcard between
    // them, is long enough for both. Settled while the exploration below
    // would stay within its bound (`q`'s subset automaton has at most
    // `len + 3` states), so the answer is the same.
    let stars = b.iter().filter(|c| **c == b'*').count();
    if stars == 1 && !b.contains(&b'?') && (a.len() + 1) * (b.len() + 3) <= LIMIT {
        return true;
    }
    // Without `?` in `q`, a word of `p` with each wildcard replaced by a
    // byte `q` never names is matched by `q` only with each such byte inside
    // a star of `q`; so `p`, read with its wildcards as plain bytes, must
    // match `q`. A failure is a counterexample; a success is confirmed by
    // the exploration, which also applies its bound.
    if !b.contains(&b'?') && !warden_catalog::glob::glob_match(q, p, false) {
        return false;
    }
    // The pairs that get this far recur across the policies of a corpus,
    // and the exploration is the expensive part: its answers are memoised
    // per thread, keyed by both patterns (the first one's length first).
    thread_local! {
        static MEMO: crate::memo::Memo<bool> = crate::memo::Memo::new();
        static KEY: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
    }
    KEY.with(|key| {
        let mut key = key.borrow_mut();
        key.clear();
        let _ = write!(key, "{}:{p}{q}", p.len());
        MEMO.with(|m| m.get_or(&key, || BytesSearch::new(b).included(a)))
    })
}

/// `q`'s nondeterministic automaton over bytes as bit masks: bit `p` is
/// the position before token `p`, bit `len` the accepting end.
struct BytesSearch<'a> {
    b: &'a [u8],
    /// By ASCII byte: the positions of `q`'s literals equal to it.
    lits: [u128; 128],
    star: u128,
    any: u128,
    /// The positions of `q`'s literals.
    literals: u128,
    accept: u128,
}

impl<'a> BytesSearch<'a> {
    fn new(b: &'a [u8]) -> Self {
        let (mut star, mut any) = (0u128, 0u128);
        let mut lits = [0u128; 128];
        for (i, &c) in b.iter().enumerate() {
            match c {
                b'*' => star |= 1 << i,
                b'?' => any |= 1 << i,
                _ => lits[usize::from(c & 0x7f)] |= 1 << i,
            }
        }
        let literals = lits.iter().fold(0, |m, l| m | l);
        BytesSearch {
            b,
            lits,
            literals,
            star,
            any,
            accept: 1 << b.len(),
        }
    }

    /// Adds the positions after stars that a set can skip to.
    fn close(&self, mut set: u128) -> u128 {
        loop {
            let next = set | (set & self.star) << 1;
            if next == set {
                return set;
            }
            set = next;
        }
    }

    /// The positions after reading `sym` (`None`: a byte `q` never names).
    fn advance(&self, set: u128, sym: Option<u8>) -> u128 {
        let lit = sym.map_or(0, |c| set & self.lits[usize::from(c & 0x7f)]);
        self.close((set & self.star) | (set & self.any) << 1 | lit << 1)
    }

    /// Whether every word of the pattern `a` reaches `q`'s end.
    fn included(&self, a: &[u8]) -> bool {
        thread_local! {
            static BUFFERS: std::cell::RefCell<SearchBuffers> = std::cell::RefCell::default();
        }
        BUFFERS.with(|buffers| {
            let mut guard = buffers.borrow_mut();
            let SearchBuffers { seen, stack } = &mut *guard;
            seen.clear();
            stack.clear();
            let start = self.close(1);
            // Positions of `a` from `i` on that an empty run of stars reaches.
            let closure = |i: usize| {
                let skip = a[i.min(a.len())..]
                    .iter()
                    .take_while(|c| **c == b'*')
                    .count();
                i..=i + skip
            };
            for i in closure(0) {
                if seen.insert((i, start)) {
                    stack.push((i, start));
                }
            }
            while let Some((i, set)) = stack.pop() {
                if seen.len() > LIMIT {
                    return false;
                }
                let Some(&t) = a.get(i) else {
                    if set & self.accept == 0 {
                        return false;
                    }
                    continue;
                };
                let ni = if t == b'*' { i } else { i + 1 };
                let mut visit = |sym: Option<u8>| {
                    let next = self.advance(set, sym);
                    for nj in closure(ni) {
                        if seen.insert((nj, next)) {
                            stack.push((nj, next));
                        }
                    }
                };
                match t {
                    b'*' | b'?' => {
                        // Of the alphabet (`q`'s literal bytes and one stand-in
                        // for all others), a byte that no literal position in
                        // `set` names moves `set` as the stand-in does: the
                        // same states as the whole alphabet, fewer steps.
                        visit(None);
                        let mut rest = set & self.literals;
                        while rest != 0 {
                            let c = self.b[rest.trailing_zeros() as usize];
                            visit(Some(c));
                            rest &= !self.lits[usize::from(c & 0x7f)];
                        }
                    }
                    c => visit(Some(c)),
                }
            }
            true
        })
    }
}

/// The reused state of [`BytesSearch::included`].
#[derive(Default)]
struct SearchBuffers {
    seen: std::collections::HashSet<(usize, u128), BuildHasherDefault<crate::memo::FxHasher>>,
    stack: Vec<(usize, u128)>,
}

/// The epsilon closure of a position: a `*` may match nothing.
fn close(toks: &[Tok], set: &mut Vec<usize>, start: usize) {
    let mut i = start;
    loop {
        if !set.contains(&i) {
            set.push(i);
        }
        if toks.get(i) == Some(&Tok::Star) {
            i += 1;
        } else {
            break;
        }
    }
}

/// A symbol of the finite alphabet: a literal character of one of the
/// patterns, or `None` for every character that neither names.
type Sym = Option<char>;

/// The positions reachable from `pos` by reading `sym`.
fn step(toks: &[Tok], pos: usize, sym: Sym) -> Option<usize> {
    match (toks.get(pos)?, sym) {
        (Tok::Star, _) => Some(pos),
        (Tok::Any, _) => Some(pos + 1),
        (Tok::Lit(c), Some(s)) if *c == s => Some(pos + 1),
        (Tok::Lit(_), _) => None,
    }
}

/// The literal characters before the first wildcard.
fn literal_prefix(toks: &[Tok]) -> impl Iterator<Item = char> + '_ {
    toks.iter().map_while(|t| match t {
        Tok::Lit(c) => Some(*c),
        _ => None,
    })
}

/// The literal characters after the last wildcard, last first.
fn literal_suffix(toks: &[Tok]) -> impl Iterator<Item = char> + '_ {
    toks.iter().rev().map_while(|t| match t {
        Tok::Lit(c) => Some(*c),
        _ => None,
    })
}

fn is_literal(toks: &[Tok]) -> bool {
    toks.iter().all(|t| matches!(t, Tok::Lit(_)))
}

/// Whether `b`'s fixed start and end are also fixed in `a`: where `b`
/// still has a literal and `a` already has a wildcard, the wildcard can
/// produce any other character, so `a ⊄ b`.
fn ends_fit(a: &[Tok], b: &[Tok]) -> bool {
    let (pa, pb): (Vec<char>, Vec<char>) =
        (literal_prefix(a).collect(), literal_prefix(b).collect());
    let (sa, sb): (Vec<char>, Vec<char>) =
        (literal_suffix(a).collect(), literal_suffix(b).collect());
    pa.starts_with(&pb) && sa.starts_with(&sb)
}

fn included(a: &[Tok], b: &[Tok]) -> bool {
    if is_literal(b) {
        return a == b;
    }
    if is_literal(a) {
        return intersects(a, b);
    }
    if !ends_fit(a, b) {
        return false;
    }
    // Cheap counterexamples first: words of `a` with each `?` (and `*`) as
    // a character that `b` never names, and each `*` empty or one such
    // character. Most pairs that are not included fail here.
    let fresh = Tok::Lit('\u{0}');
    for star in [None, Some(fresh)] {
        let word: Vec<Tok> = a
            .iter()
            .filter_map(|t| match t {
                Tok::Lit(_) => Some(*t),
                Tok::Any => Some(fresh),
                Tok::Star => star,
            })
            .collect();
        if !intersects(&word, b) {
            return false;
        }
    }
    if b.len() < 128 {
        included_small(a, b)
    } else {
        included_general(a, b)
    }
}

/// The exploration of [`included`] with `b`'s position sets as sorted
/// vectors, for patterns of any length.
fn included_general(a: &[Tok], b: &[Tok]) -> bool {
    let alphabet = alphabet(a, b);

    // Deterministic states of `b` are sorted position sets, interned.
    let mut ids: HashMap<Vec<usize>, usize> = HashMap::new();
    let mut sets: Vec<Vec<usize>> = Vec::new();
    fn intern(
        mut set: Vec<usize>,
        ids: &mut HashMap<Vec<usize>, usize>,
        sets: &mut Vec<Vec<usize>>,
    ) -> usize {
        set.sort_unstable();
        set.dedup();
        if let Some(&id) = ids.get(&set) {
            return id;
        }
        let id = sets.len();
        ids.insert(set.clone(), id);
        sets.push(set);
        id
    }

    let mut b0 = Vec::new();
    close(b, &mut b0, 0);
    let b0 = intern(b0, &mut ids, &mut sets);
    let mut a0 = Vec::new();
    close(a, &mut a0, 0);

    let mut seen: HashSet<(usize, usize)> = HashSet::new();
    let mut queue: VecDeque<(usize, usize)> = VecDeque::new();
    for &i in &a0 {
        if seen.insert((i, b0)) {
            queue.push_back((i, b0));
        }
    }
    while let Some((i, s)) = queue.pop_front() {
        if seen.len() > LIMIT {
            return false;
        }
        let set = sets[s].clone();
        if i == a.len() && !set.contains(&b.len()) {
            return false;
        }
        for &sym in &alphabet {
            let Some(ni) = step(a, i, sym) else { continue };
            let mut next = Vec::new();
            for &p in &set {
                if let Some(q) = step(b, p, sym) {
                    close(b, &mut next, q);
                }
            }
            let ns = intern(next, &mut ids, &mut sets);
            let mut nis = Vec::new();
            close(a, &mut nis, ni);
            for nj in nis {
                if seen.insert((nj, ns)) {
                    queue.push_back((nj, ns));
                }
            }
        }
    }
    true
}

/// The alphabet of two patterns: their literal characters and one symbol
/// for every other character.
fn alphabet(a: &[Tok], b: &[Tok]) -> Vec<Sym> {
    let mut out: Vec<Sym> = a
        .iter()
        .chain(b)
        .filter_map(|t| match t {
            Tok::Lit(c) => Some(Some(*c)),
            _ => None,
        })
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    out.push(None);
    out
}

/// [`included`] for `b` shorter than 128 tokens: the same exploration with
/// `b`'s position sets as bit masks.
fn included_small(a: &[Tok], b: &[Tok]) -> bool {
    let alphabet = alphabet(a, b);
    // closure[p]: p and the positions after the stars that follow it.
    let closure: Vec<u128> = (0..=b.len())
        .map(|p| {
            let mut set = Vec::new();
            close(b, &mut set, p);
            set.iter().fold(0u128, |m, &q| m | 1u128 << q)
        })
        .collect();
    let accept = 1u128 << b.len();
    let advance = |set: u128, sym: Sym| -> u128 {
        let mut next = 0u128;
        let mut rest = set;
        while rest != 0 {
            let p = rest.trailing_zeros() as usize;
            rest &= rest - 1;
            if let Some(q) = step(b, p, sym) {
                next |= closure[q];
            }
        }
        next
    };
    let mut a0 = Vec::new();
    close(a, &mut a0, 0);
    let mut seen: HashSet<(usize, u128)> = HashSet::new();
    let mut queue: VecDeque<(usize, u128)> = VecDeque::new();
    for i in a0 {
        if seen.insert((i, closure[0])) {
            queue.push_back((i, closure[0]));
        }
    }
    while let Some((i, set)) = queue.pop_front() {
        if seen.len() > LIMIT {
            return false;
        }
        if i == a.len() && set & accept == 0 {
            return false;
        }
        for &sym in &alphabet {
            let Some(ni) = step(a, i, sym) else { continue };
            let next = advance(set, sym);
            let mut nis = Vec::new();
            close(a, &mut nis, ni);
            for nj in nis {
                if seen.insert((nj, next)) {
                    queue.push_back((nj, next));
                }
            }
        }
    }
    true
}

fn intersects(a: &[Tok], b: &[Tok]) -> bool {
    // Where both start (end) with literals, those must agree.
    let clash = |x: &mut dyn Iterator<Item = char>, y: &mut dyn Iterator<Item = char>| {
        x.zip(y).any(|(c, d)| c != d)
    };
    if clash(&mut literal_prefix(a), &mut literal_prefix(b))
        || clash(&mut literal_suffix(a), &mut literal_suffix(b))
    {
        return false;
    }
    let (n, m) = (a.len(), b.len());
    let mut seen = vec![false; (n + 1) * (m + 1)];
    let mut stack = vec![(0usize, 0usize)];
    while let Some((i, j)) = stack.pop() {
        let idx = i * (m + 1) + j;
        if seen[idx] {
            continue;
        }
        seen[idx] = true;
        if i == n && j == m {
            return true;
        }
        if a.get(i) == Some(&Tok::Star) {
            stack.push((i + 1, j));
        }
        if b.get(j) == Some(&Tok::Star) {
            stack.push((i, j + 1));
        }
        let (Some(x), Some(y)) = (a.get(i), b.get(j)) else {
            continue;
        };
        if let (Tok::Lit(c), Tok::Lit(d)) = (x, y) {
            if c != d {
                continue;
            }
        }
        // Both consume one common character; a star stays where it is.
        let ni = if *x == Tok::Star { i } else { i + 1 };
        let nj = if *y == Tok::Star { j } else { j + 1 };
        if (ni, nj) != (i, j) {
            stack.push((ni, nj));
        } else {
            // Two stars reading together change nothing; the epsilon
            // moves above already cover what follows.
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inc(a: &str, b: &str) -> bool {
        Pattern::new(a, false).included_in(&Pattern::new(b, false))
    }

    fn meet(a: &str, b: &str) -> bool {
        Pattern::new(a, false).intersects(&Pattern::new(b, false))
    }

    /// Brute force over every string of length ≤ 5 over a small alphabet.
    fn words() -> Vec<String> {
        let mut out = vec![String::new()];
        let mut frontier = vec![String::new()];
        for _ in 0..5 {
            let mut next = Vec::new();
            for w in &frontier {
                for c in ['a', 'b', 'x'] {
                    next.push(format!("{w}{c}"));
                }
            }
            out.extend(next.iter().cloned());
            frontier = next;
        }
        out
    }

    fn matches(p: &str, w: &str) -> bool {
        warden_catalog::glob::glob_match(p, w, false)
    }

    #[test]
    fn inclusion_examples() {
        assert!(inc("iam:GetCredentialReport", "iam:Get*"));
        assert!(!inc("iam:*CredentialReport", "iam:Get*"));
        assert!(inc("a*b*c", "a*c"));
        assert!(!inc("a*c", "a*b*c"));
        assert!(inc("a?c", "a*"));
        assert!(!inc("a*", "a?*"));
        assert!(inc("a?*", "a*"));
        assert!(inc("**", "*"));
        assert!(inc("*", "**"));
        assert!(inc("", "*"));
        assert!(!inc("*", ""));
        assert!(inc("ab*ab", "*ab"));
        assert!(!inc("*ab", "ab*ab"));
        assert!(inc("*a*", "*"));
        assert!(!inc("*", "*a*"));
        assert!(inc("a?", "??"));
        assert!(!inc("??", "a?"));
        assert!(Pattern::new("S3:GETOBJECT", true).included_in(&Pattern::new("s3:get*", true)));
        assert!(!Pattern::new("S3:GETOBJECT", false).included_in(&Pattern::new("s3:get*", false)));
    }

    #[test]
    fn intersection_examples() {
        assert!(meet("a*", "*b"));
        assert!(!meet("a*", "b*"));
        assert!(meet("?", "a"));
        assert!(!meet("??", "a"));
        assert!(meet("*x*", "a*b"));
        assert!(!meet("abc", "abd"));
        assert!(meet("", "*"));
        assert!(!meet("", "?"));
    }

    #[test]
    fn agrees_with_brute_force() {
        let pats = [
            "", "*", "**", "a", "a*", "*a", "*a*", "a?", "?a", "??", "a*b", "a*b*", "*ab*",
            "ab*ab", "*ab", "a?b", "?*", "*?*", "x*a?", "a*a*a", "b",
        ];
        let ws = words();
        for p in pats {
            for q in pats {
                let brute_inc = ws.iter().all(|w| !matches(p, w) || matches(q, w));
                let brute_meet = ws.iter().any(|w| matches(p, w) && matches(q, w));
                // Short patterns over {a, b}: counterexamples, when any, are short.
                assert_eq!(inc(p, q), brute_inc, "{p:?} ⊆ {q:?}");
                assert_eq!(meet(p, q), brute_meet, "{p:?} ∩ {q:?}");
                // The two explorations agree (the fast paths aside).
                let (a, b) = (Pattern::new(p, false), Pattern::new(q, false));
                assert_eq!(
                    included_small(&a.toks, &b.toks),
                    included_general(&a.toks, &b.toks),
                    "{p:?} ⊆ {q:?}"
                );
                assert_eq!(
                    included_general(&a.toks, &b.toks),
                    brute_inc,
                    "{p:?} ⊆ {q:?}"
                );
            }
        }
    }
}
