//! From a Fluent file's bytes to text the parser can take without harm, noting every repair.
//!
//! The checker must go on past a broken file, so nothing here fails: a byte-order mark is
//! removed, lone carriage returns become line feeds (same length: offsets and lines stay put),
//! invalid UTF-8 becomes U+FFFD, and an entry nested deeper than
//! [`syntax::MAX_NESTING`](super::syntax::MAX_NESTING), or with an escape the parser would
//! crash on ([`syntax::first_bad_escape`]), is blanked out (its lines kept, its bytes turned
//! into spaces) so that the parser never sees it. Each repair is an [`Issue`].

use super::syntax;

/// Files larger than this are not parsed (the largest real one is a few kilobytes).
pub(crate) const MAX_FILE_BYTES: usize = 8 * 1024 * 1024;

/// What was wrong with the bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum IssueKind {
    /// A UTF-8 byte-order mark at the start.
    Bom,
    /// Bytes that are not UTF-8.
    InvalidUtf8,
    /// Lines ending in a lone carriage return (old Mac style), which Fluent does not accept.
    LoneCr,
    /// Placeables or calls nested deeper than the parser can safely follow.
    TooDeep,
    /// A short Unicode escape before a non-ASCII character, which crashes the parser
    /// ([`syntax::first_bad_escape`]).
    BadEscape,
    /// Larger than [`MAX_FILE_BYTES`].
    TooLarge,
}

/// One repair, with where it was needed (1-based line and column in characters).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Issue {
    pub kind: IssueKind,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// The text to parse and what was done to get it.
#[derive(Debug, Clone)]
pub(crate) struct Decoded {
    /// The text: no BOM, no lone CR, no invalid bytes, no over-nested entry.
    pub text: String,
    /// Whether the bytes started with a byte-order mark.
    pub bom: bool,
    /// The repairs, in the order found.
    pub issues: Vec<Issue>,
}

/// Decodes `bytes` as a Fluent file.
pub(crate) fn decode(bytes: &[u8]) -> Decoded {
    let mut issues = Vec::new();
    if bytes.len() > MAX_FILE_BYTES {
        issues.push(Issue {
            kind: IssueKind::TooLarge,
            line: 1,
            column: 1,
            message: format!(
                "the file has {} bytes; files over {} bytes are not read",
                bytes.len(),
                MAX_FILE_BYTES
            ),
        });
        return Decoded {
            text: String::new(),
            bom: false,
            issues,
        };
    }
    let (bom, bytes) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => {
            issues.push(Issue {
                kind: IssueKind::Bom,
                line: 1,
                column: 1,
                message: "the file starts with a byte-order mark (U+FEFF); save it as UTF-8 \
                          without BOM"
                    .to_owned(),
            });
            (true, rest)
        }
        None => (false, bytes),
    };
    let bytes = lone_cr(bytes, &mut issues);
    let mut text = utf8_lossy(&bytes, &mut issues);
    blank_unparseable_entries(&mut text, &mut issues);
    Decoded { text, bom, issues }
}

/// Decodes UTF-8, replacing each invalid sequence with U+FFFD and noting where it was.
fn utf8_lossy(mut bytes: &[u8], issues: &mut Vec<Issue>) -> String {
    let mut text = String::with_capacity(bytes.len());
    let mut reported = 0usize;
    let mut total = 0usize;
    loop {
        match std::str::from_utf8(bytes) {
            Ok(valid) => {
                text.push_str(valid);
                break;
            }
            Err(e) => {
                let good = e.valid_up_to();
                text.push_str(std::str::from_utf8(&bytes[..good]).expect("checked by from_utf8"));
                let bad = e.error_len().unwrap_or(bytes.len() - good);
                total += 1;
                if reported < 10 {
                    let (line, column) = syntax::line_column(&text, text.len());
                    let shown: Vec<String> = bytes[good..good + bad]
                        .iter()
                        .map(|b| format!("{b:#04x}"))
                        .collect();
                    issues.push(Issue {
                        kind: IssueKind::InvalidUtf8,
                        line,
                        column,
                        message: format!("not valid UTF-8 (bytes {})", shown.join(" ")),
                    });
                    reported += 1;
                }
                text.push('\u{FFFD}');
                bytes = &bytes[good + bad..];
            }
        }
    }
    if total > reported {
        if let Some(last) = issues
            .iter_mut()
            .rev()
            .find(|i| i.kind == IssueKind::InvalidUtf8)
        {
            last.message
                .push_str(&format!("; {} more invalid sequences", total - reported));
        }
    }
    text
}

/// Turns carriage returns not followed by a line feed into line feeds. Works on bytes, before
/// decoding, so that positions of bad UTF-8 after it are counted in the lines an editor shows
/// (a CR byte is never part of a multi-byte sequence).
fn lone_cr(bytes: &[u8], issues: &mut Vec<Issue>) -> Vec<u8> {
    let mut out = bytes.to_vec();
    let lone: Vec<usize> = (0..bytes.len())
        .filter(|&i| bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n'))
        .collect();
    let Some(&first) = lone.first() else {
        return out;
    };
    for &i in &lone {
        out[i] = b'\n';
    }
    let line = out[..first].iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = out[..first]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |p| p + 1);
    let column = String::from_utf8_lossy(&out[line_start..first])
        .chars()
        .count()
        + 1;
    issues.push(Issue {
        kind: IssueKind::LoneCr,
        line,
        column,
        message: format!(
            "line ends with a lone carriage return (CR){}; Fluent files end lines with LF",
            if lone.len() > 1 {
                format!(", as do {} more", lone.len() - 1)
            } else {
                String::new()
            }
        ),
    });
    out
}

/// Blanks out, one at a time, the entries nested deeper than the parser can follow, then those
/// with an escape it would crash on.
fn blank_unparseable_entries(text: &mut String, issues: &mut Vec<Issue>) {
    let deep = format!(
        "placeables nested more than {} deep (the most allowed); the entry was skipped",
        syntax::MAX_NESTING
    );
    blank_entries(
        text,
        issues,
        |t| syntax::first_too_deep(t, syntax::MAX_NESTING),
        IssueKind::TooDeep,
        &deep,
    );
    blank_entries(
        text,
        issues,
        syntax::first_bad_escape,
        IssueKind::BadEscape,
        "a \\u escape needs 4 hex digits (\\U 6) and this one runs into a non-ASCII character; \
         the entry was skipped (write the character itself)",
    );
}

/// Blanks out, one at a time, the entries where `find` finds something, each an issue of
/// `kind`.
///
/// Each search starts where the last blanked entry ended (the text before it is already known
/// to be clean), so a file of many such entries costs one pass, not one pass per entry. For
/// nesting, the search starts there with nothing open; the text before can leave at most
/// [`syntax::MAX_NESTING`] levels open, so the parser never nests deeper than twice that.
fn blank_entries(
    text: &mut String,
    issues: &mut Vec<Issue>,
    find: impl Fn(&str) -> Option<usize>,
    kind: IssueKind,
    message: &str,
) {
    let mut blanks: Vec<(usize, usize)> = Vec::new();
    let mut from = 0;
    // Lines counted so far: the line of byte `counted` (positions only grow).
    let (mut counted, mut line) = (0usize, 1usize);
    while let Some(at) = find(&text[from..]) {
        let at = from + at;
        line += text.as_bytes()[counted..at]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        counted = at;
        let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
        let column = text[line_start..at].chars().count() + 1;
        issues.push(Issue {
            kind,
            line,
            column,
            message: message.to_owned(),
        });
        let (start, end) = entry_around(text, at);
        blanks.push((start.max(from), end));
        from = end;
    }
    if blanks.is_empty() {
        return;
    }
    let mut out = String::with_capacity(text.len());
    let mut kept = 0;
    for (start, end) in blanks {
        out.push_str(&text[kept..start]);
        // Spaces of the same byte length, line feeds kept: offsets and lines stay put.
        for c in text[start..end].chars() {
            if c == '\n' {
                out.push('\n');
            } else {
                out.extend(std::iter::repeat_n(' ', c.len_utf8()));
            }
        }
        kept = end;
    }
    out.push_str(&text[kept..]);
    *text = out;
}

/// The lines of the entry around byte `at`: from the last line that starts with a non-blank
/// character at or before it, to the next such line after it.
fn entry_around(text: &str, at: usize) -> (usize, usize) {
    let starts_entry = |i: usize| text[i..].chars().next().is_some_and(|c| !c.is_whitespace());
    let mut start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    while start > 0 && !starts_entry(start) {
        start = text[..start - 1].rfind('\n').map_or(0, |i| i + 1);
    }
    let mut end = at;
    loop {
        match text[end..].find('\n') {
            None => {
                end = text.len();
                break;
            }
            Some(i) => {
                end += i + 1;
                if end >= text.len() || starts_entry(end) {
                    break;
                }
            }
        }
    }
    (start, end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_text_is_untouched() {
        let d = decode("a = b\r\nc = d\n".as_bytes());
        assert_eq!(d.text, "a = b\r\nc = d\n");
        assert!(d.issues.is_empty());
    }

    #[test]
    fn bom_lone_cr_and_bad_bytes_are_repaired_and_located() {
        let d = decode(b"\xEF\xBB\xBFa = b\rc = \xFFd\n");
        assert!(d.bom);
        assert_eq!(d.text, "a = b\nc = \u{FFFD}d\n");
        let kinds: Vec<_> = d
            .issues
            .iter()
            .map(|i| (i.kind, i.line, i.column))
            .collect();
        assert_eq!(
            kinds,
            [
                (IssueKind::Bom, 1, 1),
                (IssueKind::LoneCr, 1, 6),
                (IssueKind::InvalidUtf8, 2, 5)
            ]
        );
    }

    #[test]
    fn an_entry_the_parser_would_crash_on_is_blanked_and_located() {
        let d = decode("a = ياخشى\nm = { \"\\u00ئ\" }\n  .x = y\nb = c\n".as_bytes());
        let kinds: Vec<_> = d
            .issues
            .iter()
            .map(|i| (i.kind, i.line, i.column))
            .collect();
        assert_eq!(kinds, [(IssueKind::BadEscape, 2, 8)]);
        assert!(d.text.starts_with("a = ياخشى\n"));
        let lines: Vec<&str> = d.text.lines().collect();
        assert_eq!(lines.len(), 4, "lines stay put: {:?}", d.text);
        assert!(lines[1].trim().is_empty() && lines[2].trim().is_empty());
        assert_eq!(lines[3], "b = c");
    }

    #[test]
    fn many_deep_entries_take_one_pass() {
        let entry = format!("m = {}\n", "{".repeat(40));
        let src = entry.repeat(20_000);
        let started = std::time::Instant::now();
        let d = decode(src.as_bytes());
        assert_eq!(d.issues.len(), 20_000);
        assert!(d.text.trim().is_empty());
        assert!(started.elapsed().as_secs() < 10, "{:?}", started.elapsed());
    }

    #[test]
    fn deep_entries_are_blanked_and_the_rest_kept() {
        let src = format!("a = ok\nb = {}\n  more\nc = fine\n", "{".repeat(3000));
        let d = decode(src.as_bytes());
        assert_eq!(d.issues.len(), 1);
        assert_eq!(
            (d.issues[0].line, d.issues[0].kind),
            (2, IssueKind::TooDeep)
        );
        assert!(d.text.starts_with("a = ok\n"));
        assert!(d.text.ends_with("\nc = fine\n"));
        assert_eq!(d.text.lines().count(), 4);
        let parsed = fluent_syntax::parser::parse(d.text.as_str()).unwrap();
        assert_eq!(parsed.body.len(), 2);
    }
}
