//! Findings in Access Analyzer's shape: finding type, issue code, details,
//! a documentation link, and the exact location.

use warden_policy::{LineIndex, Position, Span};

/// How serious a finding is, as Access Analyzer classifies them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum FindingType {
    /// The policy, or part of it, does not work.
    Error,
    /// The policy allows access that is too broad.
    SecurityWarning,
    /// The policy works but goes against best practice.
    Warning,
    /// No effect on access, but the policy could be cleaner.
    Suggestion,
}

impl FindingType {
    /// Access Analyzer's spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            FindingType::Error => "ERROR",
            FindingType::SecurityWarning => "SECURITY_WARNING",
            FindingType::Warning => "WARNING",
            FindingType::Suggestion => "SUGGESTION",
        }
    }
}

/// What a rule is: its code, type and documentation.
#[derive(Debug)]
pub struct RuleInfo {
    /// The issue code (`INVALID_EFFECT`, or `WARDEN…` for Warden's own).
    pub code: &'static str,
    /// The finding type.
    pub finding_type: FindingType,
    /// One line.
    pub summary: &'static str,
    /// What it finds, why it matters, an example and the fix.
    pub documentation: &'static str,
}

impl RuleInfo {
    /// Where to read more: AWS's check reference for Access Analyzer codes,
    /// Warden's rule documentation for its own.
    pub fn learn_more_link(&self) -> String {
        if self.code.starts_with("WARDEN") {
            format!("warden rules {}", self.code)
        } else {
            format!(
                "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html#access-analyzer-reference-policy-checks-{}-{}",
                match self.finding_type {
                    FindingType::Error => "error",
                    FindingType::SecurityWarning => "security-warning",
                    FindingType::Warning => "general-warning",
                    FindingType::Suggestion => "suggestion",
                },
                self.code.to_ascii_lowercase().replace('_', "-")
            )
        }
    }
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The issue code.
    pub code: &'static str,
    /// Its type.
    pub finding_type: FindingType,
    /// The details, for people.
    pub message: String,
    /// Where, in the checked text.
    pub span: Span,
}

/// A position pair for output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Location {
    /// Start, inclusive.
    pub start: OutPosition,
    /// End, exclusive.
    pub end: OutPosition,
}

/// Access Analyzer's position: line from 1, column from 0, offset from 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct OutPosition {
    /// Line, from 1.
    pub line: u32,
    /// Column in characters, from 0.
    pub column: u32,
    /// Byte offset, from 0.
    pub offset: u32,
}

impl From<Position> for OutPosition {
    fn from(p: Position) -> Self {
        OutPosition {
            line: p.line,
            column: p.column,
            offset: p.offset,
        }
    }
}

impl Finding {
    /// The finding's location as positions in `source`.
    pub fn location(&self, source: &str, index: &LineIndex) -> Location {
        Location {
            start: index.position(source, self.span.start).into(),
            end: index.position(source, self.span.end).into(),
        }
    }
}

/// Collects findings for one rule.
pub struct Findings<'r> {
    info: &'r RuleInfo,
    out: &'r mut Vec<Finding>,
}

impl<'r> Findings<'r> {
    pub(crate) fn new(info: &'r RuleInfo, out: &'r mut Vec<Finding>) -> Self {
        Findings { info, out }
    }

    /// Reports a finding of this rule at `span`.
    pub fn report(&mut self, span: Span, message: impl Into<String>) {
        self.out.push(Finding {
            code: self.info.code,
            finding_type: self.info.finding_type,
            message: message.into(),
            span,
        });
    }
}
