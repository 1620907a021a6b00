//! The two small vocabularies of the catalog: [`AccessLevel`] and
//! [`ConditionType`].

use std::fmt;
use std::str::FromStr;

/// The access level AWS assigns to an action, as in the "Access level"
/// column of the Service Authorization Reference.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AccessLevel {
    /// Lists resources (`List`).
    List,
    /// Reads resources or their attributes (`Read`).
    Read,
    /// Creates, changes or deletes resources (`Write`).
    Write,
    /// Changes permissions: policies, grants, ACLs (`Permissions management`).
    PermissionsManagement,
    /// Changes only tags (`Tagging`).
    Tagging,
}

impl AccessLevel {
    /// Every access level, in declaration order.
    pub const ALL: [AccessLevel; 5] = [
        AccessLevel::List,
        AccessLevel::Read,
        AccessLevel::Write,
        AccessLevel::PermissionsManagement,
        AccessLevel::Tagging,
    ];

    /// AWS's spelling: `"List"`, `"Read"`, `"Write"`, `"Permissions management"`, `"Tagging"`.
    pub fn as_str(self) -> &'static str {
        match self {
            AccessLevel::List => "List",
            AccessLevel::Read => "Read",
            AccessLevel::Write => "Write",
            AccessLevel::PermissionsManagement => "Permissions management",
            AccessLevel::Tagging => "Tagging",
        }
    }

    /// Decodes the generator's code (see `xtask/src/catalog.rs`).
    pub(crate) fn from_code(code: u32) -> AccessLevel {
        match code {
            0 => AccessLevel::List,
            1 => AccessLevel::Read,
            3 => AccessLevel::PermissionsManagement,
            4 => AccessLevel::Tagging,
            _ => AccessLevel::Write,
        }
    }
}

impl fmt::Display for AccessLevel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Error of parsing an [`AccessLevel`] or a [`ConditionType`] from text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseKindError {
    what: &'static str,
    input: String,
}

impl fmt::Display for ParseKindError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown {}: {:?}", self.what, self.input)
    }
}

impl std::error::Error for ParseKindError {}

impl FromStr for AccessLevel {
    type Err = ParseKindError;

    /// Parses AWS's spelling, case-insensitively; `PermissionsManagement`
    /// and `permissions-management` are accepted too.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let norm: String = s
            .chars()
            .filter(|c| !matches!(c, ' ' | '-' | '_'))
            .map(|c| c.to_ascii_lowercase())
            .collect();
        match norm.as_str() {
            "list" => Ok(AccessLevel::List),
            "read" => Ok(AccessLevel::Read),
            "write" => Ok(AccessLevel::Write),
            "permissionsmanagement" => Ok(AccessLevel::PermissionsManagement),
            "tagging" => Ok(AccessLevel::Tagging),
            _ => Err(ParseKindError {
                what: "access level",
                input: s.to_owned(),
            }),
        }
    }
}

/// The type of a condition key's value, as AWS publishes it ("String",
/// "ArrayOfARN", ...). It decides which condition operators make sense.
///
/// The `ArrayOf…` types are multi-valued keys, used with the
/// `ForAllValues:`/`ForAnyValue:` set operators. (AWS's numeric types
/// `Long`/`Integer`, seen in some older tables, are mapped to
/// [`ConditionType::Numeric`] by the generator.)
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ConditionType {
    /// `String`.
    String,
    /// `Numeric`.
    Numeric,
    /// `Date`.
    Date,
    /// `Bool`.
    Bool,
    /// `ARN`.
    Arn,
    /// `IPAddress`.
    IpAddress,
    /// `Binary`.
    Binary,
    /// `ArrayOfString`.
    ArrayOfString,
    /// `ArrayOfNumeric`.
    ArrayOfNumeric,
    /// `ArrayOfDate`.
    ArrayOfDate,
    /// `ArrayOfBool`.
    ArrayOfBool,
    /// `ArrayOfARN`.
    ArrayOfArn,
    /// `ArrayOfIPAddress`.
    ArrayOfIpAddress,
    /// `ArrayOfBinary`.
    ArrayOfBinary,
}

impl ConditionType {
    /// Every condition type, in declaration order.
    pub const ALL: [ConditionType; 14] = [
        ConditionType::String,
        ConditionType::Numeric,
        ConditionType::Date,
        ConditionType::Bool,
        ConditionType::Arn,
        ConditionType::IpAddress,
        ConditionType::Binary,
        ConditionType::ArrayOfString,
        ConditionType::ArrayOfNumeric,
        ConditionType::ArrayOfDate,
        ConditionType::ArrayOfBool,
        ConditionType::ArrayOfArn,
        ConditionType::ArrayOfIpAddress,
        ConditionType::ArrayOfBinary,
    ];

    /// AWS's spelling, e.g. `"String"`, `"ARN"`, `"IPAddress"`, `"ArrayOfARN"`.
    pub fn as_str(self) -> &'static str {
        match self {
            ConditionType::String => "String",
            ConditionType::Numeric => "Numeric",
            ConditionType::Date => "Date",
            ConditionType::Bool => "Bool",
            ConditionType::Arn => "ARN",
            ConditionType::IpAddress => "IPAddress",
            ConditionType::Binary => "Binary",
            ConditionType::ArrayOfString => "ArrayOfString",
            ConditionType::ArrayOfNumeric => "ArrayOfNumeric",
            ConditionType::ArrayOfDate => "ArrayOfDate",
            ConditionType::ArrayOfBool => "ArrayOfBool",
            ConditionType::ArrayOfArn => "ArrayOfARN",
            ConditionType::ArrayOfIpAddress => "ArrayOfIPAddress",
            ConditionType::ArrayOfBinary => "ArrayOfBinary",
        }
    }

    /// Is this an `ArrayOf…` (multi-valued) type?
    pub fn is_multivalued(self) -> bool {
        self.scalar() != self
    }

    /// The element type: `ArrayOfString` → `String`; scalar types map to
    /// themselves.
    pub fn scalar(self) -> ConditionType {
        match self {
            ConditionType::ArrayOfString => ConditionType::String,
            ConditionType::ArrayOfNumeric => ConditionType::Numeric,
            ConditionType::ArrayOfDate => ConditionType::Date,
            ConditionType::ArrayOfBool => ConditionType::Bool,
            ConditionType::ArrayOfArn => ConditionType::Arn,
            ConditionType::ArrayOfIpAddress => ConditionType::IpAddress,
            ConditionType::ArrayOfBinary => ConditionType::Binary,
            scalar => scalar,
        }
    }

    /// The multi-valued form: `String` → `ArrayOfString`; array types map to
    /// themselves.
    pub fn array(self) -> ConditionType {
        match self {
            ConditionType::String => ConditionType::ArrayOfString,
            ConditionType::Numeric => ConditionType::ArrayOfNumeric,
            ConditionType::Date => ConditionType::ArrayOfDate,
            ConditionType::Bool => ConditionType::ArrayOfBool,
            ConditionType::Arn => ConditionType::ArrayOfArn,
            ConditionType::IpAddress => ConditionType::ArrayOfIpAddress,
            ConditionType::Binary => ConditionType::ArrayOfBinary,
            array => array,
        }
    }

    /// Decodes the generator's code: String 0, Numeric 1, Date 2, Bool 3,
    /// ARN 4, IPAddress 5, Binary 6, plus 8 for the `ArrayOf` forms.
    pub(crate) fn from_code(code: u32) -> ConditionType {
        let scalar = match code & 7 {
            1 => ConditionType::Numeric,
            2 => ConditionType::Date,
            3 => ConditionType::Bool,
            4 => ConditionType::Arn,
            5 => ConditionType::IpAddress,
            6 => ConditionType::Binary,
            _ => ConditionType::String,
        };
        if code & 8 != 0 {
            scalar.array()
        } else {
            scalar
        }
    }
}

impl fmt::Display for ConditionType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for ConditionType {
    type Err = ParseKindError;

    /// Parses AWS's spelling, case-insensitively (`"ArrayOfARN"`,
    /// `"ipaddress"`, ...); `Long`/`Integer` parse as `Numeric`, `Boolean`
    /// as `Bool`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let lower = s.to_ascii_lowercase();
        let (array, base) = match lower.strip_prefix("arrayof") {
            Some(base) => (true, base),
            None => (false, lower.as_str()),
        };
        let scalar = match base {
            "string" => ConditionType::String,
            "numeric" | "long" | "integer" => ConditionType::Numeric,
            "date" => ConditionType::Date,
            "bool" | "boolean" => ConditionType::Bool,
            "arn" => ConditionType::Arn,
            "ipaddress" => ConditionType::IpAddress,
            "binary" => ConditionType::Binary,
            _ => {
                return Err(ParseKindError {
                    what: "condition type",
                    input: s.to_owned(),
                })
            }
        };
        Ok(if array { scalar.array() } else { scalar })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn access_level_round_trips() {
        for level in AccessLevel::ALL {
            assert_eq!(level.as_str().parse::<AccessLevel>(), Ok(level));
        }
        assert_eq!(
            AccessLevel::PermissionsManagement.as_str(),
            "Permissions management"
        );
        assert_eq!(
            "permissions-management".parse(),
            Ok(AccessLevel::PermissionsManagement)
        );
        assert!("Delete".parse::<AccessLevel>().is_err());
    }

    #[test]
    fn condition_type_round_trips() {
        for ty in ConditionType::ALL {
            assert_eq!(ty.as_str().parse::<ConditionType>(), Ok(ty));
            assert_eq!(ty.scalar().array(), ty.array());
            assert_eq!(ty.is_multivalued(), ty.as_str().starts_with("ArrayOf"));
            assert!(!ty.scalar().is_multivalued());
        }
        assert_eq!("Long".parse(), Ok(ConditionType::Numeric));
        assert_eq!(ConditionType::ArrayOfArn.scalar(), ConditionType::Arn);
        assert!("Null".parse::<ConditionType>().is_err());
    }

    #[test]
    fn codes_decode() {
        assert_eq!(ConditionType::from_code(0), ConditionType::String);
        assert_eq!(ConditionType::from_code(8), ConditionType::ArrayOfString);
        assert_eq!(ConditionType::from_code(4 | 8), ConditionType::ArrayOfArn);
        assert_eq!(ConditionType::from_code(5), ConditionType::IpAddress);
        assert_eq!(
            AccessLevel::from_code(3),
            AccessLevel::PermissionsManagement
        );
    }
}
