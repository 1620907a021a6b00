//! Zero-copy access to the embedded tables.
//!
//! The catalog is two committed files written by `cargo xtask catalog`:
//!
//! * `data/strings.txt` ([`STRINGS`](crate::generated::STRINGS)): every
//!   distinct string, sorted, each followed by `\n`. Strings are referred to
//!   by their index in this sorted list.
//! * `data/catalog.bin` ([`BLOB`](crate::generated::BLOB)): little-endian
//!   `u32` words. Word 0 is the magic `"WCAT"`, word 1 the format version;
//!   then the sections whose position, record count and record width (in
//!   words) are the constants of `generated.rs`:
//!
//! | section | record |
//! | --- | --- |
//! | `STR_OFFSETS` | byte offset of string *i* in `STRINGS` (one extra entry: the end) |
//! | `SERVICES` | prefix, name, first action, action count, first resource type, resource type count, first condition key, condition key count |
//! | `ACTIONS` | name, description, `service << 8 \| access level`, first resource row, resource row count, condition key list, dependent action list |
//! | `ACTION_RESOURCES` | `resource type \| required << 31`, condition key list |
//! | `RESOURCE_TYPES` | name, service, ARN format list, condition key list |
//! | `CONDITION_KEYS` | name, description, service (`u32::MAX` for the global list), `type \| flags << 8` (flag 1: global, 2: templated) |
//! | `CK_INDEX` | one canonical condition key per distinct name, sorted by lower-cased name |
//! | `CK_TEMPLATES` | the templated entries of `CK_INDEX` |
//! | `LIST_OFFSETS` | start of list *i* in `LIST_POOL` (one extra entry: the end); list 0 is empty |
//! | `LIST_POOL` | list items: condition key indices or string indices |
//!
//! Services are sorted by prefix; within a service, actions, resource types
//! and condition keys are sorted by ASCII-lower-cased name, so lookups are
//! binary searches. Nothing is decoded up front: every accessor reads the
//! words it needs, so start-up costs nothing.

use crate::generated::{BLOB, FORMAT_VERSION, LIST_OFFSETS, STRINGS, STR_OFFSETS};
use std::cmp::Ordering;
use std::ops::Range;

/// The layout this reader understands; `cargo xtask catalog` writes the
/// version it produced into `generated.rs`.
const READER_FORMAT_VERSION: u32 = 1;
const _: () = assert!(
    FORMAT_VERSION == READER_FORMAT_VERSION,
    "catalog.bin has a layout this reader does not know: update data.rs"
);

/// Where one table lives in the blob.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Section {
    /// Index of the table's first word.
    pub(crate) start: usize,
    /// Number of records.
    pub(crate) len: usize,
    /// Words per record.
    pub(crate) width: usize,
}

impl Section {
    /// Field `field` of record `record`.
    #[inline]
    pub(crate) fn get(self, record: u32, field: usize) -> u32 {
        word(self.start + record as usize * self.width + field)
    }

    /// Number of records, as the index type.
    #[inline]
    pub(crate) fn count(self) -> u32 {
        self.len as u32
    }
}

/// Word `i` of the blob (0 past the end, which a consistent blob never hits).
#[inline]
pub(crate) fn word(i: usize) -> u32 {
    match BLOB.get(i * 4..i * 4 + 4) {
        Some(&[a, b, c, d]) => u32::from_le_bytes([a, b, c, d]),
        _ => 0,
    }
}

/// String number `id`.
#[inline]
pub(crate) fn string(id: u32) -> &'static str {
    let start = STR_OFFSETS.get(id, 0) as usize;
    let end = STR_OFFSETS.get(id + 1, 0) as usize;
    STRINGS.get(start..end.saturating_sub(1)).unwrap_or("")
}

/// The positions in `LIST_POOL` of list `id`.
#[inline]
pub(crate) fn list(id: u32) -> Range<u32> {
    LIST_OFFSETS.get(id, 0)..LIST_OFFSETS.get(id + 1, 0)
}

/// Compares two strings byte-wise after ASCII lower-casing (the order the
/// generator sorts names in).
pub(crate) fn cmp_ignore_ascii_case(a: &str, b: &str) -> Ordering {
    // A plain loop: lookups spend most of their time here, and comparing
    // through two mapped iterators costs several times as much.
    let (a, b) = (a.as_bytes(), b.as_bytes());
    for (x, y) in a.iter().zip(b) {
        let (x, y) = (x.to_ascii_lowercase(), y.to_ascii_lowercase());
        if x != y {
            return x.cmp(&y);
        }
    }
    a.len().cmp(&b.len())
}

/// Binary search over the indices `range`, whose names (by `name_of`) are
/// sorted case-insensitively, for `name`.
pub(crate) fn search(
    range: Range<u32>,
    name_of: impl Fn(u32) -> &'static str,
    name: &str,
) -> Option<u32> {
    let (mut lo, mut hi) = (range.start, range.end);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        match cmp_ignore_ascii_case(name_of(mid), name) {
            Ordering::Less => lo = mid + 1,
            Ordering::Greater => hi = mid,
            Ordering::Equal => return Some(mid),
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blob_is_consistent() {
        assert_eq!(BLOB.len() % 4, 0);
        assert_eq!(word(0), u32::from_le_bytes(*b"WCAT"));
        assert_eq!(word(1), FORMAT_VERSION);
        assert_eq!(
            STR_OFFSETS.get(STR_OFFSETS.count() - 1, 0) as usize,
            STRINGS.len()
        );
        assert_eq!(
            LIST_OFFSETS.get(LIST_OFFSETS.count() - 1, 0),
            crate::generated::LIST_POOL.count()
        );
        let last = crate::generated::LIST_POOL;
        assert_eq!((last.start + last.len * last.width) * 4, BLOB.len());
    }

    #[test]
    fn case_insensitive_order_is_that_of_the_lower_cased_bytes() {
        let words = [
            "", "a", "A", "ab", "aB", "b", "_", "Z", "z", "s3", "S3:x", "\u{e9}", "E",
        ];
        for a in words {
            for b in words {
                let lower = |s: &str| s.to_ascii_lowercase().into_bytes();
                assert_eq!(
                    cmp_ignore_ascii_case(a, b),
                    lower(a).cmp(&lower(b)),
                    "{a} {b}"
                );
            }
        }
    }

    #[test]
    fn strings_are_sorted_and_unique() {
        let n = STR_OFFSETS.count() - 1;
        assert!(n > 1000);
        assert_eq!(string(0), "");
        for i in 1..n {
            assert!(
                string(i - 1) < string(i),
                "strings {} and {} out of order",
                i - 1,
                i
            );
        }
    }
}
