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
use std::borrow::Borrow;
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
    /// Any character but `/` (a role name inside a role session's ARN).
    NotSlash,
    /// An ASCII digit.
    Digit,
    /// Any character but a mark (see [`MARK`]).
    Real,
    /// Any character but `:` or a mark.
    RealNotColon,
    /// Any character but `:` or an open mark (see [`OPEN_MARK`]).
    NotColonNorOpenMark,
}

/// The first *mark*: a private-use character that stands for a piece of
/// a policy variable's value without a colon, in the templated-test lemmas
/// (no policy or request needs these characters: globs treat every
/// character they do not name alike).
pub const MARK: u32 = 0xF_0000;

/// The first *open mark*: stands for a piece of a value that may hold a
/// colon.
pub const OPEN_MARK: u32 = 0x10_0000;

impl Label {
    /// Whether the label accepts `x`.
    pub fn accepts(self, x: char) -> bool {
        match self {
            Label::Char(c) => x == c,
            Label::Fold(c) => lower(x) == c,
            Label::AsciiFold(c) => x.to_ascii_lowercase() == c,
            Label::Any => true,
            Label::NotColon => x != ':',
            Label::NotSlash => x != '/',
            Label::Digit => x.is_ascii_digit(),
            Label::Real => (x as u32) < MARK,
            Label::RealNotColon => x != ':' && (x as u32) < MARK,
            Label::NotColonNorOpenMark => x != ':' && (x as u32) < OPEN_MARK,
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
            // Marks are named by the automata that use these labels
            // ([`Nfa::union_naming`]).
            Label::Any | Label::Real => {}
            Label::NotColon | Label::RealNotColon | Label::NotColonNorOpenMark => out.push(':'),
            Label::NotSlash => out.push('/'),
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
/// length n has n + 1 states, the last accepting. State sets are bitsets
/// of `words` 64-bit words; a step is two masks per character class (the
/// states whose single step, resp. starred step, accepts the character),
/// so reading a character is a few word operations.
#[derive(Debug, Clone)]
pub struct Nfa {
    words: usize,
    start: Vec<u64>,
    accept: Vec<u64>,
    /// States with a starred step: ε-closure moves from each to the next.
    many: Vec<u64>,
    /// The named characters, sorted.
    chars: Vec<char>,
    /// For the `k`-th named character, the one-step mask at `2k` and the
    /// starred-step mask at `2k + 1` (each `words` long); the masks of
    /// every character not named come last. One buffer for all of them:
    /// automata are built by the thousand for long action lists.
    masks: Vec<u64>,
    /// The characters each state's outgoing step names (digits spelled
    /// out): state `i`'s are `named[named_from[i]..named_from[i + 1]]`.
    named: Vec<char>,
    named_from: Vec<u32>,
    /// For ASCII characters: the index in `chars`, or `u16::MAX` for "other".
    ascii: Vec<u16>,
}

fn bit(v: &mut [u64], i: usize) {
    if let Some(w) = v.get_mut(i / 64) {
        *w |= 1 << (i % 64);
    }
}

impl Nfa {
    /// The union of `chains`.
    pub fn union(chains: &[Chain]) -> Nfa {
        Nfa::union_naming(chains, &[])
    }

    /// The union of `chains`, with the characters `also` told apart from
    /// the rest (the marks, which the labels [`Label::Real`] and the like
    /// reject without naming them).
    pub fn union_naming(chains: &[Chain], also: &[char]) -> Nfa {
        let mut steps: Vec<Option<Step>> = Vec::new();
        let mut starts = Vec::new();
        for chain in chains {
            starts.push(steps.len());
            steps.extend(chain.iter().map(|s| Some(*s)));
            steps.push(None);
        }
        let n = steps.len();
        let words = n.div_ceil(64).max(1);
        let mut accept = vec![0u64; words];
        let mut many = vec![0u64; words];
        let mut named = Vec::new();
        let mut named_from = Vec::with_capacity(n + 1);
        for (i, s) in steps.iter().enumerate() {
            named_from.push(named.len() as u32);
            let from = named.len();
            match s {
                None => bit(&mut accept, i),
                Some(Step::Many(l)) => {
                    bit(&mut many, i);
                    l.named(&mut named);
                }
                Some(Step::One(l)) => l.named(&mut named),
            }
            if named[from..].contains(&DIGIT_MARK) {
                named.retain(|&c| c != DIGIT_MARK);
                named.extend('0'..='9');
            }
        }
        named_from.push(named.len() as u32);
        let mut chars = named.clone();
        chars.extend_from_slice(also);
        chars.sort_unstable();
        chars.dedup();
        // Every character no label names is taken by the wildcard steps
        // only; a named character starts from those masks, loses a
        // wildcard step that excludes it (`:` for `NotColon`, `/` for
        // `NotSlash`), and gains the steps that name it. A step names
        // exactly the characters its label takes, apart from wildcards.
        let stride = 2 * words;
        let mut masks = vec![0u64; stride * (chars.len() + 1)];
        let other = chars.len() * stride;
        for (i, s) in steps.iter().enumerate() {
            let (star, l) = match s {
                Some(Step::One(l)) => (false, *l),
                Some(Step::Many(l)) => (true, *l),
                None => continue,
            };
            if matches!(
                l,
                Label::Any
                    | Label::NotColon
                    | Label::NotSlash
                    | Label::Real
                    | Label::RealNotColon
                    | Label::NotColonNorOpenMark
            ) {
                let off = usize::from(star) * words;
                bit(&mut masks[other + off..other + off + words], i);
                for (k, &c) in chars.iter().enumerate() {
                    if l.accepts(c) {
                        let at = k * stride + off;
                        bit(&mut masks[at..at + words], i);
                    }
                }
            } else {
                let (lo, hi) = (named_from[i] as usize, named_from[i + 1] as usize);
                for &c in &named[lo..hi] {
                    if let Ok(k) = chars.binary_search(&c) {
                        let at = k * stride + usize::from(star) * words;
                        bit(&mut masks[at..at + words], i);
                    }
                }
            }
        }
        let mut ascii = vec![u16::MAX; 128];
        for (k, &c) in chars.iter().enumerate() {
            if let (Some(slot), Ok(k)) = (ascii.get_mut(c as usize), u16::try_from(k)) {
                *slot = k;
            }
        }
        let mut start = vec![0u64; words];
        for s in starts {
            bit(&mut start, s);
        }
        let mut nfa = Nfa {
            words,
            start: Vec::new(),
            accept,
            many,
            chars,
            masks,
            named,
            named_from,
            ascii,
        };
        nfa.close(&mut start);
        nfa.start = start;
        nfa
    }

    /// Adds the states reachable by skipping starred steps.
    fn close(&self, set: &mut [u64]) {
        loop {
            let mut changed = false;
            let mut carry = 0u64;
            for (w, m) in set.iter_mut().zip(&self.many) {
                let moved = ((*w & m) << 1) | carry;
                carry = (*w & m) >> 63;
                let new = *w | moved;
                changed |= new != *w;
                *w = new;
            }
            if !changed {
                return;
            }
        }
    }

    fn masks(&self, x: char) -> (&[u64], &[u64]) {
        let k = match self.ascii.get(x as usize) {
            Some(&i) if i != u16::MAX => usize::from(i),
            Some(_) => self.chars.len(),
            None => self.chars.binary_search(&x).unwrap_or(self.chars.len()),
        };
        let at = k * 2 * self.words;
        let one = self.masks.get(at..at + self.words).unwrap_or_default();
        let star = self
            .masks
            .get(at + self.words..at + 2 * self.words)
            .unwrap_or_default();
        (one, star)
    }

    /// The states after reading `x` from `set`, closed; written to `out`.
    fn next(&self, set: &[u64], x: char, out: &mut [u64]) {
        // Most automata (one pattern each) fit one word: no carries, and the
        // closure under starred steps is a few shifts.
        if let ([s], [slot], [many]) = (set, &mut *out, self.many.as_slice()) {
            let (one, star) = self.masks(x);
            let (one, star) = (
                one.first().copied().unwrap_or(0),
                star.first().copied().unwrap_or(0),
            );
            let mut w = ((s & one) << 1) | (s & star);
            loop {
                let next = w | ((w & many) << 1);
                if next == w {
                    break;
                }
                w = next;
            }
            *slot = w;
            return;
        }
        let (one, star) = self.masks(x);
        let mut carry = 0u64;
        for (i, slot) in out.iter_mut().enumerate().take(self.words) {
            let s = set.get(i).copied().unwrap_or(0);
            let o = s & one.get(i).copied().unwrap_or(0);
            *slot = (o << 1) | carry | (s & star.get(i).copied().unwrap_or(0));
            carry = o >> 63;
        }
        self.close(out);
    }

    /// Adds the characters named by the steps leaving the states of `set`.
    fn named_in(&self, set: &[u64], out: &mut Vec<char>) {
        for (wi, &w) in set.iter().enumerate() {
            let mut bits = w;
            while bits != 0 {
                let b = bits.trailing_zeros() as usize;
                bits &= bits - 1;
                let i = wi * 64 + b;
                if let (Some(&lo), Some(&hi)) = (self.named_from.get(i), self.named_from.get(i + 1))
                {
                    out.extend_from_slice(
                        self.named.get(lo as usize..hi as usize).unwrap_or_default(),
                    );
                }
            }
        }
    }

    fn accepting(&self, set: &[u64]) -> bool {
        set.iter().zip(&self.accept).any(|(a, b)| a & b != 0)
    }

    /// Whether the NFA accepts `text` (used to classify given strings).
    pub fn accepts(&self, text: &str) -> bool {
        let mut cur = self.start.clone();
        let mut nxt = vec![0u64; self.words];
        for x in text.chars() {
            self.next(&cur, x, &mut nxt);
            std::mem::swap(&mut cur, &mut nxt);
            if cur.iter().all(|w| *w == 0) {
                return false;
            }
        }
        self.accepting(&cur)
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

/// The sparse product state, flattened: for each live part, its id and
/// then its state bitset.
type ProductState = Vec<u64>;

/// The product of some patterns' NFAs: the flattened parts, and the
/// operations both [`regions`] and [`check`] explore it with.
struct Product<'p> {
    /// Each part and the pattern it belongs to.
    parts: Vec<(&'p Nfa, usize)>,
}

impl<'p> Product<'p> {
    /// The product of the patterns `chosen` (all of them when `None`).
    fn new<P: Borrow<Pattern>>(patterns: &'p [P], chosen: Option<&[usize]>) -> Product<'p> {
        let mut parts = Vec::new();
        let all: Vec<usize> = (0..patterns.len()).collect();
        for &i in chosen.unwrap_or(&all) {
            if let Some(p) = patterns.get(i) {
                parts.extend(p.borrow().parts.iter().map(|n| (n, i)));
            }
        }
        Product { parts }
    }

    /// The initial product state.
    fn start(&self) -> ProductState {
        let mut start = Vec::new();
        for (i, (n, _)) in self.parts.iter().enumerate() {
            if n.start.iter().any(|w| *w != 0) {
                start.push(i as u64);
                start.extend_from_slice(&n.start);
            }
        }
        start
    }

    /// The live parts of a state and where their bitsets lie in it.
    fn live(&self, st: &ProductState) -> Vec<(usize, std::ops::Range<usize>)> {
        let mut out = Vec::new();
        let mut i = 0;
        while let Some(&pid) = st.get(i) {
            let pid = pid as usize;
            let w = self.parts.get(pid).map_or(0, |p| p.0.words);
            out.push((pid, i + 1..i + 1 + w));
            i += 1 + w;
        }
        out
    }

    /// Per pattern: how many of its parts are live, and how many accept.
    fn tally(&self, st: &ProductState) -> (FxHashMap<usize, usize>, FxHashMap<usize, usize>) {
        let mut alive: FxHashMap<usize, usize> = FxHashMap::default();
        let mut acc: FxHashMap<usize, usize> = FxHashMap::default();
        for (pid, r) in self.live(st) {
            let (nfa, pat) = self.parts[pid];
            *alive.entry(pat).or_default() += 1;
            if nfa.accepting(&st[r]) {
                *acc.entry(pat).or_default() += 1;
            }
        }
        (alive, acc)
    }

    /// Every distinct way to extend a live state by one character: the
    /// characters the live transitions name, in order, and one for all the
    /// others. A part moves on a character its current states do not name
    /// exactly as on that last one, so each part's move is computed only for
    /// the characters it names and once for the rest (with thousands of
    /// live parts, each naming a character or two, this is most of the
    /// work saved).
    fn successors(&self, st: &ProductState) -> Vec<(char, ProductState)> {
        let lp = self.live(st);
        // (character, index in `lp`) for every character a live part names.
        // As one integer each (character above, part below), so that sorting
        // them, the bulk of the work at states where thousands of parts
        // are live, compares machine words.
        let mut keys: Vec<u64> = Vec::new();
        let mut own: Vec<char> = Vec::new();
        for (k, (pid, r)) in lp.iter().enumerate() {
            own.clear();
            self.parts[*pid].0.named_in(&st[r.clone()], &mut own);
            keys.extend(own.iter().map(|&c| (u64::from(c) << 32) | k as u64));
        }
        keys.sort_unstable();
        keys.dedup();
        let named: Vec<(char, u32)> = keys
            .iter()
            .filter_map(|&key| Some((char::from_u32((key >> 32) as u32)?, key as u32)))
            .collect();
        let mut chars: Vec<char> = named.iter().map(|&(c, _)| c).collect();
        chars.dedup();
        let other = other_char(&chars);
        // Each part's move on the characters it does not name.
        let mut rest: Vec<u64> = Vec::with_capacity(st.len());
        let mut rest_at: Vec<std::ops::Range<usize>> = Vec::with_capacity(lp.len());
        for (pid, r) in &lp {
            let nfa = self.parts[*pid].0;
            let from = rest.len();
            rest.resize(from + nfa.words, 0);
            nfa.next(&st[r.clone()], other, &mut rest[from..]);
            rest_at.push(from..rest.len());
        }
        let live = |w: &[u64]| w.iter().any(|x| *x != 0);
        let mut out = Vec::with_capacity(chars.len() + 1);
        let mut stamp = vec![usize::MAX; lp.len()];
        let mut buf: Vec<u64> = Vec::new();
        for (g, group) in named.chunk_by(|a, b| a.0 == b.0).enumerate() {
            let x = group[0].0;
            for &(_, k) in group {
                stamp[k as usize] = g;
            }
            let mut next: ProductState = Vec::with_capacity(st.len());
            for (k, (pid, r)) in lp.iter().enumerate() {
                if stamp[k] == g {
                    let nfa = self.parts[*pid].0;
                    buf.clear();
                    buf.resize(nfa.words, 0);
                    nfa.next(&st[r.clone()], x, &mut buf);
                    if live(&buf) {
                        next.push(*pid as u64);
                        next.extend_from_slice(&buf);
                    }
                } else if live(&rest[rest_at[k].clone()]) {
                    next.push(*pid as u64);
                    next.extend_from_slice(&rest[rest_at[k].clone()]);
                }
            }
            out.push((x, next));
        }
        let mut next: ProductState = Vec::with_capacity(st.len());
        for (k, (pid, _)) in lp.iter().enumerate() {
            if live(&rest[rest_at[k].clone()]) {
                next.push(*pid as u64);
                next.extend_from_slice(&rest[rest_at[k].clone()]);
            }
        }
        out.push((other, next));
        out
    }
}

/// Every non-empty region of the patterns, each with a shortest witness.
/// `limit` bounds the number of product states explored.
pub fn regions<P: Borrow<Pattern>>(patterns: &[P], limit: usize) -> Result<Vec<Region>, TooLarge> {
    let product = Product::new(patterns, None);
    let signature_of = |st: &ProductState| -> Signature {
        // A pattern matches when every one of its parts is live and accepting.
        let (_, acc) = product.tally(st);
        let mut sig = Signature::with_len(patterns.len());
        for (pat, n) in acc {
            if patterns
                .get(pat)
                .is_some_and(|p| p.borrow().parts.len() == n)
            {
                sig.set(pat);
            }
        }
        sig
    };
    let start = product.start();

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
    while let Some(id) = queue.pop_front() {
        let st = states[id as usize].clone();
        if st.is_empty() {
            continue; // dead: every extension stays dead
        }
        for (x, next) in product.successors(&st) {
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

/// The outcome of checking one truth assignment to a part's patterns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Check {
    /// A shortest string with exactly the wanted truth values.
    Witness(String),
    /// No string has them: every string accepted by all of `positives` is
    /// accepted by one of `negatives` (pattern indices). The clause
    /// "not all positives, or one of the negatives" is a valid lemma.
    Conflict {
        /// Patterns wanted true.
        positives: Vec<usize>,
        /// Patterns wanted false that cover the positives' intersection.
        negatives: Vec<usize>,
    },
}

/// Looks for a string on which pattern `i` holds exactly when `want[i]`.
///
/// The search is the product exploration of [`regions`], pruned to the
/// prefixes that can still be accepted by every wanted pattern, and it stops
/// at the first witness: when the wanted patterns are specific (the usual
/// case) this touches a sliver of the full product. If there is no witness,
/// the negatives seen accepting where all positives accepted are the
/// culprits of the conflict.
pub fn check<P: Borrow<Pattern>>(
    patterns: &[P],
    want: &[bool],
    limit: usize,
) -> Result<Check, TooLarge> {
    // Negatives are brought in only when a witness falls into one: most of
    // them are irrelevant to the positives, and tracking them all at once
    // multiplies the product for nothing.
    let positives: Vec<usize> = (0..patterns.len())
        .filter(|&i| want.get(i).copied().unwrap_or(false))
        .collect();
    let mut tracked: Vec<usize> = Vec::new();
    loop {
        let mut chosen = positives.clone();
        chosen.extend(&tracked);
        match check_some(patterns, &chosen, want, limit)? {
            Check::Witness(w) => {
                let bad: Vec<usize> = (0..patterns.len())
                    .filter(|&i| !want.get(i).copied().unwrap_or(false) && !tracked.contains(&i))
                    .filter(|&i| patterns[i].borrow().accepts(&w))
                    .collect();
                if bad.is_empty() {
                    return Ok(Check::Witness(w));
                }
                tracked.extend(bad);
            }
            conflict => return Ok(conflict),
        }
    }
}

/// [`check`] over the patterns `chosen` only (the others are ignored).
fn check_some<P: Borrow<Pattern>>(
    patterns: &[P],
    chosen: &[usize],
    want: &[bool],
    limit: usize,
) -> Result<Check, TooLarge> {
    let product = Product::new(patterns, Some(chosen));
    let positives: Vec<usize> = chosen
        .iter()
        .copied()
        .filter(|&i| want.get(i).copied().unwrap_or(false))
        .collect();
    let full = |m: &FxHashMap<usize, usize>, pat: usize| {
        m.get(&pat).copied().unwrap_or(0)
            == patterns
                .get(pat)
                .map_or(usize::MAX, |p| p.borrow().parts.len())
    };
    let start = product.start();
    let mut index: FxHashMap<ProductState, u32> = FxHashMap::default();
    let mut states: Vec<ProductState> = vec![start.clone()];
    let mut witness: Vec<(u32, char)> = vec![(u32::MAX, '\0')];
    index.insert(start, 0);
    let mut queue = VecDeque::from([0u32]);
    let mut culprits: Vec<usize> = Vec::new();
    while let Some(id) = queue.pop_front() {
        let st = states[id as usize].clone();
        let (alive, acc) = product.tally(&st);
        // Every wanted pattern must still be able to accept.
        if !positives.iter().all(|&p| full(&alive, p)) {
            continue;
        }
        if positives.iter().all(|&p| full(&acc, p)) {
            let bad: Vec<usize> = acc
                .keys()
                .copied()
                .filter(|&p| !want.get(p).copied().unwrap_or(false) && full(&acc, p))
                .collect();
            if bad.is_empty() {
                return Ok(Check::Witness(spell(&witness, id)));
            }
            culprits.extend(bad);
        }
        for (x, next) in product.successors(&st) {
            if index.contains_key(&next) {
                continue;
            }
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
            queue.push_back(t);
        }
    }
    culprits.sort_unstable();
    culprits.dedup();
    Ok(Check::Conflict {
        positives,
        negatives: culprits,
    })
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
    fn checks_find_witnesses_and_conflicts() {
        let pats = [
            glob("s3:get*", true),
            glob("s3:*", true),
            glob("ec2:*", true),
        ];
        let Check::Witness(w) = check(&pats, &[true, true, false], 1000).unwrap() else {
            panic!()
        };
        assert!(pats[0].accepts(&w) && pats[1].accepts(&w) && !pats[2].accepts(&w));
        // s3:get* lies inside s3:*: wanting the first without the second fails,
        // and the second is the culprit.
        assert_eq!(
            check(&pats, &[true, false, false], 1000).unwrap(),
            Check::Conflict {
                positives: vec![0],
                negatives: vec![1]
            }
        );
        // Disjoint positives conflict with no negative at all.
        assert_eq!(
            check(&pats, &[false, true, true], 1000).unwrap(),
            Check::Conflict {
                positives: vec![1, 2],
                negatives: vec![]
            }
        );
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
