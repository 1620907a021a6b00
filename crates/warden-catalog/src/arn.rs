//! Matching concrete ARNs against AWS's ARN *format* strings, such as
//! `arn:${Partition}:s3:::${BucketName}/${ObjectName}`.
//!
//! AWS publishes formats, not a grammar, so the rules here are a documented
//! judgement call:
//!
//! * Both strings are split at their first five `:` into `arn`, partition,
//!   service, region, account and the resource (which keeps any further `:`).
//!   The first five fields must match field by field.
//! * Literal text matches itself, case-sensitively.
//! * A `${Variable}` matches a **non-empty** run of characters. In the
//!   resource it may contain `/` (IAM paths, S3 keys and log group names do),
//!   but not `:` — except a trailing variable right after a `/` (an S3 key
//!   such as `photos/12:00.jpg`). A variable that is the whole resource
//!   (`${BucketName}`, `${QueueName}`, `${TopicName}`) contains neither `/`
//!   nor `:`, so `arn:aws:s3:::bucket/key` is an S3 object, not a bucket.
//! * A literal `*` in a format (a few formats end in `/*`) matches any run of
//!   characters, including none.
//!
//! Several formats can still match one ARN (`arn:aws:dynamodb:…:table/t/index/i`
//! matches both `table/${TableName}` and `table/${TableName}/index/${IndexName}`).
//! [`match_specificity`] ranks such matches: it counts the `/` and `:` that
//! variables had to absorb, and the most specific format absorbs the fewest.
//! [`crate::resource_types_for_arn`] keeps only the best-ranked types.
//!
//! The ARN is taken literally: `*` and `?` in it are ordinary characters, so
//! `arn:aws:s3:::bucket/*` reads as an object whose key is `*` (which is
//! usually what a policy author means), but no attempt is made to intersect
//! wildcard *patterns* with formats. CloudWatch Logs reports log group ARNs
//! with a `:*` suffix; those do not match the documented
//! `log-group:${LogGroupName}` format.
//!
//! Matching runs in `O(format tokens × ARN length)`.

/// Does `arn` match the ARN format `format`? See the [module docs](self).
///
/// ```
/// use warden_catalog::arn::format_matches;
/// let object = "arn:${Partition}:s3:::${BucketName}/${ObjectName}";
/// assert!(format_matches(object, "arn:aws:s3:::bucket/photos/cat.jpg"));
/// assert!(!format_matches(object, "arn:aws:s3:::bucket"));
/// assert!(format_matches("arn:${Partition}:s3:::${BucketName}", "arn:aws:s3:::bucket"));
/// assert!(!format_matches("arn:${Partition}:s3:::${BucketName}", "arn:aws:s3:::bucket/key"));
/// ```
pub fn format_matches(format: &str, arn: &str) -> bool {
    match_specificity(format, arn).is_some()
}

/// If `arn` matches `format`, the number of `/` and `:` characters that the
/// format's variables (and `*`) had to absorb, minimised over all ways of
/// matching: `Some(0)` is a perfect structural fit; among formats matching
/// one ARN, smaller is more specific. `None` if it does not match.
pub fn match_specificity(format: &str, arn: &str) -> Option<u32> {
    let mut f = format.splitn(6, ':');
    let mut a = arn.splitn(6, ':');
    for _ in 0..5 {
        let (fp, ap) = (f.next()?, a.next()?);
        if fp.contains(['$', '*']) {
            run(&tokenize(fp, false), ap.as_bytes())?;
        } else if fp != ap {
            return None;
        }
    }
    let (fr, ar) = (f.next()?, a.next()?);
    run(&tokenize(fr, true), ar.as_bytes())
}

/// The service field (third field) of an ARN, if it looks like an ARN.
pub(crate) fn service_of(arn: &str) -> Option<&str> {
    let mut parts = arn.splitn(6, ':');
    if parts.next()? != "arn" {
        return None;
    }
    parts.next()?;
    let service = parts.next()?;
    // Require the remaining three separators.
    parts.next()?;
    parts.next()?;
    parts.next()?;
    Some(service)
}

#[derive(Debug, PartialEq)]
enum Tok<'a> {
    Lit(&'a [u8]),
    Var { slash: bool, colon: bool },
    Star,
}

fn tokenize(part: &str, resource: bool) -> Vec<Tok<'_>> {
    let bytes = part.as_bytes();
    let mut toks = Vec::new();
    let (mut i, mut lit_start) = (0, 0);
    while i < bytes.len() {
        let var_end = if bytes[i..].starts_with(b"${") {
            bytes[i..]
                .iter()
                .position(|&b| b == b'}')
                .map(|p| i + p + 1)
        } else {
            None
        };
        if var_end.is_some() || bytes[i] == b'*' {
            if lit_start < i {
                toks.push(Tok::Lit(&bytes[lit_start..i]));
            }
            match var_end {
                Some(end) => {
                    toks.push(Tok::Var {
                        slash: true,
                        colon: false,
                    });
                    i = end;
                }
                None => {
                    toks.push(Tok::Star);
                    i += 1;
                }
            }
            lit_start = i;
        } else {
            i += 1;
        }
    }
    if lit_start < bytes.len() {
        toks.push(Tok::Lit(&bytes[lit_start..]));
    }
    if resource {
        if let [Tok::Var { slash, .. }] = toks.as_mut_slice() {
            *slash = false;
        } else if let [.., Tok::Lit(before), Tok::Var { colon, .. }] = toks.as_mut_slice() {
            *colon = before.ends_with(b"/");
        }
    }
    toks
}

const NO: u32 = u32::MAX;

/// Dynamic programme over text positions: `dp[p]` is the least number of
/// separators absorbed to match the tokens so far against `text[..p]`.
fn run(tokens: &[Tok<'_>], text: &[u8]) -> Option<u32> {
    let n = text.len();
    // seps[p]: number of '/' and ':' in text[..p].
    let mut seps = Vec::with_capacity(n + 1);
    let mut count = 0u32;
    seps.push(0);
    for &b in text {
        count += u32::from(b == b'/' || b == b':');
        seps.push(count);
    }
    let mut dp = vec![NO; n + 1];
    dp[0] = 0;
    let mut next = vec![NO; n + 1];
    for tok in tokens {
        next.iter_mut().for_each(|x| *x = NO);
        match *tok {
            Tok::Lit(lit) => {
                for p in 0..=n {
                    if dp[p] != NO && text[p..].starts_with(lit) {
                        next[p + lit.len()] = dp[p];
                    }
                }
            }
            Tok::Star | Tok::Var { .. } => {
                let (non_empty, slash, colon) = match *tok {
                    Tok::Var { slash, colon } => (true, slash, colon),
                    _ => (false, true, true),
                };
                // best = min over admissible starts p of dp[p] - seps[p];
                // next[q] = best + seps[q].
                let mut best: Option<i64> = None;
                for q in 0..=n {
                    if !non_empty && dp[q] != NO {
                        let cand = i64::from(dp[q]) - i64::from(seps[q]);
                        best = Some(best.map_or(cand, |b| b.min(cand)));
                    }
                    if let Some(b) = best {
                        next[q] = u32::try_from(b + i64::from(seps[q])).unwrap_or(NO);
                    }
                    if q == n {
                        break;
                    }
                    let c = text[q];
                    if (c == b'/' && !slash) || (c == b':' && !colon) {
                        best = None;
                    } else if non_empty && dp[q] != NO {
                        let cand = i64::from(dp[q]) - i64::from(seps[q]);
                        best = Some(best.map_or(cand, |b| b.min(cand)));
                    }
                }
            }
        }
        std::mem::swap(&mut dp, &mut next);
    }
    (dp[n] != NO).then_some(dp[n])
}

#[cfg(test)]
mod tests {
    use super::*;

    const BUCKET: &str = "arn:${Partition}:s3:::${BucketName}";
    const OBJECT: &str = "arn:${Partition}:s3:::${BucketName}/${ObjectName}";
    const ROLE: &str = "arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}";
    const LOG_GROUP: &str = "arn:${Partition}:logs:${Region}:${Account}:log-group:${LogGroupName}";
    const LOG_STREAM: &str =
        "arn:${Partition}:logs:${Region}:${Account}:log-group:${LogGroupName}:log-stream:${LogStreamName}";
    const TABLE: &str = "arn:${Partition}:dynamodb:${Region}:${Account}:table/${TableName}";
    const INDEX: &str =
        "arn:${Partition}:dynamodb:${Region}:${Account}:table/${TableName}/index/${IndexName}";

    #[test]
    fn s3() {
        assert_eq!(match_specificity(BUCKET, "arn:aws:s3:::bucket"), Some(0));
        assert_eq!(match_specificity(BUCKET, "arn:aws:s3:::bucket/key"), None);
        assert_eq!(
            match_specificity(OBJECT, "arn:aws:s3:::bucket/key"),
            Some(0)
        );
        assert_eq!(
            match_specificity(OBJECT, "arn:aws:s3:::bucket/a/b/c"),
            Some(2)
        );
        assert!(format_matches(OBJECT, "arn:aws:s3:::bucket/12:00.jpg"));
        assert!(format_matches(OBJECT, "arn:aws-cn:s3:::bucket/*"));
        assert!(!format_matches(OBJECT, "arn:aws:s3:::bucket/"));
        assert!(!format_matches(OBJECT, "arn:aws:s3:::/key"));
        assert!(!format_matches(OBJECT, "arn:aws:s3:us-east-1::bucket/key"));
        assert!(!format_matches(OBJECT, "arn:aws:s4:::bucket/key"));
        assert!(!format_matches(OBJECT, "arn::s3:::bucket/key"));
        assert!(!format_matches(OBJECT, "arn:aws:s3::bucket/key"));
        assert!(!format_matches(BUCKET, "not an arn"));
    }

    #[test]
    fn paths_and_colons() {
        assert!(format_matches(
            ROLE,
            "arn:aws:iam::123456789012:role/app/admin"
        ));
        assert!(!format_matches(ROLE, "arn:aws:iam::123456789012:role/"));
        assert!(!format_matches(ROLE, "arn:aws:iam::123456789012:user/bob"));
        let group = "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/fn";
        assert!(format_matches(LOG_GROUP, group));
        let stream = format!("{group}:log-stream:2024/01/01/x");
        assert!(!format_matches(LOG_GROUP, &stream));
        assert!(format_matches(LOG_STREAM, &stream));
        assert!(!format_matches(LOG_STREAM, group));
    }

    #[test]
    fn specificity_ranks_nested_formats() {
        let index = "arn:aws:dynamodb:us-east-1:123456789012:table/t/index/i";
        let table = match_specificity(TABLE, index);
        let idx = match_specificity(INDEX, index);
        assert!(table.is_some() && idx.is_some());
        assert!(idx < table);
        assert_eq!(
            match_specificity(INDEX, "arn:aws:dynamodb:us-east-1:1:table/t"),
            None
        );
    }

    #[test]
    fn stars_and_variable_fields() {
        let f = "arn:${Partition}:amplifybackend:${Region}:${Account}:/backend/${AppId}/api/*";
        assert!(format_matches(
            f,
            "arn:aws:amplifybackend:us-east-1:1:/backend/app/api/"
        ));
        assert!(format_matches(
            f,
            "arn:aws:amplifybackend:us-east-1:1:/backend/app/api/x/y"
        ));
        assert!(!format_matches(
            f,
            "arn:aws:amplifybackend:us-east-1:1:/backend/app/auth/x"
        ));
        let braket = "arn:${Partition}:braket:*:*:device/${DeviceType}/${Provider}/${DeviceId}";
        assert!(format_matches(
            braket,
            "arn:aws:braket:::device/qpu/ionq/Aria-1"
        ));
        let backup = "arn:${Partition}:${Vendor}:${Region}:*:${ResourceType}:${RecoveryPointId}";
        assert!(format_matches(
            backup,
            "arn:aws:ec2:us-east-1::snapshot:snap-1"
        ));
    }

    #[test]
    fn service_field() {
        assert_eq!(service_of("arn:aws:s3:::bucket"), Some("s3"));
        assert_eq!(service_of("arn:aws:s3:::"), Some("s3"));
        assert_eq!(service_of("arn:aws:s3::bucket"), None);
        assert_eq!(service_of("urn:aws:s3:::bucket"), None);
    }

    #[test]
    fn long_inputs_are_linear() {
        let key = "a/".repeat(5_000);
        let arn = format!("arn:aws:s3:::bucket/{key}");
        assert_eq!(match_specificity(OBJECT, &arn), Some(5_000));
        let many = "arn:${Partition}:s3:::${A}/${B}/${C}/${D}/${E}/${F}/${G}/${H}/${I}x";
        assert!(!format_matches(many, &arn));
    }
}
