//! Per-thread memo tables for rule results that depend only on one string
//! (an action entry, a service prefix). A corpus repeats the same few
//! thousand entries across its policies, so each is looked up in the catalog
//! once per thread instead of once per occurrence and rule.
//!
//! The tables are thread-local (no locking on the hot path) and bounded:
//! a table that reaches [`LIMIT`] entries starts over, so hostile input with
//! millions of distinct entries costs memory proportional to the limit only.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Entries a table holds before it is cleared.
const LIMIT: usize = 1 << 16;

/// Entries a table has room for from its first insertion.
const INITIAL: usize = 1 << 12;

/// A small, fast, non-cryptographic hasher for short keys. The keys come from
/// the checked policy, but a table is bounded and per thread, so collisions
/// provoked on purpose can only slow one run down, never change a result.
#[derive(Default, Clone, Copy)]
pub(crate) struct FxHasher(u64);

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.add(u64::from_le_bytes(w));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut w = [0u8; 8];
            w[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(w));
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

/// A hash map with [`FxHasher`].
pub(crate) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// A memo table from a string to a result; use it from a `thread_local!`.
pub(crate) struct Memo<V>(RefCell<FastMap<Box<str>, V>>);

impl<V: Clone> Memo<V> {
    /// An empty table.
    pub(crate) fn new() -> Self {
        Memo(RefCell::new(FastMap::default()))
    }

    /// The result for `key`, computed by `f` on first sight.
    pub(crate) fn get_or(&self, key: &str, f: impl FnOnce() -> V) -> V {
        if let Some(v) = self.0.borrow().get(key) {
            return v.clone();
        }
        // Computed outside any borrow, so `f` may itself use memo tables.
        let v = f();
        let mut map = self.0.borrow_mut();
        if map.len() >= LIMIT {
            map.clear();
        }
        // Start at the size a corpus run reaches, rather than growing there
        // through a dozen rehashes.
        if map.capacity() == 0 {
            map.reserve(INITIAL);
        }
        map.insert(key.into(), v.clone());
        v
    }
}

thread_local! {
    static CHECK: Cell<u64> = const { Cell::new(0) };
}

/// Marks the start of the rules' run over a new policy on this thread:
/// [`PolicyCache`] entries of the previous policy become stale.
pub(crate) fn begin_policy() {
    CHECK.with(|c| c.set(c.get().wrapping_add(1)));
}

/// Values computed once per policy and shared by the rules that need them
/// (a family of rules asking the same question of each statement), keyed by
/// a small integer chosen by the caller. Use it from a `thread_local!`: the
/// rules of one policy run one after the other on one thread.
pub(crate) struct PolicyCache<V>(RefCell<(u64, Vec<(usize, V)>)>);

impl<V> PolicyCache<V> {
    /// An empty cache.
    pub(crate) const fn new() -> Self {
        PolicyCache(RefCell::new((0, Vec::new())))
    }

    /// Runs `read` on the value for `key` in the current policy, computed by
    /// `compute` on first use.
    pub(crate) fn with<R>(
        &self,
        key: usize,
        compute: impl FnOnce() -> V,
        read: impl FnOnce(&V) -> R,
    ) -> R {
        let now = CHECK.with(Cell::get);
        {
            let c = self.0.borrow();
            if c.0 == now {
                if let Some((_, v)) = c.1.iter().find(|(k, _)| *k == key) {
                    return read(v);
                }
            }
        }
        let v = compute();
        let r = read(&v);
        let mut c = self.0.borrow_mut();
        if c.0 != now {
            c.0 = now;
            c.1.clear();
        }
        c.1.push((key, v));
        r
    }
}

/// The catalog's service with prefix `prefix` (`warden_catalog::service`),
/// memoised: a few hundred prefixes recur in every policy.
pub(crate) fn service(prefix: &str) -> Option<warden_catalog::Service> {
    thread_local! {
        static MEMO: Memo<Option<warden_catalog::Service>> = Memo::new();
    }
    MEMO.with(|m| m.get_or(prefix, || warden_catalog::service(prefix)))
}

#[cfg(test)]
mod tests {
    use super::Memo;
    use std::cell::Cell;

    #[test]
    fn computes_once_per_key() {
        let memo: Memo<usize> = Memo::new();
        let calls = Cell::new(0);
        let len = |s: &str| {
            calls.set(calls.get() + 1);
            s.len()
        };
        assert_eq!(memo.get_or("abc", || len("abc")), 3);
        assert_eq!(memo.get_or("abc", || len("abc")), 3);
        assert_eq!(memo.get_or("abcdefghijk", || len("abcdefghijk")), 11);
        assert_eq!(calls.get(), 2);
    }

    #[test]
    fn service_lookup_is_the_catalog_s() {
        for prefix in ["s3", "S3", "ec2", "nosuchservice", "", "iam", "s3"] {
            assert_eq!(
                super::service(prefix),
                warden_catalog::service(prefix),
                "{prefix}"
            );
        }
    }

    #[test]
    fn policy_cache_computes_once_per_policy_and_key() {
        let cache: super::PolicyCache<usize> = super::PolicyCache::new();
        let calls = Cell::new(0);
        let get = |key: usize, value: usize| {
            cache.with(
                key,
                || {
                    calls.set(calls.get() + 1);
                    value
                },
                |v| *v,
            )
        };
        super::begin_policy();
        assert_eq!(get(1, 10), 10);
        assert_eq!(get(1, 99), 10);
        assert_eq!(get(2, 20), 20);
        assert_eq!(calls.get(), 2);
        super::begin_policy();
        assert_eq!(get(1, 11), 11);
        assert_eq!(calls.get(), 3);
    }

    #[test]
    fn stays_bounded() {
        let memo: Memo<u8> = Memo::new();
        for i in 0..super::LIMIT + 10 {
            memo.get_or(&i.to_string(), || 0);
        }
        assert!(memo.0.borrow().len() <= super::LIMIT);
    }
}
