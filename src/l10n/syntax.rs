//! Reading the Fluent syntax tree: which variables a message uses, where entries start, and the
//! review comments translators write.

use std::collections::BTreeSet;

use fluent_syntax::ast::{Expression, InlineExpression, Pattern, PatternElement};

/// The `$variables` a pattern uses anywhere: in placeables, selectors, every variant and
/// function arguments.
pub fn pattern_variables(pattern: &Pattern<&str>, out: &mut BTreeSet<String>) {
    for element in &pattern.elements {
        if let PatternElement::Placeable { expression } = element {
            expression_variables(expression, out);
        }
    }
}

fn expression_variables(expression: &Expression<&str>, out: &mut BTreeSet<String>) {
    match expression {
        Expression::Select { selector, variants } => {
            inline_variables(selector, out);
            for v in variants {
                pattern_variables(&v.value, out);
            }
        }
        Expression::Inline(inline) => inline_variables(inline, out),
    }
}

fn inline_variables(inline: &InlineExpression<&str>, out: &mut BTreeSet<String>) {
    match inline {
        InlineExpression::VariableReference { id } => {
            out.insert(id.name.to_owned());
        }
        InlineExpression::FunctionReference { arguments, .. } => {
            for a in &arguments.positional {
                inline_variables(a, out);
            }
            for a in &arguments.named {
                inline_variables(&a.value, out);
            }
        }
        InlineExpression::TermReference {
            arguments: Some(arguments),
            ..
        } => {
            for a in &arguments.named {
                inline_variables(&a.value, out);
            }
        }
        InlineExpression::Placeable { expression } => expression_variables(expression, out),
        _ => {}
    }
}

/// 1-based line and column (in characters) of byte `offset` in `source`.
pub fn line_column(source: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(source.len());
    let mut boundary = offset;
    while !source.is_char_boundary(boundary) {
        boundary -= 1;
    }
    let before = &source[..boundary];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// How deep the recursive Fluent parser would nest on `source`, at most, and the byte offset
/// where that depth is first reached.
///
/// fluent-syntax parses placeables, selectors and call arguments recursively, so thousands of
/// nested `{` (or `F(F(F(…)))` calls) can overflow a thread's stack: files nested deeper than
/// [`MAX_NESTING`] are refused before parsing. The scan follows Fluent's grammar just enough to
/// never count less than the parser nests: braces and parentheses inside placeables count,
/// string literals inside placeables are skipped (`{ "}" }` closes nothing), text in patterns
/// and variants counts only its `{`. A line that starts an entry (`id =`, `-term =`, `#`) ends
/// any nesting above it, because the parser gives up on an unfinished entry there.
pub fn max_brace_depth(source: &str) -> (usize, usize) {
    scan_depth(source, usize::MAX)
}

/// Where `source` first has a Unicode escape that fluent-syntax 0.12 cannot report: `\u` (or
/// `\U`) with fewer than 4 (6) hex digits, followed by a non-ASCII character, on a line with a
/// `"` before it (inside a string literal, where escapes mean something). The parser's error
/// for it slices the text inside that character and panics (projectfluent/fluent-rs#389), so
/// such an entry must never reach it. The byte offset of the backslash, or `None`.
pub fn first_bad_escape(source: &str) -> Option<usize> {
    let bytes = source.as_bytes();
    let mut quote_on_line = false;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => quote_on_line = false,
            b'"' => quote_on_line = true,
            b'\\' if quote_on_line => {
                let digits = match bytes.get(i + 1) {
                    Some(b'u') => 4,
                    Some(b'U') => 6,
                    _ => {
                        i += 2;
                        continue;
                    }
                };
                let hex = bytes[i + 2..]
                    .iter()
                    .take(digits)
                    .take_while(|b| b.is_ascii_hexdigit())
                    .count();
                if hex < digits && bytes.get(i + 2 + hex).is_some_and(|b| !b.is_ascii()) {
                    return Some(i);
                }
                i += 2 + hex;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// Where the nesting of `source` first goes deeper than `limit` (as [`max_brace_depth`] counts
/// it), stopping there: the byte offset, or `None` when it never does.
pub fn first_too_deep(source: &str, limit: usize) -> Option<usize> {
    let (depth, at) = scan_depth(source, limit);
    (depth > limit).then_some(at)
}

/// [`max_brace_depth`], stopping as soon as the depth exceeds `limit`.
fn scan_depth(source: &str, limit: usize) -> (usize, usize) {
    #[derive(Clone, Copy, PartialEq)]
    enum Frame {
        /// Inside `{ … }`: whether `->` was seen, and whether we are in a variant's text.
        Placeable { select: bool, variant_text: bool },
        /// Inside the `( … )` of a call.
        Args,
    }
    let bytes = source.as_bytes();
    let mut stack: Vec<Frame> = Vec::new();
    let (mut max, mut at) = (0usize, 0usize);
    let mut i = 0;
    while i < bytes.len() {
        let line_start = i == 0 || bytes[i - 1] == b'\n';
        if line_start {
            if starts_entry(&bytes[i..]) {
                stack.clear();
            }
            if bytes[i] == b'#' {
                // A comment line: nothing in it nests.
                i += bytes[i..]
                    .iter()
                    .position(|&b| b == b'\n')
                    .unwrap_or(bytes.len() - i);
                continue;
            }
            if let Some(Frame::Placeable {
                select: true,
                variant_text,
            }) = stack.last_mut()
            {
                // A new line in a selector: `[key]` or `*[key]` starts the next variant.
                let rest = &bytes[i..];
                let first = rest.iter().position(|&b| b != b' ').map(|p| rest[p]);
                if matches!(first, Some(b'[' | b'*')) {
                    *variant_text = false;
                }
            }
        }
        let b = bytes[i];
        let in_text = matches!(
            stack.last(),
            None | Some(Frame::Placeable {
                variant_text: true,
                ..
            })
        );
        match b {
            b'{' => {
                stack.push(Frame::Placeable {
                    select: false,
                    variant_text: false,
                });
                if stack.len() > max {
                    max = stack.len();
                    at = i;
                    if max > limit {
                        return (max, at);
                    }
                }
            }
            b'}' => {
                while let Some(frame) = stack.pop() {
                    if matches!(frame, Frame::Placeable { .. }) {
                        break;
                    }
                }
            }
            _ if in_text => {}
            b'"' => {
                // A string literal ends at its closing quote or, unterminated, at the line end.
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' && bytes[i] != b'\n' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                if i < bytes.len() && bytes[i] == b'\n' {
                    continue;
                }
            }
            b'(' => {
                stack.push(Frame::Args);
                if stack.len() > max {
                    max = stack.len();
                    at = i;
                    if max > limit {
                        return (max, at);
                    }
                }
            }
            b')' if stack.last() == Some(&Frame::Args) => {
                stack.pop();
            }
            b'-' if bytes.get(i + 1) == Some(&b'>') => {
                if let Some(Frame::Placeable { select, .. }) = stack.last_mut() {
                    *select = true;
                }
            }
            b']' => {
                if let Some(Frame::Placeable {
                    select: true,
                    variant_text,
                }) = stack.last_mut()
                {
                    *variant_text = true;
                }
            }
            _ => {}
        }
        i += 1;
    }
    (max, at)
}

/// Whether a line starting with `line` begins an entry: a comment, `id =` or `-id =`.
fn starts_entry(line: &[u8]) -> bool {
    let body = match line.first() {
        Some(b'#') => return true,
        Some(b'-') => &line[1..],
        _ => line,
    };
    if !body.first().is_some_and(u8::is_ascii_alphabetic) {
        return false;
    }
    let id_len = body
        .iter()
        .position(|&b| !(b.is_ascii_alphanumeric() || b == b'_' || b == b'-'))
        .unwrap_or(body.len());
    body[id_len..]
        .iter()
        .find(|&&b| b != b' ')
        .is_some_and(|&b| b == b'=')
}

/// Nesting deeper than this is refused (real messages nest two or three levels).
pub const MAX_NESTING: usize = 32;

/// What a `# review: …` comment says.
pub fn review_mark(comment_lines: &[&str]) -> Option<String> {
    comment_lines.iter().find_map(|l| {
        l.trim()
            .strip_prefix("review:")
            .map(|r| r.trim().to_owned())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variables_from_every_place() {
        let res = fluent_syntax::parser::parse(
            "m = { $a } and { $n -> \n    [one] { $b }\n   *[other] { NUMBER($c) } { $d }\n  }\n",
        )
        .unwrap();
        let fluent_syntax::ast::Entry::Message(m) = &res.body[0] else {
            panic!()
        };
        let mut vars = BTreeSet::new();
        pattern_variables(m.value.as_ref().unwrap(), &mut vars);
        assert_eq!(
            vars.into_iter().collect::<Vec<_>>(),
            ["a", "b", "c", "d", "n"]
        );
    }

    #[test]
    fn positions_and_depth() {
        assert_eq!(line_column("ab\ncd\nef", 4), (2, 2));
        assert_eq!(line_column("é\nü", 3), (2, 1));
        let bomb = format!("m = {}\n", "{".repeat(3000));
        assert_eq!(max_brace_depth(&bomb).0, 3000);
        assert_eq!(max_brace_depth("a = { $x }\nb = {{ \"y\" }}\n").0, 2);
        // Calls nest in the parser as placeables do; text parentheses do not count.
        let calls = format!("m = {{ {}\n", "F(".repeat(3000));
        assert!(max_brace_depth(&calls).0 > 3000);
        assert_eq!(max_brace_depth("a = ((((((x)))))) { F(\"((((\") }\n").0, 2);
    }

    /// How deep the parser actually nested to build `resource`: placeables, selectors and
    /// call arguments.
    fn ast_depth(resource: &fluent_syntax::ast::Resource<&str>) -> usize {
        use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};
        fn pattern(p: &Pattern<&str>) -> usize {
            p.elements
                .iter()
                .map(|e| match e {
                    PatternElement::Placeable { expression } => 1 + expr(expression),
                    PatternElement::TextElement { .. } => 0,
                })
                .max()
                .unwrap_or(0)
        }
        fn expr(e: &Expression<&str>) -> usize {
            match e {
                Expression::Inline(i) => inline(i),
                Expression::Select { selector, variants } => variants
                    .iter()
                    .map(|v| pattern(&v.value))
                    .chain([inline(selector)])
                    .max()
                    .unwrap_or(0),
            }
        }
        fn inline(i: &InlineExpression<&str>) -> usize {
            let args = |a: &fluent_syntax::ast::CallArguments<&str>| {
                1 + a
                    .positional
                    .iter()
                    .chain(a.named.iter().map(|n| &n.value))
                    .map(inline)
                    .max()
                    .unwrap_or(0)
            };
            match i {
                InlineExpression::Placeable { expression } => 1 + expr(expression),
                InlineExpression::FunctionReference { arguments, .. } => args(arguments),
                InlineExpression::TermReference {
                    arguments: Some(a), ..
                } => args(a),
                _ => 0,
            }
        }
        resource
            .body
            .iter()
            .map(|e| match e {
                Entry::Message(m) => m
                    .value
                    .iter()
                    .chain(m.attributes.iter().map(|a| &a.value))
                    .map(pattern)
                    .max()
                    .unwrap_or(0),
                Entry::Term(t) => t
                    .attributes
                    .iter()
                    .map(|a| &a.value)
                    .chain([&t.value])
                    .map(pattern)
                    .max()
                    .unwrap_or(0),
                _ => 0,
            })
            .max()
            .unwrap_or(0)
    }

    #[test]
    fn escapes_the_parser_would_crash_on_are_found() {
        // fluent-syntax 0.12 panics on each of these (its error slices inside the character).
        assert_eq!(first_bad_escape("m = { \"\\u00ئ\" }\n"), Some(7));
        assert_eq!(first_bad_escape("a = b\nm = {\"\\Uئ\"}"), Some(12));
        assert_eq!(first_bad_escape("m = { \"\\U01F6é\" }"), Some(7));
        // Complete escapes, an escaped backslash, and a backslash in text are fine.
        for fine in [
            "m = { \"\\u00e9ئ\" }",
            "m = { \"\\\\uئ\" }",
            "m = C:\\uئ\n",
            "m = { \"a\" }\nn = \\uئ\n",
            "m = { \"\\u00\" }",
        ] {
            assert_eq!(first_bad_escape(fine), None, "{fine}");
        }
    }

    #[test]
    fn the_parser_depth_is_measured() {
        for (src, depth) in [
            ("m = a\n", 0),
            ("m = { $x }\n", 1),
            ("m = { F($x) }\n", 2),
            ("m = { F(G($x)) }\n", 3),
            ("m = { $x ->\n   *[o] { -t(a: F($y)) }\n}\n", 4),
        ] {
            let resource = fluent_syntax::parser::parse(src).unwrap();
            assert_eq!(ast_depth(&resource), depth, "{src}");
            assert!(max_brace_depth(src).0 >= depth, "{src}");
        }
    }

    /// Fluent expressions nested at random (valid or slightly broken by `noise`).
    fn expression() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let leaf =
            proptest::sample::select(vec!["$x", "a", "\"s\"", "\"}\"", "\"{\"", "1", "-t", "(a)"])
                .prop_map(str::to_owned);
        leaf.prop_recursive(12, 64, 3, |inner| {
            let noise = proptest::sample::select(vec!["", "", "", ")", "(", "\"", " ", "\n"]);
            prop_oneof![
                (inner.clone(), noise.clone()).prop_map(|(e, n)| format!("{{ {e} }}{n}")),
                (inner.clone(), inner.clone(), noise.clone())
                    .prop_map(|(a, b, n)| format!("F({a}, {n}{b})")),
                inner.clone().prop_map(|e| format!("-t(a: {e})")),
                (inner.clone(), inner.clone(), inner, noise).prop_map(|(s, a, b, n)| format!(
                    "{{ {s} ->\n    [o] x{n} {{ {a} }}\n   *[p] ) {{ {b} }}\n}}"
                )),
            ]
        })
    }

    proptest::proptest! {
        /// The scan never counts less than the parser nests, whatever the text.
        #[test]
        fn the_scan_bounds_the_parser(e in expression(), tail in "[{}()\"a ]{0,4}") {
            let source = format!("m = x {{ {e} }}{tail}\nn = y\n");
            let resource = match fluent_syntax::parser::parse(source.as_str()) {
                Ok(r) | Err((r, _)) => r,
            };
            let nested = ast_depth(&resource);
            let scanned = max_brace_depth(&source).0;
            proptest::prop_assert!(scanned >= nested, "{source:?}: scan {scanned}, parser {nested}");
        }
    }

    #[test]
    fn depth_cannot_be_hidden() {
        // Each of these nests 3,000 deep in the parser; none may count as shallow.
        let strings = format!("m = {}\n", "{ \"}\" -> *[o] ".repeat(3000));
        let text_parens = format!("m = {}\n", "{ $n -> *[o] ) ".repeat(3000));
        let text_quotes = format!("m = {}\n", "{ $n -> *[o] \" ".repeat(3000));
        let lines = format!("m =\n{}", "{\n".repeat(3000));
        for (name, src) in [
            ("strings", strings),
            ("text parens", text_parens),
            ("text quotes", text_quotes),
            ("column-0 lines", lines),
        ] {
            assert!(max_brace_depth(&src).0 >= 3000, "{name}");
        }
        // Escaped braces, comments and real selectors are shallow; a new entry resets.
        assert_eq!(max_brace_depth("a = {\"{\"}{\"{\"}{\"{\"}\n").0, 1);
        assert_eq!(max_brace_depth("# {{{{{{\na = b\n").0, 0);
        let select = "m = { $n ->\n    [one] a { $x }\n   *[other] b\n}\nn = { $y }\n";
        assert_eq!(max_brace_depth(select).0, 2);
        assert_eq!(max_brace_depth("a = {{{{\nb = {\n").0, 4);
    }

    #[test]
    fn review_marks() {
        assert_eq!(
            review_mark(&["review: reviewed Aynur 2026-11-01"]).as_deref(),
            Some("reviewed Aynur 2026-11-01")
        );
        assert_eq!(review_mark(&["just a note"]), None);
    }
}
