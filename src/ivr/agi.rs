//! Asterisk's AGI protocol: the environment block, command lines and replies.
//!
//! Asterisk reads each AGI command into a 2,048-byte buffer (`res_agi.c`); a longer line is cut
//! and its tail runs as a second command, so [`Command::line`] refuses lines that long. Replies
//! are `200 result=<n> [(data)] [endpos=<n>]`, `510` (invalid command), `511` (command not
//! permitted on a dead channel), `520-` multi-line usage text ending in `520 End of proper
//! usage.`, and an inline `HANGUP` line Asterisk sends when the channel hangs up.

use std::collections::HashMap;
use std::io::{BufRead, Read};

use crate::bounded::quoted_prefix;
use crate::{Error, Result};

/// The size of Asterisk's AGI command buffer; every command line (with its newline) stays below.
pub const MAX_LINE: usize = 2048;

/// The `agi_*` variables Asterisk sends before the first command.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Environment {
    vars: HashMap<String, String>,
}

impl Environment {
    /// Reads the environment block: `agi_name: value` lines up to the first empty line.
    ///
    /// # Errors
    ///
    /// [`Error::Stream`] on a read error; [`Error::Config`] when the stream ends before the
    /// empty line, a line is not `name: value` or longer than [`MAX_READ_LINE`] bytes, or the
    /// block exceeds 256 lines (so at most about 2 MiB is ever read).
    pub fn read(input: &mut impl BufRead) -> Result<Environment> {
        let mut vars = HashMap::new();
        for _ in 0..256 {
            let Some(line) = read_line(input)? else {
                return Err(protocol("the AGI environment ended before its empty line"));
            };
            if line.is_empty() {
                return Ok(Environment { vars });
            }
            let (name, value) = line
                .split_once(": ")
                .or_else(|| line.split_once(':'))
                .ok_or_else(|| {
                    protocol(&format!(
                        "AGI environment line without ':': \"{}\"",
                        quoted_prefix(&line)
                    ))
                })?;
            vars.insert(name.trim().to_owned(), value.trim().to_owned());
        }
        Err(protocol("the AGI environment has more than 256 lines"))
    }

    /// One variable by its full name (`agi_language`), if Asterisk sent it.
    pub fn var(&self, name: &str) -> Option<&str> {
        self.vars.get(name).map(String::as_str)
    }

    /// The channel language (`agi_language`), if set and not empty.
    pub fn language(&self) -> Option<&str> {
        self.var("agi_language").filter(|v| !v.is_empty())
    }

    /// The caller id (`agi_callerid`), if set and not `unknown`.
    pub fn caller_id(&self) -> Option<&str> {
        self.var("agi_callerid")
            .filter(|v| !v.is_empty() && *v != "unknown")
    }
}

/// One AGI command, built from typed parts so data never reaches Asterisk unescaped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// `STREAM FILE <file> <escape digits>`: play a sound, interruptible by the digits.
    StreamFile {
        /// The sound file without extension (`tilmach/prompt-welcome`).
        file: String,
        /// The digits that stop playback.
        escape: String,
    },
    /// `GET DATA <file> <timeout ms> <max digits>`: play a sound and collect digits.
    GetData {
        /// The sound file without extension.
        file: String,
        /// Milliseconds to wait for a digit.
        timeout_ms: u32,
        /// Digits to collect at most.
        max_digits: u32,
    },
    /// `WAIT FOR DIGIT <timeout ms>`.
    WaitForDigit {
        /// Milliseconds to wait.
        timeout_ms: u32,
    },
    /// `RECORD FILE <file> <format> <escape digits> <timeout ms> 0 BEEP s=<silence>`: records
    /// the caller after a beep until `silence_s` seconds of silence, a key, or the timeout.
    RecordFile {
        /// The file without extension (absolute, or relative to Asterisk's monitor folder).
        file: String,
        /// The format and extension (`wav`: 8 kHz 16-bit).
        format: String,
        /// The keys that stop the recording.
        escape: String,
        /// The longest recording, in milliseconds.
        timeout_ms: u32,
        /// Seconds of silence that end the recording.
        silence_s: u32,
    },
    /// `SET VARIABLE <name> <value>`.
    SetVariable {
        /// The channel variable.
        name: String,
        /// Its value.
        value: String,
    },
    /// `VERBOSE <message> <level>`.
    Verbose {
        /// The message.
        message: String,
        /// The verbosity level, 1–4.
        level: u8,
    },
}

impl Command {
    /// The command line to send, with its newline.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidText`] when a file name, variable name or escape set holds characters
    /// Asterisk cannot take in that position, or the line would reach [`MAX_LINE`] bytes.
    pub fn line(&self) -> Result<String> {
        let line = match self {
            Command::StreamFile { file, escape } => format!(
                "STREAM FILE {} {}",
                word(file, "sound file")?,
                quote(&digits(escape)?)
            ),
            Command::GetData {
                file,
                timeout_ms,
                max_digits,
            } => format!(
                "GET DATA {} {timeout_ms} {max_digits}",
                word(file, "sound file")?
            ),
            Command::WaitForDigit { timeout_ms } => format!("WAIT FOR DIGIT {timeout_ms}"),
            Command::RecordFile {
                file,
                format,
                escape,
                timeout_ms,
                silence_s,
            } => format!(
                "RECORD FILE {} {} {} {timeout_ms} 0 BEEP s={silence_s}",
                word(file, "sound file")?,
                word(format, "sound format")?,
                quote(&digits(escape)?)
            ),
            Command::SetVariable { name, value } => format!(
                "SET VARIABLE {} {}",
                word(name, "variable name")?,
                quote(value)
            ),
            Command::Verbose { message, level } => {
                format!("VERBOSE {} {}", quote(message), (*level).clamp(1, 4))
            }
        };
        if line.len() + 1 >= MAX_LINE {
            return Err(Error::InvalidText(format!(
                "AGI command of {} bytes would not fit Asterisk's {MAX_LINE}-byte buffer",
                line.len() + 1
            )));
        }
        Ok(line + "\n")
    }
}

/// A bare word: a file or variable name, printable ASCII without spaces, quotes or backslashes.
fn word<'a>(s: &'a str, what: &str) -> Result<&'a str> {
    let ok = !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_graphic() && b != b'"' && b != b'\\' && b != b'\'');
    if ok {
        Ok(s)
    } else {
        Err(Error::InvalidText(format!(
            "{what} {s:?} must be printable ASCII without spaces, quotes or backslashes"
        )))
    }
}

/// A set of DTMF digits (`0-9`, `*`, `#`, `A-D`).
fn digits(s: &str) -> Result<String> {
    if s.bytes()
        .all(|b| b.is_ascii_digit() || b"*#ABCD".contains(&b))
    {
        Ok(s.to_owned())
    } else {
        Err(Error::InvalidText(format!(
            "{s:?} is not a set of DTMF digits"
        )))
    }
}

/// A double-quoted argument: quotes and backslashes escaped, control characters (CR and LF
/// included) replaced by spaces.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// One reply from Asterisk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reply {
    /// `200 result=<value> [(data)] [endpos=<n>]`.
    Success {
        /// The text after `result=` up to the first space (`49`, `-1`, `1234` for digits).
        value: String,
        /// The parenthesized data, if any (`timeout`, `dtmf`).
        data: Option<String>,
    },
    /// The channel hung up: an inline `HANGUP` line or a `511` reply.
    Hangup,
    /// `510 Invalid or unknown command`.
    InvalidCommand,
    /// `520` usage text: the command was malformed.
    Usage(String),
}

impl Reply {
    /// The numeric result, when the value is a number.
    pub fn result(&self) -> Option<i64> {
        match self {
            Reply::Success { value, .. } => value.parse().ok(),
            _ => None,
        }
    }

    /// For `GET DATA`: the digits entered (empty on timeout), or `None` on failure or an odd
    /// payload.
    pub fn digits(&self) -> Option<&str> {
        match self {
            Reply::Success { value, .. }
                if value
                    .bytes()
                    .all(|b| b.is_ascii_digit() || b"*#ABCD".contains(&b)) =>
            {
                Some(value.as_str())
            }
            _ => None,
        }
    }

    /// For `STREAM FILE`/`WAIT FOR DIGIT`: the key pressed, if any (the result is its code).
    pub fn key(&self) -> Option<char> {
        self.result()
            .filter(|r| *r > 0)
            .and_then(|r| u32::try_from(r).ok())
            .and_then(char::from_u32)
            .filter(|c| c.is_ascii_digit() || "*#ABCD".contains(*c))
    }
}

/// Reads one reply, skipping blank lines.
///
/// Returns `Ok(None)` at end of input (the caller is gone).
///
/// # Errors
///
/// [`Error::Stream`] on a read error; [`Error::Config`] for a line that is no AGI reply or a
/// `520-` block longer than 100 lines.
pub fn read_reply(input: &mut impl BufRead) -> Result<Option<Reply>> {
    loop {
        let Some(line) = read_line(input)? else {
            return Ok(None);
        };
        if line.is_empty() {
            continue;
        }
        if line == "HANGUP" {
            return Ok(Some(Reply::Hangup));
        }
        return parse(&line, input).map(Some);
    }
}

/// The longest line read from Asterisk (environment and replies): four command buffers.
pub const MAX_READ_LINE: usize = MAX_LINE * 4;

/// One line without its line ending, `None` at end of input. Never reads more than
/// [`MAX_READ_LINE`] bytes: a longer line is an error, whatever follows it.
fn read_line(input: &mut impl BufRead) -> Result<Option<String>> {
    let mut buf = Vec::new();
    let n = Read::take(&mut *input, MAX_READ_LINE as u64 + 1).read_until(b'\n', &mut buf)?;
    if n == 0 {
        return Ok(None);
    }
    if buf.len() > MAX_READ_LINE {
        return Err(protocol(&format!(
            "a line longer than {MAX_READ_LINE} bytes (starting \"{}\"): the peer is not Asterisk",
            quoted_prefix(&String::from_utf8_lossy(&buf[..40]))
        )));
    }
    let s = String::from_utf8_lossy(&buf);
    Ok(Some(s.trim_end_matches(['\r', '\n']).to_owned()))
}

fn parse(line: &str, input: &mut impl BufRead) -> Result<Reply> {
    // Byte-wise: a line of odd bytes must not split inside a character.
    let (code, rest) = match line.get(..3) {
        Some(code) => (code, &line[3..]),
        None => (line, ""),
    };
    match code {
        "200" => Ok(success(rest.trim_start())),
        "510" => Ok(Reply::InvalidCommand),
        "511" => Ok(Reply::Hangup),
        "520" if rest.starts_with('-') => {
            let mut text = rest[1..].to_owned();
            for _ in 0..100 {
                match read_line(input)? {
                    None => return Ok(Reply::Hangup),
                    Some(l) if l.starts_with("520 ") || l == "520" => {
                        return Ok(Reply::Usage(text));
                    }
                    Some(l) => {
                        text.push('\n');
                        text.push_str(&l);
                    }
                }
            }
            Err(protocol("a 520 usage block longer than 100 lines"))
        }
        "520" => Ok(Reply::Usage(rest.trim().to_owned())),
        _ => Err(protocol(&format!(
            "not an AGI reply: \"{}\"",
            quoted_prefix(line)
        ))),
    }
}

fn success(rest: &str) -> Reply {
    let after = rest.strip_prefix("result=").unwrap_or(rest);
    let value = after
        .split(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or("")
        .to_owned();
    let data = after.find('(').and_then(|i| {
        after[i + 1..]
            .find(')')
            .map(|j| after[i + 1..i + 1 + j].to_owned())
    });
    Reply::Success { value, data }
}

fn protocol(message: &str) -> Error {
    Error::Config {
        path: "AGI".into(),
        message: message.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

    fn reply(s: &str) -> Option<Reply> {
        read_reply(&mut Cursor::new(s.as_bytes().to_vec())).unwrap()
    }

    #[test]
    fn environment_reads_language_and_caller() {
        let mut c = Cursor::new(
            b"agi_request: tilmach\nagi_language: ug\nagi_callerid: 0991\n\nrest".to_vec(),
        );
        let env = Environment::read(&mut c).unwrap();
        assert_eq!(env.language(), Some("ug"));
        assert_eq!(env.caller_id(), Some("0991"));
    }

    #[test]
    fn an_overlong_line_is_refused_after_reading_at_most_its_limit() {
        let mut flood = vec![b'a'; 50 * MAX_READ_LINE];
        flood.push(b'\n');
        let mut c = Cursor::new(flood);
        let err = Environment::read(&mut c).unwrap_err().to_string();
        assert!(err.contains("longer than 8192 bytes"), "{err}");
        assert!(err.len() < 200, "the error quotes only a prefix: {err}");
        assert!(c.position() <= MAX_READ_LINE as u64 + 1);
        let mut exact = vec![b'x'; MAX_READ_LINE - 1];
        exact.push(b'\n');
        assert!(read_line(&mut Cursor::new(exact)).unwrap().is_some());
        let mut c = Cursor::new(format!("200 result={}\n", "9".repeat(MAX_READ_LINE)).into_bytes());
        assert!(read_reply(&mut c).is_err());
    }

    #[test]
    fn environment_cut_short_is_an_error() {
        assert!(Environment::read(&mut Cursor::new(b"agi_language: zh\n".to_vec())).is_err());
        assert!(Environment::read(&mut Cursor::new(b"garbage\n\n".to_vec())).is_err());
    }

    #[test]
    fn quoting_escapes_and_drops_line_breaks() {
        assert_eq!(quote("a\"b\\c\r\nd"), "\"a\\\"b\\\\c  d\"");
        let line = Command::SetVariable {
            name: "TILMACH_CALLBACK".into(),
            value: "13\n800".into(),
        }
        .line()
        .unwrap();
        assert_eq!(line, "SET VARIABLE TILMACH_CALLBACK \"13 800\"\n");
        assert_eq!(line.matches('\n').count(), 1);
    }

    #[test]
    fn bad_words_and_long_lines_are_refused() {
        let bad = Command::StreamFile {
            file: "a b".into(),
            escape: "1".into(),
        };
        assert!(bad.line().is_err());
        let long = Command::Verbose {
            message: "x".repeat(MAX_LINE),
            level: 1,
        };
        assert!(long.line().is_err());
        let ok = Command::Verbose {
            message: "x".repeat(MAX_LINE - 30),
            level: 1,
        };
        assert!(ok.line().unwrap().len() < MAX_LINE);
    }

    #[test]
    fn replies_parse() {
        assert_eq!(reply("200 result=49\n").unwrap().key(), Some('1'));
        assert_eq!(reply("200 result=0 endpos=1234\n").unwrap().key(), None);
        assert_eq!(
            reply("200 result=123 (timeout)\n").unwrap().digits(),
            Some("123")
        );
        assert_eq!(reply("200 result= (timeout)\n").unwrap().digits(), Some(""));
        assert_eq!(reply("200 result=-1\n").unwrap().digits(), None);
        assert_eq!(reply("200 result=*12#\n").unwrap().digits(), Some("*12#"));
        assert_eq!(reply("HANGUP\n200 result=-1\n"), Some(Reply::Hangup));
        assert_eq!(
            reply("511 Command Not Permitted on a dead channel\n"),
            Some(Reply::Hangup)
        );
        assert_eq!(
            reply("510 Invalid or unknown command\n"),
            Some(Reply::InvalidCommand)
        );
        assert_eq!(
            reply("520-Invalid command syntax.  Proper usage follows:\nUsage: X\n520 End of proper usage.\n"),
            Some(Reply::Usage("Invalid command syntax.  Proper usage follows:\nUsage: X".into()))
        );
        assert_eq!(reply(""), None);
        assert!(read_reply(&mut Cursor::new(b"hello\n".to_vec())).is_err());
        let odd = reply("200 result=odd(\n").unwrap();
        assert_eq!((odd.result(), odd.digits(), odd.key()), (None, None, None));
    }

    proptest::proptest! {
        /// Whatever the data, a command is one line under Asterisk's buffer, or an error.
        #[test]
        fn any_data_makes_one_short_line_or_an_error(value in ".{0,3000}", name in ".{0,40}") {
            for command in [
                Command::SetVariable { name: name.clone(), value: value.clone() },
                Command::Verbose { message: value.clone(), level: 1 },
                Command::StreamFile { file: name.clone(), escape: value.clone() },
            ] {
                if let Ok(line) = command.line() {
                    proptest::prop_assert!(line.len() < MAX_LINE);
                    proptest::prop_assert_eq!(line.find(['\r', '\n']), Some(line.len() - 1));
                }
            }
        }

        /// Whatever Asterisk sends, reading replies ends without a panic.
        #[test]
        fn any_reply_bytes_parse_or_fail_cleanly(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..600)) {
            let mut input = Cursor::new(bytes);
            for _ in 0..700 {
                match read_reply(&mut input) {
                    Ok(Some(_)) => {}
                    Ok(None) | Err(_) => break,
                }
            }
            let _ = Environment::read(&mut Cursor::new(input.into_inner()));
        }
    }
}
