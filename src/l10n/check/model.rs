//! What the rules look at: each file decoded and parsed once, its entries reduced to owned facts
//! (ids, lines, variables, references, texts with their positions, selectors, review marks).

use std::collections::BTreeSet;
use std::path::PathBuf;

use fluent_syntax::ast;

use super::super::document::{self, Kind};
use super::super::source::{self, Decoded};
use super::super::syntax;
use crate::l10n::Review;

/// A reference from a pattern to another entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Reference {
    /// The message id, or `-name` for a term.
    pub target: String,
    /// The attribute named, if any.
    pub attribute: Option<String>,
}

/// How many placeables formatting a pattern resolves, symbolically: references are resolved
/// later, across the locale.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Cost {
    /// A fixed count.
    Count(u64),
    /// The cost of another entry's pattern.
    Ref(Reference),
    /// All of these.
    Sum(Vec<Cost>),
    /// The most expensive of these (one variant of a selector is formatted).
    Max(Vec<Cost>),
}

/// A selector (`{ $x -> … }`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Select {
    pub line: usize,
    /// The variable selected on, when the selector is one (directly or in a function call).
    pub variable: Option<String>,
    /// Whether the selector is a `NUMBER(…)` call.
    pub number_function: bool,
    /// The variant keys, as written.
    pub keys: Vec<String>,
    /// Whether any key is a number literal.
    pub numeric_key: bool,
}

/// The facts of one pattern (a value or an attribute).
#[derive(Debug, Clone, Default)]
pub(crate) struct PatternFacts {
    pub line: usize,
    pub variables: BTreeSet<String>,
    pub references: Vec<Reference>,
    pub cost: Option<Cost>,
    /// Text as written (text elements and string literals), with the offset of each piece.
    pub pieces: Vec<(usize, String)>,
    /// The text a listener may hear, one string per pattern and per variant: placeables that
    /// are not literals stand as a space.
    pub spoken: Vec<String>,
    pub selects: Vec<Select>,
    /// No text and no placeable that produces any.
    pub empty: bool,
}

impl PatternFacts {
    /// All the written text, pieces joined.
    pub fn text(&self) -> String {
        self.pieces.iter().map(|(_, t)| t.as_str()).collect()
    }
}

/// One message or term.
#[derive(Debug, Clone)]
pub(crate) struct EntryFacts {
    /// The id; `-name` for terms.
    pub id: String,
    pub is_term: bool,
    pub line: usize,
    pub value: Option<PatternFacts>,
    pub attributes: Vec<(String, PatternFacts)>,
    pub review: Review,
}

impl EntryFacts {
    /// The value (named `None`) and the attributes.
    pub fn patterns(&self) -> impl Iterator<Item = (Option<&str>, &PatternFacts)> {
        self.value
            .iter()
            .map(|v| (None, v))
            .chain(self.attributes.iter().map(|(n, p)| (Some(n.as_str()), p)))
    }
}

/// A syntax error.
#[derive(Debug, Clone)]
pub(crate) struct SyntaxError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// One file.
#[derive(Debug, Clone)]
pub(crate) struct FileFacts {
    /// The file's path as given (root joined).
    pub path: PathBuf,
    /// Its path inside the locale directory, `/`-separated.
    pub rel: String,
    pub decoded: Decoded,
    pub syntax_errors: Vec<SyntaxError>,
    pub entries: Vec<EntryFacts>,
    /// Line of a `### review: draft` resource comment.
    pub draft_mark_line: Option<usize>,
    /// Byte offsets where lines start (for offset → line).
    line_starts: Vec<usize>,
}

impl FileFacts {
    /// The 1-based line of byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&s| s <= offset)
    }

    /// Whether the text had invalid UTF-8 replaced by U+FFFD.
    pub fn lossy(&self) -> bool {
        self.decoded
            .issues
            .iter()
            .any(|i| i.kind == source::IssueKind::InvalidUtf8)
    }
}

/// Decodes and parses one file's bytes. `reference` says whether it belongs to the reference
/// locale (which needs no review).
pub(crate) fn read(path: PathBuf, rel: String, bytes: &[u8], reference: bool) -> FileFacts {
    let decoded = source::decode(bytes);
    let text = decoded.text.as_str();
    let mut line_starts = vec![0];
    line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
    let mut facts = FileFacts {
        path,
        rel,
        decoded: decoded.clone(),
        syntax_errors: Vec::new(),
        entries: Vec::new(),
        draft_mark_line: None,
        line_starts,
    };
    let resource = match fluent_syntax::parser::parse(text) {
        Ok(r) => r,
        Err((r, errors)) => {
            for e in errors {
                // An error at the very end (an unclosed placeable) belongs to the last line.
                let at = if e.pos.start >= text.len() && text.ends_with('\n') {
                    text.len() - 1
                } else {
                    e.pos.start
                };
                let (line, column) = syntax::line_column(text, at);
                facts.syntax_errors.push(SyntaxError {
                    line,
                    column,
                    message: e.kind.to_string(),
                });
            }
            r
        }
    };
    let spans = document::spans(text, &resource);
    let mut file_review = if reference {
        Review::Source
    } else {
        Review::Draft
    };
    for (entry, span) in resource.body.iter().zip(&spans) {
        match entry {
            ast::Entry::ResourceComment(c) => {
                if let Some(mark) = syntax::review_mark(&c.content) {
                    if !reference {
                        if mark.starts_with("reviewed") {
                            file_review = Review::Reviewed(mark);
                        } else {
                            facts.draft_mark_line = Some(facts.line_of(span.span.start));
                        }
                    }
                }
            }
            ast::Entry::Message(m) => {
                let review = review_of(m.comment.as_ref(), &file_review, reference);
                let line = facts.line_of(span.id_offset);
                let value = m.value.as_ref().map(|p| PatternFacts {
                    line,
                    ..pattern_facts(&facts, text, p)
                });
                let attributes = attributes(&facts, text, &m.attributes);
                facts.entries.push(EntryFacts {
                    id: m.id.name.to_owned(),
                    is_term: false,
                    line,
                    value,
                    attributes,
                    review,
                });
            }
            ast::Entry::Term(t) => {
                let review = review_of(t.comment.as_ref(), &file_review, reference);
                let line = facts.line_of(span.id_offset);
                let value = Some(PatternFacts {
                    line,
                    ..pattern_facts(&facts, text, &t.value)
                });
                let attributes = attributes(&facts, text, &t.attributes);
                facts.entries.push(EntryFacts {
                    id: format!("-{}", t.id.name),
                    is_term: true,
                    line,
                    value,
                    attributes,
                    review,
                });
            }
            _ => {}
        }
        debug_assert!(span.kind != Kind::Junk || matches!(entry, ast::Entry::Junk { .. }));
    }
    facts
}

fn review_of(comment: Option<&ast::Comment<&str>>, file: &Review, reference: bool) -> Review {
    if reference {
        return Review::Source;
    }
    match comment.and_then(|c| syntax::review_mark(&c.content)) {
        Some(mark) if mark.starts_with("reviewed") => Review::Reviewed(mark),
        Some(_) => Review::Draft,
        None => file.clone(),
    }
}

fn attributes(
    facts: &FileFacts,
    text: &str,
    attributes: &[ast::Attribute<&str>],
) -> Vec<(String, PatternFacts)> {
    attributes
        .iter()
        .map(|a| {
            let mut p = pattern_facts(facts, text, &a.value);
            p.line = facts.line_of(document::offset_in(text, a.id.name));
            (a.id.name.to_owned(), p)
        })
        .collect()
}

fn pattern_facts(facts: &FileFacts, text: &str, pattern: &ast::Pattern<&str>) -> PatternFacts {
    let mut out = PatternFacts::default();
    let mut walker = Walker {
        facts,
        text,
        out: &mut out,
    };
    let (spoken, cost, produces) = walker.pattern(pattern);
    out.spoken.insert(0, spoken);
    out.cost = Some(cost);
    out.empty = !produces;
    out.line = out
        .pieces
        .first()
        .map_or(0, |(offset, _)| facts.line_of(*offset));
    out
}

struct Walker<'a, 'f> {
    facts: &'f FileFacts,
    text: &'a str,
    out: &'f mut PatternFacts,
}

impl<'a> Walker<'a, '_> {
    /// Walks a pattern; returns its spoken form, its cost and whether it produces any text.
    fn pattern(&mut self, pattern: &ast::Pattern<&'a str>) -> (String, Cost, bool) {
        let mut spoken = String::new();
        let mut costs = Vec::new();
        let mut produces = false;
        for element in &pattern.elements {
            match element {
                ast::PatternElement::TextElement { value } => {
                    self.piece(value);
                    spoken.push_str(value);
                    produces |= !value.trim().is_empty();
                }
                ast::PatternElement::Placeable { expression } => {
                    let (s, cost, p) = self.expression(expression);
                    spoken.push_str(&s);
                    costs.push(Cost::Sum(vec![Cost::Count(1), cost]));
                    produces |= p;
                }
            }
        }
        (spoken, Cost::Sum(costs), produces)
    }

    fn piece(&mut self, value: &'a str) {
        if !value.is_empty() {
            self.out
                .pieces
                .push((document::offset_in(self.text, value), value.to_owned()));
        }
    }

    fn expression(&mut self, expression: &ast::Expression<&'a str>) -> (String, Cost, bool) {
        match expression {
            ast::Expression::Inline(i) => self.inline(i),
            ast::Expression::Select { selector, variants } => {
                let (_, selector_cost, _) = self.inline(selector);
                let (variable, number_function) = match selector {
                    ast::InlineExpression::VariableReference { id } => {
                        (Some(id.name.to_owned()), false)
                    }
                    ast::InlineExpression::FunctionReference { id, arguments } => (
                        arguments.positional.iter().find_map(|a| match a {
                            ast::InlineExpression::VariableReference { id } => {
                                Some(id.name.to_owned())
                            }
                            _ => None,
                        }),
                        id.name == "NUMBER",
                    ),
                    _ => (None, false),
                };
                let line = match selector {
                    ast::InlineExpression::VariableReference { id }
                    | ast::InlineExpression::FunctionReference { id, .. }
                    | ast::InlineExpression::MessageReference { id, .. }
                    | ast::InlineExpression::TermReference { id, .. } => {
                        self.facts.line_of(document::offset_in(self.text, id.name))
                    }
                    _ => 0,
                };
                let mut keys = Vec::new();
                let mut numeric_key = false;
                let mut variant_costs = Vec::new();
                let mut produces = false;
                for v in variants {
                    match &v.key {
                        ast::VariantKey::Identifier { name } => keys.push((*name).to_owned()),
                        ast::VariantKey::NumberLiteral { value } => {
                            numeric_key = true;
                            keys.push((*value).to_owned());
                        }
                    }
                    let (s, c, p) = self.pattern(&v.value);
                    self.out.spoken.push(s);
                    variant_costs.push(c);
                    produces |= p;
                }
                self.out.selects.push(Select {
                    line,
                    variable,
                    number_function,
                    keys,
                    numeric_key,
                });
                (
                    " ".to_owned(),
                    Cost::Sum(vec![selector_cost, Cost::Max(variant_costs)]),
                    produces,
                )
            }
        }
    }

    fn inline(&mut self, inline: &ast::InlineExpression<&'a str>) -> (String, Cost, bool) {
        use ast::InlineExpression as I;
        match inline {
            I::StringLiteral { value } => {
                self.piece(value);
                ((*value).to_owned(), Cost::Count(0), !value.is_empty())
            }
            I::NumberLiteral { value } => ((*value).to_owned(), Cost::Count(0), true),
            I::VariableReference { id } => {
                self.out.variables.insert(id.name.to_owned());
                (" ".to_owned(), Cost::Count(0), true)
            }
            I::FunctionReference { arguments, .. } => {
                let cost = self.arguments(arguments);
                (" ".to_owned(), cost, true)
            }
            I::MessageReference { id, attribute } => {
                let r = Reference {
                    target: id.name.to_owned(),
                    attribute: attribute.as_ref().map(|a| a.name.to_owned()),
                };
                self.out.references.push(r.clone());
                (" ".to_owned(), Cost::Ref(r), true)
            }
            I::TermReference {
                id,
                attribute,
                arguments,
            } => {
                let r = Reference {
                    target: format!("-{}", id.name),
                    attribute: attribute.as_ref().map(|a| a.name.to_owned()),
                };
                self.out.references.push(r.clone());
                let args = arguments
                    .as_ref()
                    .map_or(Cost::Count(0), |a| self.arguments(a));
                (" ".to_owned(), Cost::Sum(vec![Cost::Ref(r), args]), true)
            }
            I::Placeable { expression } => self.expression(expression),
        }
    }

    fn arguments(&mut self, arguments: &ast::CallArguments<&'a str>) -> Cost {
        let mut costs = Vec::new();
        for a in &arguments.positional {
            costs.push(self.inline(a).1);
        }
        for a in &arguments.named {
            costs.push(self.inline(&a.value).1);
        }
        Cost::Sum(costs)
    }
}
