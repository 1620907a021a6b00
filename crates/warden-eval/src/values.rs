//! Typed condition values: numbers, dates, booleans and IP networks, parsed
//! from policy text or request context text.

use std::net::IpAddr;

/// Parses an IAM numeric value: an optionally signed integer or decimal.
/// Forms Rust would accept but AWS would not (`inf`, `NaN`, `1e5`, `+1`) are rejected.
pub fn parse_number(s: &str) -> Option<f64> {
    let t = s.trim();
    let digits = t.strip_prefix('-').unwrap_or(t);
    let mut seen_digit = false;
    let mut seen_dot = false;
    for b in digits.bytes() {
        match b {
            b'0'..=b'9' => seen_digit = true,
            b'.' if !seen_dot => seen_dot = true,
            _ => return None,
        }
    }
    if !seen_digit {
        return None;
    }
    t.parse().ok()
}

/// Parses a date as accepted by the `Date*` operators: epoch seconds, or a
/// W3C ISO 8601 date or date-time (`2024-01-31`, `2024-01-31T12:00Z`,
/// `2024-01-31T12:00:00.250+02:00`). Returns milliseconds since the epoch.
pub fn parse_date(s: &str) -> Option<i64> {
    let s = s.trim();
    if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) {
        return s.parse::<i64>().ok()?.checked_mul(1000);
    }
    if let Some(n) = parse_number(s) {
        if s.contains('.') && !s.contains('-') {
            return Some((n * 1000.0) as i64);
        }
    }
    let b = s.as_bytes();
    let num = |from: usize, len: usize| -> Option<i64> {
        let part = b.get(from..from + len)?;
        if !part.iter().all(u8::is_ascii_digit) {
            return None;
        }
        std::str::from_utf8(part).ok()?.parse().ok()
    };
    let year = num(0, 4)?;
    let (month, day, mut i) = if b.get(4) == Some(&b'-') {
        let month = num(5, 2)?;
        if b.get(7) == Some(&b'-') {
            (month, num(8, 2)?, 10)
        } else {
            (month, 1, 7)
        }
    } else {
        (1, 1, 4)
    };
    if !(1..=12).contains(&month) || day < 1 || day > days_in_month(year, month) {
        return None;
    }
    let (mut hour, mut minute, mut second, mut millis) = (0, 0, 0i64, 0i64);
    let mut offset_minutes = 0i64;
    if matches!(b.get(i), Some(b'T' | b't' | b' ')) {
        hour = num(i + 1, 2)?;
        if b.get(i + 3) != Some(&b':') {
            return None;
        }
        minute = num(i + 4, 2)?;
        i += 6;
        if b.get(i) == Some(&b':') {
            second = num(i + 1, 2)?;
            i += 3;
            if b.get(i) == Some(&b'.') {
                i += 1;
                let start = i;
                while b.get(i).is_some_and(u8::is_ascii_digit) {
                    i += 1;
                }
                if i == start {
                    return None;
                }
                let frac = std::str::from_utf8(&b[start..(start + 3).min(i)]).ok()?;
                millis = frac.parse::<i64>().ok()? * 10i64.pow(3 - frac.len() as u32);
            }
        }
        match b.get(i) {
            Some(b'Z' | b'z') => i += 1,
            Some(sign @ (b'+' | b'-')) => {
                // `+hh:mm`, `+hhmm` or `+hh`.
                let oh = num(i + 1, 2)?;
                let om = match (b.get(i + 3), b.len() - i) {
                    (Some(b':'), 6) => num(i + 4, 2)?,
                    (Some(_), 5) => num(i + 3, 2)?,
                    (None, 3) => 0,
                    _ => return None,
                };
                i = b.len();
                if oh > 23 || om > 59 {
                    return None;
                }
                offset_minutes = (oh * 60 + om) * if *sign == b'+' { 1 } else { -1 };
            }
            // A time without a zone designator is read as UTC.
            _ => {}
        }
        // 24:00:00 is midnight at the end of the day; 60 is a leap second.
        if hour > 24
            || minute > 59
            || second > 60
            || (hour == 24 && (minute, second, millis) != (0, 0, 0))
        {
            return None;
        }
    }
    if i != b.len() {
        return None;
    }
    let days = days_from_civil(year, month, day);
    let secs = days * 86_400 + hour * 3600 + minute * 60 + second - offset_minutes * 60;
    Some(secs * 1000 + millis)
}

fn is_leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date.
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Parses `true`/`false` in any letter case.
pub fn parse_bool(s: &str) -> Option<bool> {
    if s.eq_ignore_ascii_case("true") {
        Some(true)
    } else if s.eq_ignore_ascii_case("false") {
        Some(false)
    } else {
        None
    }
}

/// An IPv4 or IPv6 network in CIDR form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct IpNet {
    /// The network address with host bits cleared.
    pub addr: u128,
    /// Prefix length.
    pub prefix: u8,
    /// Whether this is an IPv6 network.
    pub v6: bool,
}

fn ip_bits(ip: IpAddr) -> (u128, bool) {
    match ip {
        IpAddr::V4(a) => (u128::from(u32::from(a)), false),
        IpAddr::V6(a) => (u128::from(a), true),
    }
}

fn mask(prefix: u8, v6: bool) -> u128 {
    let width = if v6 { 128 } else { 32 };
    if prefix == 0 {
        0
    } else {
        let all: u128 = if v6 { u128::MAX } else { u128::from(u32::MAX) };
        all & (all << (width - u32::from(prefix)))
    }
}

impl IpNet {
    /// Parses `192.0.2.0/24`, `2001:db8::/32`, or a bare address (a /32 or /128).
    pub fn parse(s: &str) -> Option<IpNet> {
        let s = s.trim();
        let (addr, prefix) = match s.split_once('/') {
            Some((a, p)) => (a, Some(p)),
            None => (s, None),
        };
        let ip: IpAddr = addr.parse().ok()?;
        let (bits, v6) = ip_bits(ip);
        let width = if v6 { 128 } else { 32 };
        let prefix = match prefix {
            Some(p) if !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()) && p.len() <= 3 => {
                p.parse::<u8>().ok()?
            }
            Some(_) => return None,
            None => width,
        };
        if prefix > width {
            return None;
        }
        Some(IpNet {
            addr: bits & mask(prefix, v6),
            prefix,
            v6,
        })
    }

    /// Whether `ip` (a bare address, or a network taken at its base address) lies in this network.
    pub fn contains(&self, ip: &IpNet) -> bool {
        self.v6 == ip.v6
            && ip.prefix >= self.prefix
            && (ip.addr & mask(self.prefix, self.v6)) == self.addr
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers() {
        assert_eq!(parse_number("10"), Some(10.0));
        assert_eq!(parse_number("-1.5"), Some(-1.5));
        assert_eq!(parse_number(".5"), Some(0.5));
        assert_eq!(parse_number("abc"), None);
        assert_eq!(parse_number("inf"), None);
        assert_eq!(parse_number("1e3"), None);
        assert_eq!(parse_number(""), None);
        assert_eq!(parse_number("-"), None);
    }

    #[test]
    fn dates() {
        assert_eq!(parse_date("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(parse_date("1970-01-02"), Some(86_400_000));
        assert_eq!(parse_date("86400"), Some(86_400_000));
        assert_eq!(
            parse_date("2020-02-29T12:30:15.5Z"),
            Some(1_582_979_415_500)
        );
        assert_eq!(
            parse_date("2020-02-29T14:30:15.5+02:00"),
            Some(1_582_979_415_500)
        );
        assert_eq!(parse_date("2019-02-29"), None);
        assert_eq!(parse_date("2020-13-01"), None);
        assert_eq!(parse_date("yesterday"), None);
        assert_eq!(parse_date("2024-01-01T10:00Z"), Some(1_704_103_200_000));
        assert!(parse_date("2024-01-01T10:00:00Zjunk").is_none());
        assert!(parse_date("2024-01-31T12:00+05ab").is_none());
        assert!(parse_date("2024-01-31T12:00+99:99").is_none());
        assert!(parse_date("2024-01-31T24:59:60Z").is_none());
        assert_eq!(
            parse_date("2024-01-01T24:00:00Z"),
            parse_date("2024-01-02T00:00:00Z")
        );
        assert_eq!(
            parse_date("2024-01-01T05:30+0530"),
            parse_date("2024-01-01T00:00Z")
        );
        assert_eq!(
            parse_date("2024-01-01T05:00+05"),
            parse_date("2024-01-01T00:00Z")
        );
    }

    #[test]
    fn ip_networks() {
        let net = IpNet::parse("192.0.2.0/24").unwrap();
        assert!(net.contains(&IpNet::parse("192.0.2.10").unwrap()));
        assert!(!net.contains(&IpNet::parse("192.0.3.10").unwrap()));
        assert!(IpNet::parse("0.0.0.0/0")
            .unwrap()
            .contains(&IpNet::parse("8.8.8.8").unwrap()));
        let v6 = IpNet::parse("2001:db8::/32").unwrap();
        assert!(v6.contains(&IpNet::parse("2001:db8:1::5").unwrap()));
        assert!(!v6.contains(&IpNet::parse("192.0.2.1").unwrap()));
        assert!(!net.contains(&IpNet::parse("2001:db8::1").unwrap()));
        assert_eq!(IpNet::parse("192.0.2.7").unwrap().prefix, 32);
        assert!(IpNet::parse("192.0.2.0/33").is_none());
        assert!(IpNet::parse("host").is_none());
        // Host bits in the policy value are ignored, as AWS normalises CIDRs.
        assert!(IpNet::parse("192.0.2.77/24")
            .unwrap()
            .contains(&IpNet::parse("192.0.2.1").unwrap()));
    }
}
