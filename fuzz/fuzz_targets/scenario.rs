//! Arbitrary bytes as a `warden simulate` scenario.
//!
//! Checks that `scenario::parse` never panics, that every error span lies
//! inside the input on character boundaries, and that a scenario that
//! reads evaluates with the fast path (`decide`) agreeing with the explained
//! one (`evaluate`), and that its JSON result renders.

#![no_main]

use libfuzzer_sys::fuzz_target;
use warden_eval::scenario;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match scenario::parse(text) {
        Err(errors) => {
            assert!(!errors.is_empty(), "an error result without errors");
            for e in &errors {
                assert!(e.span.start <= e.span.end, "inverted span {:?}", e.span);
                assert!(
                    e.span.end as usize <= text.len(),
                    "span {:?} past the end ({} bytes)",
                    e.span,
                    text.len()
                );
                assert!(
                    text.is_char_boundary(e.span.start as usize)
                        && text.is_char_boundary(e.span.end as usize),
                    "span {:?} splits a character",
                    e.span
                );
            }
            let _ = scenario::errors_json(&errors, text);
        }
        Ok(sc) => {
            let fast = sc.policies.decide(&sc.request);
            let explained = sc.policies.evaluate(&sc.request);
            assert_eq!(fast, explained.decision, "decide and evaluate disagree");
            let _ = scenario::result_json(&explained, text);
        }
    }
});
