//! The AWS IAM policy evaluation engine.
//!
//! Compile policies once ([`CompiledPolicy`]), gather them in a
//! [`PolicySet`], and evaluate [`Request`]s against it: [`PolicySet::decide`]
//! is the fast path (it allocates only to substitute policy variables and to
//! fold `IgnoreCase` values), [`PolicySet::evaluate`] adds the
//! explanation (matched statements with spans, each policy's result, and the
//! context keys the policies read but the request lacked).
//!
//! * [`glob`]: linear-time `*`/`?` matching;
//! * [`values`]: numbers, dates, booleans and IP networks;
//! * [`request`]: principals, the request context, derived keys;
//! * [`compile`]: statements, principals and conditions in evaluable form;
//! * [`engine`]: the decision across policy types;
//! * [`scenario`]: the `warden simulate` scenario format.

pub mod compile;
pub mod engine;
pub mod glob;
pub mod request;
pub mod scenario;
pub mod values;

/// Reference checks shared with the integration tests and fuzz targets.
#[cfg(test)]
#[path = "../tests/support/oracles.rs"]
mod test_oracles;

/// The random scenario generator of the integration tests, for unit tests.
#[cfg(test)]
#[path = "../tests/support/gen.rs"]
mod test_gen;

pub use compile::{CompiledPolicy, GrantKind};
pub use engine::{Decision, Evaluation, OrgLevel, PolicyOutcome, PolicySet, PolicyType};
pub use request::{Context, ContextValue, Principal, Request};
