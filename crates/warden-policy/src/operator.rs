//! Condition operators: `StringLike`, `ForAnyValue:ArnNotEquals`, `DateLessThanIfExists`, ...

use std::fmt;
use std::str::FromStr;

/// The base condition operators AWS defines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[allow(missing_docs)]
pub enum OperatorKind {
    StringEquals,
    StringNotEquals,
    StringEqualsIgnoreCase,
    StringNotEqualsIgnoreCase,
    StringLike,
    StringNotLike,
    NumericEquals,
    NumericNotEquals,
    NumericLessThan,
    NumericLessThanEquals,
    NumericGreaterThan,
    NumericGreaterThanEquals,
    DateEquals,
    DateNotEquals,
    DateLessThan,
    DateLessThanEquals,
    DateGreaterThan,
    DateGreaterThanEquals,
    Bool,
    BinaryEquals,
    IpAddress,
    NotIpAddress,
    ArnEquals,
    ArnLike,
    ArnNotEquals,
    ArnNotLike,
    Null,
}

/// The family of an operator: which value type it compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[allow(missing_docs)]
pub enum Family {
    String,
    Numeric,
    Date,
    Bool,
    Binary,
    Ip,
    Arn,
    Null,
}

const ALL: [(OperatorKind, &str); 27] = {
    use OperatorKind::*;
    [
        (StringEquals, "StringEquals"),
        (StringNotEquals, "StringNotEquals"),
        (StringEqualsIgnoreCase, "StringEqualsIgnoreCase"),
        (StringNotEqualsIgnoreCase, "StringNotEqualsIgnoreCase"),
        (StringLike, "StringLike"),
        (StringNotLike, "StringNotLike"),
        (NumericEquals, "NumericEquals"),
        (NumericNotEquals, "NumericNotEquals"),
        (NumericLessThan, "NumericLessThan"),
        (NumericLessThanEquals, "NumericLessThanEquals"),
        (NumericGreaterThan, "NumericGreaterThan"),
        (NumericGreaterThanEquals, "NumericGreaterThanEquals"),
        (DateEquals, "DateEquals"),
        (DateNotEquals, "DateNotEquals"),
        (DateLessThan, "DateLessThan"),
        (DateLessThanEquals, "DateLessThanEquals"),
        (DateGreaterThan, "DateGreaterThan"),
        (DateGreaterThanEquals, "DateGreaterThanEquals"),
        (Bool, "Bool"),
        (BinaryEquals, "BinaryEquals"),
        (IpAddress, "IpAddress"),
        (NotIpAddress, "NotIpAddress"),
        (ArnEquals, "ArnEquals"),
        (ArnLike, "ArnLike"),
        (ArnNotEquals, "ArnNotEquals"),
        (ArnNotLike, "ArnNotLike"),
        (Null, "Null"),
    ]
};

impl OperatorKind {
    /// Every base operator.
    pub fn all() -> impl Iterator<Item = OperatorKind> {
        ALL.iter().map(|(k, _)| *k)
    }

    /// AWS's name of the operator.
    pub fn name(self) -> &'static str {
        ALL.iter().find(|(k, _)| *k == self).map_or("", |(_, n)| n)
    }

    /// Whether the operator is a negated one (matches when no policy value matches).
    pub fn is_negated(self) -> bool {
        use OperatorKind::*;
        matches!(
            self,
            StringNotEquals
                | StringNotEqualsIgnoreCase
                | StringNotLike
                | NumericNotEquals
                | DateNotEquals
                | NotIpAddress
                | ArnNotEquals
                | ArnNotLike
        )
    }

    /// The positive operator that a negated one negates (identity for positive ones).
    pub fn positive(self) -> OperatorKind {
        use OperatorKind::*;
        match self {
            StringNotEquals => StringEquals,
            StringNotEqualsIgnoreCase => StringEqualsIgnoreCase,
            StringNotLike => StringLike,
            NumericNotEquals => NumericEquals,
            DateNotEquals => DateEquals,
            NotIpAddress => IpAddress,
            ArnNotEquals => ArnEquals,
            ArnNotLike => ArnLike,
            other => other,
        }
    }

    /// The value family the operator compares.
    pub fn family(self) -> Family {
        use OperatorKind::*;
        match self {
            StringEquals
            | StringNotEquals
            | StringEqualsIgnoreCase
            | StringNotEqualsIgnoreCase
            | StringLike
            | StringNotLike => Family::String,
            NumericEquals
            | NumericNotEquals
            | NumericLessThan
            | NumericLessThanEquals
            | NumericGreaterThan
            | NumericGreaterThanEquals => Family::Numeric,
            DateEquals
            | DateNotEquals
            | DateLessThan
            | DateLessThanEquals
            | DateGreaterThan
            | DateGreaterThanEquals => Family::Date,
            Bool => Family::Bool,
            BinaryEquals => Family::Binary,
            IpAddress | NotIpAddress => Family::Ip,
            ArnEquals | ArnLike | ArnNotEquals | ArnNotLike => Family::Arn,
            Null => Family::Null,
        }
    }
}

/// `ForAllValues:` or `ForAnyValue:`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SetQualifier {
    /// Every value in the request must match (vacuously true for none).
    ForAllValues,
    /// At least one value in the request must match.
    ForAnyValue,
}

/// A full condition operator: qualifier, base operator and `IfExists`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Operator {
    /// The set qualifier, if any.
    pub set: Option<SetQualifier>,
    /// The base operator.
    pub kind: OperatorKind,
    /// Whether `IfExists` was appended.
    pub if_exists: bool,
}

/// An operator name that AWS does not define.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a condition operator")]
pub struct UnknownOperator(pub String);

impl FromStr for Operator {
    type Err = UnknownOperator;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let unknown = || UnknownOperator(s.to_string());
        // Names are matched exactly as AWS documents them.
        let (set, rest) = if let Some((q, rest)) = s.split_once(':') {
            let set = if q == "ForAllValues" {
                SetQualifier::ForAllValues
            } else if q == "ForAnyValue" {
                SetQualifier::ForAnyValue
            } else {
                return Err(unknown());
            };
            (Some(set), rest)
        } else {
            (None, s)
        };
        let (base, if_exists) = match rest.strip_suffix("IfExists") {
            Some(b) => (b, true),
            None => (rest, false),
        };
        let kind = ALL
            .iter()
            .find(|(_, n)| *n == base)
            .map(|(k, _)| *k)
            .ok_or_else(unknown)?;
        // `NullIfExists` is meaningless and rejected by AWS. A set qualifier
        // on `Null` is accepted (and pointless: the check looks at presence).
        if kind == OperatorKind::Null && if_exists {
            return Err(unknown());
        }
        Ok(Operator {
            set,
            kind,
            if_exists,
        })
    }
}

impl fmt::Display for Operator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.set {
            Some(SetQualifier::ForAllValues) => f.write_str("ForAllValues:")?,
            Some(SetQualifier::ForAnyValue) => f.write_str("ForAnyValue:")?,
            None => {}
        }
        f.write_str(self.kind.name())?;
        if self.if_exists {
            f.write_str("IfExists")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_and_display_round_trip() {
        for k in OperatorKind::all() {
            let op: Operator = k.name().parse().unwrap();
            assert_eq!(op.kind, k);
            assert_eq!(op.to_string(), k.name());
        }
        let op: Operator = "ForAnyValue:StringNotLikeIfExists".parse().unwrap();
        assert_eq!(
            op,
            Operator {
                set: Some(SetQualifier::ForAnyValue),
                kind: OperatorKind::StringNotLike,
                if_exists: true
            }
        );
        assert_eq!(op.to_string(), "ForAnyValue:StringNotLikeIfExists");
        assert!("StringEqualz".parse::<Operator>().is_err());
        assert!("NullIfExists".parse::<Operator>().is_err());
        assert!("ForAllValues:Null".parse::<Operator>().is_ok());
        assert!("ForSomeValues:StringLike".parse::<Operator>().is_err());
        assert!("stringequals".parse::<Operator>().is_err());
    }

    #[test]
    fn negation_pairs() {
        for k in OperatorKind::all() {
            assert_eq!(k.is_negated(), k.positive() != k);
            assert_eq!(k.family(), k.positive().family());
        }
    }
}
