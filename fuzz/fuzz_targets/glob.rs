//! Wildcard matching against a dynamic-programming reference.
//!
//! The first byte chooses case folding; the rest (lossily decoded as UTF-8)
//! is split at the first NUL into a pattern and a text. `Glob::matches` must
//! agree with the obvious O(pattern × text) table over characters.

#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../crates/warden-eval/tests/support/oracles.rs"]
mod oracles;
use warden_eval::glob::{lower_str, Glob};

fuzz_target!(|data: &[u8]| {
    let Some((&flags, rest)) = data.split_first() else {
        return;
    };
    let fold_case = flags & 1 == 1;
    let input = String::from_utf8_lossy(rest);
    let (pattern, text) = input.split_once('\0').unwrap_or((&input, ""));
    // With folding, Glob lower-cases the pattern and the caller the text.
    let text = if fold_case {
        lower_str(text)
    } else {
        text.to_string()
    };
    let folded_pattern = if fold_case {
        lower_str(pattern)
    } else {
        pattern.to_string()
    };
    let got = Glob::new(pattern, fold_case).matches(&text);
    let p: Vec<char> = folded_pattern.chars().collect();
    let t: Vec<char> = text.chars().collect();
    assert_eq!(
        got,
        reference(&p, &t),
        "pattern {pattern:?} text {text:?} fold_case {fold_case}"
    );
});

fn reference(p: &[char], t: &[char]) -> bool {
    oracles::glob_reference(p, t)
}
