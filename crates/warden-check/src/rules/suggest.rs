//! "Did you mean" helpers shared by the catalog-based rules.

/// The Levenshtein distance between `a` and `b`, ASCII case-insensitively.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<u8> = a.bytes().map(|c| c.to_ascii_lowercase()).collect();
    let b: Vec<u8> = b.bytes().map(|c| c.to_ascii_lowercase()).collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = prev[j] + usize::from(ca != cb);
            cur[j + 1] = substitution.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// The candidate closest to `wanted`, if it is close enough to be a likely
/// typo: at most a third of the longer name's length (and at least one)
/// edits away. Ties go to the first candidate.
pub fn closest<'c>(wanted: &str, candidates: impl IntoIterator<Item = &'c str>) -> Option<&'c str> {
    let mut best: Option<(usize, &str)> = None;
    for c in candidates {
        let limit = (wanted.len().max(c.len()) / 3).max(1);
        if wanted.len().abs_diff(c.len()) > limit {
            continue;
        }
        let d = edit_distance(wanted, c);
        if d <= limit && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::{closest, edit_distance};

    #[test]
    fn distances() {
        assert_eq!(edit_distance("GetObjekt", "GetObject"), 1);
        assert_eq!(edit_distance("s3", "S3"), 0);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }

    #[test]
    fn closest_candidate() {
        let names = ["GetObject", "PutObject", "GetBucketPolicy"];
        assert_eq!(closest("GetObjekt", names), Some("GetObject"));
        assert_eq!(closest("Frobnicate", names), None);
    }
}
