//! The AWS IAM policy language.
//!
//! * [`json`]: a JSON parser that keeps byte spans for every value and key
//!   (as a tree, or as a flat reusable [`json::tape::Tape`]);
//! * [`policy`]: the policy AST (statements, principals, actions, resources,
//!   conditions) built from that JSON, with located [`policy::Diagnostic`]s;
//! * [`operator`]: condition operators;
//! * [`template`]: policy variables and escapes;
//! * [`arn`]: ARN parsing;
//! * [`span`]: spans and the line index (line from 1, column from 0, byte
//!   offset from 0, end exclusive — Access Analyzer's convention).
//!
//! ```
//! let parsed = warden_policy::parse(r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:Get*","Resource":"*"}}"#);
//! let policy = parsed.into_result().unwrap();
//! assert_eq!(policy.statements[0].action.as_ref().unwrap().values[0].value, "s3:Get*");
//! ```

pub mod arn;
pub mod json;
pub mod operator;
pub mod policy;
pub mod span;
pub mod template;

pub use policy::{parse, Diagnostic, Effect, Parsed, Policy, Severity, Statement, Version};
pub use span::{LineIndex, Position, Span};
