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

/// The deepest nesting of `{` in `source`, and the byte offset where it is first reached.
/// fluent-syntax parses nested placeables recursively, so thousands of `{` can overflow a
/// thread's stack: files nested deeper than [`MAX_NESTING`] are refused before parsing.
pub fn max_brace_depth(source: &str) -> (usize, usize) {
    let (mut depth, mut max, mut at) = (0usize, 0usize, 0usize);
    for (i, b) in source.bytes().enumerate() {
        match b {
            b'{' => {
                depth += 1;
                if depth > max {
                    max = depth;
                    at = i;
                }
            }
            b'}' => depth = depth.saturating_sub(1),
            b'\n' if depth > 0 && source[i + 1..].starts_with(|c: char| !c.is_whitespace()) => {
                // A new entry at the start of a line: unbalanced braces above do not carry over.
                depth = 0;
            }
            _ => {}
        }
    }
    (max, at)
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
