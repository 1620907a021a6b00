//! Finite automata over characters, and the partition of all strings into
//! the regions that a set of patterns cannot tell apart.
//!
//! Every string-valued part of a request (the action, the resource, a string
//! condition key) is tested by policies only through patterns: globs, literal
//! comparisons (case-sensitive or not), ARN patterns matched field by field,
//! the resource's service field. Each pattern is a regular language, built
//! here as a small NFA ("chains" of single-character steps and starred
//! steps). Two strings accepted by exactly the same patterns are
//! indistinguishable to the policies, so the prover only needs one
//! representative per *region*: per set of patterns that some string is
//! accepted by exactly. [`regions`] finds every non-empty region with a
//! shortest witness by exploring the product automaton breadth first; a
//! product state is the set of live NFA states of every pattern, kept
//! sparse so that hundreds of literal patterns cost about as much as the
//! trie of their text.
//!
//! The alphabet is infinite (all of Unicode), but a product state only
//! distinguishes the characters named on its live transitions; every other
//! character behaves the same, so one "other" character stands for them all.

use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::VecDeque;
use warden_eval::glob::{lower, Token};

/// What one step of a chain accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Label {
    /// Exactly this character.
    Char(char),
    /// Any character whose lower case (as the evaluator folds it) is this one.
    Fold(char),
    /// Any character equal to this one ignoring ASCII case only.
    AsciiFold(char),
    /// Any character.
    Any,
    /// Any character but `:` (inside an ARN field).
    NotColon,
    /// An ASCII digit.
    Digit,
}

impl Label {
    /// Whether the label accepts `x`.
    pub fn accepts(self, x: char) -> bool {
        match self {
            Label::Char(c) => x == c,
            Label::Fold(c) => lower(x) == c,
            Label::AsciiFold(c) => x.to_ascii_lowercase() == c,
            Label::Any => true,
            Label::NotColon => x != ':',
            Label::Digit => x.is_ascii_digit(),
        }
    }

    /// The characters this label names specifically: a character outside
    /// every such set behaves like any other outside it.
    fn named(self, out: &mut Vec<char>) {
        match self {
            Label::Char(c) => out.push(c),
            Label::Fold(c) => {
                out.push(c);
                out.extend(fold_preimages(c));
            }
            Label::AsciiFold(c) => {
                out.push(c);
                out.push(c.to_ascii_uppercase());
            }
            Label::Any => {}
            Label::NotColon => out.push(':'),
            // Digits not named elsewhere behave alike; `regions` adds one.
            Label::Digit => out.push(DIGIT_MARK),
        }
    }
}

/// Stands in the named set for "some digit"; replaced by an unnamed digit.
const DIGIT_MARK: char = '\u{0}';

/// The characters other than `c` that the evaluator's case folding maps to `c`.
fn fold_preimages(c: char) -> Vec<char> {
    let mut v: Vec<char> = Vec::new();
    if c.is_ascii() {
        let up = c.to_ascii_uppercase();
        if up != c {
            v.push(up);
        }
        // Two non-ASCII characters fold onto ASCII letters.
        for special in ['\u{212A}', '\u{0130}'] {
            if lower(special) == c {
                v.push(special);
            }
        }
    } else {
        v.extend(
            c.to_uppercase()
                .chain(std::iter::once(c))
                .filter(|&u| u != c && lower(u) == c),
        );
        // Rare characters with several preimages: scan the planes once.
        let more: Vec<char> = (0x80u32..0x2_0000)
            .filter_map(char::from_u32)
            .filter(|&u| u != c && lower(u) == c && !v.contains(&u))
            .collect();
        v.extend(more);
    }
    v
}

/// One step of a chain.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Step {
    /// Exactly one character accepted by the label.
    One(Label),
    /// Zero or more characters, each accepted by the label.
    Many(Label),
}

/// A sequence of steps: a restricted regular expression that covers globs.
pub type Chain = Vec<Step>;

/// The chain of an evaluator glob (its tokens), with `*`/`?` limited to
/// `wild` (e.g. [`Label::NotColon`] inside ARN fields).
pub fn chain_of_tokens(tokens: &[Token], fold: bool, wild: Label) -> Chain {
    tokens
        .iter()
        .map(|t| match *t {
            Token::Char(c) if fold => Step::One(Label::Fold(c)),
            Token::Char(c) => Step::One(Label::Char(c)),
            Token::One => Step::One(wild),
            Token::Star => Step::Many(wild),
        })
        .collect()
}

/// A chain that accepts exactly `text`.
pub fn chain_literal(text: &str) -> Chain {
    text.chars().map(|c| Step::One(Label::Char(c))).collect()
}

/// An NFA: the union of some chains. States are numbered; each chain of
/// length n has n + 1 states, the last accepting.
#[derive(Debug, Clone)]
pub struct Nfa {
    /// Per state: the step leaving it (`None` for accepting states).
    steps: Vec<Option<Step>>,
    /// The initial states, closed under ε.
    start: Vec<u32>,
}

impl Nfa {
    /// The union of `chains`.
    pub fn union(chains: &[Chain]) -> Nfa {
        let mut steps = Vec::new();
        let mut start = Vec::new();
        for chain in chains {
            let base = steps.len() as u32;
            start.push(base);
            steps.extend(chain.iter().map(|s| Some(*s)));
            steps.push(None);
        }
        let mut nfa = Nfa {
            steps,
            start: Vec::new(),
        };
        let mut closed = Vec::new();
        for s in start {
            nfa.close(s, &mut closed);
        }
        closed.sort_unstable();
        closed.dedup();
        nfa.start = closed;
        nfa
    }

    /// Adds `s` and everything reachable from it by skipping starred steps.
    fn close(&self, mut s: u32, out: &mut Vec<u32>) {
        loop {
            out.push(s);
            match self.steps.get(s as usize) {
                Some(Some(Step::Many(_))) => s += 1,
                _ => return,
            }
        }
    }

    fn accepting(&self, s: u32) -> bool {
        matches!(self.steps.get(s as usize), Some(None))
    }

    /// The states after reading `x` from `states`, closed and sorted.
    fn next(&self, states: &[u32], x: char, out: &mut Vec<u32>) {
        out.clear();
        for &s in states {
            match self.steps.get(s as usize) {
                Some(Some(Step::One(l))) if l.accepts(x) => self.close(s + 1, out),
                Some(Some(Step::Many(l))) if l.accepts(x) => self.close(s, out),
                _ => {}
            }
        }
        out.sort_unstable();
        out.dedup();
    }

    fn named(&self, states: &[u32], out: &mut Vec<char>) {
        for &s in states {
            if let Some(Some(Step::One(l) | Step::Many(l))) = self.steps.get(s as usize) {
                l.named(out);
            }
        }
    }

    /// Whether the NFA accepts `text` (used to classify given strings).
    pub fn accepts(&self, text: &str) -> bool {
        let mut cur = self.start.clone();
        let mut nxt = Vec::new();
        for x in text.chars() {
            self.next(&cur, x, &mut nxt);
            std::mem::swap(&mut cur, &mut nxt);
            if cur.is_empty() {
                return false;
            }
        }
        cur.iter().any(|&s| self.accepting(s))
    }
}

/// A pattern: the intersection of some NFAs (e.g. a resource glob and the
/// literal service field that the evaluator also compares).
#[derive(Debug, Clone)]
pub struct Pattern {
    /// The NFAs that must all accept.
    pub parts: Vec<Nfa>,
}

impl Pattern {
    /// A pattern of one NFA.
    pub fn single(nfa: Nfa) -> Pattern {
        Pattern { parts: vec![nfa] }
    }

    /// Whether the pattern accepts `text`.
    pub fn accepts(&self, text: &str) -> bool {
        self.parts.iter().all(|n| n.accepts(text))
    }
}

/// A set of patterns as a bitset over their indices.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Signature(pub Vec<u64>);

impl Signature {
    fn with_len(n: usize) -> Signature {
        Signature(vec![0; n.div_ceil(64)])
    }

    fn set(&mut self, i: usize) {
        if let Some(w) = self.0.get_mut(i / 64) {
            *w |= 1 << (i % 64);
        }
    }

    /// Whether pattern `i` is in the set.
    pub fn has(&self, i: usize) -> bool {
        self.0.get(i / 64).is_some_and(|w| w >> (i % 64) & 1 == 1)
    }
}

/// One non-empty region: the patterns its strings match, and a shortest string in it.
#[derive(Debug, Clone)]
pub struct Region {
    /// The patterns that accept every string of the region (and no others do).
    pub signature: Signature,
    /// A shortest string of the region.
    pub witness: String,
    /// Whether the region holds infinitely many strings.
    pub infinite: bool,
}

/// Why the regions could not be computed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the product automaton of {patterns} patterns exceeded {limit} states")]
pub struct TooLarge {
    /// How many patterns.
    pub patterns: usize,
    /// The state limit.
    pub limit: usize,
}

/// Candidate characters for "anything not named here", in order of preference.
const OTHER: &[char] = &[
    'x', 'y', 'z', 'q', 'w', 'v', 'k', 'j', 'X', 'Z', '_', '~', '\u{E000}',
];

fn other_char(named: &[char]) -> char {
    OTHER
        .iter()
        .copied()
        .find(|c| !named.contains(c))
        // Every character is named: only possible with absurdly many
        // patterns, and then any unnamed private-use character will do.
        .unwrap_or_else(|| {
            (0xE001u32..0xF8FF)
                .filter_map(char::from_u32)
                .find(|c| !named.contains(c))
                .unwrap_or('\u{F8FF}')
        })
}

/// The sparse product state: (part id, its live NFA states) for live parts only.
type ProductState = Vec<(u32, Vec<u32>)>;

/// Every non-empty region of the patterns, each with a shortest witness.
/// `limit` bounds the number of product states explored.
pub fn regions(patterns: &[Pattern], limit: usize) -> Result<Vec<Region>, TooLarge> {
    // Flatten the parts; remember which pattern each belongs to.
    let mut parts: Vec<(&Nfa, usize)> = Vec::new();
    for (i, p) in patterns.iter().enumerate() {
        for n in &p.parts {
            parts.push((n, i));
        }
    }
    let signature_of = |st: &ProductState| -> Signature {
        // A pattern matches when every one of its parts is live and accepting.
        let mut accepting = vec![0u32; patterns.len()];
        for (pid, states) in st {
            let (nfa, pat) = parts[*pid as usize];
            if states.iter().any(|&s| nfa.accepting(s)) {
                accepting[pat] += 1;
            }
        }
        let mut sig = Signature::with_len(patterns.len());
        for (i, p) in patterns.iter().enumerate() {
            if accepting[i] as usize == p.parts.len() && !p.parts.is_empty() {
                sig.set(i);
            }
        }
        sig
    };
    let start: ProductState = parts
        .iter()
        .enumerate()
        .filter(|(_, (n, _))| !n.start.is_empty())
        .map(|(i, (n, _))| (i as u32, n.start.clone()))
        .collect();

    // Breadth-first: the first string that reaches a state is a shortest one.
    let mut index: FxHashMap<ProductState, u32> = FxHashMap::default();
    let mut states: Vec<ProductState> = Vec::new();
    let mut witness: Vec<(u32, char)> = Vec::new(); // (parent, char) per state
    let mut edges: Vec<Vec<u32>> = Vec::new();
    index.insert(start.clone(), 0);
    states.push(start);
    witness.push((u32::MAX, '\0'));
    edges.push(Vec::new());
    let mut queue = VecDeque::from([0u32]);
    let mut named = Vec::new();
    let mut buf = Vec::new();
    while let Some(id) = queue.pop_front() {
        let st = states[id as usize].clone();
        if st.is_empty() {
            continue; // dead: every extension stays dead
        }
        named.clear();
        for (pid, ss) in &st {
            parts[*pid as usize].0.named(ss, &mut named);
        }
        named.sort_unstable();
        named.dedup();
        if named.first() == Some(&DIGIT_MARK) {
            named.remove(0);
            // One digit no label names stands for all such digits.
            if let Some(d) = ('0'..='9').find(|d| !named.contains(d)) {
                named.push(d);
            }
        }
        let other = other_char(&named);
        let mut alphabet = named.clone();
        alphabet.push(other);
        for &x in &alphabet {
            let mut next: ProductState = Vec::new();
            for (pid, ss) in &st {
                parts[*pid as usize].0.next(ss, x, &mut buf);
                if !buf.is_empty() {
                    next.push((*pid, buf.clone()));
                }
            }
            let target = match index.get(&next) {
                Some(&t) => t,
                None => {
                    if states.len() >= limit {
                        return Err(TooLarge {
                            patterns: patterns.len(),
                            limit,
                        });
                    }
                    let t = states.len() as u32;
                    index.insert(next.clone(), t);
                    states.push(next);
                    witness.push((id, x));
                    edges.push(Vec::new());
                    queue.push_back(t);
                    t
                }
            };
            if let Some(e) = edges.get_mut(id as usize) {
                e.push(target);
            }
        }
    }

    let dead: Vec<bool> = states.iter().map(Vec::is_empty).collect();
    let infinite = on_or_after_cycle(&edges, &dead);
    let mut by_sig: FxHashMap<Signature, usize> = FxHashMap::default();
    let mut out: Vec<Region> = Vec::new();
    for (id, st) in states.iter().enumerate() {
        let sig = signature_of(st);
        match by_sig.get(&sig) {
            Some(&r) => {
                if infinite[id] {
                    out[r].infinite = true;
                }
            }
            None => {
                by_sig.insert(sig.clone(), out.len());
                out.push(Region {
                    signature: sig,
                    witness: spell(&witness, id as u32),
                    infinite: infinite[id],
                });
            }
        }
    }
    Ok(out)
}

/// The string that first reached state `id`.
fn spell(witness: &[(u32, char)], mut id: u32) -> String {
    let mut chars = Vec::new();
    while let Some(&(parent, c)) = witness.get(id as usize) {
        if parent == u32::MAX {
            break;
        }
        chars.push(c);
        id = parent;
    }
    chars.iter().rev().collect()
}

/// For each state: whether infinitely many strings reach it, i.e. it is
/// reachable from a state that lies on a cycle. The "other" edge of a dead
/// state is not recorded, so the dead state (reached by infinitely many
/// strings whenever any string reaches it) is marked by its in-edges.
fn on_or_after_cycle(edges: &[Vec<u32>], dead: &[bool]) -> Vec<bool> {
    let n = edges.len();
    // Tarjan's SCC, iteratively.
    let mut index = vec![u32::MAX; n];
    let mut low = vec![0u32; n];
    let mut on_stack = vec![false; n];
    let mut stack: Vec<u32> = Vec::new();
    let mut comp = vec![u32::MAX; n];
    let mut cyclic_comp: Vec<bool> = Vec::new();
    let mut counter = 0u32;
    for root in 0..n {
        if index[root] != u32::MAX {
            continue;
        }
        let mut call: Vec<(u32, usize)> = vec![(root as u32, 0)];
        index[root] = counter;
        low[root] = counter;
        counter += 1;
        stack.push(root as u32);
        on_stack[root] = true;
        while let Some(&mut (v, ref mut i)) = call.last_mut() {
            let vu = v as usize;
            if let Some(&w) = edges[vu].get(*i) {
                *i += 1;
                let wu = w as usize;
                if index[wu] == u32::MAX {
                    index[wu] = counter;
                    low[wu] = counter;
                    counter += 1;
                    stack.push(w);
                    on_stack[wu] = true;
                    call.push((w, 0));
                } else if on_stack[wu] {
                    low[vu] = low[vu].min(index[wu]);
                }
            } else {
                call.pop();
                if let Some(&(p, _)) = call.last() {
                    low[p as usize] = low[p as usize].min(low[vu]);
                }
                if low[vu] == index[vu] {
                    let c = cyclic_comp.len() as u32;
                    let mut size = 0;
                    let mut self_loop = false;
                    while let Some(w) = stack.pop() {
                        on_stack[w as usize] = false;
                        comp[w as usize] = c;
                        size += 1;
                        if edges[w as usize].contains(&w) {
                            self_loop = true;
                        }
                        if w == v {
                            break;
                        }
                    }
                    cyclic_comp.push(size > 1 || self_loop);
                }
            }
        }
    }
    // A dead state (no live parts) is reached by every extension of a
    // string that reaches it: infinitely many strings.
    let mut mark = vec![false; n];
    let mut work: Vec<usize> = Vec::new();
    for v in 0..n {
        if cyclic_comp.get(comp[v] as usize).copied().unwrap_or(false) || dead[v] {
            mark[v] = true;
            work.push(v);
        }
    }
    while let Some(v) = work.pop() {
        for &w in &edges[v] {
            if !mark[w as usize] {
                mark[w as usize] = true;
                work.push(w as usize);
            }
        }
    }
    mark
}

/// A set of distinct characters, for quick membership tests in callers.
pub fn char_set(chars: &[char]) -> FxHashSet<char> {
    chars.iter().copied().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use warden_eval::glob::Glob;

    fn glob(p: &str, fold: bool) -> Pattern {
        Pattern::single(Nfa::union(&[chain_of_tokens(
            &Glob::new(p, fold).tokens(),
            fold,
            Label::Any,
        )]))
    }

    #[test]
    fn nfa_agrees_with_the_evaluator_glob() {
        let cases = [
            ("s3:get*", "s3:getobject"),
            ("s3:get*", "s3:put"),
            ("*a*a*b", "aaaaab"),
            ("*a*a*b", "aaaa"),
            ("a?c", "abc"),
            ("a?c", "ac"),
            ("", ""),
            ("*", ""),
        ];
        for (p, t) in cases {
            assert_eq!(
                glob(p, false).accepts(t),
                Glob::new(p, false).matches(t),
                "{p} {t}"
            );
        }
    }

    #[test]
    fn regions_of_overlapping_globs() {
        let pats = [
            glob("s3:get*", true),
            glob("s3:*", true),
            glob("ec2:*", true),
        ];
        let rs = regions(&pats, 10_000).unwrap();
        // {get,s3}, {s3}, {ec2}, {} are the non-empty regions.
        assert_eq!(rs.len(), 4, "{rs:?}");
        for r in &rs {
            for (i, p) in pats.iter().enumerate() {
                assert_eq!(r.signature.has(i), p.accepts(&r.witness), "{r:?}");
            }
        }
    }

    #[test]
    fn finite_and_infinite_regions() {
        let pats = [glob("abc", false), glob("ab*", false)];
        let rs = regions(&pats, 1000).unwrap();
        let lit = rs.iter().find(|r| r.witness == "abc").unwrap();
        assert!(!lit.infinite);
        let star = rs
            .iter()
            .find(|r| r.signature.has(1) && !r.signature.has(0))
            .unwrap();
        assert!(star.infinite);
        let none = rs
            .iter()
            .find(|r| r.signature == Signature(vec![0]))
            .unwrap();
        assert!(none.infinite);
    }

    #[test]
    fn folded_patterns_see_both_cases() {
        let pats = [glob("abc", true), glob("ABC", false)];
        let rs = regions(&pats, 1000).unwrap();
        // "ABC" matches both; "abc" only the folded one.
        assert!(rs.iter().any(|r| r.signature.has(0) && r.signature.has(1)));
        assert!(rs.iter().any(|r| r.signature.has(0) && !r.signature.has(1)));
    }
}
