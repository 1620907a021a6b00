//! Shared helpers of the security rules: which of a list of actions an Allow
//! statement reaches, where the grant is written, and whether its resources
//! are broad.

use warden_catalog::glob::glob_match;
use warden_policy::policy::{Effect, Statement};
use warden_policy::Span;

/// The first action of `names` that the Allow statement `st` grants, with the
/// span to report: the `Action` entry that matches it (entries in order, the
/// names of the table in order for each entry), or the `NotAction` key when
/// no `NotAction` entry excludes it. `None` for Deny statements, statements
/// without an action element, and statements reaching none of `names`.
pub fn reached<'n>(st: &Statement, names: &[&'n str]) -> Option<(&'n str, Span)> {
    reached_in(st, names, &PrefixSet::of(names))
}

/// [`reached`] with the prefix filter `services` of `names` (or of any
/// list that holds them: a rule prepares it once for its whole table).
pub fn reached_in<'n>(
    st: &Statement,
    names: &[&'n str],
    services: &PrefixSet,
) -> Option<(&'n str, Span)> {
    if st.effect.value != Effect::Allow {
        return None;
    }
    let action = st.action.as_ref()?;
    // Policies list hundreds of actions and the tables dozens: comparing the
    // service prefix first rules out nearly every (entry, name) pair before
    // the glob matcher runs, without allocating.
    if action.negated {
        let entries: Vec<(&str, Prefix<'_>)> = action
            .values
            .iter()
            .filter(|v| services.may_start(&v.value))
            .map(|v| (v.value.as_str(), Prefix::of(&v.value)))
            .filter(|(_, p)| services.may_admit(*p))
            .collect();
        let name = names.iter().copied().find(|n| {
            !entries
                .iter()
                .any(|(e, p)| p.admits(n) && glob_match(e, n, true))
        })?;
        return Some((name, action.key_span));
    }
    // The first entry (in source order) that grants any of the names, with
    // the first of the names it grants.
    action.values.iter().find_map(|v| {
        if !services.may_start(&v.value) {
            return None;
        }
        let prefix = Prefix::of(&v.value);
        if !services.may_admit(prefix) {
            return None;
        }
        names
            .iter()
            .copied()
            .find(|n| prefix.admits(n) && glob_match(&v.value, n, true))
            .map(|n| (n, v.span))
    })
}

/// A one-probe filter over the service prefixes of a list of names: a bit
/// per first three bytes (ASCII case folded) of the text `service:…`, so
/// that an entry of a service none of the names belongs to skips the names
/// altogether. It may admit a prefix no name has (two triples can share a
/// bit), never the other way round. Reading three bytes of each name, rather
/// than looking for its colon, keeps building it (once per statement and
/// rule) cheap.
pub struct PrefixSet([u64; 4]);

impl PrefixSet {
    fn bit(a: u8, b: u8, c: u8) -> usize {
        let key = u32::from_le_bytes([
            a.to_ascii_lowercase(),
            b.to_ascii_lowercase(),
            c.to_ascii_lowercase(),
            0,
        ]);
        (key.wrapping_mul(0x9E37_79B1) >> 24) as usize
    }

    fn set(&mut self, bit: usize) {
        self.0[(bit / 64) & 3] |= 1 << (bit % 64);
    }

    fn has(&self, bit: usize) -> bool {
        self.0[(bit / 64) & 3] & (1 << (bit % 64)) != 0
    }

    /// The filter of `names`.
    pub fn of(names: &[&str]) -> Self {
        let mut set = PrefixSet([0u64; 4]);
        for n in names {
            // A prefix of two or more bytes admits only names of at least
            // three bytes (the prefix and a colon), whose first three
            // bytes are those of `prefix:`; shorter names are left out.
            if let [a, b, c, ..] = *n.as_bytes() {
                set.set(Self::bit(a, b, c));
            }
        }
        set
    }

    /// False only when no name of the set can match `entry`, judged by its
    /// first three bytes alone when they are ASCII and no wildcard: each of
    /// them then matches one byte of a name, so a matching name has three
    /// bytes or more and starts with the same three (ASCII case folded).
    /// This settles most entries of a long list without scanning them.
    fn may_start(&self, entry: &str) -> bool {
        match *entry.as_bytes() {
            [a, b, c, ..]
                if [a, b, c]
                    .iter()
                    .all(|x| x.is_ascii() && !matches!(x, b'*' | b'?')) =>
            {
                self.has(Self::bit(a, b, c))
            }
            _ => true,
        }
    }

    /// False only when no name of the set can be admitted by `prefix`.
    fn may_admit(&self, prefix: Prefix<'_>) -> bool {
        match prefix {
            Prefix::Any => true,
            Prefix::Service(p) => match *p {
                [a, b, c, ..] => self.has(Self::bit(a, b, c)),
                [a, b] => self.has(Self::bit(a, b, b':')),
                // Too short to filter: every name is tried.
                _ => true,
            },
        }
    }
}

/// Which names an action entry is tried against: all of them when its
/// service prefix has a wildcard (or it has no colon), else those of the
/// same service prefix, ignoring ASCII case.
#[derive(Debug, Clone, Copy)]
enum Prefix<'e> {
    Any,
    Service(&'e [u8]),
}

impl<'e> Prefix<'e> {
    fn of(entry: &'e str) -> Self {
        // One pass up to the colon (every entry of every statement comes
        // through here, once per rule).
        let bytes = entry.as_bytes();
        let mut wildcard = false;
        for (i, &b) in bytes.iter().enumerate() {
            match b {
                b':' if wildcard => return Prefix::Any,
                b':' => return Prefix::Service(&bytes[..i]),
                b'*' | b'?' => wildcard = true,
                _ => {}
            }
        }
        Prefix::Any
    }

    fn admits(self, name: &str) -> bool {
        match self {
            Prefix::Any => true,
            Prefix::Service(p) => {
                let n = name.as_bytes();
                n.get(p.len()) == Some(&b':') && n[..p.len()].eq_ignore_ascii_case(p)
            }
        }
    }
}

/// Whether the statement grants `name` at all (through `Action` or
/// `NotAction`).
pub fn grants(st: &Statement, name: &str) -> bool {
    reached(st, &[name]).is_some()
}

/// Whether the statement's resources are broad: a `Resource` entry that is
/// `*` or an ARN whose resource part is a wildcard over a whole resource type
/// (`*`, `role/*`, `user*`), or a `NotResource` (which grants everything it
/// does not list). Statements without a resource element are not broad.
pub fn broad_resource(st: &Statement) -> bool {
    match &st.resource {
        None => false,
        Some(r) if r.negated => true,
        Some(r) => r.values.iter().any(|v| is_broad(&v.value)),
    }
}

/// Whether one `Resource` entry covers every resource of a service: `*`, an
/// ARN whose resource part is `*`, or an IAM ARN over every role, user, group
/// or policy of an account (`role/*`, `user*`). A path or name prefix
/// (`role/app/*`) is not broad.
pub fn is_broad(resource: &str) -> bool {
    if resource == "*" {
        return true;
    }
    // Every broad form ends with a wildcard; most resources do not, and
    // need not be split.
    if !resource.ends_with('*') {
        return false;
    }
    let Some([arn, _, service, _, _, res]) = warden_policy::arn::split_fields(resource) else {
        return false;
    };
    if arn != "arn" {
        return false;
    }
    if res.bytes().all(|b| b == b'*') && !res.is_empty() {
        return true;
    }
    glob_match(service, "iam", true)
        && ["role", "user", "group", "policy"].iter().any(|t| {
            res.strip_prefix(t)
                .is_some_and(|rest| matches!(rest, "*" | "/*"))
        })
}

#[cfg(test)]
mod tests {
    use super::{is_broad, Prefix, PrefixSet};
    use warden_catalog::glob::glob_match;

    #[test]
    fn broad_resources() {
        assert!(is_broad("*"));
        assert!(is_broad("arn:aws:iam::111122223333:*"));
        assert!(is_broad("arn:aws:iam::*:role/*"));
        assert!(is_broad("arn:aws:iam::*:user*"));
        assert!(is_broad("arn:aws:s3:::*"));
        assert!(!is_broad("arn:aws:s3:::bucket/*"));
        assert!(!is_broad("arn:aws:iam::111122223333:role/app/*"));
        assert!(!is_broad("arn:aws:iam::111122223333:user/alice"));
        assert!(!is_broad("arn:aws:s3:::bucket"));
        assert!(!is_broad("arn:aws:s3:::b*"));
    }

    #[test]
    fn service_prefix_test_keeps_every_ascii_match() {
        let names = ["iam:PassRole", "s3:PutBucketPolicy", "kms:CreateGrant"];
        let entries = [
            "IAM:passrole",
            "iam:*",
            "iam:Pass*",
            "i?m:PassRole",
            "*:PassRole",
            "*",
            "iam*",
            "s3:Put*",
            "s3:GetObject",
            "S3:*",
            "ec2:*",
            "iam",
            "",
        ];
        for e in entries {
            for n in names {
                if glob_match(e, n, true) {
                    assert!(Prefix::of(e).admits(n), "{e} {n}");
                }
            }
        }
        assert!(!Prefix::of("ec2:*").admits("iam:PassRole"));
        assert!(!Prefix::of("iam2:*").admits("iam:PassRole"));
        assert!(!Prefix::of("ia:*").admits("iam:PassRole"));
    }

    #[test]
    fn prefix_set_never_hides_an_admitted_name() {
        let names = [
            "iam:PassRole",
            "s3:PutBucketPolicy",
            "ecr-public:SetRepositoryPolicy",
        ];
        let set = PrefixSet::of(&names);
        for e in [
            "IAM:x",
            "s3:*",
            "ECR-public:Set*",
            "ec2:*",
            "sqs:*",
            "*",
            "s3*:x",
            "lambda:*",
        ] {
            let p = Prefix::of(e);
            if names.iter().any(|n| p.admits(n)) {
                assert!(set.may_admit(p), "{e}");
            }
        }
        assert!(!set.may_admit(Prefix::of("lambda:*")));
        assert!(!set.may_admit(Prefix::of("ec2:*")));
    }

    /// The three-byte test never rules out an entry that matches a name,
    /// over entries with wildcards, case changes, short prefixes and a
    /// non-ASCII character that folds to an ASCII letter (the Kelvin sign).
    #[test]
    fn three_byte_test_never_hides_a_match() {
        let names = [
            "iam:PassRole",
            "s3:PutBucketPolicy",
            "kms:CreateGrant",
            "ec2:RunInstances",
        ];
        let set = PrefixSet::of(&names);
        let entries = [
            "IAM:passrole",
            "iam:*",
            "i?m:PassRole",
            "*:PassRole",
            "*",
            "iam*",
            "s3:Put*",
            "S3:*",
            "s3*",
            "s?:*",
            "ec2:run*",
            "\u{212a}ms:CreateGrant",
            "kms:*",
            "km",
            "k",
            "lambda:*",
            "sqs:Send*",
            "",
        ];
        for e in entries {
            if names.iter().any(|n| glob_match(e, n, true)) {
                assert!(set.may_start(e), "{e}");
            }
        }
        assert!(!set.may_start("lambda:*"));
        assert!(!set.may_start("sqs:Send*"));
    }
}
