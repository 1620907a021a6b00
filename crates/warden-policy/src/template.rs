//! Policy variables: `${aws:username}`, `${aws:PrincipalTag/team, 'none'}`,
//! and the escapes `${*}`, `${?}`, `${$}`.
//!
//! A value with variables is a [`Template`]: a sequence of literal text,
//! escaped characters and variable references. Escapes are kept apart from
//! text because in a wildcard context (`StringLike`, `Resource`) `${*}` is a
//! literal asterisk, while `*` in text is a wildcard. Under policy version
//! 2008-10-17 variables do not exist and everything is text.

/// One piece of a template.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Part {
    /// Text as written; in wildcard contexts `*` and `?` in it are wildcards.
    Text(String),
    /// A character written as `${*}`, `${?}` or `${$}`: always literal.
    Escaped(char),
    /// A reference to a request context key.
    Var {
        /// The key name as written (matching is case-insensitive).
        key: String,
        /// The default used when the key is absent: `${key, 'default'}`.
        default: Option<String>,
    },
}

/// A policy value that may contain variables.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Template {
    /// The pieces in order. Adjacent text is merged.
    pub parts: Vec<Part>,
}

impl Template {
    /// Parses `text`. With `variables == false` (version 2008-10-17) the whole
    /// text is literal text.
    pub fn parse(text: &str, variables: bool) -> Template {
        let mut t = Template::default();
        if !variables {
            t.push_text(text);
            return t;
        }
        let mut rest = text;
        while let Some(i) = rest.find("${") {
            t.push_text(&rest[..i]);
            let after = &rest[i + 2..];
            match after.find('}') {
                Some(close) => {
                    let inner = &after[..close];
                    match parse_inner(inner) {
                        Some(p) => t.parts.push(p),
                        // Not a well-formed variable: AWS keeps such text as it is.
                        None => t.push_text(&rest[i..i + 2 + close + 1]),
                    }
                    rest = &after[close + 1..];
                }
                None => {
                    t.push_text(&rest[i..]);
                    rest = "";
                }
            }
        }
        t.push_text(rest);
        t
    }

    fn push_text(&mut self, s: &str) {
        if s.is_empty() {
            return;
        }
        if let Some(Part::Text(prev)) = self.parts.last_mut() {
            prev.push_str(s);
        } else {
            self.parts.push(Part::Text(s.to_string()));
        }
    }

    /// Whether the template references any context key.
    pub fn has_variables(&self) -> bool {
        self.parts.iter().any(|p| matches!(p, Part::Var { .. }))
    }

    /// The variables referenced, in order.
    pub fn variables(&self) -> impl Iterator<Item = &str> {
        self.parts.iter().filter_map(|p| match p {
            Part::Var { key, .. } => Some(key.as_str()),
            _ => None,
        })
    }

    /// The template as plain text when it has no variables (escapes resolved).
    pub fn as_literal(&self) -> Option<String> {
        let mut out = String::new();
        for p in &self.parts {
            match p {
                Part::Text(s) => out.push_str(s),
                Part::Escaped(c) => out.push(*c),
                Part::Var { .. } => return None,
            }
        }
        Some(out)
    }
}

fn parse_inner(inner: &str) -> Option<Part> {
    match inner {
        "*" => return Some(Part::Escaped('*')),
        "?" => return Some(Part::Escaped('?')),
        "$" => return Some(Part::Escaped('$')),
        _ => {}
    }
    let (key, default) = match inner.split_once(',') {
        Some((k, d)) => {
            let d = d.trim();
            let d = d.strip_prefix('\'')?.strip_suffix('\'')?;
            (k.trim(), Some(d.to_string()))
        }
        None => (inner.trim(), None),
    };
    if key.is_empty() || key.contains(['$', '{', '\'', ' ']) {
        return None;
    }
    Some(Part::Var {
        key: key.to_string(),
        default,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Part {
        Part::Text(s.into())
    }

    #[test]
    fn variables_and_escapes() {
        let t = Template::parse("arn:aws:s3:::b/${aws:username}/*", true);
        assert_eq!(
            t.parts,
            vec![
                text("arn:aws:s3:::b/"),
                Part::Var {
                    key: "aws:username".into(),
                    default: None
                },
                text("/*")
            ]
        );
        let t = Template::parse("a${*}b${?}${$}", true);
        assert_eq!(
            t.parts,
            vec![
                text("a"),
                Part::Escaped('*'),
                text("b"),
                Part::Escaped('?'),
                Part::Escaped('$')
            ]
        );
        assert_eq!(t.as_literal().as_deref(), Some("a*b?$"));
        let t = Template::parse("${aws:PrincipalTag/team, 'none'}", true);
        assert_eq!(
            t.parts,
            vec![Part::Var {
                key: "aws:PrincipalTag/team".into(),
                default: Some("none".into())
            }]
        );
    }

    #[test]
    fn version_2008_is_literal() {
        let t = Template::parse("x/${aws:username}", false);
        assert_eq!(t.parts, vec![text("x/${aws:username}")]);
        assert!(!t.has_variables());
    }

    #[test]
    fn malformed_variables_stay_text() {
        assert_eq!(Template::parse("a${b", true).parts, vec![text("a${b")]);
        assert_eq!(Template::parse("a${}c", true).parts, vec![text("a${}c")]);
        assert_eq!(
            Template::parse("${k, nope}", true).parts,
            vec![text("${k, nope}")]
        );
    }
}
