//! IAM wildcard patterns (`*` any run of characters, `?` one character),
//! compiled once and matched in O(pattern × text) time at worst.
//!
//! The matcher is the greedy two-pointer algorithm that remembers only the
//! last `*`: a mismatch resumes from that star, never from earlier ones, so
//! patterns like `*a*a*a*a*b` cannot trigger exponential backtracking.
//! Characters that came from `${*}`/`${?}` escapes are literal tokens.

use warden_policy::template::{Part, Template};

/// One token of a compiled pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Token {
    /// A literal character.
    Char(char),
    /// `?`: exactly one character.
    One,
    /// `*`: any run of characters, possibly empty.
    Star,
}

/// A compiled wildcard pattern.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Glob {
    repr: Repr,
}

/// Most patterns are plain text with `*`/`?` and need no token list: they
/// are stored as one string. Tokens are only kept when some characters must
/// be literal despite being `*` or `?` (escapes, substituted variables).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Repr {
    /// Only stars: matches everything.
    All,
    /// No wildcard: plain comparison.
    Literal(Box<str>),
    /// `*` and `?` in the text are wildcards.
    Pattern(Box<str>),
    /// General form.
    Tokens(Box<[Token]>),
}

fn fold(s: &str, fold_case: bool) -> String {
    if fold_case {
        lower_str(s)
    } else {
        s.to_string()
    }
}

impl Glob {
    /// Compiles `pattern`; with `fold_case` every literal is lower-cased (the
    /// text must then be lower-cased by the caller too).
    pub fn new(pattern: &str, fold_case: bool) -> Glob {
        Glob::from_string(fold(pattern, fold_case))
    }

    /// Compiles a pattern from an owned string (already case-folded if needed).
    pub fn from_string(pattern: String) -> Glob {
        let repr = if memchr::memchr2(b'*', b'?', pattern.as_bytes()).is_none() {
            Repr::Literal(pattern.into_boxed_str())
        } else if pattern.bytes().all(|b| b == b'*') {
            Repr::All
        } else {
            Repr::Pattern(pattern.into_boxed_str())
        };
        Glob { repr }
    }

    /// Compiles a literal-only pattern (no wildcards).
    pub fn literal(text: &str, fold_case: bool) -> Glob {
        Glob {
            repr: Repr::Literal(fold(text, fold_case).into_boxed_str()),
        }
    }

    /// Compiles a template without variables: text gets wildcards, escapes are literal.
    pub fn from_template_parts(parts: &[Part], fold_case: bool) -> Glob {
        match parts {
            [] => Glob::from_string(String::new()),
            [Part::Text(s)] => Glob::new(s, fold_case),
            _ => {
                let mut tokens = Vec::new();
                for p in parts {
                    match p {
                        Part::Text(s) => push_pattern(&mut tokens, s, fold_case),
                        Part::Escaped(c) => tokens.push(Token::Char(*c)),
                        Part::Var { .. } => {}
                    }
                }
                Glob::from_tokens(tokens)
            }
        }
    }

    /// Builds from tokens.
    pub fn from_tokens(tokens: Vec<Token>) -> Glob {
        if !tokens.is_empty() && tokens.iter().all(|t| *t == Token::Star) {
            return Glob { repr: Repr::All };
        }
        if tokens.iter().all(|t| matches!(t, Token::Char(_))) {
            let lit: String = tokens
                .iter()
                .filter_map(|t| {
                    if let Token::Char(c) = t {
                        Some(*c)
                    } else {
                        None
                    }
                })
                .collect();
            return Glob {
                repr: Repr::Literal(lit.into_boxed_str()),
            };
        }
        Glob {
            repr: Repr::Tokens(tokens.into_boxed_slice()),
        }
    }

    /// The pattern as tokens.
    pub fn tokens(&self) -> Vec<Token> {
        match &self.repr {
            Repr::All => vec![Token::Star],
            Repr::Literal(s) => s.chars().map(Token::Char).collect(),
            Repr::Pattern(s) => {
                let mut t = Vec::new();
                push_pattern(&mut t, s, false);
                t
            }
            Repr::Tokens(t) => t.to_vec(),
        }
    }

    /// Whether the pattern matches all of `text`.
    pub fn matches(&self, text: &str) -> bool {
        match &self.repr {
            Repr::All => true,
            Repr::Literal(l) => **l == *text,
            Repr::Pattern(p) => match_pattern(p, text),
            Repr::Tokens(t) => match_tokens(t, text),
        }
    }
}

fn push_pattern(tokens: &mut Vec<Token>, s: &str, fold_case: bool) {
    tokens.extend(s.chars().map(|c| match c {
        '*' => Token::Star,
        '?' => Token::One,
        c if fold_case => Token::Char(lower(c)),
        c => Token::Char(c),
    }));
}

fn byte_token(b: u8) -> Token {
    match b {
        b'*' => Token::Star,
        b'?' => Token::One,
        b => Token::Char(char::from(b)),
    }
}

/// Matches a `*`/`?` pattern string without building tokens when both sides are ASCII.
fn match_pattern(p: &str, text: &str) -> bool {
    if p.is_ascii() && text.is_ascii() {
        let (pb, tb) = (p.as_bytes(), text.as_bytes());
        match_generic(
            pb.len(),
            |i| byte_token(pb[i]),
            tb.len(),
            |i| char::from(tb[i]),
        )
    } else {
        let mut tokens = Vec::new();
        push_pattern(&mut tokens, p, false);
        match_tokens(&tokens, text)
    }
}

/// Whether `pattern`, case-folded, matches `text` (already lower-cased):
/// the answer of `Glob::new(pattern, true).matches(text)` without building
/// the glob, for a pattern consulted once.
pub(crate) fn matches_folded(pattern: &str, text: &str) -> bool {
    let (pb, tb) = (pattern.as_bytes(), text.as_bytes());
    // The pattern's leading ASCII literal must equal the text's start byte
    // for byte (the text is lower-cased): most patterns name another
    // service or action and fail within a few bytes, and a pattern that is
    // one ASCII literal is settled here entirely.
    let mut i = 0;
    while let Some(&b) = pb.get(i) {
        if b == b'*' || b == b'?' || !b.is_ascii() {
            break;
        }
        if tb.get(i) != Some(&b.to_ascii_lowercase()) {
            return false;
        }
        i += 1;
    }
    if i == pb.len() {
        return i == tb.len();
    }
    let (mut wild, mut ascii) = (false, true);
    for &b in pb {
        wild |= b == b'*' || b == b'?';
        ascii &= b.is_ascii();
    }
    if !ascii {
        return Glob::new(pattern, true).matches(text);
    }
    if !wild {
        // Most action patterns name one action: the lengths settle most.
        // (A non-ASCII text cannot equal an ASCII pattern.)
        return pb.eq_ignore_ascii_case(tb);
    }
    if !text.is_ascii() {
        return Glob::new(pattern, true).matches(text);
    }
    match_generic(
        pb.len(),
        |i| byte_token(pb[i].to_ascii_lowercase()),
        tb.len(),
        |i| char::from(tb[i]),
    )
}

/// Whether `pattern` (not case-folded) matches all of `text`: the answer of
/// `Glob::new(pattern, false).matches(text)` without building the glob,
/// for a pattern tried once.
pub(crate) fn matches_plain(pattern: &str, text: &str) -> bool {
    let bytes = pattern.as_bytes();
    if memchr::memchr2(b'*', b'?', bytes).is_none() {
        return pattern == text;
    }
    bytes.iter().all(|&b| b == b'*') || match_pattern(pattern, text)
}

/// Lower-cases one character the way action names are compared.
pub fn lower(c: char) -> char {
    if c.is_ascii() {
        c.to_ascii_lowercase()
    } else {
        c.to_lowercase().next().unwrap_or(c)
    }
}

/// Lower-cases a string with [`lower`].
pub fn lower_str(s: &str) -> String {
    if s.is_ascii() {
        s.to_ascii_lowercase()
    } else {
        s.chars().map(lower).collect()
    }
}

fn match_tokens(tokens: &[Token], text: &str) -> bool {
    // `?` consumes one character, not one byte: ASCII text is matched on its
    // bytes directly, other text on its decoded characters.
    if text.is_ascii() {
        let bytes = text.as_bytes();
        match_generic(
            tokens.len(),
            |i| tokens[i],
            bytes.len(),
            |i| char::from(bytes[i]),
        )
    } else {
        let chars: Vec<char> = text.chars().collect();
        match_generic(tokens.len(), |i| tokens[i], chars.len(), |i| chars[i])
    }
}

/// The greedy two-pointer matcher over abstract pattern and text accessors.
fn match_generic(
    plen: usize,
    pat: impl Fn(usize) -> Token,
    len: usize,
    at: impl Fn(usize) -> char,
) -> bool {
    let (mut p, mut t) = (0usize, 0usize);
    let mut star: Option<(usize, usize)> = None;
    while t < len {
        let tok = if p < plen { Some(pat(p)) } else { None };
        match tok {
            Some(Token::Star) => {
                star = Some((p, t));
                p += 1;
            }
            Some(Token::One) => {
                p += 1;
                t += 1;
            }
            Some(Token::Char(c)) if c == at(t) => {
                p += 1;
                t += 1;
            }
            _ => match star {
                Some((sp, st)) => {
                    p = sp + 1;
                    t = st + 1;
                    star = Some((sp, st + 1));
                }
                None => return false,
            },
        }
    }
    (p..plen).all(|i| pat(i) == Token::Star)
}

/// Builds a glob from a template whose variables have been resolved.
pub fn glob_from_resolved(template: &Template, values: &[String], fold_case: bool) -> Glob {
    let mut tokens = Vec::new();
    let mut vi = 0;
    for p in &template.parts {
        match p {
            Part::Text(s) => push_pattern(&mut tokens, s, fold_case),
            Part::Escaped(c) => tokens.push(Token::Char(*c)),
            Part::Var { .. } => {
                if let Some(v) = values.get(vi) {
                    tokens.extend(
                        v.chars()
                            .map(|c| Token::Char(if fold_case { lower(c) } else { c })),
                    );
                }
                vi += 1;
            }
        }
    }
    Glob::from_tokens(tokens)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn basics() {
        assert!(Glob::new("*", false).matches(""));
        assert!(Glob::new("s3:get*", true).matches("s3:getobject"));
        assert!(!Glob::new("s3:get*", true).matches("s3:putobject"));
        assert!(Glob::new("a?c", false).matches("abc"));
        assert!(Glob::new("a?c", false).matches("aéc"));
        assert!(!Glob::new("a?c", false).matches("ac"));
        assert!(Glob::new("*a*b", false).matches("xxaxxb"));
        assert!(!Glob::new("*a*b", false).matches("xxaxxbc"));
        assert!(Glob::new("", false).matches(""));
        assert!(!Glob::new("", false).matches("a"));
        assert!(Glob::new("**", false).matches("abc"));
    }

    #[test]
    fn escapes_are_literal() {
        let t = Template::parse("a${*}", true);
        let g = Glob::from_template_parts(&t.parts, false);
        assert!(g.matches("a*"));
        assert!(!g.matches("ab"));
    }

    #[test]
    fn pathological_pattern_is_fast_enough_to_finish() {
        let pat = "*a".repeat(50) + "b";
        let text = "a".repeat(20_000);
        assert!(!Glob::new(&pat, false).matches(&text));
    }

    fn reference(p: &[char], t: &[char]) -> bool {
        crate::test_oracles::glob_reference(p, t)
    }

    proptest! {
        #[test]
        fn agrees_with_reference(p in "[ab*?]{0,8}", t in "[ab]{0,10}") {
            let pc: Vec<char> = p.chars().collect();
            let tc: Vec<char> = t.chars().collect();
            prop_assert_eq!(Glob::new(&p, false).matches(&t), reference(&pc, &tc));
        }

        #[test]
        fn matches_plain_agrees_with_a_glob(p in "[aBé*?:/]{0,8}", t in "[aBé:/*?]{0,10}") {
            prop_assert_eq!(matches_plain(&p, &t), Glob::new(&p, false).matches(&t));
        }

        #[test]
        fn matches_folded_agrees_with_a_folded_glob(p in "[aBé*?:]{0,8}", t in "[abé:]{0,10}") {
            prop_assert_eq!(matches_folded(&p, &t), Glob::new(&p, true).matches(&t));
        }
    }
}
