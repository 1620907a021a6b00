//! From policies to a propositional problem over the regions of the request.
//!
//! A request is a point in a product of domains: the action, the resource,
//! the principal and one value (or set of values) per context key. Phase
//! one walks the policies and records every *test* they make on each part
//! (the same tests the evaluator runs, built from the same globs); phase two
//! partitions each part into regions ([`crate::automata`],
//! [`crate::domains`]) and gives the SAT solver one variable per region:
//! exactly one is chosen for a single-valued part, any non-empty subset for a
//! multi-valued key. A test is then the disjunction of the regions where it
//! holds, and statements, policies and the query are Boolean combinations of
//! tests, encoded with Tseitin variables. Because the regions are exact, a
//! model is a real request and an unsatisfiable query means no request
//! exists: the procedure is sound and complete for every construct encoded
//! here.
//!
//! The one construct encoded by abstraction is a policy variable inside a
//! value (`arn:aws:s3:::b/${aws:username}/*`): it relates two parts of the
//! request. Each distinct templated test is a free Boolean, tied to the
//! variable keys' presence, to a sound over-approximation (the template
//! with each variable read as `*`) and, pair by pair, to the other
//! templated tests of its part by lemmas that hold for every value
//! (`relations`). An unsatisfiable abstraction is still a proof (every
//! real request satisfies the abstraction); a model of it is only a
//! candidate, which [`crate::concrete`] must realise and the evaluator
//! confirm before it is reported. A model that no realisation confirms is
//! set aside so the search can go on, but from then on running out of
//! models is no longer a proof: the caller then tries instances of the
//! variables ([`Problem::instance`]), each an exact problem. A set-valued
//! key compared with a variable is modelled by element parts
//! ([`Problem::finish`]).
use crate::automata::{
    chain_literal, chain_of_tokens, regions, Chain, Label, Nfa, Pattern, Region, Step,
};
use crate::domains::{date_candidates, ip_candidates, number_candidates, Candidate, Class, Test};
use rustc_hash::FxHashMap;
use rustsat::solvers::{Solve, SolverResult};
use rustsat::types::{Clause, Lit, TernaryVal};
use warden_eval::glob::{Glob, Token};
use warden_eval::values::{parse_bool, parse_date, parse_number, IpNet};
use warden_policy::arn::split_fields;
use warden_policy::operator::{Family, Operator, OperatorKind, SetQualifier};
use warden_policy::policy::{Effect, Policy, PrincipalKind, PrincipalValue, Statement};
use warden_policy::template::{Part, Template};
use warden_policy::Span;

/// Bound on the product automaton of one part of the request.
pub const STATE_LIMIT: usize = 400_000;

/// Above this many product states a single-valued string part is decided
/// lazily rather than by enumerating its regions.
const EAGER_LIMIT: usize = 4_000;

/// Which part of the request a variable is.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum VarKind {
    /// The action name.
    Action,
    /// The resource ARN.
    Resource,
    /// The principal, as its canonical text (see [`crate::principal`]).
    Principal,
    /// A context key.
    Key {
        /// The key as first written.
        name: String,
        /// Whether requests carry a set of values for it.
        multi: bool,
    },
}

/// One part of the request and the tests made on it.
#[derive(Debug, Clone)]
pub struct Var {
    /// Which part.
    pub kind: VarKind,
    /// The tests, in order of first use.
    pub tests: Vec<Test>,
    /// Per test: the one string it accepts (modulo the action's case
    /// folding), if it is a literal, and the literal text every string it
    /// accepts starts with (lower-cased for the action).
    shapes: Vec<(Option<String>, String)>,
    index: FxHashMap<String, usize>,
}

impl Var {
    /// The string patterns among the tests, in test order (for a part of
    /// the string class, all of them, so indices agree).
    fn patterns(&self) -> Vec<&Pattern> {
        self.tests
            .iter()
            .filter_map(|t| match t {
                Test::Str(p) => Some(p),
                _ => None,
            })
            .collect()
    }
}

/// How a templated value is compared once its variables are substituted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TemplateMode {
    /// A wildcard pattern over the whole string (`StringLike`, `Resource`).
    Like,
    /// Literal equality, case-folded or not.
    Equals {
        /// `StringEqualsIgnoreCase`.
        fold: bool,
    },
    /// `Arn*`: field by field.
    Arn,
}

/// A test whose value contains policy variables.
#[derive(Debug, Clone)]
pub struct TemplateTest {
    /// The part tested.
    pub var: usize,
    /// The value.
    pub template: Template,
    /// How it compares.
    pub mode: TemplateMode,
    /// For resources: the service field the pattern names.
    pub service: Option<String>,
    /// The variables' keys (variable index) and whether a default is given.
    pub keys: Vec<(usize, bool)>,
    /// A plain test that every match satisfies (variables read as `*`).
    pub over: Option<usize>,
}

/// A test of the problem.
#[derive(Debug, Clone)]
pub enum Atom {
    /// Test `test` of part `var`.
    Test {
        /// The part.
        var: usize,
        /// The test's index in the part.
        test: usize,
    },
    /// A templated test (see the module documentation).
    Template(TemplateTest),
    /// Never holds (e.g. an unparseable value).
    False,
}

/// One condition of a statement.
#[derive(Debug, Clone)]
pub enum Cond {
    /// An operator with values on a key.
    Values {
        /// The key's part.
        var: usize,
        /// The operator.
        op: Operator,
        /// The positive test of each value.
        atoms: Vec<usize>,
    },
    /// `Null`.
    Null {
        /// The key's part.
        var: usize,
        /// The policy's values.
        values: Vec<Option<bool>>,
    },
}

/// A statement in terms of atoms.
#[derive(Debug, Clone)]
pub struct SStatement {
    /// Index in the policy.
    pub index: usize,
    /// `Sid`.
    pub sid: Option<String>,
    /// Effect.
    pub effect: Effect,
    /// Source span.
    pub span: Span,
    action: Option<(bool, Vec<usize>)>,
    resource: Option<(bool, Vec<usize>)>,
    principal: Option<(bool, Vec<usize>)>,
    conds: Vec<Cond>,
}

/// A policy in terms of atoms.
#[derive(Debug, Clone)]
pub struct SPolicy {
    /// The statements.
    pub statements: Vec<SStatement>,
}

/// The problem under construction: parts, atoms, policies.
#[derive(Debug, Default)]
pub struct Problem {
    /// The request's parts.
    pub vars: Vec<Var>,
    var_index: FxHashMap<String, usize>,
    /// The atoms.
    pub atoms: Vec<Atom>,
    atom_index: FxHashMap<String, usize>,
    /// Why the problem cannot be decided exactly, if it cannot.
    pub unsupported: Option<String>,
    /// Whether resource-side principals are modelled.
    pub with_principal: bool,
    /// While adding a reference policy: `AWS` principal entries with
    /// wildcards are read as patterns (see [`Problem::add_reference_policy`]).
    glob_principals: bool,
    /// Fixed values for the policy variables, if the problem is an
    /// instance ([`Problem::instance`]).
    instance: Option<Instance>,
    /// The keys an instance fixes: the key's part and the atom "equals the
    /// value" (`None`: absent).
    pub pins: Vec<(usize, Option<usize>)>,
    /// Set-valued keys that some condition compares with a policy variable.
    templated_sets: Vec<usize>,
    /// Per set-valued key: its distinct conditions (operator and atoms).
    set_conds: FxHashMap<usize, Vec<String>>,
    /// Per set-valued key compared with a variable: its element parts
    /// ([`Problem::finish`]).
    pub slots: FxHashMap<usize, Vec<usize>>,
    /// An element part's copy of a key's atom: (key atom, element index).
    slot_atoms: FxHashMap<(usize, usize), usize>,
    /// Element part → its key's part.
    pub slot_owner: FxHashMap<usize, usize>,
    finished: bool,
}

/// Values for the single-valued keys that policy variables name: the key
/// (as written) and its value, `None` for absent. A key not listed is
/// absent.
pub type Instance = Vec<(String, Option<String>)>;

impl Problem {
    /// A problem for identity-side policies (`with_principal == false`) or
    /// resource-side ones.
    pub fn new(with_principal: bool) -> Problem {
        let mut p = Problem {
            with_principal,
            ..Problem::default()
        };
        p.var(VarKind::Action);
        p.var(VarKind::Resource);
        if with_principal {
            p.var(VarKind::Principal);
        }
        p
    }

    /// A problem in which every policy variable of a single-valued key has
    /// the value `instance` gives it (or is absent): templated values become
    /// plain patterns with the values spelled literally, as the evaluator
    /// substitutes them, and the keys are pinned to those values. The
    /// regions are then exact, so a model is a request with these values;
    /// an unsatisfiable instance says nothing about other values.
    pub fn instance(with_principal: bool, instance: &Instance) -> Problem {
        let mut p = Problem::new(with_principal);
        for (key, value) in instance {
            let var = p.key_var(key);
            let atom = value.as_ref().map(|v| {
                let op = Operator {
                    set: None,
                    kind: OperatorKind::StringEquals,
                    if_exists: false,
                };
                p.condition_atom(var, op, v, false)
            });
            p.pins.push((var, atom));
        }
        p.instance = Some(instance.clone());
        p
    }

    /// `t` with its variables replaced by the instance's values (each
    /// character literal, as the evaluator inserts a value); `None` when a
    /// variable has neither a value nor a default (the test cannot hold).
    /// Templates are returned unchanged outside an instance.
    fn instantiate(&self, t: Template) -> Option<Template> {
        let Some(inst) = &self.instance else {
            return Some(t);
        };
        let mut parts = Vec::with_capacity(t.parts.len());
        for part in t.parts {
            match part {
                Part::Var { key, default } => {
                    let value = if is_multivalued(&key) {
                        None
                    } else {
                        inst.iter()
                            .find(|(k, _)| k.eq_ignore_ascii_case(&key))
                            .and_then(|(_, v)| v.clone())
                    };
                    let value = value.or(default)?;
                    parts.extend(value.chars().map(Part::Escaped));
                }
                other => parts.push(other),
            }
        }
        Some(Template { parts })
    }

    fn var(&mut self, kind: VarKind) -> usize {
        let key = match &kind {
            VarKind::Action => "\0action".to_string(),
            VarKind::Resource => "\0resource".to_string(),
            VarKind::Principal => "\0principal".to_string(),
            VarKind::Key { name, .. } => name.to_ascii_lowercase(),
        };
        if let Some(&i) = self.var_index.get(&key) {
            return i;
        }
        let i = self.vars.len();
        self.vars.push(Var {
            kind,
            tests: Vec::new(),
            shapes: Vec::new(),
            index: FxHashMap::default(),
        });
        self.var_index.insert(key, i);
        i
    }

    /// The part for context key `name`.
    pub fn key_var(&mut self, name: &str) -> usize {
        let multi = is_multivalued(name);
        self.var(VarKind::Key {
            name: name.to_string(),
            multi,
        })
    }

    /// The index of the action part.
    pub fn action_var(&self) -> usize {
        0
    }

    /// The index of the resource part.
    pub fn resource_var(&self) -> usize {
        1
    }

    /// The index of the principal part, when modelled.
    pub fn principal_var(&self) -> Option<usize> {
        self.with_principal.then_some(2)
    }

    fn test(&mut self, var: usize, key: String, make: impl FnOnce() -> Test) -> usize {
        let atom_key = format!("{var}\u{1}{key}");
        if let Some(&a) = self.atom_index.get(&atom_key) {
            return a;
        }
        let v = &mut self.vars[var];
        let t = match v.index.get(&key) {
            Some(&t) => t,
            None => {
                let t = v.tests.len();
                v.tests.push(make());
                v.shapes.push((None, String::new()));
                v.index.insert(key, t);
                t
            }
        };
        let a = self.atoms.len();
        self.atoms.push(Atom::Test { var, test: t });
        self.atom_index.insert(atom_key, a);
        a
    }

    /// Records the shape of a plain-text pattern's test (see [`Var`]).
    fn note_shape(&mut self, atom: usize, text: &str, fold: bool) {
        let Some(Atom::Test { var, test }) = self.atoms.get(atom) else {
            return;
        };
        let (var, test) = (*var, *test);
        let text = if fold {
            warden_eval::glob::lower_str(text)
        } else {
            text.to_string()
        };
        let cut = text.find(['*', '?']).unwrap_or(text.len());
        let literal = (cut == text.len()).then(|| text.clone());
        if let Some(slot) = self.vars.get_mut(var).and_then(|v| v.shapes.get_mut(test)) {
            *slot = (literal, text[..cut].to_string());
        }
    }

    fn false_atom(&mut self) -> usize {
        if let Some(&a) = self.atom_index.get("\u{0}false") {
            return a;
        }
        let a = self.atoms.len();
        self.atoms.push(Atom::False);
        self.atom_index.insert("\u{0}false".into(), a);
        a
    }

    /// The atom "the action matches `pattern`" (as an `Action` element value).
    pub fn action_atom(&mut self, pattern: &str) -> usize {
        let g = Glob::new(pattern, true);
        let var = self.action_var();
        let a = self.test(var, format!("a{pattern}"), || {
            Test::Str(Pattern::single(Nfa::union(&[chain_of_tokens(
                &g.tokens(),
                true,
                Label::Any,
            )])))
        });
        self.note_shape(a, pattern, true);
        a
    }

    /// The atom "the resource matches `text`" (as a `Resource` element value).
    pub fn resource_atom(&mut self, text: &str, vars: bool) -> usize {
        let var = self.resource_var();
        let service = if text.starts_with("arn:") {
            split_fields(text)
                .map(|f| f[2].to_string())
                .or_else(|| text.split(':').nth(2).map(str::to_string))
        } else {
            None
        };
        let template = if vars && text.contains("${") {
            match self.instantiate(Template::parse(text, true)) {
                Some(t) => Some(t),
                None => return self.false_atom(),
            }
        } else {
            None
        };
        match template {
            Some(t) if t.has_variables() => {
                let over_tokens = tokens_with_stars(&t);
                let over = self.test(var, format!("r*{text}"), || {
                    resource_pattern(&over_tokens, service.as_deref())
                });
                self.template_atom(var, t, TemplateMode::Like, service, Some(over))
            }
            Some(t) => {
                let g = Glob::from_template_parts(&t.parts, false);
                self.test(var, format!("r{text}"), || {
                    resource_pattern(&g.tokens(), service.as_deref())
                })
            }
            None => {
                let g = Glob::new(text, false);
                let a = self.test(var, format!("r{text}"), || {
                    resource_pattern(&g.tokens(), service.as_deref())
                });
                self.note_shape(a, text, false);
                a
            }
        }
    }

    fn template_atom(
        &mut self,
        var: usize,
        template: Template,
        mode: TemplateMode,
        service: Option<String>,
        over: Option<usize>,
    ) -> usize {
        let key = format!("t{var}\u{1}{mode:?}\u{1}{template:?}");
        if let Some(&a) = self.atom_index.get(&key) {
            return a;
        }
        let keys: Vec<(usize, bool)> = template
            .parts
            .iter()
            .filter_map(|p| match p {
                Part::Var { key, default } => Some((key.clone(), default.is_some())),
                _ => None,
            })
            .collect::<Vec<_>>()
            .into_iter()
            .map(|(k, d)| (self.key_var(&k), d))
            .collect();
        if matches!(self.vars[var].kind, VarKind::Key { multi: true, .. })
            && !self.templated_sets.contains(&var)
        {
            self.templated_sets.push(var);
        }
        let a = self.atoms.len();
        self.atoms.push(Atom::Template(TemplateTest {
            var,
            template,
            mode,
            service,
            keys,
            over,
        }));
        self.atom_index.insert(key, a);
        a
    }

    /// The atom "principal (canonical text) matches" one principal entry.
    pub fn principal_atom(&mut self, kind: PrincipalKind, value: &str) -> usize {
        let Some(var) = self.principal_var() else {
            return self.false_atom();
        };
        match crate::principal::chains(kind, value) {
            Some(chains) if chains.is_empty() => self.false_atom(),
            Some(chains) => self.test(var, format!("p{kind:?}\u{1}{value}"), || {
                Test::Str(Pattern::single(Nfa::union(&chains)))
            }),
            None => self.test(var, "p*".into(), || {
                Test::Str(Pattern::single(Nfa::union(&[vec![Step::Many(Label::Any)]])))
            }),
        }
    }

    /// The atom "the principal matches the pattern `value`", the reading of
    /// a wildcard `AWS` entry in a reference policy
    /// ([`crate::principal::pattern`]); a shape that is not decided makes
    /// the problem unsupported.
    fn principal_pattern_atom(&mut self, value: &str) -> usize {
        let Some(var) = self.principal_var() else {
            return self.false_atom();
        };
        match crate::principal::pattern(value) {
            Ok(pattern) => self.test(var, format!("p~{value}"), || Test::Str(pattern)),
            Err(why) => {
                self.unsupported.get_or_insert(why);
                self.false_atom()
            }
        }
    }

    /// The atom "key `key` is present and matches `pattern` under `ArnLike`":
    /// an extra test that splits the key's regions where a caller is
    /// recognised (see [`crate::public`]).
    pub fn arn_like_atom(&mut self, key: &str, pattern: &str) -> usize {
        let var = self.key_var(key);
        let op = Operator {
            set: None,
            kind: OperatorKind::ArnLike,
            if_exists: false,
        };
        self.condition_atom(var, op, pattern, false)
    }

    /// A test on the principal part from explicit chains (the universe).
    pub fn custom_principal_atom(&mut self, key: &str, chains: &[Chain]) -> usize {
        let Some(var) = self.principal_var() else {
            return self.false_atom();
        };
        let chains = chains.to_vec();
        self.test(var, format!("p{key}"), || {
            Test::Str(Pattern::single(Nfa::union(&chains)))
        })
    }

    /// A string test on a key: one chain, folded or not.
    fn str_test(&mut self, key: usize, id: String, tokens: &[Token], fold: bool) -> usize {
        self.test(key, id, || {
            Test::Str(Pattern::single(Nfa::union(&[chain_of_tokens(
                tokens,
                fold,
                Label::Any,
            )])))
        })
    }

    /// The positive test of one condition value.
    fn condition_atom(&mut self, key: usize, op: Operator, text: &str, vars: bool) -> usize {
        use OperatorKind as K;
        match op.kind.family() {
            Family::String => {
                let like = matches!(op.kind, K::StringLike | K::StringNotLike);
                let fold = matches!(
                    op.kind,
                    K::StringEqualsIgnoreCase | K::StringNotEqualsIgnoreCase
                );
                let id = format!("s{like}{fold}{text}");
                if vars && text.contains("${") {
                    let Some(t) = self.instantiate(Template::parse(text, true)) else {
                        return self.false_atom();
                    };
                    if t.has_variables() {
                        let mode = if like {
                            TemplateMode::Like
                        } else {
                            TemplateMode::Equals { fold }
                        };
                        // Every match lies in the template with each variable
                        // read as `*` (for equality, the text taken literally).
                        let over = if like {
                            let toks = tokens_with_stars(&t);
                            Some(self.str_test(key, format!("s*{text}"), &toks, false))
                        } else {
                            let toks: Vec<Token> = t
                                .parts
                                .iter()
                                .flat_map(|p| match p {
                                    Part::Text(s) => s.chars().map(Token::Char).collect(),
                                    Part::Escaped(c) => vec![Token::Char(*c)],
                                    Part::Var { .. } => vec![Token::Star],
                                })
                                .collect();
                            Some(self.str_test(key, format!("s={fold}*{text}"), &toks, fold))
                        };
                        return self.template_atom(key, t, mode, None, over);
                    }
                    let g = if like {
                        Glob::from_template_parts(&t.parts, fold)
                    } else {
                        Glob::literal(&t.as_literal().unwrap_or_default(), fold)
                    };
                    return self.str_test(key, id, &g.tokens(), fold);
                }
                let g = if like {
                    Glob::new(text, fold)
                } else {
                    Glob::literal(text, fold)
                };
                self.str_test(key, id, &g.tokens(), fold)
            }
            Family::Arn => {
                if vars && text.contains("${") {
                    let Some(t) = self.instantiate(Template::parse(text, true)) else {
                        return self.false_atom();
                    };
                    if t.has_variables() {
                        let over = self.arn_over(&t).map(|chains| {
                            self.test(key, format!("n*{text}"), || {
                                Test::Str(Pattern::single(Nfa::union(&chains)))
                            })
                        });
                        return self.template_atom(key, t, TemplateMode::Arn, None, over);
                    }
                    let g = Glob::from_template_parts(&t.parts, false);
                    return match arn_chain(&g.tokens()) {
                        Some(chain) => self.test(key, format!("n{text}"), || {
                            Test::Str(Pattern::single(Nfa::union(&[chain])))
                        }),
                        None => self.false_atom(),
                    };
                }
                match split_fields(text) {
                    Some(fields) => {
                        let chain = arn_fields_chain(
                            &fields
                                .iter()
                                .map(|f| Glob::new(f, false).tokens())
                                .collect::<Vec<_>>(),
                        );
                        self.test(key, format!("n{text}"), || {
                            Test::Str(Pattern::single(Nfa::union(&[chain])))
                        })
                    }
                    None => self.false_atom(),
                }
            }
            Family::Numeric => {
                let c = parse_number(text);
                let kind = op.kind.positive();
                self.test(key, format!("#{kind:?}{c:?}"), || Test::Num(kind, c))
            }
            Family::Date => {
                let c = parse_date(text);
                let kind = op.kind.positive();
                self.test(key, format!("d{kind:?}{c:?}"), || Test::Date(kind, c))
            }
            Family::Bool => match parse_bool(text) {
                Some(b) => {
                    let word = if b { "true" } else { "false" };
                    self.test(key, format!("b{word}"), || {
                        Test::Str(Pattern::single(Nfa::union(&[word
                            .chars()
                            .map(|c| Step::One(Label::AsciiFold(c)))
                            .collect()])))
                    })
                }
                None => self.false_atom(),
            },
            Family::Binary => self.test(key, format!("sfalsefalse{text}"), || {
                Test::Str(Pattern::single(Nfa::union(&[chain_literal(text)])))
            }),
            Family::Ip => {
                let net = IpNet::parse(text);
                self.test(key, format!("i{net:?}"), || Test::Ip(net))
            }
            Family::Null => self.false_atom(),
        }
    }

    /// Completes the problem once every policy and test is added: each
    /// set-valued key that a condition compares with a policy variable gets
    /// element parts, one per distinct condition on the key, each a copy of
    /// the key's tests and atoms.
    ///
    /// Why that many suffice: every condition on a set-valued key says that
    /// some element, or every element, passes a test of the element, and
    /// its negation says the dual. Given any request, keep for each
    /// condition that holds by "some element" (or fails by "every element")
    /// one element that shows it: every condition keeps its truth on the
    /// smaller set, since "some" keeps its witness and "every" only loses
    /// elements. So a set of at most one element per condition is as good
    /// as any, and the elements are single values, which the templated
    /// tests' machinery handles as it handles any single-valued part.
    pub fn finish(&mut self) {
        if self.finished {
            return;
        }
        self.finished = true;
        for k in self.templated_sets.clone() {
            let VarKind::Key { name, .. } = self.vars[k].kind.clone() else {
                continue;
            };
            let n = self.set_conds.get(&k).map_or(1, |c| c.len().max(1));
            let on_key: Vec<usize> = (0..self.atoms.len())
                .filter(|&a| match &self.atoms[a] {
                    Atom::Test { var, .. } => *var == k,
                    Atom::Template(tt) => tt.var == k,
                    Atom::False => false,
                })
                .collect();
            let mut slots = Vec::with_capacity(n);
            for j in 0..n {
                let sv = self.vars.len();
                let mut copy = self.vars[k].clone();
                copy.kind = VarKind::Key {
                    name: name.clone(),
                    multi: false,
                };
                self.vars.push(copy);
                self.var_index
                    .insert(format!("\0element{j}\0{}", name.to_ascii_lowercase()), sv);
                self.slot_owner.insert(sv, k);
                for &a in &on_key {
                    let atom = match &self.atoms[a] {
                        Atom::Test { test, .. } => Atom::Test {
                            var: sv,
                            test: *test,
                        },
                        Atom::Template(tt) => {
                            let mut t = tt.clone();
                            t.var = sv;
                            t.over = tt.over.and_then(|o| self.slot_atoms.get(&(o, j)).copied());
                            Atom::Template(t)
                        }
                        Atom::False => continue,
                    };
                    self.slot_atoms.insert((a, j), self.atoms.len());
                    self.atoms.push(atom);
                }
                slots.push(sv);
            }
            self.slots.insert(k, slots);
        }
    }

    /// Chains every match of an `Arn*` template lies in, for every value of
    /// its variables: per case of colons in the values of the variables
    /// before the fifth colon ([`template_tokens`]), the fields as they then
    /// fall, with each piece of a value read as `*` (stopping at `:` inside
    /// the first five fields, where pieces have no colon). With more than
    /// one such variable, the fields before the first, then anything.
    /// `None` when no case has an ARN's shape.
    fn arn_over(&mut self, t: &Template) -> Option<Vec<Chain>> {
        let ids: Vec<VarId> = t
            .parts
            .iter()
            .filter_map(|p| match p {
                Part::Var { key, default } => Some((key.clone(), default.clone())),
                _ => None,
            })
            .collect::<Vec<_>>()
            .into_iter()
            .map(|(k, d)| (self.key_var(&k), d))
            .collect();
        let split = early_vars(t, TemplateMode::Arn, &ids);
        if split.len() > 1 {
            // Many cases would make a large automaton: the fields up to the
            // first such variable, then anything.
            let zero: Vec<(VarId, usize)> = split.iter().map(|v| (v.clone(), 0)).collect();
            let (toks, _) = tokens_of(t, TemplateMode::Arn, &ids, &zero)?;
            let first = toks.iter().position(|t| t.piece().is_some())?;
            let mut chain = tk_chain(&toks[..first], false, Side::Over, &mut Vec::new())?;
            chain.push(Step::Many(Label::Any));
            return Some(vec![chain]);
        }
        let chains: Vec<Chain> = colon_cases(&split)
            .iter()
            .filter_map(|case| tokens_of(t, TemplateMode::Arn, &ids, case))
            .filter_map(|(toks, _)| tk_chain(&toks, false, Side::Over, &mut Vec::new()))
            .collect();
        (!chains.is_empty()).then_some(chains)
    }

    /// Translates a reference policy as Access Analyzer reads one: an `AWS`
    /// principal entry with `*` or `?` (other than the lone `*`) is a
    /// pattern over principal ARNs, as `ArnLike` on `aws:PrincipalArn`
    /// would read it, rather than the literal text the evaluator compares.
    pub fn add_reference_policy(&mut self, policy: &Policy) -> SPolicy {
        self.glob_principals = true;
        let out = self.add_policy(policy);
        self.glob_principals = false;
        out
    }

    /// Translates a parsed policy.
    pub fn add_policy(&mut self, policy: &Policy) -> SPolicy {
        let vars = policy.variables_enabled();
        let statements = policy
            .statements
            .iter()
            .map(|s| self.statement(s, vars))
            .collect();
        SPolicy { statements }
    }

    fn statement(&mut self, s: &Statement, vars: bool) -> SStatement {
        let action = s.action.as_ref().map(|a| {
            (
                a.negated,
                a.values
                    .iter()
                    .map(|v| self.action_atom(&v.value))
                    .collect(),
            )
        });
        let resource = s.resource.as_ref().map(|r| {
            (
                r.negated,
                r.values
                    .iter()
                    .map(|v| self.resource_atom(&v.value, vars))
                    .collect(),
            )
        });
        // Identity-side problems have no principal part: the evaluator does
        // not read the element for identity policies either.
        let principal = match (&s.principal, self.with_principal) {
            (Some(p), true) => {
                let entries: Vec<(PrincipalKind, String)> = match &p.value {
                    PrincipalValue::Wildcard => vec![(PrincipalKind::Aws, "*".to_string())],
                    PrincipalValue::Typed(entries) => entries
                        .iter()
                        .flat_map(|e| e.values.iter().map(move |v| (e.kind, v.value.clone())))
                        .collect(),
                };
                let atoms = entries
                    .iter()
                    .map(|(k, v)| {
                        if self.glob_principals
                            && *k == PrincipalKind::Aws
                            && crate::principal::is_pattern(v)
                        {
                            self.principal_pattern_atom(v)
                        } else {
                            self.principal_atom(*k, v)
                        }
                    })
                    .collect();
                Some((p.negated, atoms))
            }
            _ => None,
        };
        let mut conds = Vec::new();
        for c in &s.conditions {
            let Some(op) = c.operator else { continue };
            let var = self.key_var(&c.key.value);
            if op.kind == OperatorKind::Null {
                conds.push(Cond::Null {
                    var,
                    values: c.values.iter().map(|v| parse_bool(&v.text)).collect(),
                });
                continue;
            }
            let atoms: Vec<usize> = c
                .values
                .iter()
                .map(|v| self.condition_atom(var, op, &v.text, vars))
                .collect();
            if matches!(self.vars[var].kind, VarKind::Key { multi: true, .. }) {
                let id = format!("{op:?}|{atoms:?}");
                let seen = self.set_conds.entry(var).or_default();
                if !seen.contains(&id) {
                    seen.push(id);
                }
            }
            conds.push(Cond::Values { var, op, atoms });
        }
        SStatement {
            index: s.index,
            sid: s.sid.as_ref().map(|x| x.value.clone()),
            effect: s.effect.value,
            span: s.span,
            action,
            resource,
            principal,
            conds,
        }
    }
}

/// Whether requests carry a set of values for `key` (the catalog's array types).
pub(crate) fn is_multivalued(key: &str) -> bool {
    warden_catalog::condition_key(key).is_some_and(|k| k.is_multivalued())
}

/// A template's tokens with every variable read as `*`: an over-approximation.
fn tokens_with_stars(t: &Template) -> Vec<Token> {
    let mut out = Vec::new();
    for p in &t.parts {
        match p {
            Part::Text(s) => out.extend(Glob::new(s, false).tokens()),
            Part::Escaped(c) => out.push(Token::Char(*c)),
            Part::Var { .. } => out.push(Token::Star),
        }
    }
    out
}

/// The resource test: the glob over the whole ARN and, for ARN patterns,
/// the literal service field the evaluator compares first.
fn resource_pattern(tokens: &[Token], service: Option<&str>) -> Test {
    let glob = Nfa::union(&[chain_of_tokens(tokens, false, Label::Any)]);
    let mut parts = vec![glob];
    if let Some(svc) = service {
        // arn:<partition>:<service>:<region>:<account>:<rest>
        let mut chain: Chain = chain_literal("arn:");
        chain.push(Step::Many(Label::NotColon));
        chain.push(Step::One(Label::Char(':')));
        chain.extend(chain_literal(svc));
        chain.push(Step::One(Label::Char(':')));
        chain.push(Step::Many(Label::NotColon));
        chain.push(Step::One(Label::Char(':')));
        chain.push(Step::Many(Label::NotColon));
        chain.push(Step::One(Label::Char(':')));
        chain.push(Step::Many(Label::Any));
        parts.push(Nfa::union(&[chain]));
    }
    Test::Str(Pattern { parts })
}

/// The chain of an `Arn*` value given as six field globs.
fn arn_fields_chain(fields: &[Vec<Token>]) -> Chain {
    let mut chain = Chain::new();
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            chain.push(Step::One(Label::Char(':')));
        }
        let wild = if i < 5 { Label::NotColon } else { Label::Any };
        chain.extend(chain_of_tokens(f, false, wild));
    }
    chain
}

/// Splits a compiled ARN glob into six fields at its first five literal colons.
fn arn_chain(tokens: &[Token]) -> Option<Chain> {
    let mut fields: Vec<Vec<Token>> = vec![Vec::new()];
    for t in tokens {
        if *t == Token::Char(':') && fields.len() < 6 {
            fields.push(Vec::new());
        } else {
            fields.last_mut()?.push(*t);
        }
    }
    (fields.len() == 6).then(|| arn_fields_chain(&fields))
}

/// The regions of one part: a witness each, and each test's truth on it.
#[derive(Debug, Clone)]
pub struct VarRegions {
    /// Witness text and whether the region is infinite.
    pub regions: Vec<Candidate>,
    /// `truth[r][t]`: test `t` holds on region `r`.
    pub truth: Vec<Vec<bool>>,
    /// Whether the part is decided lazily: its product automaton is too
    /// large to enumerate, so each test is a free literal and the search
    /// loop checks the solver's assignments with [`crate::automata::check`],
    /// adding a lemma for each inconsistent one.
    pub lazy: bool,
}

/// Computes the regions of every part.
pub fn all_regions(p: &Problem) -> Result<Vec<VarRegions>, String> {
    p.vars.iter().map(var_regions).collect()
}

fn var_regions(v: &Var) -> Result<VarRegions, String> {
    let classes: Vec<Class> = {
        let mut c: Vec<Class> = v.tests.iter().map(Test::class).collect();
        c.sort_by_key(|c| *c as u8);
        c.dedup();
        c
    };
    let name = match &v.kind {
        VarKind::Key { name, .. } => name.clone(),
        VarKind::Action => "the action".into(),
        VarKind::Resource => "the resource".into(),
        VarKind::Principal => "the principal".into(),
    };
    if classes.len() > 1 {
        return Err(format!(
            "`{name}` is compared as more than one type ({classes:?}); mixed comparisons on one key are not decided"
        ));
    }
    match classes.first() {
        None => Ok(VarRegions {
            regions: vec![Candidate {
                text: default_value(&v.kind),
                infinite: true,
            }],
            truth: vec![Vec::new()],
            lazy: false,
        }),
        Some(Class::Str) => {
            let patterns = v.patterns();
            let multi = matches!(v.kind, VarKind::Key { multi: true, .. });
            let rs: Vec<Region> = match regions(&patterns, EAGER_LIMIT) {
                Ok(rs) => rs,
                Err(_) if !multi => {
                    return Ok(VarRegions {
                        regions: Vec::new(),
                        truth: Vec::new(),
                        lazy: true,
                    })
                }
                Err(_) => regions(&patterns, STATE_LIMIT).map_err(|e| format!("{name}: {e}"))?,
            };
            Ok(VarRegions {
                lazy: false,
                truth: rs
                    .iter()
                    .map(|r| (0..patterns.len()).map(|i| r.signature.has(i)).collect())
                    .collect(),
                regions: rs
                    .into_iter()
                    .map(|r| Candidate {
                        text: r.witness,
                        infinite: r.infinite,
                    })
                    .collect(),
            })
        }
        Some(class) => {
            let cands = match class {
                Class::Num => number_candidates(&v.tests),
                Class::Date => date_candidates(&v.tests),
                _ => ip_candidates(&v.tests),
            };
            // Merge candidates that no test tells apart.
            let mut out = VarRegions {
                regions: Vec::new(),
                truth: Vec::new(),
                lazy: false,
            };
            let mut seen: FxHashMap<Vec<bool>, usize> = FxHashMap::default();
            for c in cands {
                let t: Vec<bool> = v.tests.iter().map(|t| t.eval(&c.text)).collect();
                match seen.get(&t) {
                    Some(&i) => out.regions[i].infinite |= c.infinite,
                    None => {
                        seen.insert(t.clone(), out.regions.len());
                        out.regions.push(c);
                        out.truth.push(t);
                    }
                }
            }
            Ok(out)
        }
    }
}

/// A value for a part no policy tests.
fn default_value(kind: &VarKind) -> String {
    match kind {
        VarKind::Action => "warden:Action".into(),
        VarKind::Resource => "arn:aws:warden:us-east-1:111122223333:resource/example".into(),
        VarKind::Principal => "arn:aws:iam::111122223333:user/example".into(),
        // Distinct per key, so that keys related only through variables
        // are unequal unless the model needs them equal.
        VarKind::Key { name, .. } => {
            let short = name.rsplit([':', '/']).next().unwrap_or(name);
            format!("{short}-value")
        }
    }
}

/// The SAT side: a solver, Tseitin helpers and the region variables.
pub struct Encoder<'p> {
    problem: &'p Problem,
    regions: &'p [VarRegions],
    solver: rustsat_batsat::BasicSolver,
    next: u32,
    truth: Lit,
    /// Per part: one literal per region (selected / contained).
    pub sel: Vec<Vec<Lit>>,
    /// Per part: present (always true for action, resource, principal).
    pub present: Vec<Lit>,
    atom_lits: FxHashMap<usize, Lit>,
    /// Per lazily decided part: one literal per test.
    pub test_lits: FxHashMap<usize, Vec<Lit>>,
    /// Literals of the templated atoms, for concretisation.
    pub template_lits: Vec<(usize, Lit)>,
    /// An error from the solver, if any.
    pub failed: Option<String>,
}

impl<'p> Encoder<'p> {
    /// Sets up region variables and the universe constraints.
    pub fn new(problem: &'p Problem, regions: &'p [VarRegions]) -> Encoder<'p> {
        let mut e = Encoder {
            problem,
            regions,
            solver: rustsat_batsat::BasicSolver::default(),
            next: 0,
            truth: Lit::positive(0),
            sel: Vec::new(),
            present: Vec::new(),
            atom_lits: FxHashMap::default(),
            test_lits: FxHashMap::default(),
            template_lits: Vec::new(),
            failed: None,
        };
        e.truth = e.fresh();
        e.clause(&[e.truth]);
        for (vi, v) in problem.vars.iter().enumerate() {
            if regions[vi].lazy {
                let lits: Vec<Lit> = (0..v.tests.len()).map(|_| e.fresh()).collect();
                e.literal_lemmas(v, &lits);
                e.test_lits.insert(vi, lits);
                let present = match &v.kind {
                    VarKind::Key { .. } => e.fresh(),
                    _ => e.truth,
                };
                e.sel.push(Vec::new());
                e.present.push(present);
                continue;
            }
            let n = regions[vi].regions.len();
            let lits: Vec<Lit> = (0..n).map(|_| e.fresh()).collect();
            let (present, multi) = match &v.kind {
                VarKind::Key { multi, .. } => (e.fresh(), *multi),
                _ => (e.truth, false),
            };
            // Present: at least one region; absent: none.
            let mut alo = vec![!present];
            alo.extend(lits.iter().copied());
            e.clause(&alo);
            for &l in &lits {
                e.clause(&[present, !l]);
            }
            if !multi {
                e.at_most_one(&lits);
            }
            e.sel.push(lits);
            e.present.push(present);
        }
        // A set-valued key with element parts is present exactly when some
        // element is.
        for (&k, slots) in &problem.slots {
            let mut any: Vec<Lit> = vec![!e.present[k]];
            for &sv in slots {
                any.push(e.present[sv]);
                let c = [e.present[k], !e.present[sv]];
                e.clause(&c);
            }
            e.clause(&any);
        }
        e
    }

    fn fresh(&mut self) -> Lit {
        let l = Lit::positive(self.next);
        self.next += 1;
        l
    }

    /// Adds a clause.
    pub fn clause(&mut self, lits: &[Lit]) {
        let c: Clause = lits.iter().copied().collect();
        if let Err(err) = self.solver.add_clause(c) {
            self.failed.get_or_insert(err.to_string());
        }
    }

    fn at_most_one(&mut self, lits: &[Lit]) {
        if lits.len() <= 5 {
            for i in 0..lits.len() {
                for j in i + 1..lits.len() {
                    self.clause(&[!lits[i], !lits[j]]);
                }
            }
            return;
        }
        // Sequential counter: s_i means "some of the first i+1 is true".
        let mut prev: Option<Lit> = None;
        for (i, &x) in lits.iter().enumerate() {
            let s = self.fresh();
            self.clause(&[!x, s]);
            if let Some(p) = prev {
                self.clause(&[!p, s]);
                self.clause(&[!p, !x]);
            }
            if i + 1 == lits.len() {
                break;
            }
            prev = Some(s);
        }
    }

    /// The constant true literal.
    pub fn true_lit(&self) -> Lit {
        self.truth
    }

    /// A literal equivalent to the conjunction.
    pub fn and(&mut self, xs: &[Lit]) -> Lit {
        match xs {
            [] => self.truth,
            [x] => *x,
            _ => {
                let t = self.fresh();
                for &x in xs {
                    self.clause(&[!t, x]);
                }
                let mut c: Vec<Lit> = xs.iter().map(|&x| !x).collect();
                c.push(t);
                self.clause(&c);
                t
            }
        }
    }

    /// A literal equivalent to the disjunction.
    pub fn or(&mut self, xs: &[Lit]) -> Lit {
        let neg: Vec<Lit> = xs.iter().map(|&x| !x).collect();
        !self.and(&neg)
    }

    /// The literal of an atom on a single-valued part.
    pub fn atom(&mut self, a: usize) -> Lit {
        if let Some(&l) = self.atom_lits.get(&a) {
            return l;
        }
        let l = match &self.problem.atoms[a] {
            Atom::False => !self.truth,
            Atom::Test { var, test } if self.regions[*var].lazy => self
                .test_lits
                .get(var)
                .and_then(|l| l.get(*test).copied())
                .unwrap_or(!self.truth),
            Atom::Test { var, test } => {
                let rs: Vec<Lit> = self.regions[*var]
                    .truth
                    .iter()
                    .zip(&self.sel[*var])
                    .filter(|(t, _)| t.get(*test).copied().unwrap_or(false))
                    .map(|(_, &l)| l)
                    .collect();
                self.or(&rs)
            }
            Atom::Template(tt) => {
                let t = self.fresh();
                for &(k, has_default) in &tt.keys {
                    if has_default {
                        continue;
                    }
                    let key_multi =
                        matches!(self.problem.vars[k].kind, VarKind::Key { multi: true, .. });
                    if key_multi {
                        // A set-valued key never resolves a variable.
                        self.clause(&[!t]);
                    }
                    let p = self.present[k];
                    self.clause(&[!t, p]);
                }
                if let Some(over) = tt.over {
                    let o = self.atom(over);
                    self.clause(&[!t, o]);
                }
                self.template_lits.push((a, t));
                t
            }
        };
        self.atom_lits.insert(a, l);
        l
    }

    /// The regions of `var` where some fixed atom of `atoms` holds.
    fn matching_regions(&self, var: usize, atoms: &[usize]) -> Vec<bool> {
        let tests: Vec<usize> = atoms
            .iter()
            .filter_map(|&a| match &self.problem.atoms[a] {
                Atom::Test { var: v, test } if *v == var => Some(*test),
                _ => None,
            })
            .collect();
        self.regions[var]
            .truth
            .iter()
            .map(|row| tests.iter().any(|&t| row.get(t).copied().unwrap_or(false)))
            .collect()
    }

    /// The literal of one condition, with the evaluator's semantics.
    pub fn condition(&mut self, c: &Cond) -> Result<Lit, String> {
        match c {
            Cond::Null { var, values } => {
                let is_null = !self.present[*var];
                let parts: Vec<Lit> = values
                    .iter()
                    .map(|v| match v {
                        Some(true) => is_null,
                        Some(false) => !is_null,
                        None => !self.truth,
                    })
                    .collect();
                Ok(self.or(&parts))
            }
            Cond::Values { var, op, atoms } => {
                let var = *var;
                let negated = op.kind.is_negated();
                let present = self.present[var];
                let absent_value = if op.if_exists {
                    true
                } else {
                    match op.set {
                        Some(SetQualifier::ForAllValues) => true,
                        Some(SetQualifier::ForAnyValue) => false,
                        None => negated,
                    }
                };
                let m = self.matching_regions(var, atoms);
                let sel = self.sel[var].clone();
                let multi = matches!(
                    self.problem.vars[var].kind,
                    VarKind::Key { multi: true, .. }
                );
                let when_present = if let Some(slots) = self.problem.slots.get(&var) {
                    // Element by element ([`Problem::finish`]): each element
                    // part, when present, is one element of the set.
                    let mut hits: Vec<(Lit, Lit)> = Vec::with_capacity(slots.len());
                    for (j, &sv) in slots.iter().enumerate() {
                        let lits: Vec<Lit> = atoms
                            .iter()
                            .filter_map(|&a| self.problem.slot_atoms.get(&(a, j)).copied())
                            .map(|a| self.atom(a))
                            .collect();
                        let m = self.or(&lits);
                        hits.push((self.present[sv], m));
                    }
                    let some = |e: &mut Self, want: bool| {
                        let xs: Vec<Lit> = hits
                            .iter()
                            .map(|&(used, m)| e.and(&[used, if want { m } else { !m }]))
                            .collect();
                        e.or(&xs)
                    };
                    match (op.set, negated) {
                        (None, false) | (Some(SetQualifier::ForAnyValue), false) => {
                            some(self, true)
                        }
                        (None, true) | (Some(SetQualifier::ForAllValues), true) => {
                            !some(self, true)
                        }
                        (Some(SetQualifier::ForAllValues), false) => !some(self, false),
                        (Some(SetQualifier::ForAnyValue), true) => some(self, false),
                    }
                } else if self.regions[var].lazy {
                    let lits: Vec<Lit> = atoms.iter().map(|&a| self.atom(a)).collect();
                    let pos = self.or(&lits);
                    if negated {
                        !pos
                    } else {
                        pos
                    }
                } else if multi {
                    let in_m: Vec<Lit> = sel
                        .iter()
                        .zip(&m)
                        .filter(|(_, &b)| b)
                        .map(|(&l, _)| l)
                        .collect();
                    let out_m: Vec<Lit> = sel
                        .iter()
                        .zip(&m)
                        .filter(|(_, &b)| !b)
                        .map(|(&l, _)| l)
                        .collect();
                    match (op.set, negated) {
                        (None, false) | (Some(SetQualifier::ForAnyValue), false) => self.or(&in_m),
                        (None, true) => !self.or(&in_m),
                        (Some(SetQualifier::ForAllValues), false) => !self.or(&out_m),
                        (Some(SetQualifier::ForAllValues), true) => !self.or(&in_m),
                        (Some(SetQualifier::ForAnyValue), true) => self.or(&out_m),
                    }
                } else {
                    let mut pos: Vec<Lit> = sel
                        .iter()
                        .zip(&m)
                        .filter(|(_, &b)| b)
                        .map(|(&l, _)| l)
                        .collect();
                    for &a in atoms {
                        if matches!(self.problem.atoms[a], Atom::Template(_)) {
                            pos.push(self.atom(a));
                        }
                    }
                    let pos = self.or(&pos);
                    if negated {
                        !pos
                    } else {
                        pos
                    }
                };
                let yes = self.and(&[present, when_present]);
                if absent_value {
                    Ok(self.or(&[yes, !present]))
                } else {
                    Ok(yes)
                }
            }
        }
    }

    fn element(&mut self, el: &Option<(bool, Vec<usize>)>, absent: bool) -> Lit {
        match el {
            None => {
                if absent {
                    self.truth
                } else {
                    !self.truth
                }
            }
            Some((negated, atoms)) => {
                let lits: Vec<Lit> = atoms.iter().map(|&a| self.atom(a)).collect();
                let any = self.or(&lits);
                if *negated {
                    !any
                } else {
                    any
                }
            }
        }
    }

    /// The literal "statement `s` matches the request".
    pub fn statement(&mut self, s: &SStatement) -> Result<Lit, String> {
        let mut parts = vec![
            self.element(&s.action, false),
            self.element(&s.resource, true),
            self.element(&s.principal, true),
        ];
        for c in &s.conds {
            parts.push(self.condition(c)?);
        }
        Ok(self.and(&parts))
    }

    /// The literal "the policy allows the request" (an allow matches, no deny).
    pub fn allows(&mut self, p: &SPolicy) -> Result<Lit, String> {
        let mut allow = Vec::new();
        let mut deny = Vec::new();
        for s in &p.statements {
            let l = self.statement(s)?;
            match s.effect {
                Effect::Allow => allow.push(l),
                Effect::Deny => deny.push(l),
            }
        }
        let a = self.or(&allow);
        let d = self.or(&deny);
        Ok(self.and(&[a, !d]))
    }

    /// Solves under the assumptions; `Ok(true)` when satisfiable.
    pub fn solve(&mut self, assumptions: &[Lit]) -> Result<bool, String> {
        if let Some(f) = &self.failed {
            return Err(f.clone());
        }
        use rustsat::solvers::SolveIncremental;
        match self.solver.solve_assumps(assumptions) {
            Ok(SolverResult::Sat) => Ok(true),
            Ok(SolverResult::Unsat) => Ok(false),
            Ok(SolverResult::Interrupted) => Err("the SAT solver was interrupted".into()),
            Err(e) => Err(e.to_string()),
        }
    }

    /// The value of a literal in the last model.
    pub fn value(&self, l: Lit) -> bool {
        matches!(self.solver.lit_val(l), Ok(TernaryVal::True))
    }

    /// Forbids the current model's choice of regions and templated atoms.
    pub fn block_model(&mut self) {
        let mut c = Vec::new();
        for lits in self.sel.clone() {
            for l in lits {
                c.push(if self.value(l) { !l } else { l });
            }
        }
        for (_, l) in self.template_lits.clone() {
            c.push(if self.value(l) { !l } else { l });
        }
        let lazy: Vec<Lit> = self.test_lits.values().flatten().copied().collect();
        for l in lazy {
            c.push(if self.value(l) { !l } else { l });
        }
        self.clause(&c);
    }
}

impl Encoder<'_> {
    /// The region literals of the part atom `a` tests where the test holds.
    pub fn regions_where(&self, a: usize) -> Result<Vec<Lit>, String> {
        match &self.problem.atoms[a] {
            Atom::False => Ok(Vec::new()),
            Atom::Template(_) => Err("internal: a templated test has no regions".into()),
            Atom::Test { var, test } => {
                let regions = &self.regions[*var];
                if regions.lazy {
                    return Err(format!(
                        "`{}` has too many patterns to tell its public values apart",
                        key_name(&self.problem.vars[*var].kind)
                    ));
                }
                Ok(regions
                    .truth
                    .iter()
                    .zip(&self.sel[*var])
                    .filter(|(t, _)| t.get(*test).copied().unwrap_or(false))
                    .map(|(_, &l)| l)
                    .collect())
            }
        }
    }

    /// The region literals of key part `var` whose values are pinned: finite
    /// classes of strings or numbers, or addresses inside a named block of at
    /// least /8 (IPv4) or /32 (IPv6). A public request avoids them.
    pub fn non_public_regions(&self, var: usize) -> Result<Vec<Lit>, String> {
        let regions = &self.regions[var];
        if regions.lazy {
            return Err(format!(
                "`{}` has too many patterns to tell its public values apart",
                key_name(&self.problem.vars[var].kind)
            ));
        }
        let tests = &self.problem.vars[var].tests;
        let ip = tests.iter().any(|t| matches!(t, Test::Ip(_)));
        Ok(regions
            .regions
            .iter()
            .zip(&self.sel[var])
            .filter(|(c, _)| {
                if ip {
                    tests.iter().any(|t| match t {
                        Test::Ip(Some(net)) => {
                            let wide = if net.v6 { 32 } else { 8 };
                            net.prefix >= wide && t.eval(&c.text)
                        }
                        _ => false,
                    })
                } else {
                    !c.infinite
                }
            })
            .map(|(_, &l)| l)
            .collect())
    }
}

impl Encoder<'_> {
    /// Lemmas between every two templated tests of the same part, valid for
    /// every value of the variables (`relations`).
    pub fn template_lemmas(&mut self) {
        let lits = self.template_lits.clone();
        for (i, &(a, la)) in lits.iter().enumerate() {
            for &(b, lb) in &lits[i + 1..] {
                let (Atom::Template(ta), Atom::Template(tb)) =
                    (&self.problem.atoms[a], &self.problem.atoms[b])
                else {
                    continue;
                };
                if ta.var != tb.var {
                    continue;
                }
                self.stripped_lemmas((ta, la), (tb, lb));
            }
        }
    }
}

/// A variable of a template: its key's part and its default (the same key
/// with another default may take another value).
type VarId = (usize, Option<String>);

/// One token of a templated value, for [`Encoder::stripped_lemmas`]: a
/// character, `?` or `*` (over any character, or any but `:` inside an
/// ARN's first five fields), or a piece of a variable's value (the whole
/// value, piece 0, unless the value is split at its colons; see
/// [`template_tokens`]) with the label of a `*` that covers it.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Tk {
    Char(char),
    One(Label),
    Star(Label),
    Var(VarId, usize, Label),
}

/// The piece index of a variable's whole value (not split at colons).
const WHOLE: usize = usize::MAX;

impl Tk {
    /// The variable piece this token is, if it is one.
    fn piece(&self) -> Option<(&VarId, usize)> {
        match self {
            Tk::Var(v, i, _) => Some((v, *i)),
            _ => None,
        }
    }
}

/// The variable of each variable reference of a template, in order.
fn template_ids(tt: &TemplateTest) -> Vec<VarId> {
    tt.template
        .parts
        .iter()
        .filter_map(|p| match p {
            Part::Var { default, .. } => Some(default.clone()),
            _ => None,
        })
        .zip(&tt.keys)
        .map(|(d, &(k, _))| (k, d))
        .collect()
}

/// The variables of an `Arn*` template (`ids` per reference) that occur
/// before its fifth colon, where a value's own colons would move the
/// fields after them.
fn early_vars(template: &Template, mode: TemplateMode, ids: &[VarId]) -> Vec<VarId> {
    let mut out: Vec<VarId> = Vec::new();
    if mode != TemplateMode::Arn {
        return out;
    }
    let mut colons = 0;
    let mut refs = ids.iter();
    for p in &template.parts {
        match p {
            Part::Text(t) => colons += t.matches(':').count(),
            Part::Escaped(_) => {}
            Part::Var { .. } => {
                if let Some(v) = refs.next() {
                    if colons < 5 && !out.contains(v) {
                        out.push(v.clone());
                    }
                }
            }
        }
    }
    out
}

/// Every case of colon counts for `split` variables: 0 to 4, or 5 for
/// five and more (see [`template_tokens`]).
fn colon_cases(split: &[VarId]) -> Vec<Vec<(VarId, usize)>> {
    let n = u32::try_from(split.len()).unwrap_or(u32::MAX);
    (0..6usize.saturating_pow(n))
        .map(|case| {
            split
                .iter()
                .zip(0u32..)
                .map(|(v, i)| (v.clone(), case / 6usize.pow(i) % 6))
                .collect()
        })
        .collect()
}

/// A templated test as tokens, with characters lower-cased when it
/// compares case-insensitively. `Arn*` tests are read field by field as the
/// evaluator reads them (wildcards stop at `:` in the first five fields).
/// A variable in `split` has a value with exactly `c` colons (`c < 5`) or
/// at least five (`c == 5`), and is written as its colon-free pieces
/// between literal colons (after five, the rest as one piece): a value's
/// colons move an ARN's fields, and within one such case the fields are
/// fixed. An `Arn*` test with a variable before its fifth colon that is not
/// split gives `None`.
fn template_tokens(tt: &TemplateTest, split: &[(VarId, usize)]) -> Option<(Vec<Tk>, bool)> {
    tokens_of(&tt.template, tt.mode, &template_ids(tt), split)
}

/// [`template_tokens`] of a template with `ids` per variable reference.
fn tokens_of(
    template: &Template,
    mode: TemplateMode,
    ids: &[VarId],
    split: &[(VarId, usize)],
) -> Option<(Vec<Tk>, bool)> {
    let fold = match mode {
        TemplateMode::Like | TemplateMode::Arn => false,
        TemplateMode::Equals { fold } => fold,
    };
    let arn = mode == TemplateMode::Arn;
    let ch = |c: char| Tk::Char(if fold { warden_eval::glob::lower(c) } else { c });
    let mut out = Vec::new();
    let mut colons = 0;
    let wild = |colons: usize| {
        if arn && colons < 5 {
            Label::NotColon
        } else {
            Label::Any
        }
    };
    let mut refs = ids.iter();
    for p in &template.parts {
        match p {
            Part::Text(t) if matches!(mode, TemplateMode::Like | TemplateMode::Arn) => {
                for tok in Glob::new(t, false).tokens() {
                    out.push(match tok {
                        Token::Char(':') if arn && colons < 5 => {
                            colons += 1;
                            Tk::Char(':')
                        }
                        Token::Char(c) => ch(c),
                        Token::One => Tk::One(wild(colons)),
                        Token::Star => Tk::Star(wild(colons)),
                    });
                }
            }
            Part::Text(t) => out.extend(t.chars().map(ch)),
            Part::Escaped(c) => out.push(ch(*c)),
            Part::Var { .. } => {
                let id: VarId = refs.next()?.clone();
                match split.iter().find(|(v, _)| *v == id) {
                    Some(&(_, c)) => {
                        for piece in 0..=c.min(5) {
                            if piece > 0 {
                                if arn && colons < 5 {
                                    colons += 1;
                                }
                                out.push(Tk::Char(':'));
                            }
                            out.push(Tk::Var(id.clone(), piece, wild(colons)));
                        }
                    }
                    None if arn && colons < 5 => return None,
                    None => out.push(Tk::Var(id, WHOLE, Label::Any)),
                }
            }
        }
    }
    (!arn || colons == 5).then_some((out, fold))
}

/// Removes the longest common prefix and then suffix of `a` and `b` made of
/// tokens that each take exactly one character or the same variable piece,
/// pair by pair, so that the question about `a` and `b` follows from the
/// one about the remainders. For an exclusion (`within == false`) a pair
/// is removed when some character passes both tokens: then a string is in
/// both languages (for the same values) exactly when its middle is in both
/// remainders'. For an implication `a ⇒ b` (`within == true`) a pair is
/// removed when every character passing `a`'s token passes `b`'s: then a
/// string of `a`'s language is in `b`'s if its middle, in `a`'s remainder,
/// is in `b`'s remainder. Under `fold` characters compare lower-cased.
fn strip<'t>(a: &'t [Tk], b: &'t [Tk], fold: bool, within: bool) -> (&'t [Tk], &'t [Tk]) {
    let norm = |c: char| if fold { warden_eval::glob::lower(c) } else { c };
    let pair = |x: &Tk, y: &Tk| match (x, y) {
        (Tk::Char(c), Tk::Char(d)) => norm(*c) == norm(*d),
        (Tk::Char(c), Tk::One(l)) => l.accepts(*c),
        (Tk::One(l), Tk::Char(c)) => !within && l.accepts(*c),
        (Tk::One(l), Tk::One(m)) => l == m || *m == Label::Any || (!within && *l == Label::Any),
        (Tk::Var(..), Tk::Var(..)) => x.piece() == y.piece(),
        _ => false,
    };
    let front = a.iter().zip(b).take_while(|(x, y)| pair(x, y)).count();
    let (a, b) = (&a[front..], &b[front..]);
    let back = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take_while(|(x, y)| pair(x, y))
        .count();
    (&a[..a.len() - back], &b[..b.len() - back])
}

/// How [`tk_chain`] reads template tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    /// Each variable piece as `*` (with its label): an over-approximation.
    Over,
    /// The containing side of an implication: each piece as its mark,
    /// every wildcard over real characters only — exactly the strings of
    /// the template with each value written as its mark.
    Marked,
    /// The contained side: each piece as its mark; `?` takes only a real
    /// character, `*` anything but, where it stops at `:`, an open mark.
    Implied,
}

/// The mark of a variable piece (see [`crate::automata::MARK`]), numbered
/// by first use in `names`; `None` if there are too many.
fn mark(v: &VarId, piece: usize, names: &mut Vec<(VarId, usize)>) -> Option<char> {
    let n = match names.iter().position(|(x, p)| x == v && *p == piece) {
        Some(n) => n,
        None => {
            names.push((v.clone(), piece));
            names.len() - 1
        }
    };
    let base = if piece < 5 {
        crate::automata::MARK
    } else {
        crate::automata::OPEN_MARK
    };
    char::from_u32(base + u32::try_from(n).ok().filter(|n| *n < 0xFFFD)?)
}

/// The pattern of template tokens (case-folded under `fold`), read as
/// `side` says.
fn tk_pattern(
    toks: &[Tk],
    fold: bool,
    side: Side,
    names: &mut Vec<(VarId, usize)>,
) -> Option<Pattern> {
    tk_chain(toks, fold, side, names).map(|c| Pattern::single(Nfa::union(&[c])))
}

/// The chain of [`tk_pattern`].
fn tk_chain(toks: &[Tk], fold: bool, side: Side, names: &mut Vec<(VarId, usize)>) -> Option<Chain> {
    let real = |l: Label| match l {
        Label::NotColon => Label::RealNotColon,
        _ => Label::Real,
    };
    let mut chain = Chain::with_capacity(toks.len());
    for t in toks {
        chain.push(match (t, side) {
            (Tk::Char(c), _) if fold => Step::One(Label::Fold(warden_eval::glob::lower(*c))),
            (Tk::Char(c), _) => Step::One(Label::Char(*c)),
            (Tk::One(l), Side::Over) => Step::One(*l),
            (Tk::Star(l), Side::Over) => Step::Many(*l),
            (Tk::One(l), _) => Step::One(real(*l)),
            (Tk::Star(l), Side::Marked) => Step::Many(real(*l)),
            (Tk::Star(Label::NotColon), Side::Implied) => Step::Many(Label::NotColonNorOpenMark),
            (Tk::Star(l), Side::Implied) => Step::Many(*l),
            (Tk::Var(_, _, label), Side::Over) => Step::Many(*label),
            (Tk::Var(v, piece, _), _) => Step::One(Label::Char(mark(v, *piece, names)?)),
        });
    }
    Some(chain)
}

/// What [`relations`] proves of two templated tests, for every value of
/// the variables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Relations {
    /// They never hold together.
    exclusive: bool,
    /// The first implies the second.
    a_in_b: bool,
    /// The second implies the first.
    b_in_a: bool,
}

/// Relations between two templated tests (tokens and whether each folds
/// case; `a_to_b`/`b_to_a` say whether an implication that way may hold at
/// all, e.g. the resources' services agree), valid for every value of the
/// variables, after pairs of one-character tokens and equal variable pieces
/// are removed from both ends ([`strip`]):
///
/// * *exclusion*: when the remainders with variables read as `*` (both
///   case-folded if either test folds) share no string, the tests never
///   hold together (`${aws:username}` against `${aws:username}/*`);
/// * *implication* `a ⇒ b` (never from a case-insensitive test to a
///   case-sensitive one): when `b`'s remainder has no variable and contains
///   `a`'s with variables read as `*`; or when all of `b`'s variable pieces
///   occur in `a`'s remainder and `b`'s remainder, read as
///   [`Side::Implied`], contains `a`'s, read as [`Side::Marked`].
///
/// Why the marked reading is enough: take a string of `a`'s language for
/// some values and write each value `a` put in as its piece's mark; the
/// string is in `a`'s marked language (its wildcards took real characters),
/// so in `b`'s implied one. There `b`'s pieces match marks, which only
/// `a`'s pieces put there, so with the values back they match the same
/// values; `b`'s characters and `?`s match real characters, unchanged;
/// and each `*` of `b` covers a stretch in which putting the values back
/// replaces marks by values — still covered by a `*` over any character,
/// and by one stopping at `:` too, since it covers no open mark (a piece
/// that may hold a colon). Strings with characters of the marks' ranges
/// need no separate case: globs treat every character they do not name
/// alike, so such characters can be renamed away. Under case folding the
/// marks have no case, so the argument carries over to the lower-cased
/// strings.
fn relations(a: (&[Tk], bool), b: (&[Tk], bool), a_to_b: bool, b_to_a: bool) -> Relations {
    let ((xa, fa), (xb, fb)) = (a, b);
    let empty = |pats: &[Pattern], want: [bool; 2]| {
        matches!(
            crate::automata::check(pats, &want, 20_000),
            Ok(crate::automata::Check::Conflict { .. })
        )
    };
    let mut out = Relations::default();
    let fold = fa || fb;
    let (ra, rb) = strip(xa, xb, fold, false);
    let mut names = Vec::new();
    if let (Some(pa), Some(pb)) = (
        tk_pattern(ra, fold, Side::Over, &mut names),
        tk_pattern(rb, fold, Side::Over, &mut names),
    ) {
        out.exclusive = empty(&[pa, pb], [true, true]);
    }
    let implies = |(x, fx): (&[Tk], bool), (y, fy): (&[Tk], bool)| {
        if fx && !fy {
            return false;
        }
        let (rx, ry) = strip(x, y, fy, true);
        let pieces_y: Vec<(&VarId, usize)> = ry.iter().filter_map(Tk::piece).collect();
        if pieces_y.is_empty() {
            // Variables on one side only: read as `*`.
            let mut names = Vec::new();
            return match (
                tk_pattern(rx, fy, Side::Over, &mut names),
                tk_pattern(ry, fy, Side::Over, &mut names),
            ) {
                (Some(px), Some(py)) => empty(&[px, py], [true, false]),
                _ => false,
            };
        }
        if !pieces_y
            .iter()
            .all(|v| rx.iter().any(|t| t.piece() == Some(*v)))
        {
            return false;
        }
        let mut names = Vec::new();
        let (Some(cx), Some(cy)) = (
            tk_chain(rx, fy, Side::Marked, &mut names),
            tk_chain(ry, fy, Side::Implied, &mut names),
        ) else {
            return false;
        };
        // Every mark in use, so that both automata tell them apart.
        let marks: Vec<char> = names
            .clone()
            .iter()
            .filter_map(|(v, piece)| mark(v, *piece, &mut names))
            .collect();
        let px = Pattern::single(Nfa::union_naming(&[cx], &marks));
        let py = Pattern::single(Nfa::union_naming(&[cy], &marks));
        empty(&[px, py], [true, false])
    };
    out.a_in_b = a_to_b && implies(a, b);
    out.b_in_a = b_to_a && implies(b, a);
    out
}

impl Encoder<'_> {
    /// Adds the lemmas [`relations`] proves between two templated tests of
    /// one part (an implication towards a resource pattern only from one
    /// of the same service).
    fn stripped_lemmas(&mut self, (ta, la): (&TemplateTest, Lit), (tb, lb): (&TemplateTest, Lit)) {
        // Variables before an ARN's fifth colon: a lemma must hold for
        // every number of colons in their values (0 to 4, or 5 and more).
        let mut split = early_vars(&ta.template, ta.mode, &template_ids(ta));
        for v in early_vars(&tb.template, tb.mode, &template_ids(tb)) {
            if !split.contains(&v) {
                split.push(v);
            }
        }
        if split.len() > 2 {
            return;
        }
        let to = |x: &TemplateTest, y: &TemplateTest| y.service.is_none() || y.service == x.service;
        let mut r = Relations {
            exclusive: true,
            a_in_b: to(ta, tb),
            b_in_a: to(tb, ta),
        };
        for assignment in colon_cases(&split) {
            let (Some((xa, fa)), Some((xb, fb))) = (
                template_tokens(ta, &assignment),
                template_tokens(tb, &assignment),
            ) else {
                return;
            };
            let one = relations((&xa, fa), (&xb, fb), r.a_in_b, r.b_in_a);
            r.exclusive &= one.exclusive;
            r.a_in_b &= one.a_in_b;
            r.b_in_a &= one.b_in_a;
            if r == Relations::default() {
                return;
            }
        }
        if r.exclusive {
            self.clause(&[!la, !lb]);
        }
        if r.a_in_b {
            self.clause(&[!la, lb]);
        }
        if r.b_in_a {
            self.clause(&[!lb, la]);
        }
    }
}

/// Per lazily decided part: its witness string and the truth of each test on it.
pub type LazyWitnesses = FxHashMap<usize, (String, Vec<bool>)>;

impl Encoder<'_> {
    /// Up-front lemmas for a lazily decided part: a literal pattern true
    /// makes every pattern that matches its string true, and two literals
    /// of different strings exclude each other. Without them the search
    /// would learn these facts one solver call at a time.
    fn literal_lemmas(&mut self, v: &Var, lits: &[Lit]) {
        let uniform = matches!(v.kind, VarKind::Action | VarKind::Resource);
        let mut by_prefix: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
        for (j, (_, prefix)) in v.shapes.iter().enumerate() {
            by_prefix.entry(prefix.as_str()).or_default().push(j);
        }
        let mut groups: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
        for (i, (literal, _)) in v.shapes.iter().enumerate() {
            let Some(text) = literal else { continue };
            if uniform {
                groups.entry(text.as_str()).or_default().push(i);
            }
            let probe = |t: &Test| t.eval(text);
            let mut cuts: Vec<usize> = text.char_indices().map(|(k, _)| k).collect();
            cuts.push(text.len());
            for k in cuts {
                let Some(js) = by_prefix.get(&text[..k]) else {
                    continue;
                };
                for &j in js {
                    if j != i && v.tests.get(j).is_some_and(probe) {
                        if let (Some(&li), Some(&lj)) = (lits.get(i), lits.get(j)) {
                            self.clause(&[!li, lj]);
                        }
                    }
                }
            }
        }
        // Literals of different strings match disjoint sets.
        let reps: Vec<Lit> = groups
            .values()
            .filter_map(|g| g.first().and_then(|&i| lits.get(i)).copied())
            .collect();
        self.at_most_one(&reps);
    }

    /// Checks the solver's assignment to every lazily decided part that is
    /// present. Returns the witness string of each, or `Ok(None)` after
    /// adding a lemma for an inconsistent assignment (solve again).
    pub fn check_lazy(&mut self) -> Result<Option<LazyWitnesses>, String> {
        let mut out = FxHashMap::default();
        let mut vars: Vec<usize> = self.test_lits.keys().copied().collect();
        vars.sort_unstable();
        let mut consistent = true;
        for vi in vars {
            if !self.value(self.present[vi]) {
                continue;
            }
            let lits = self.test_lits.get(&vi).cloned().unwrap_or_default();
            let want: Vec<bool> = lits.iter().map(|&l| self.value(l)).collect();
            let patterns = self.problem.vars[vi].patterns();
            match crate::automata::check(&patterns, &want, STATE_LIMIT) {
                Err(e) => {
                    return Err(format!("{}: {e}", key_name(&self.problem.vars[vi].kind)));
                }
                Ok(crate::automata::Check::Witness(w)) => {
                    out.insert(vi, (w, want));
                }
                Ok(crate::automata::Check::Conflict {
                    positives,
                    negatives,
                }) => {
                    let mut c: Vec<Lit> = positives
                        .iter()
                        .filter_map(|&i| lits.get(i))
                        .map(|&l| !l)
                        .collect();
                    c.extend(negatives.iter().filter_map(|&i| lits.get(i)).copied());
                    self.clause(&c);
                    consistent = false;
                }
            }
        }
        Ok(consistent.then_some(out))
    }
}

/// The name of a key part (for messages).
pub fn key_name(kind: &VarKind) -> String {
    match kind {
        VarKind::Key { name, .. } => name.clone(),
        VarKind::Action => "action".into(),
        VarKind::Resource => "resource".into(),
        VarKind::Principal => "principal".into(),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
    use super::*;

    /// Whether `s` is in the language of `toks` with the variables' values
    /// (`None`: the key is absent; a variable without default then never
    /// matches), by dynamic programming over the glob.
    fn holds(toks: &[Tk], fold: bool, values: &[Option<&str>], s: &str) -> bool {
        let norm = |c: char| if fold { warden_eval::glob::lower(c) } else { c };
        let mut pat: Vec<Token> = Vec::new();
        for t in toks {
            match t {
                Tk::Char(c) => pat.push(Token::Char(norm(*c))),
                Tk::One(_) => pat.push(Token::One),
                Tk::Star(_) => pat.push(Token::Star),
                Tk::Var((k, default), _, _) => {
                    let Some(v) = values[*k].or(default.as_deref()) else {
                        return false;
                    };
                    pat.extend(v.chars().map(|c| Token::Char(norm(c))));
                }
            }
        }
        let s: Vec<char> = s.chars().map(norm).collect();
        // reach[j]: the pattern's first i tokens can match s[..j].
        let mut reach = vec![false; s.len() + 1];
        reach[0] = true;
        for t in &pat {
            let mut next = vec![false; s.len() + 1];
            for j in 0..=s.len() {
                match t {
                    Token::Star => next[j] = reach[j] || (j > 0 && next[j - 1]),
                    Token::One => next[j] = j > 0 && reach[j - 1],
                    Token::Char(c) => next[j] = j > 0 && reach[j - 1] && s[j - 1] == *c,
                }
            }
            reach = next;
        }
        reach[s.len()]
    }

    /// Every relation [`relations`] claims between random templates (of
    /// `Like`, `Equals` and case-insensitive `Equals` tests, with two keys,
    /// one variable with a default, `?` and `*`) holds for every value of
    /// the keys (absent included) and every string of a small universe.
    #[test]
    fn relations_hold_for_every_value() {
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = move |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        let alphabet = ['a', 'A', '/', 'b'];
        let mut strings = vec![String::new()];
        let mut frontier = vec![String::new()];
        for _ in 0..4 {
            let mut grown = Vec::new();
            for s in &frontier {
                for c in alphabet {
                    grown.push(format!("{s}{c}"));
                }
            }
            strings.extend(grown.iter().cloned());
            frontier = grown;
        }
        let values: [Option<&str>; 7] = [
            None,
            Some(""),
            Some("a"),
            Some("A"),
            Some("/"),
            Some("aa"),
            Some("a/"),
        ];
        let template = |next: &mut dyn FnMut(usize) -> usize| -> (Vec<Tk>, bool) {
            // 0: Like, 1: Equals, 2: Equals ignoring case.
            let mode = next(3);
            let n = next(5);
            let toks = (0..n)
                .map(|_| match next(if mode == 0 { 9 } else { 7 }) {
                    0 => Tk::Char('a'),
                    1 => Tk::Char('A'),
                    2 => Tk::Char('/'),
                    3 => Tk::Var((0, None), WHOLE, Label::Any),
                    4 => Tk::Var((1, None), WHOLE, Label::Any),
                    5 => Tk::Var((0, Some("a".into())), WHOLE, Label::Any),
                    6 => Tk::Char('b'),
                    7 => Tk::Star(Label::Any),
                    _ => Tk::One(Label::Any),
                })
                .map(|t| match t {
                    Tk::Char(c) if mode == 2 => Tk::Char(warden_eval::glob::lower(c)),
                    t => t,
                })
                .collect();
            (toks, mode == 2)
        };
        let (mut exclusive, mut implied) = (0, 0);
        let pairs = if cfg!(debug_assertions) { 400 } else { 3_000 };
        for _ in 0..pairs {
            let (a, fa) = template(&mut next);
            let (b, fb) = if next(2) == 0 {
                template(&mut next)
            } else {
                // A variation: one token changed (often to a wildcard, which
                // is where containment gets subtle) or appended.
                let (mut b, _) = (a.clone(), fa);
                let (extra, _) = template(&mut next);
                let wild = match next(4) {
                    0 => Some(Tk::One(Label::Any)),
                    1 => Some(Tk::Star(Label::Any)),
                    _ => None,
                };
                if let (Some(w), false) = (wild, b.is_empty()) {
                    let i = next(b.len());
                    b[i] = w;
                } else if let Some(t) = extra.into_iter().next() {
                    if b.is_empty() || next(2) == 0 {
                        b.push(t);
                    } else {
                        let i = next(b.len());
                        b[i] = t;
                    }
                }
                let fb = fa && next(2) == 0;
                let b = b
                    .into_iter()
                    .map(|t| match t {
                        Tk::Char(c) if fb => Tk::Char(warden_eval::glob::lower(c)),
                        t => t,
                    })
                    .collect();
                (b, fb)
            };
            let r = relations((&a, fa), (&b, fb), true, true);
            exclusive += usize::from(r.exclusive);
            implied += usize::from(r.a_in_b) + usize::from(r.b_in_a);
            if r == Relations::default() {
                continue;
            }
            for v0 in values {
                for v1 in values {
                    let vals = [v0, v1];
                    for s in &strings {
                        let (ha, hb) = (holds(&a, fa, &vals, s), holds(&b, fb, &vals, s));
                        assert!(
                            !(r.exclusive && ha && hb),
                            "{a:?} ({fa}) and {b:?} ({fb}) both hold on {s:?} with {vals:?}"
                        );
                        assert!(
                            !(r.a_in_b && ha && !hb),
                            "{a:?} ({fa}) does not imply {b:?} ({fb}) on {s:?} with {vals:?}"
                        );
                        assert!(
                            !(r.b_in_a && hb && !ha),
                            "{b:?} ({fb}) does not imply {a:?} ({fa}) on {s:?} with {vals:?}"
                        );
                    }
                }
            }
        }
        eprintln!("{exclusive} exclusions, {implied} implications");
        assert!(
            exclusive > pairs / 20 && implied > pairs / 20,
            "{exclusive} {implied}"
        );
    }
}
