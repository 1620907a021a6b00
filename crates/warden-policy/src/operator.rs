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

/// The base operator named exactly `name`: a `match`, which the compiler
/// turns into a length switch, instead of a scan of [`ALL`] (condition
/// operators are parsed for every condition of every policy read).
fn kind_named(name: &str) -> Option<OperatorKind> {
    use OperatorKind::*;
    Some(match name {
        "StringEquals" => StringEquals,
        "StringNotEquals" => StringNotEquals,
        "StringEqualsIgnoreCase" => StringEqualsIgnoreCase,
        "StringNotEqualsIgnoreCase" => StringNotEqualsIgnoreCase,
        "StringLike" => StringLike,
        "StringNotLike" => StringNotLike,
        "NumericEquals" => NumericEquals,
        "NumericNotEquals" => NumericNotEquals,
        "NumericLessThan" => NumericLessThan,
        "NumericLessThanEquals" => NumericLessThanEquals,
        "NumericGreaterThan" => NumericGreaterThan,
        "NumericGreaterThanEquals" => NumericGreaterThanEquals,
        "DateEquals" => DateEquals,
        "DateNotEquals" => DateNotEquals,
        "DateLessThan" => DateLessThan,
        "DateLessThanEquals" => DateLessThanEquals,
        "DateGreaterThan" => DateGreaterThan,
        "DateGreaterThanEquals" => DateGreaterThanEquals,
        "Bool" => Bool,
        "BinaryEquals" => BinaryEquals,
        "IpAddress" => IpAddress,
        "NotIpAddress" => NotIpAddress,
        "ArnEquals" => ArnEquals,
        "ArnLike" => ArnLike,
        "ArnNotEquals" => ArnNotEquals,
        "ArnNotLike" => ArnNotLike,
        "Null" => Null,
        _ => return None,
    })
}

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
        // A name with any other `:` is unknown either way: no base name
        // holds one, so the rest is then simply not found below.
        let (set, rest) = if let Some(rest) = s.strip_prefix("ForAllValues:") {
            (Some(SetQualifier::ForAllValues), rest)
        } else if let Some(rest) = s.strip_prefix("ForAnyValue:") {
            (Some(SetQualifier::ForAnyValue), rest)
        } else {
            (None, s)
        };
        let (base, if_exists) = match rest.strip_suffix("IfExists") {
            Some(b) => (b, true),
            None => (rest, false),
        };
        let kind = kind_named(base).ok_or_else(unknown)?;
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
    fn the_name_match_agrees_with_the_table() {
        for (k, n) in ALL {
            assert_eq!(kind_named(n), Some(k));
            assert_eq!(kind_named(&n.to_lowercase()), None);
            assert_eq!(kind_named(&n[1..]), None);
        }
        assert_eq!(kind_named(""), None);
    }

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

    /// The parser as first written (split at the first `:`, scan the
    /// table), to compare the faster one with.
    fn reference(s: &str) -> Option<Operator> {
        let (set, rest) = match s.split_once(':') {
            Some(("ForAllValues", rest)) => (Some(SetQualifier::ForAllValues), rest),
            Some(("ForAnyValue", rest)) => (Some(SetQualifier::ForAnyValue), rest),
            Some(_) => return None,
            None => (None, s),
        };
        let (base, if_exists) = match rest.strip_suffix("IfExists") {
            Some(b) => (b, true),
            None => (rest, false),
        };
        let kind = ALL.iter().find(|(_, n)| *n == base)?.0;
        (!(kind == OperatorKind::Null && if_exists)).then_some(Operator {
            set,
            kind,
            if_exists,
        })
    }

    #[test]
    fn parsing_agrees_with_the_reference_on_every_combination() {
        let prefixes = [
            "",
            "ForAllValues:",
            "ForAnyValue:",
            "ForAnyValues:",
            "Foo:",
            ":",
            "ForAnyValue:ForAllValues:",
            "forallvalues:",
        ];
        let suffixes = ["", "IfExists", "IfExistsIfExists", ":", "ifexists"];
        let bases = ALL.iter().map(|(_, n)| *n).chain(["", "X", "String"]);
        let mut checked = 0;
        for base in bases {
            for p in prefixes {
                for x in suffixes {
                    let s = format!("{p}{base}{x}");
                    let got = s.parse::<Operator>();
                    assert_eq!(got.clone().ok(), reference(&s), "{s}");
                    if let Err(e) = got {
                        assert_eq!(e.0, s);
                    }
                    checked += 1;
                }
            }
        }
        assert!(checked > 1000);
    }

    #[test]
    fn negation_pairs() {
        for k in OperatorKind::all() {
            assert_eq!(k.is_negated(), k.positive() != k);
            assert_eq!(k.family(), k.positive().family());
        }
    }
}
