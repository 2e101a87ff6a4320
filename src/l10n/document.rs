//! A Fluent file as a sequence of byte spans: where each entry (with its attached comment)
//! starts and ends, where its value and attributes are, and everything between entries. The
//! exchange formats carry a message's value as FTL source text ([`unit_text`]) and import puts a
//! changed message back with [`render_message`], leaving every other byte of the file as it was.
//!
//! fluent-syntax's AST has no positions, but parsing a `&str` borrows every identifier, text
//! element and comment line from the source, so their offsets are exact.

use std::ops::Range;

use fluent_syntax::ast;

/// What kind of entry a span is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A message.
    Message,
    /// A term (`-id`).
    Term,
    /// A standalone `#`, `##` or `###` comment.
    Comment,
    /// Text the parser could not read.
    Junk,
}

/// An attribute's name and the source of its value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct AttributeSpan {
    /// The attribute's name.
    pub name: String,
    /// Offset of the `.` that starts it.
    pub start: usize,
    /// Its value's source, blanks trimmed at both ends.
    pub value: Range<usize>,
}

/// One entry of a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct EntrySpan {
    pub kind: Kind,
    /// The id (`-name` for terms); `None` for comments and junk.
    pub id: Option<String>,
    /// From the first line of its attached comment (or its own first line) to the end of its last
    /// non-blank line, that line's line feed included.
    pub span: Range<usize>,
    /// Offset of the id (after the `-` of a term).
    pub id_offset: usize,
    /// The value's source, blanks trimmed at both ends.
    pub value: Option<Range<usize>>,
    /// The attributes in order.
    pub attributes: Vec<AttributeSpan>,
    /// The attached comment's lines (without `# `).
    pub comment: Option<Vec<String>>,
}

/// Offset of `part` (a slice borrowed from `text`) in `text`.
pub(crate) fn offset_in(text: &str, part: &str) -> usize {
    let offset = (part.as_ptr() as usize).wrapping_sub(text.as_ptr() as usize);
    debug_assert!(offset <= text.len(), "slice not borrowed from the text");
    offset.min(text.len())
}

fn line_start(text: &str, at: usize) -> usize {
    text[..at].rfind('\n').map_or(0, |i| i + 1)
}

/// The spans of every entry of `resource`, parsed from `text`.
pub(crate) fn spans(text: &str, resource: &ast::Resource<&str>) -> Vec<EntrySpan> {
    let mut out: Vec<EntrySpan> = Vec::with_capacity(resource.body.len());
    for entry in &resource.body {
        let span = match entry {
            ast::Entry::Message(m) => entry_span(
                text,
                Kind::Message,
                m.id.name,
                m.id.name.to_owned(),
                m.value.is_some(),
                &m.attributes,
                m.comment.as_ref(),
            ),
            ast::Entry::Term(t) => entry_span(
                text,
                Kind::Term,
                t.id.name,
                format!("-{}", t.id.name),
                true,
                &t.attributes,
                t.comment.as_ref(),
            ),
            ast::Entry::Comment(c)
            | ast::Entry::GroupComment(c)
            | ast::Entry::ResourceComment(c) => {
                let first = c.content.first().map_or(0, |l| offset_in(text, l));
                let start = line_start(text, first);
                EntrySpan {
                    kind: Kind::Comment,
                    id: None,
                    span: start..start,
                    id_offset: start,
                    value: None,
                    attributes: Vec::new(),
                    comment: None,
                }
            }
            ast::Entry::Junk { content } => {
                let start = offset_in(text, content);
                EntrySpan {
                    kind: Kind::Junk,
                    id: None,
                    span: start..start,
                    id_offset: start,
                    value: None,
                    attributes: Vec::new(),
                    comment: None,
                }
            }
        };
        out.push(span);
    }
    // Each entry ends where the next begins, less the blank lines between them.
    for i in 0..out.len() {
        let limit = out.get(i + 1).map_or(text.len(), |n| n.span.start);
        let end = content_end(text, out[i].span.start, limit);
        out[i].span.end = end;
        if let Some(attr) = out[i].attributes.first().map(|a| a.start) {
            if let Some(v) = &mut out[i].value {
                v.end = trim_end(text, v.start, line_start(text, attr));
            }
        } else if let Some(v) = &mut out[i].value {
            v.end = trim_end(text, v.start, end);
        }
        let attr_starts: Vec<usize> = out[i].attributes.iter().map(|a| a.start).collect();
        for (k, a) in out[i].attributes.iter_mut().enumerate() {
            let stop = attr_starts
                .get(k + 1)
                .map_or(end, |&next| line_start(text, next));
            a.value.end = trim_end(text, a.value.start, stop);
        }
    }
    out
}

fn entry_span(
    text: &str,
    kind: Kind,
    name: &str,
    id: String,
    has_value: bool,
    attributes: &[ast::Attribute<&str>],
    comment: Option<&ast::Comment<&str>>,
) -> EntrySpan {
    let id_offset = offset_in(text, name);
    let mut start = line_start(text, id_offset);
    let comment_lines = comment.map(|c| c.content.iter().map(|l| (*l).to_owned()).collect());
    if let Some(c) = comment {
        for _ in 0..c.content.len() {
            if start == 0 {
                break;
            }
            start = line_start(text, start - 1);
        }
    }
    let after_id = id_offset + name.len();
    let value = has_value.then(|| value_start(text, after_id));
    let attributes = attributes
        .iter()
        .map(|a| {
            let name_at = offset_in(text, a.id.name);
            let dot = text[..name_at].rfind('.').unwrap_or(name_at);
            AttributeSpan {
                name: a.id.name.to_owned(),
                start: dot,
                value: {
                    let v = value_start(text, name_at + a.id.name.len());
                    v..v
                },
            }
        })
        .collect();
    EntrySpan {
        kind,
        id: Some(id),
        span: start..start,
        id_offset,
        value: value.map(|v| v..v),
        attributes,
        comment: comment_lines,
    }
}

/// Just past the `=` after an id, and past the spaces after it.
fn value_start(text: &str, after_id: usize) -> usize {
    let eq = text[after_id..]
        .find('=')
        .map_or(after_id, |i| after_id + i + 1);
    eq + text[eq..].len() - text[eq..].trim_start_matches(' ').len()
}

/// The end of `text[from..to]` without trailing spaces, CRs and LFs.
fn trim_end(text: &str, from: usize, to: usize) -> usize {
    let to = to.max(from);
    from + text[from..to].trim_end_matches([' ', '\r', '\n']).len()
}

/// The end of the last non-blank line of `text[from..to]`, its line end included.
fn content_end(text: &str, from: usize, to: usize) -> usize {
    let trimmed = trim_end(text, from, to);
    if trimmed == from {
        return from;
    }
    match text[trimmed..to].find('\n') {
        Some(i) => trimmed + i + 1,
        None => to,
    }
}

/// How many spaces `line` starts with.
fn indent(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

fn is_blank(line: &str) -> bool {
    line.trim_matches([' ', '\r']).is_empty()
}

/// The text of a pattern as an exchange unit carries it, from its source in the file (`raw`,
/// starting after `= ` and trimmed): FTL pattern syntax with the continuation lines' common
/// indentation removed, line ends as LF. A single line stays as it is
/// (`您前面还有{ $count }人在等候。`); a selector keeps its FTL form:
///
/// ```text
/// { $count ->
///     [one] …
///    *[other] …
/// }
/// ```
///
/// A value written as a block (`id =` then indented lines) becomes the same text when that
/// means the same; in the rare case where its first line is indented more than the rest (which
/// Fluent keeps), the text starts with a line feed to say so. [`render_pattern`] turns the text
/// back into FTL source.
pub(crate) fn unit_text(raw: &str) -> String {
    let lines: Vec<&str> = raw.split('\n').map(|l| l.trim_end_matches('\r')).collect();
    let dedent = |ls: &[&str]| -> Vec<String> {
        let d = ls
            .iter()
            .filter(|l| !is_blank(l))
            .map(|l| indent(l))
            .min()
            .unwrap_or(0);
        ls.iter()
            .map(|l| {
                if is_blank(l) {
                    String::new()
                } else {
                    l[d..].to_owned()
                }
            })
            .collect()
    };
    let first = lines[0].trim_start_matches(' ');
    if !first.is_empty() {
        let mut out = first.to_owned();
        for l in dedent(&lines[1..]) {
            out.push('\n');
            out.push_str(&l);
        }
        return out;
    }
    // A block: skip the blank lines before its first line.
    let body: Vec<&str> = lines[1..]
        .iter()
        .copied()
        .skip_while(|l| is_blank(l))
        .collect();
    if body.is_empty() {
        return String::new();
    }
    let min_all = body
        .iter()
        .filter(|l| !is_blank(l))
        .map(|l| indent(l))
        .min()
        .unwrap_or(0);
    let min_rest = body[1..]
        .iter()
        .filter(|l| !is_blank(l))
        .map(|l| indent(l))
        .min();
    let inline_is_same = indent(body[0]) == min_all && min_rest.is_none_or(|m| m == min_all);
    let lines = dedent(&body);
    let joined = lines.join("\n");
    if inline_is_same {
        joined
    } else {
        format!("\n{joined}")
    }
}

/// FTL source for a pattern given as [`unit_text`]: what follows `id =` (or `.attr =`), each
/// continuation line indented by `indent` spaces.
pub(crate) fn render_pattern(text: &str, indent: usize) -> String {
    let pad = " ".repeat(indent);
    let mut out = String::new();
    let (block, body) = match text.strip_prefix('\n') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    for (i, line) in body.split('\n').enumerate() {
        if i == 0 && !block {
            out.push(' ');
            out.push_str(line);
            continue;
        }
        out.push('\n');
        if !line.trim_matches(' ').is_empty() {
            out.push_str(&pad);
            out.push_str(line);
        }
    }
    out
}

/// The FTL source of a whole message (or term, when `id` starts with `-`): its comment, `id =`
/// and value, then its attributes, ending with a line feed.
pub(crate) fn render_message(
    id: &str,
    comment: Option<&str>,
    value: Option<&str>,
    attributes: &[(String, String)],
) -> String {
    let mut out = String::new();
    if let Some(c) = comment {
        for line in c.split('\n') {
            if line.is_empty() {
                out.push_str("#\n");
            } else {
                out.push_str("# ");
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    out.push_str(id);
    out.push_str(" =");
    if let Some(v) = value {
        out.push_str(&render_pattern(v, 4));
    }
    out.push('\n');
    for (name, v) in attributes {
        out.push_str("    .");
        out.push_str(name);
        out.push_str(" =");
        out.push_str(&render_pattern(v, 8));
        out.push('\n');
    }
    out
}

/// A file parsed into spans, kept with its text.
#[derive(Debug, Clone)]
pub(crate) struct Document {
    pub text: String,
    pub entries: Vec<EntrySpan>,
}

impl Document {
    /// Parses `text` (already decoded; see [`super::source`]).
    pub fn parse(text: String) -> Document {
        let entries = {
            let resource = match fluent_syntax::parser::parse(text.as_str()) {
                Ok(r) => r,
                Err((r, _)) => r,
            };
            spans(&text, &resource)
        };
        Document { text, entries }
    }

    /// The message or term `id`.
    #[cfg(test)]
    pub fn entry(&self, id: &str) -> Option<&EntrySpan> {
        self.entries.iter().find(|e| e.id.as_deref() == Some(id))
    }

    /// The unit text of `entry`'s value.
    pub fn value_text(&self, entry: &EntrySpan) -> Option<String> {
        entry
            .value
            .as_ref()
            .map(|r| unit_text(&self.text[r.clone()]))
    }

    /// The unit texts of `entry`'s attributes, in order.
    pub fn attribute_texts(&self, entry: &EntrySpan) -> Vec<(String, String)> {
        entry
            .attributes
            .iter()
            .map(|a| (a.name.clone(), unit_text(&self.text[a.value.clone()])))
            .collect()
    }
}

#[cfg(test)]
/// Two patterns mean the same: equal once adjacent text elements are joined.
pub(crate) fn same_pattern(a: &ast::Pattern<&str>, b: &ast::Pattern<&str>) -> bool {
    flatten_pattern(a) == flatten_pattern(b)
}

#[cfg(test)]
/// A pattern as comparable tokens: text runs joined, placeables serialized.
fn flatten_pattern(p: &ast::Pattern<&str>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut text = String::new();
    for e in &p.elements {
        match e {
            ast::PatternElement::TextElement { value } => text.push_str(value),
            ast::PatternElement::Placeable { expression } => {
                if !text.is_empty() {
                    out.push(std::mem::take(&mut text));
                }
                out.push(flatten_expression(expression));
            }
        }
    }
    if !text.is_empty() {
        out.push(text);
    }
    out
}

#[cfg(test)]
fn flatten_expression(e: &ast::Expression<&str>) -> String {
    match e {
        ast::Expression::Inline(i) => flatten_inline(i),
        ast::Expression::Select { selector, variants } => {
            let mut s = format!("select({})[", flatten_inline(selector));
            for v in variants {
                let key = match &v.key {
                    ast::VariantKey::Identifier { name } => (*name).to_owned(),
                    ast::VariantKey::NumberLiteral { value } => (*value).to_owned(),
                };
                s.push_str(&format!(
                    "{}{key}:{:?};",
                    if v.default { "*" } else { "" },
                    flatten_pattern(&v.value)
                ));
            }
            s.push(']');
            s
        }
    }
}

#[cfg(test)]
fn flatten_inline(i: &ast::InlineExpression<&str>) -> String {
    use ast::InlineExpression as I;
    let args = |a: &ast::CallArguments<&str>| {
        let mut s = String::from("(");
        for p in &a.positional {
            s.push_str(&flatten_inline(p));
            s.push(',');
        }
        for n in &a.named {
            s.push_str(&format!("{}:{},", n.name.name, flatten_inline(&n.value)));
        }
        s.push(')');
        s
    };
    match i {
        I::StringLiteral { value } => format!("\"{value}\""),
        I::NumberLiteral { value } => format!("#{value}"),
        I::FunctionReference { id, arguments } => format!("{}{}", id.name, args(arguments)),
        I::MessageReference { id, attribute } => match attribute {
            Some(a) => format!("msg {}.{}", id.name, a.name),
            None => format!("msg {}", id.name),
        },
        I::TermReference {
            id,
            attribute,
            arguments,
        } => format!(
            "term {}{}{}",
            id.name,
            attribute
                .as_ref()
                .map_or(String::new(), |a| format!(".{}", a.name)),
            arguments.as_ref().map_or(String::new(), args)
        ),
        I::VariableReference { id } => format!("${}", id.name),
        I::Placeable { expression } => format!("{{{}}}", flatten_expression(expression)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "### Resource comment\n\n# attached\n# two lines\nm1 = one\nm2 =\n    block\n      more\n    .title = T\n\n    .other = { $x ->\n        [one] a\n       *[other] b\n    }\n\n## Group\n-term = Term\nbroken = {\nm3 = after\n";

    #[test]
    fn spans_cover_entries_exactly() {
        let doc = Document::parse(FILE.to_owned());
        let ids: Vec<_> = doc
            .entries
            .iter()
            .map(|e| (e.kind, e.id.clone(), &FILE[e.span.clone()]))
            .collect();
        assert_eq!(
            ids,
            [
                (Kind::Comment, None, "### Resource comment\n"),
                (
                    Kind::Message,
                    Some("m1".into()),
                    "# attached\n# two lines\nm1 = one\n"
                ),
                (
                    Kind::Message,
                    Some("m2".into()),
                    "m2 =\n    block\n      more\n    .title = T\n\n    .other = { $x ->\n        [one] a\n       *[other] b\n    }\n"
                ),
                (Kind::Comment, None, "## Group\n"),
                (Kind::Term, Some("-term".into()), "-term = Term\n"),
                // The parser fails on `m3 =` inside the open placeable, so that line is junk
                // too.
                (Kind::Junk, None, "broken = {\nm3 = after\n"),
            ]
        );
        let m2 = doc.entry("m2").unwrap();
        // Continuation lines indented deeper than the first keep the block form: on one line
        // Fluent would dedent them against each other only.
        assert_eq!(doc.value_text(m2).unwrap(), "\nblock\n  more");
        assert_eq!(
            doc.attribute_texts(m2),
            [
                ("title".to_owned(), "T".to_owned()),
                (
                    "other".to_owned(),
                    "{ $x ->\n    [one] a\n   *[other] b\n}".to_owned()
                )
            ]
        );
        assert_eq!(
            doc.entry("m1").unwrap().comment.as_deref(),
            Some(&["attached".to_owned(), "two lines".to_owned()][..])
        );
    }

    #[test]
    fn rendered_messages_mean_the_same() {
        for src in [
            "m = one\n",
            "m =\n    block\n      more\n",
            "m =\n        deeper first\n    then less\n",
            "m = { $n ->\n    [one] a\n        continued\n   *[other] b\n}\n",
            "m = first\n        second\n    third\n",
            "m =\n    { $n ->\n       *[other] x\n    }\n",
            "m = a\n\n    b\n",
        ] {
            let doc = Document::parse(src.to_owned());
            let e = &doc.entries[0];
            let text = doc.value_text(e).unwrap();
            let rendered = render_message("m", None, Some(&text), &[]);
            let a = fluent_syntax::parser::parse(src).unwrap();
            let b = fluent_syntax::parser::parse(rendered.as_str()).unwrap();
            let (ast::Entry::Message(ma), ast::Entry::Message(mb)) = (&a.body[0], &b.body[0])
            else {
                panic!("{rendered}")
            };
            assert!(
                same_pattern(ma.value.as_ref().unwrap(), mb.value.as_ref().unwrap()),
                "{src:?} became {rendered:?}"
            );
        }
    }
}
