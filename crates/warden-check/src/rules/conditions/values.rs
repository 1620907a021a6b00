//! Small parsers for condition values: IP ranges, dates, numbers, Booleans
//! and base64, as the condition operators read them.

use std::net::IpAddr;

/// An IP address with an optional prefix length, as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Cidr {
    /// The address as written (host bits possibly set).
    pub addr: IpAddr,
    /// The prefix length; the full width when none was written.
    pub len: u8,
}

impl Cidr {
    fn width(addr: IpAddr) -> u8 {
        match addr {
            IpAddr::V4(_) => 32,
            IpAddr::V6(_) => 128,
        }
    }

    fn bits(addr: IpAddr) -> u128 {
        match addr {
            IpAddr::V4(a) => u128::from(u32::from(a)),
            IpAddr::V6(a) => u128::from(a),
        }
    }

    fn mask(self) -> u128 {
        let w = Self::width(self.addr);
        let host = u32::from(w - self.len);
        let all = if w == 32 {
            u128::from(u32::MAX)
        } else {
            u128::MAX
        };
        all.checked_shl(host).map_or(0, |m| m & all)
    }

    /// The range's first address (host bits cleared).
    pub fn network(self) -> IpAddr {
        let n = Self::bits(self.addr) & self.mask();
        match self.addr {
            IpAddr::V4(_) => IpAddr::V4(u32::try_from(n).unwrap_or(0).into()),
            IpAddr::V6(_) => IpAddr::V6(n.into()),
        }
    }

    /// Whether bits past the prefix are set.
    pub fn has_host_bits(self) -> bool {
        Self::bits(self.addr) & !self.mask() & !(u128::MAX << 1 << (Self::width(self.addr) - 1))
            != 0
    }

    /// Whether every address of `self` lies in `other`.
    pub fn within(self, other: Cidr) -> bool {
        Self::width(self.addr) == Self::width(other.addr)
            && self.len >= other.len
            && Self::bits(self.addr) & other.mask() == Self::bits(other.addr) & other.mask()
    }
}

/// Parses `203.0.113.0/24`, `203.0.113.7`, `2001:db8::/32`.
pub(super) fn parse_cidr(text: &str) -> Option<Cidr> {
    let (addr, len) = match text.split_once('/') {
        Some((a, l)) => (a, Some(l)),
        None => (text, None),
    };
    let addr: IpAddr = addr.parse().ok()?;
    let width = Cidr::width(addr);
    let len = match len {
        None => width,
        Some(l) if !l.is_empty() && l.len() <= 3 && l.bytes().all(|b| b.is_ascii_digit()) => {
            l.parse::<u8>().ok().filter(|&n| n <= width)?
        }
        Some(_) => return None,
    };
    Some(Cidr { addr, len })
}

/// The private address ranges: RFC 1918 and IPv6 unique local addresses.
pub(super) fn is_private(c: Cidr) -> bool {
    ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7"]
        .iter()
        .filter_map(|r| parse_cidr(r))
        .any(|r| c.within(r))
}

/// A decimal number as the numeric operators accept it: `42`, `-3`, `1.5`.
pub(super) fn is_number(text: &str) -> bool {
    let t = text.strip_prefix(['-', '+']).unwrap_or(text);
    let (int, frac) = match t.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (t, None),
    };
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    digits(int)
        && frac.is_none_or(|f| !f.is_empty() && digits(f))
        && !(int.is_empty() && frac.is_none())
}

/// An epoch time in seconds (or milliseconds): only digits.
pub(super) fn is_epoch(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())
}

fn fixed_digits(s: &str, n: usize) -> Option<u32> {
    (s.len() == n && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

/// A W3C / ISO 8601 date or date-time: `2024`, `2024-06`, `2024-06-30`,
/// `2024-06-30T12:00Z`, `2024-06-30T12:00:00.5+02:00`.
pub(super) fn is_iso8601(text: &str) -> bool {
    let (date, time) = match text.split_once(['T', 't']) {
        Some((d, t)) => (d, Some(t)),
        None => (text, None),
    };
    let mut parts = date.split('-');
    let year = parts.next().and_then(|y| fixed_digits(y, 4));
    let month = parts.next().map(|m| fixed_digits(m, 2));
    let day = parts.next().map(|d| fixed_digits(d, 2));
    if year.is_none() || parts.next().is_some() {
        return false;
    }
    match (month, day) {
        (None, None) => return time.is_none(),
        (Some(Some(m)), None) if (1..=12).contains(&m) => return time.is_none(),
        (Some(Some(m)), Some(Some(d))) if (1..=12).contains(&m) && (1..=31).contains(&d) => {}
        _ => return false,
    }
    let Some(time) = time else { return true };
    let (clock, zone) = if let Some(c) = time.strip_suffix(['Z', 'z']) {
        (c, None)
    } else if let Some(at) = time.rfind(['+', '-']) {
        (time.get(..at).unwrap_or(""), time.get(at + 1..))
    } else {
        (time, None)
    };
    if let Some(z) = zone {
        let ok = match z.split_once(':') {
            Some((h, m)) => {
                fixed_digits(h, 2).is_some_and(|h| h <= 23)
                    && fixed_digits(m, 2).is_some_and(|m| m <= 59)
            }
            None => fixed_digits(z, 4).is_some() || fixed_digits(z, 2).is_some(),
        };
        if !ok {
            return false;
        }
    }
    let (hms, frac) = match clock.split_once('.') {
        Some((a, f)) => (a, Some(f)),
        None => (clock, None),
    };
    if frac.is_some_and(|f| f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit())) {
        return false;
    }
    let fields: Vec<&str> = hms.split(':').collect();
    let limits = [23, 59, 60];
    (2..=3).contains(&fields.len())
        && fields
            .iter()
            .zip(limits)
            .all(|(f, max)| fixed_digits(f, 2).is_some_and(|v| v <= max))
}

/// `true` or `false`, in any case.
pub(super) fn is_bool(text: &str) -> bool {
    text.eq_ignore_ascii_case("true") || text.eq_ignore_ascii_case("false")
}

/// Standard base64 with padding.
pub(super) fn is_base64(text: &str) -> bool {
    let b = text.as_bytes();
    if b.is_empty() || !b.len().is_multiple_of(4) {
        return false;
    }
    let pad = b.iter().rev().take_while(|&&c| c == b'=').count();
    pad <= 2
        && b[..b.len() - pad]
            .iter()
            .all(|c| c.is_ascii_alphanumeric() || *c == b'+' || *c == b'/')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cidrs() {
        let c = parse_cidr("203.0.113.5/24").unwrap();
        assert!(c.has_host_bits());
        assert_eq!(c.network().to_string(), "203.0.113.0");
        assert!(!parse_cidr("203.0.113.0/24").unwrap().has_host_bits());
        assert!(!parse_cidr("203.0.113.7").unwrap().has_host_bits());
        assert!(!parse_cidr("0.0.0.0/0").unwrap().has_host_bits());
        assert!(parse_cidr("2001:db8::1/32").unwrap().has_host_bits());
        assert!(!parse_cidr("::/0").unwrap().has_host_bits());
        assert!(parse_cidr("203.0.113.0/33").is_none());
        assert!(parse_cidr("203.0.113/24").is_none());
        assert!(parse_cidr("vpc-123").is_none());
        assert!(is_private(parse_cidr("10.1.0.0/16").unwrap()));
        assert!(is_private(parse_cidr("172.31.255.255").unwrap()));
        assert!(!is_private(parse_cidr("172.32.0.0/16").unwrap()));
        assert!(!is_private(parse_cidr("10.0.0.0/7").unwrap()));
        assert!(is_private(parse_cidr("fd00::/8").unwrap()));
    }

    #[test]
    fn scalars() {
        for ok in [
            "2024",
            "2024-06",
            "2024-06-30",
            "2024-06-30T12:00Z",
            "2024-06-30T12:00:00.5+02:00",
            "2019-08-16T12:00:00-0500",
        ] {
            assert!(is_iso8601(ok), "{ok}");
        }
        for bad in [
            "1700000000",
            "2024-13-01",
            "30/06/2024",
            "2024-06-30T25:00Z",
            "2024-06-30 12:00",
            "",
        ] {
            assert!(!is_iso8601(bad), "{bad}");
        }
        assert!(
            is_number("42")
                && is_number("-1.5")
                && !is_number("1e3")
                && !is_number("")
                && !is_number(".")
        );
        assert!(is_base64("aGVsbG8=") && !is_base64("hello") && !is_base64("a==="));
        assert!(is_bool("TRUE") && !is_bool("yes"));
    }
}
