//! "Did you mean" helpers shared by the catalog-based rules.

/// The Levenshtein distance between `a` and `b`, ASCII case-insensitively.
#[cfg(test)]
pub fn edit_distance(a: &str, b: &str) -> usize {
    let (mut prev, mut cur) = (Vec::new(), Vec::new());
    distance_within(a.as_bytes(), b.as_bytes(), usize::MAX, &mut prev, &mut cur)
        .unwrap_or(usize::MAX)
}

/// The distance between `a` and `b` when it is at most `bound`, `None`
/// otherwise, with the two rows of the table in caller-owned buffers. A
/// row's smallest entry never decreases further down, so the computation
/// stops at the first row that is entirely over the bound.
fn distance_within(
    a: &[u8],
    b: &[u8],
    bound: usize,
    prev: &mut Vec<usize>,
    cur: &mut Vec<usize>,
) -> Option<usize> {
    prev.clear();
    prev.extend(0..=b.len());
    cur.clear();
    cur.resize(b.len() + 1, 0);
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        let mut row_min = cur[0];
        for (j, cb) in b.iter().enumerate() {
            let substitution = prev[j] + usize::from(!ca.eq_ignore_ascii_case(cb));
            let d = substitution.min(prev[j + 1] + 1).min(cur[j] + 1);
            cur[j + 1] = d;
            row_min = row_min.min(d);
        }
        if row_min > bound {
            return None;
        }
        std::mem::swap(prev, cur);
    }
    prev.last().copied().filter(|&d| d <= bound)
}

/// `wanted` prepared for Myers' bit-parallel edit distance: for each byte
/// (ASCII letters folded to lower case), the positions of `wanted` that hold
/// it, as bits. One table serves every candidate, and a candidate then costs
/// a handful of word operations per byte instead of a row of the table.
struct BitPattern {
    peq: [u64; 256],
    /// `wanted`'s length, 1 to 64.
    len: usize,
}

impl BitPattern {
    fn new(wanted: &[u8]) -> Option<Self> {
        if wanted.is_empty() || wanted.len() > 64 {
            return None;
        }
        let mut peq = [0u64; 256];
        for (i, b) in wanted.iter().enumerate() {
            peq[usize::from(b.to_ascii_lowercase())] |= 1 << i;
        }
        Some(BitPattern {
            peq,
            len: wanted.len(),
        })
    }

    /// The same answer as [`distance_within`] for `wanted` against `b`:
    /// the columns of the table are computed as bit vectors of vertical
    /// deltas (Hyyrö's formulation of Myers' algorithm, global distance).
    fn distance_within(&self, b: &[u8], bound: usize) -> Option<usize> {
        let top = 1u64 << (self.len - 1);
        let (mut vp, mut vn) = (u64::MAX >> (64 - self.len), 0u64);
        let mut score = self.len;
        for (j, cb) in b.iter().enumerate() {
            let eq = self.peq[usize::from(cb.to_ascii_lowercase())];
            let d0 = (((eq & vp).wrapping_add(vp)) ^ vp) | eq | vn;
            let hp = vn | !(d0 | vp);
            let hn = vp & d0;
            if hp & top != 0 {
                score += 1;
            } else if hn & top != 0 {
                score -= 1;
            }
            // The table's first row grows by one a column: a horizontal
            // delta of +1 enters at the bottom.
            let x = (hp << 1) | 1;
            vn = x & d0;
            vp = (hn << 1) | !(x | d0);
            // The last row changes by at most one a column.
            if score > bound + (b.len() - 1 - j) {
                return None;
            }
        }
        (score <= bound).then_some(score)
    }
}

/// The candidate closest to `wanted`, if it is close enough to be a likely
/// typo: at most a third of the longer name's length (and at least one)
/// edits away. Ties go to the first candidate.
pub fn closest<'c>(wanted: &str, candidates: impl IntoIterator<Item = &'c str>) -> Option<&'c str> {
    let mut best: Option<(usize, &str)> = None;
    let (mut prev, mut cur) = (Vec::new(), Vec::new());
    let bits = BitPattern::new(wanted.as_bytes());
    for c in candidates {
        let limit = (wanted.len().max(c.len()) / 3).max(1);
        // Only a candidate strictly closer than the best so far can win, and
        // the length difference is a lower bound on the distance.
        let bound = match best {
            Some((bd, _)) => limit.min(bd.saturating_sub(1)),
            None => limit,
        };
        if best.is_some_and(|(bd, _)| bd == 0) || wanted.len().abs_diff(c.len()) > bound {
            continue;
        }
        let d = match &bits {
            Some(bits) if !c.is_empty() => bits.distance_within(c.as_bytes(), bound),
            _ => distance_within(wanted.as_bytes(), c.as_bytes(), bound, &mut prev, &mut cur),
        };
        if let Some(d) = d {
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

    /// Myers' bit-parallel distance agrees with the table on random strings
    /// over a small alphabet (with case variants and a non-ASCII byte), for
    /// every bound.
    #[test]
    fn bit_parallel_distance_agrees_with_the_table() {
        let alphabet = b"abAB:*\xc3";
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        let (mut prev, mut cur) = (Vec::new(), Vec::new());
        for _ in 0..20_000 {
            let mut word = |max: usize| -> Vec<u8> {
                let n = next(max + 1);
                (0..n).map(|_| alphabet[next(alphabet.len())]).collect()
            };
            let (a, b) = (word(70), word(12));
            let (a, b) = if next(2) == 0 { (a, b) } else { (b, a) };
            let Some(bits) = super::BitPattern::new(&a) else {
                continue;
            };
            if b.is_empty() {
                continue;
            }
            for bound in [0, 1, 2, 3, 5, 8, 100] {
                assert_eq!(
                    bits.distance_within(&b, bound),
                    super::distance_within(&a, &b, bound, &mut prev, &mut cur),
                    "{a:?} {b:?} {bound}"
                );
            }
        }
    }

    #[test]
    fn closest_candidate() {
        let names = ["GetObject", "PutObject", "GetBucketPolicy"];
        assert_eq!(closest("GetObjekt", names), Some("GetObject"));
        assert_eq!(closest("Frobnicate", names), None);
    }

    /// The plain search: every candidate's full distance.
    fn closest_plain<'c>(wanted: &str, candidates: &[&'c str]) -> Option<&'c str> {
        let mut best: Option<(usize, &str)> = None;
        for &c in candidates {
            let limit = (wanted.len().max(c.len()) / 3).max(1);
            let d = edit_distance(wanted, c);
            if d <= limit && best.is_none_or(|(bd, _)| d < bd) {
                best = Some((d, c));
            }
        }
        best.map(|(_, c)| c)
    }

    #[test]
    fn bounded_search_agrees_with_the_plain_one() {
        let prefixes: Vec<&str> = warden_catalog::services().map(|s| s.prefix()).collect();
        let s3: Vec<&str> = warden_catalog::service("s3")
            .unwrap()
            .actions()
            .map(|a| a.name())
            .collect();
        for wanted in [
            "lamda",
            "s3bucket",
            "ec",
            "dynamo",
            "cloudwatc",
            "iamm",
            "",
            "x",
            "S3",
            "kinesis-video",
        ] {
            assert_eq!(
                closest(wanted, prefixes.iter().copied()),
                closest_plain(wanted, &prefixes),
                "{wanted}"
            );
        }
        for wanted in [
            "GetObjekt",
            "PutObjectAc",
            "listbucket",
            "Get",
            "DeleteObjects",
            "getobject",
        ] {
            assert_eq!(
                closest(wanted, s3.iter().copied()),
                closest_plain(wanted, &s3),
                "{wanted}"
            );
        }
    }
}
