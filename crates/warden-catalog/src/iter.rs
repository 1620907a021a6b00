//! [`Iter`], the one iterator type of the crate: it walks a run of catalog
//! entries (a service's actions, a list of condition keys, ...) without
//! allocating.

use crate::data::{self, Section};
use std::fmt;
use std::iter::FusedIterator;
use std::marker::PhantomData;
use std::ops::Range;

/// Values that an [`Iter`] can yield: built from an index into the catalog.
pub trait FromIndex: sealed::Sealed + Sized {
    #[doc(hidden)]
    fn from_index(index: u32) -> Self;
}

mod sealed {
    pub trait Sealed {}
}

pub(crate) use sealed::Sealed;

impl Sealed for &'static str {}

impl FromIndex for &'static str {
    fn from_index(index: u32) -> Self {
        data::string(index)
    }
}

/// Where the indices come from.
#[derive(Clone, Copy)]
enum Source {
    /// The positions are the indices.
    Direct,
    /// The positions index a one-word-per-record section holding the indices.
    Indirect(Section),
}

/// An iterator over catalog entries (services, actions, resource types,
/// condition keys, or strings such as ARN formats).
///
/// It is cheap to clone, knows its length, and can run from both ends.
pub struct Iter<T> {
    source: Source,
    positions: Range<u32>,
    marker: PhantomData<fn() -> T>,
}

impl<T> Iter<T> {
    /// The entries with indices `range`.
    pub(crate) fn direct(range: Range<u32>) -> Self {
        Iter {
            source: Source::Direct,
            positions: range,
            marker: PhantomData,
        }
    }

    /// The entries whose indices are stored at `positions` of `section`.
    pub(crate) fn indirect(section: Section, positions: Range<u32>) -> Self {
        Iter {
            source: Source::Indirect(section),
            positions,
            marker: PhantomData,
        }
    }

    /// The entries of list `list` (see `data.rs`).
    pub(crate) fn list(list: u32) -> Self {
        Self::indirect(crate::generated::LIST_POOL, data::list(list))
    }

    fn index_at(&self, pos: u32) -> u32 {
        match self.source {
            Source::Direct => pos,
            Source::Indirect(section) => section.get(pos, 0),
        }
    }
}

impl<T> Clone for Iter<T> {
    fn clone(&self) -> Self {
        Iter {
            source: self.source,
            positions: self.positions.clone(),
            marker: PhantomData,
        }
    }
}

impl<T: FromIndex + fmt::Debug> fmt::Debug for Iter<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.clone()).finish()
    }
}

impl<T: FromIndex> Iterator for Iter<T> {
    type Item = T;

    fn next(&mut self) -> Option<T> {
        let pos = self.positions.next()?;
        Some(T::from_index(self.index_at(pos)))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.positions.size_hint()
    }

    fn nth(&mut self, n: usize) -> Option<T> {
        let pos = self.positions.nth(n)?;
        Some(T::from_index(self.index_at(pos)))
    }
}

impl<T: FromIndex> DoubleEndedIterator for Iter<T> {
    fn next_back(&mut self) -> Option<T> {
        let pos = self.positions.next_back()?;
        Some(T::from_index(self.index_at(pos)))
    }
}

impl<T: FromIndex> ExactSizeIterator for Iter<T> {}

impl<T: FromIndex> FusedIterator for Iter<T> {}
