use crate::{Error, Result};

/// The longest run of letters without a break that reaches an engine. espeak-ng overflows on
/// some long words (`s'` repeated 68 times crashes 1.52), and no real word is this long, so longer
/// runs are broken with a space.
pub const MAX_WORD_CHARS: usize = 40;

/// Cleans text for speech: the safety boundary in front of the C engines.
///
/// - Terminal escape sequences (`ESC [ 31 m`, `ESC ] … BEL`, and the C1 `CSI`) are removed
///   whole, so their parameters are not spoken as numbers; NUL, the C0 controls except tab and
///   line feed, DEL and the C1 controls are removed; CR and CR LF become LF.
/// - Bidirectional and isolation marks (U+200E, U+200F, U+202A–U+202E, U+2066–U+2069) are
///   removed: they carry no sound, and Fluent's isolation marks must never be spoken.
/// - Runs of more than [`MAX_WORD_CHARS`] characters without whitespace, outside Han text (which
///   has no spaces between words), are broken with spaces.
///
/// # Errors
/// [`Error::InvalidText`] when nothing speakable is left (empty, only whitespace, punctuation or
/// control characters).
pub fn sanitize(text: &str) -> Result<String> {
    let mut out = String::with_capacity(text.len());
    let mut run = 0usize;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let c = match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                '\n'
            }
            '\t' | '\n' => c,
            '\u{1B}' | '\u{9B}' => {
                skip_escape(c, &mut chars);
                continue;
            }
            c if c.is_control() => continue,
            '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => continue,
            c => c,
        };
        if c.is_whitespace() || is_han(c) {
            run = 0;
        } else {
            run += 1;
            if run > MAX_WORD_CHARS {
                out.push(' ');
                run = 1;
            }
        }
        out.push(c);
    }
    if !out.chars().any(char::is_alphanumeric) {
        return Err(Error::InvalidText(if text.trim().is_empty() {
            "the text is empty".to_owned()
        } else {
            "the text has nothing to speak (no letters or digits)".to_owned()
        }));
    }
    Ok(out)
}

/// Skips the rest of the escape sequence that `first` (ESC or the C1 CSI) begins: a control
/// sequence (`[` parameters, intermediates, one final byte), an operating-system command or
/// string (`]`, `P`, `X`, `^`, `_` up to BEL or ESC `\`, at most 256 characters), or ESC and one
/// character.
fn skip_escape(first: char, chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    let kind = if first == '\u{9B}' {
        '['
    } else {
        match chars.peek() {
            Some(&k) if ('\u{20}'..='\u{7E}').contains(&k) => {
                chars.next();
                k
            }
            _ => return, // a lone ESC: what follows is text
        }
    };
    match kind {
        '[' => {
            while let Some(&c) = chars.peek() {
                if !('\u{20}'..='\u{7E}').contains(&c) {
                    return; // cut short: what follows is text
                }
                chars.next();
                if c >= '\u{40}' {
                    return;
                }
            }
        }
        ']' | 'P' | 'X' | '^' | '_' => {
            for _ in 0..256 {
                match chars.next() {
                    None | Some('\u{07}') => return,
                    Some('\u{1B}') => {
                        if chars.peek() == Some(&'\\') {
                            chars.next();
                        }
                        return;
                    }
                    Some(_) => {}
                }
            }
        }
        _ => {}
    }
}

/// How many control characters (terminal escape sequences counted once each) [`sanitize`]
/// removes from `text`: for a warning that what was received is not what will be spoken.
pub fn removed_controls(text: &str) -> usize {
    let mut count = 0;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\t' | '\n' | '\r' => {}
            '\u{1B}' | '\u{9B}' => {
                skip_escape(c, &mut chars);
                count += 1;
            }
            c if c.is_control() => count += 1,
            _ => {}
        }
    }
    count
}

/// True for CJK ideographs.
pub(crate) fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{3134F}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_escapes_are_removed_whole_and_counted() {
        let text = "\u{1B}[31m三十一\u{1B}[0m号 \u{1B}]0;title\u{07}窗口\u{9B}2J\u{1B}c!";
        assert_eq!(sanitize(text).unwrap(), "三十一号 窗口!");
        assert_eq!(removed_controls(text), 5);
        assert_eq!(removed_controls("plain\ttext\r\n"), 0);
        assert_eq!(sanitize("办理\u{1B}[").unwrap(), "办理");
        assert_eq!(sanitize("办理\u{1B}").unwrap(), "办理");
        assert_eq!(sanitize("\u{1B}[3办理").unwrap(), "办理");
        assert_eq!(sanitize("等\u{1B}。").unwrap(), "等。");
    }

    #[test]
    fn removes_controls_and_keeps_text() {
        assert_eq!(sanitize("a\u{0}b\u{7}c\u{7f}d\u{85}e").unwrap(), "abcde");
        assert_eq!(sanitize("一\r\n二\r三\t四").unwrap(), "一\n二\n三\t四");
        assert_eq!(sanitize("\u{2068}张三\u{2069}您好").unwrap(), "张三您好");
    }

    #[test]
    fn rejects_nothing_to_speak() {
        assert!(sanitize("").is_err());
        assert!(sanitize("  \n\t").is_err());
        assert!(sanitize("\u{0}\u{1}\u{2}").is_err());
        assert!(sanitize("。。。!!!").is_err());
    }

    #[test]
    fn breaks_overlong_runs_but_not_han() {
        let crash = "s'".repeat(68);
        let cleaned = sanitize(&crash).unwrap();
        assert!(cleaned
            .split(' ')
            .all(|w| w.chars().count() <= MAX_WORD_CHARS));
        assert_eq!(cleaned.replace(' ', ""), crash);
        let han = "请".repeat(100);
        assert_eq!(sanitize(&han).unwrap(), han);
    }
}
