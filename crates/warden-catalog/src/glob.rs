//! IAM-style wildcard matching: `*` matches any run of characters (also
//! none), `?` matches exactly one character; everything else matches itself.
//!
//! This is the matching IAM applies to `Action`/`NotAction` entries (and,
//! case-sensitively, to resources and string conditions such as
//! `StringLike`). There is no escape character, as in IAM.
//!
//! The ASCII matcher anchors the pattern's first and last literal runs at
//! the ends of the text and finds each run between them where it first
//! fits; the general one is the greedy two-pointer algorithm that remembers
//! only the last `*`. Both run in `O(pattern × text)` time in the worst case
//! and `O(1)` space, with no exponential backtracking (patterns like
//! `*a*a*a*a*b` are harmless), and allocate nothing.

/// Does `text` match the wildcard `pattern` as a whole?
///
/// With `case_insensitive`, characters are compared after lower-casing
/// (ASCII fast path, Unicode simple case folding otherwise).
///
/// ```
/// use warden_catalog::glob::glob_match;
/// assert!(glob_match("s3:Get*", "s3:GetObject", false));
/// assert!(glob_match("ec2:describe?pcs", "ec2:DescribeVpcs", true));
/// assert!(!glob_match("s3:Get*", "s3:PutObject", true));
/// assert!(glob_match("*", "", false));
/// ```
pub fn glob_match(pattern: &str, text: &str, case_insensitive: bool) -> bool {
    let (pat, txt) = (pattern.as_bytes(), text.as_bytes());
    if pattern.is_ascii() && text.is_ascii() {
        return match_ascii(pat, txt, case_insensitive);
    }
    match_chars(pattern, text, case_insensitive)
}

/// Does `pattern` contain a wildcard (`*` or `?`)?
pub fn has_wildcard(pattern: &str) -> bool {
    pattern.bytes().any(|b| b == b'*' || b == b'?')
}

fn match_ascii(pat: &[u8], txt: &[u8], ci: bool) -> bool {
    // The pattern is literal runs (with `?`) between stars. The first run
    // must match at the start and the last at the end; each run between
    // them is matched where it first fits after the previous one, which
    // leaves the most room to the runs after it, so the first fit is never
    // wrong. No position is ever revisited by more than one run's search.
    let same = |run: &[u8], at: &[u8]| {
        run.iter()
            .zip(at)
            .all(|(&c, &d)| c == b'?' || c == d || (ci && c.eq_ignore_ascii_case(&d)))
    };
    let Some(first_star) = pat.iter().position(|&c| c == b'*') else {
        return pat.len() == txt.len() && same(pat, txt);
    };
    let last_star = pat.iter().rposition(|&c| c == b'*').unwrap_or(first_star);
    let (head, tail) = (&pat[..first_star], &pat[last_star + 1..]);
    if head.len() + tail.len() > txt.len()
        || !same(head, &txt[..head.len()])
        || !same(tail, &txt[txt.len() - tail.len()..])
    {
        return false;
    }
    let (mut t, end) = (head.len(), txt.len() - tail.len());
    for run in pat[first_star + 1..last_star.max(first_star + 1)]
        .split(|&c| c == b'*')
        .filter(|r| !r.is_empty())
    {
        if t + run.len() > end {
            return false;
        }
        let Some(found) = (t..=end - run.len()).find(|&i| same(run, &txt[i..i + run.len()])) else {
            return false;
        };
        t = found + run.len();
    }
    true
}

fn match_chars(pattern: &str, text: &str, ci: bool) -> bool {
    let eq = |a: char, b: char| {
        a == b || (ci && (a.eq_ignore_ascii_case(&b) || a.to_lowercase().eq(b.to_lowercase())))
    };
    let next = |s: &str, i: usize| s.get(i..).and_then(|rest| rest.chars().next());
    let (mut p, mut t) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while let Some(tc) = next(text, t) {
        match next(pattern, p) {
            Some('*') => {
                p += 1;
                star = Some((p, t));
            }
            Some(pc) if pc == '?' || eq(pc, tc) => {
                p += pc.len_utf8();
                t += tc.len_utf8();
            }
            _ => match star {
                Some((sp, st)) => {
                    let skipped = next(text, st).map_or(1, char::len_utf8);
                    p = sp;
                    t = st + skipped;
                    star = Some((sp, t));
                }
                None => return false,
            },
        }
    }
    pattern
        .get(p..)
        .is_some_and(|rest| rest.chars().all(|c| c == '*'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Obviously-correct (exponential) reference matcher over chars.
    fn reference(p: &[char], t: &[char], ci: bool) -> bool {
        match p.split_first() {
            None => t.is_empty(),
            Some(('*', rest)) => (0..=t.len()).any(|i| reference(rest, &t[i..], ci)),
            Some((&c, rest)) => match t.split_first() {
                Some((&d, trest)) => {
                    let same = c == '?' || c == d || (ci && c.to_lowercase().eq(d.to_lowercase()));
                    same && reference(rest, trest, ci)
                }
                None => false,
            },
        }
    }

    fn check(p: &str, t: &str, ci: bool) -> bool {
        let pc: Vec<char> = p.chars().collect();
        let tc: Vec<char> = t.chars().collect();
        reference(&pc, &tc, ci)
    }

    #[test]
    fn table() {
        let cases: &[(&str, &str, bool, bool)] = &[
            ("", "", false, true),
            ("", "a", false, false),
            ("*", "", false, true),
            ("*", "anything", false, true),
            ("?", "", false, false),
            ("?", "x", false, true),
            ("??", "x", false, false),
            ("a*b", "ab", false, true),
            ("a*b", "axxb", false, true),
            ("a*b", "axxbc", false, false),
            ("a*b*c", "abbbc", false, true),
            ("*a", "bbba", false, true),
            ("*a", "bbbab", false, false),
            ("s3:Get*", "s3:GetObject", false, true),
            ("s3:get*", "s3:GetObject", false, false),
            ("s3:get*", "s3:GetObject", true, true),
            ("ec2:describe?pcs", "ec2:DescribeVpcs", true, true),
            ("ec2:describe?pcs", "ec2:DescribeVpcsX", true, false),
            ("*:Get*", "s3:GetObject", false, true),
            ("**", "x", false, true),
            ("a**b", "ab", false, true),
            ("ÄB*", "äbc", true, true),
            ("ä?c", "äxc", false, true),
            ("?", "é", false, true),
            ("*é", "aé", false, true),
        ];
        for &(p, t, ci, want) in cases {
            assert_eq!(glob_match(p, t, ci), want, "glob_match({p:?}, {t:?}, {ci})");
            assert_eq!(check(p, t, ci), want, "reference({p:?}, {t:?}, {ci})");
        }
    }

    #[test]
    fn pathological_pattern_is_fast() {
        let text = "a".repeat(10_000);
        assert!(!glob_match("*a*a*a*a*a*a*a*a*a*a*b", &text, false));
        assert!(!glob_match("*a*a*a*a*a*a*a*a*a*a*b", &text, true));
        let with_b = format!("{text}b");
        assert!(glob_match("*a*a*a*a*a*a*a*a*a*a*b", &with_b, true));
        let unicode = "é".repeat(10_000);
        assert!(!glob_match("*é*é*é*é*é*é*é*é*é*é*b", &unicode, true));
    }

    #[test]
    fn has_wildcard_works() {
        assert!(has_wildcard("s3:*"));
        assert!(has_wildcard("s3:Get?"));
        assert!(!has_wildcard("s3:GetObject"));
    }

    /// Every pattern of up to five symbols over `a b * ?` against every
    /// text of up to four letters over `a b A`, both ways of case.
    #[test]
    fn agrees_with_reference_exhaustively() {
        fn words(alphabet: &[char], max: usize) -> Vec<String> {
            let mut out = vec![String::new()];
            let mut last = vec![String::new()];
            for _ in 0..max {
                last = last
                    .iter()
                    .flat_map(|w| alphabet.iter().map(move |c| format!("{w}{c}")))
                    .collect();
                out.extend(last.iter().cloned());
            }
            out
        }
        let texts = words(&['a', 'b', 'A'], 4);
        for p in words(&['a', 'b', '*', '?'], 5) {
            for t in &texts {
                for ci in [false, true] {
                    assert_eq!(glob_match(&p, t, ci), check(&p, t, ci), "{p:?} {t:?} {ci}");
                }
            }
        }
    }

    proptest! {
        #[test]
        fn agrees_with_reference(
            p in "[ab*?]{0,8}",
            t in "[abAB]{0,10}",
            ci in any::<bool>(),
        ) {
            prop_assert_eq!(glob_match(&p, &t, ci), check(&p, &t, ci));
        }

        #[test]
        fn agrees_with_reference_unicode(
            p in "[aéÉ*?]{0,7}",
            t in "[aéÉx]{0,9}",
            ci in any::<bool>(),
        ) {
            prop_assert_eq!(glob_match(&p, &t, ci), check(&p, &t, ci));
        }
    }
}
