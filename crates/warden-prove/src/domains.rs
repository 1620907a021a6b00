//! The value tests a policy applies to one request value, and the regions
//! of the numeric, date and IP domains.
//!
//! A [`Test`] is one predicate on a request string exactly as the evaluator
//! decides it: a pattern (globs, literals, ARN fields), a numeric or date
//! comparison with a constant, membership in a CIDR block. The regions of a
//! key are the classes of values that its tests cannot tell apart; each has
//! a witness string, and a test's truth on a region is its truth on the
//! witness. String regions come from [`crate::automata`]; this module finds
//! the others: points and gaps between the numeric and date constants
//! (dates are whole milliseconds, so a gap between adjacent constants may
//! be empty), and, for networks, which form a laminar family, each block
//! minus the blocks nested in it.

use crate::automata::Pattern;
use std::net::{Ipv4Addr, Ipv6Addr};
use warden_eval::compile::compare;
use warden_eval::values::{parse_date, parse_number, IpNet};
use warden_policy::operator::OperatorKind;

/// A predicate on one request value.
#[derive(Debug, Clone)]
pub enum Test {
    /// A pattern over the string.
    Str(Pattern),
    /// `Numeric*` against a constant (`None`: the policy value is not a number).
    Num(OperatorKind, Option<f64>),
    /// `Date*` against a constant in milliseconds.
    Date(OperatorKind, Option<i64>),
    /// Membership in a network.
    Ip(Option<IpNet>),
}

/// The domain class of a test: tests of different classes on one key
/// cannot be combined exactly by this prover.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Class {
    /// Strings (also ARNs, booleans, binary values).
    Str,
    /// Numbers.
    Num,
    /// Dates.
    Date,
    /// IP addresses.
    Ip,
}

impl Test {
    /// The test's domain class.
    pub fn class(&self) -> Class {
        match self {
            Test::Str(_) => Class::Str,
            Test::Num(..) => Class::Num,
            Test::Date(..) => Class::Date,
            Test::Ip(_) => Class::Ip,
        }
    }

    /// The test's truth on `value`, as the evaluator decides it.
    pub fn eval(&self, value: &str) -> bool {
        match self {
            Test::Str(p) => p.accepts(value),
            Test::Num(kind, c) => match (parse_number(value), c) {
                (Some(x), Some(c)) => compare(*kind, x.partial_cmp(c)),
                _ => false,
            },
            Test::Date(kind, c) => match (parse_date(value), c) {
                (Some(x), Some(c)) => compare(*kind, Some(x.cmp(c))),
                _ => false,
            },
            Test::Ip(net) => match (IpNet::parse(value), net) {
                (Some(ip), Some(net)) => net.contains(&ip),
                _ => false,
            },
        }
    }
}

/// A witness value and whether its region is infinite.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// The value as request text.
    pub text: String,
    /// Whether infinitely many values behave like it.
    pub infinite: bool,
}

/// A value that no number, date or address parser accepts.
const UNPARSEABLE: &str = "x";

/// Witnesses of every numeric region: each constant, a value strictly
/// between neighbours, below the least and above the greatest, and a
/// non-number.
pub fn number_candidates(tests: &[Test]) -> Vec<Candidate> {
    let mut cs: Vec<f64> = tests
        .iter()
        .filter_map(|t| match t {
            Test::Num(_, Some(c)) => Some(*c),
            _ => None,
        })
        .collect();
    cs.sort_by(f64::total_cmp);
    cs.dedup();
    let mut out = vec![Candidate {
        text: UNPARSEABLE.into(),
        infinite: true,
    }];
    let push = |out: &mut Vec<Candidate>, v: f64, infinite: bool| {
        let text = format!("{v}");
        if parse_number(&text) == Some(v) {
            out.push(Candidate { text, infinite });
        }
    };
    match (cs.first(), cs.last()) {
        (Some(&lo), Some(&hi)) => {
            push(&mut out, lo.floor() - 1.0, true);
            push(&mut out, hi.ceil() + 1.0, true);
        }
        _ => push(&mut out, 0.0, true),
    }
    for w in cs.windows(2) {
        let mid = w[0] / 2.0 + w[1] / 2.0;
        if mid > w[0] && mid < w[1] {
            push(&mut out, mid, true);
        }
    }
    for c in cs {
        push(&mut out, c, false);
    }
    out
}

/// Witnesses of every date region, in milliseconds, written as ISO 8601.
pub fn date_candidates(tests: &[Test]) -> Vec<Candidate> {
    let mut cs: Vec<i64> = tests
        .iter()
        .filter_map(|t| match t {
            Test::Date(_, Some(c)) => Some(*c),
            _ => None,
        })
        .collect();
    cs.sort_unstable();
    cs.dedup();
    let mut values: Vec<(i64, bool)> = Vec::new();
    match (cs.first(), cs.last()) {
        (Some(&lo), Some(&hi)) => {
            values.push((lo.saturating_sub(1), true));
            values.push((hi.saturating_add(1), true));
        }
        _ => values.push((0, true)),
    }
    for w in cs.windows(2) {
        if w[1] - w[0] >= 2 {
            values.push((w[0] + 1, w[1] - w[0] > 2));
        }
    }
    values.extend(cs.iter().map(|&c| (c, false)));
    let mut out = vec![Candidate {
        text: UNPARSEABLE.into(),
        infinite: true,
    }];
    for (v, infinite) in values {
        if let Some(text) = format_date(v).filter(|t| parse_date(t) == Some(v)) {
            out.push(Candidate { text, infinite });
        }
    }
    out
}

/// `millis` as `YYYY-MM-DDTHH:MM:SS.mmmZ`, for years 0 to 9999.
pub fn format_date(millis: i64) -> Option<String> {
    let ms = millis.rem_euclid(1000);
    let secs = millis.div_euclid(1000);
    let days = secs.div_euclid(86_400);
    let sod = secs.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    if !(0..=9999).contains(&y) {
        return None;
    }
    Some(format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{ms:03}Z",
        sod / 3600,
        sod % 3600 / 60,
        sod % 60
    ))
}

/// The proleptic Gregorian date of a day count since 1970-01-01.
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// Witnesses of every network region: for each block, its first address
/// not inside a smaller block of the set; for each family, an address
/// outside every block; and a non-address.
pub fn ip_candidates(tests: &[Test]) -> Vec<Candidate> {
    let mut nets: Vec<IpNet> = tests
        .iter()
        .filter_map(|t| match t {
            Test::Ip(Some(n)) => Some(*n),
            _ => None,
        })
        .collect();
    nets.sort_by_key(|n| (n.v6, n.addr, n.prefix));
    nets.dedup();
    let mut out = vec![Candidate {
        text: UNPARSEABLE.into(),
        infinite: true,
    }];
    for v6 in [false, true] {
        let width: u32 = if v6 { 128 } else { 32 };
        let family: Vec<IpNet> = nets.iter().filter(|n| n.v6 == v6).copied().collect();
        let whole = IpNet {
            addr: 0,
            prefix: 0,
            v6,
        };
        // The whole space is a block too, so that "outside every block" is a gap of it.
        let mut blocks = family.clone();
        if !blocks.contains(&whole) {
            blocks.insert(0, whole);
        }
        for b in &blocks {
            // The maximal blocks strictly inside `b`.
            let inner: Vec<&IpNet> = family
                .iter()
                .filter(|c| c.prefix > b.prefix && b.contains(c))
                .filter(|c| {
                    !family
                        .iter()
                        .any(|d| d.prefix > b.prefix && d.prefix < c.prefix && d.contains(c))
                })
                .collect();
            if let Some(addr) = first_gap(b, &inner, width) {
                let size_one = u32::from(b.prefix) == width;
                out.push(Candidate {
                    text: format_ip(addr, v6),
                    infinite: !size_one,
                });
            }
        }
    }
    out
}

fn last_addr(n: &IpNet, width: u32) -> u128 {
    let host_bits = width - u32::from(n.prefix);
    if host_bits >= 128 {
        u128::MAX
    } else {
        n.addr | ((1u128 << host_bits) - 1)
    }
}

/// The first address of `b` outside the (disjoint) blocks `inner`.
fn first_gap(b: &IpNet, inner: &[&IpNet], width: u32) -> Option<u128> {
    let mut ranges: Vec<(u128, u128)> = inner
        .iter()
        .map(|n| (n.addr, last_addr(n, width)))
        .collect();
    ranges.sort_unstable();
    let end = last_addr(b, width);
    let mut cur = b.addr;
    for (lo, hi) in ranges {
        if lo > cur {
            break;
        }
        if hi >= cur {
            if hi >= end {
                return None;
            }
            cur = hi + 1;
        }
    }
    (cur <= end).then_some(cur)
}

fn format_ip(addr: u128, v6: bool) -> String {
    if v6 {
        Ipv6Addr::from(addr).to_string()
    } else {
        Ipv4Addr::from(u32::try_from(addr).unwrap_or(u32::MAX)).to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use OperatorKind as K;

    #[test]
    fn number_regions_cover_points_and_gaps() {
        let tests = [
            Test::Num(K::NumericLessThan, Some(5.0)),
            Test::Num(K::NumericGreaterThan, Some(10.0)),
            Test::Num(K::NumericEquals, Some(7.0)),
        ];
        let cands = number_candidates(&tests);
        let truths: std::collections::BTreeSet<Vec<bool>> = cands
            .iter()
            .map(|c| tests.iter().map(|t| t.eval(&c.text)).collect())
            .collect();
        // <5, =5 (none), (5,7), 7, (7,10), 10, >10 and non-numbers give
        // these distinct truth vectors:
        assert!(truths.contains(&vec![true, false, false]));
        assert!(truths.contains(&vec![false, true, false]));
        assert!(truths.contains(&vec![false, false, true]));
        assert!(truths.contains(&vec![false, false, false]));
    }

    #[test]
    fn adjacent_dates_leave_no_gap() {
        let tests = [
            Test::Date(K::DateLessThan, parse_date("2024-01-01T00:00:00.001Z")),
            Test::Date(K::DateGreaterThan, parse_date("2024-01-01T00:00:00.000Z")),
        ];
        let cands = date_candidates(&tests);
        // No millisecond lies strictly between the two instants.
        assert!(!cands.iter().any(|c| tests.iter().all(|t| t.eval(&c.text))));
        assert!(cands
            .iter()
            .all(|c| c.text == UNPARSEABLE || parse_date(&c.text).is_some()));
    }

    #[test]
    fn formats_round_trip() {
        for ms in [
            0i64,
            1,
            999,
            86_400_000,
            -1,
            1_700_000_000_123,
            253_402_300_799_999,
        ] {
            let t = format_date(ms).unwrap();
            assert_eq!(parse_date(&t), Some(ms), "{t}");
        }
    }

    #[test]
    fn ip_regions_of_nested_blocks() {
        let tests = [
            Test::Ip(IpNet::parse("10.0.0.0/8")),
            Test::Ip(IpNet::parse("10.1.0.0/16")),
            Test::Ip(IpNet::parse("2001:db8::/32")),
        ];
        let cands = ip_candidates(&tests);
        let truths: std::collections::BTreeSet<Vec<bool>> = cands
            .iter()
            .map(|c| tests.iter().map(|t| t.eval(&c.text)).collect())
            .collect();
        assert!(truths.contains(&vec![true, false, false]));
        assert!(truths.contains(&vec![true, true, false]));
        assert!(truths.contains(&vec![false, false, true]));
        assert!(truths.contains(&vec![false, false, false]));
    }

    #[test]
    fn a_block_covered_by_its_children_has_no_own_region() {
        let tests = [
            Test::Ip(IpNet::parse("10.0.0.0/31")),
            Test::Ip(IpNet::parse("10.0.0.0/32")),
            Test::Ip(IpNet::parse("10.0.0.1/32")),
        ];
        let cands = ip_candidates(&tests);
        assert!(!cands
            .iter()
            .any(|c| tests[0].eval(&c.text) && !tests[1].eval(&c.text) && !tests[2].eval(&c.text)));
    }
}
