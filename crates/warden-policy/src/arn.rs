//! Amazon Resource Names: `arn:partition:service:region:account:resource`.
//!
//! Parsing is deliberately lenient about the resource part (it may contain
//! `:` and `/`) and strict about the six-field shape, which is what both
//! resource matching and the ARN condition operators rely on.

use std::fmt;

/// A borrowed, parsed ARN.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Arn<'a> {
    /// `aws`, `aws-cn`, `aws-us-gov`, ...
    pub partition: &'a str,
    /// The service namespace, e.g. `s3`.
    pub service: &'a str,
    /// The region; empty for global resources.
    pub region: &'a str,
    /// The 12-digit account ID; empty for e.g. S3 buckets.
    pub account: &'a str,
    /// Everything after the fifth colon, e.g. `bucket/key` or `role/path/name`.
    pub resource: &'a str,
}

/// Why a string is not an ARN.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ArnError {
    /// It does not start with `arn:`.
    #[error("an ARN starts with `arn:`")]
    Prefix,
    /// It has fewer than six `:`-separated fields.
    #[error("an ARN has six fields: arn:partition:service:region:account:resource")]
    Fields,
}

impl<'a> Arn<'a> {
    /// Parses `text` as an ARN.
    pub fn parse(text: &'a str) -> Result<Arn<'a>, ArnError> {
        if !text.starts_with("arn:") {
            return Err(ArnError::Prefix);
        }
        let [_, partition, service, region, account, resource] =
            split_fields(text).ok_or(ArnError::Fields)?;
        Ok(Arn {
            partition,
            service,
            region,
            account,
            resource,
        })
    }

    /// The six fields in order, starting with the literal `arn`.
    pub fn fields(&self) -> [&'a str; 6] {
        [
            "arn",
            self.partition,
            self.service,
            self.region,
            self.account,
            self.resource,
        ]
    }
}

impl fmt::Display for Arn<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "arn:{}:{}:{}:{}:{}",
            self.partition, self.service, self.region, self.account, self.resource
        )
    }
}

/// Splits `text` into the six ARN fields the way the `Arn*` condition
/// operators and resource matching do: the first five `:` separate fields,
/// the rest belongs to the resource. `None` when there are fewer than six.
pub fn split_fields(text: &str) -> Option<[&str; 6]> {
    // A plain byte scan: on strings this short, `splitn` with a char
    // pattern costs several times more (it is on every compile and match).
    // It stops at the fifth colon: the resource part, often the longest,
    // is not read.
    let bytes = text.as_bytes();
    let mut cuts = [0usize; 5];
    let mut from = 0;
    for cut in &mut cuts {
        *cut = from + bytes.get(from..)?.iter().position(|&b| b == b':')?;
        from = *cut + 1;
    }
    let [a, b, c, d, e] = cuts;
    Some([
        text.get(..a)?,
        text.get(a + 1..b)?,
        text.get(b + 1..c)?,
        text.get(c + 1..d)?,
        text.get(d + 1..e)?,
        text.get(e + 1..)?,
    ])
}

/// Whether `text` is a 12-digit AWS account ID.
pub fn is_account_id(text: &str) -> bool {
    text.len() == 12 && text.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_fields() {
        let a = Arn::parse("arn:aws:iam::123456789012:role/path/name").unwrap();
        assert_eq!(a.partition, "aws");
        assert_eq!(a.service, "iam");
        assert_eq!(a.region, "");
        assert_eq!(a.account, "123456789012");
        assert_eq!(a.resource, "role/path/name");
        let a = Arn::parse("arn:aws:logs:us-east-1:1:log-group:x:log-stream:y").unwrap();
        assert_eq!(a.resource, "log-group:x:log-stream:y");
        assert_eq!(
            a.to_string(),
            "arn:aws:logs:us-east-1:1:log-group:x:log-stream:y"
        );
        assert_eq!(Arn::parse("arn:aws:s3"), Err(ArnError::Fields));
        assert_eq!(Arn::parse("bucket"), Err(ArnError::Prefix));
        assert!(is_account_id("123456789012"));
        assert!(!is_account_id("12345678901a"));
        assert_eq!(
            split_fields("a:b:c:d:e:f:g"),
            Some(["a", "b", "c", "d", "e", "f:g"])
        );
        assert_eq!(split_fields("a:b"), None);
    }

    #[test]
    fn split_fields_splits_like_splitn() {
        for text in [
            "",
            ":",
            "::::",
            ":::::",
            "::::::",
            "a:b:c:d:e",
            "a:b:c:d:e:",
            "é:ü::::ß:x",
            "arn:aws:s3:::bucket/key",
            "arn:aws:iam::111122223333:role/a:b",
        ] {
            let parts: Vec<&str> = text.splitn(6, ':').collect();
            let expected = <[&str; 6]>::try_from(parts).ok();
            assert_eq!(split_fields(text), expected, "{text:?}");
        }
    }
}
