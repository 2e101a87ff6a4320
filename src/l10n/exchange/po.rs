//! gettext PO: one entry per text. `msgctxt` is `file:id` (`prompts.ftl:prompt-welcome`),
//! `msgid` the source text, `msgstr` the translation (empty: not translated); translator
//! comments (`# `) carry the locale's comment on the message and are imported, extracted
//! comments (`#. `) the reference's, for information. A `fuzzy` entry is not imported. The
//! header's `Language:` names the target locale.

use super::{Exchange, Unit};

fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `keyword "…"`, split after each line feed as gettext tools write multi-line strings.
fn field(out: &mut String, keyword: &str, text: &str) {
    if text.contains('\n') && text.len() > 1 {
        out.push_str(keyword);
        out.push_str(" \"\"\n");
        for piece in text.split_inclusive('\n') {
            out.push_str(&quote(piece));
            out.push('\n');
        }
    } else {
        out.push_str(keyword);
        out.push(' ');
        out.push_str(&quote(text));
        out.push('\n');
    }
}

fn comment(out: &mut String, prefix: &str, text: &str) {
    for line in text.split('\n') {
        if line.is_empty() {
            out.push_str(prefix.trim_end());
        } else {
            out.push_str(prefix);
            out.push_str(line);
        }
        out.push('\n');
    }
}

/// Writes `exchange` as a PO file.
pub(crate) fn write(exchange: &Exchange) -> String {
    let mut out =
        String::from("# Exported by tilmach l10n export; import with tilmach l10n import.\n");
    out.push_str("msgid \"\"\nmsgstr \"\"\n");
    for h in [
        "Project-Id-Version: tilmach\\n".to_owned(),
        format!("Language: {}\\n", exchange.target_lang),
        "MIME-Version: 1.0\\n".to_owned(),
        "Content-Type: text/plain; charset=UTF-8\\n".to_owned(),
        "Content-Transfer-Encoding: 8bit\\n".to_owned(),
        format!("X-Source-Language: {}\\n", exchange.source_lang),
    ] {
        out.push_str(&format!("\"{h}\"\n"));
    }
    for u in &exchange.units {
        out.push('\n');
        if let Some(c) = &u.comment {
            comment(&mut out, "# ", c);
        }
        if let Some(c) = &u.source_comment {
            comment(&mut out, "#. ", c);
        }
        out.push_str(&format!("#: {}\n", u.file));
        field(&mut out, "msgctxt", &format!("{}:{}", u.file, u.id));
        field(&mut out, "msgid", &u.source);
        field(&mut out, "msgstr", u.target.as_deref().unwrap_or(""));
    }
    out
}

fn unquote(s: &str, line: usize) -> Result<String, (usize, String)> {
    let inner = s
        .trim()
        .strip_prefix('"')
        .and_then(|r| r.strip_suffix('"'))
        .ok_or((line, format!("expected a quoted string, found {s}")))?;
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some('r') => out.push('\n'),
                Some('\\') => out.push('\\'),
                Some('"') => out.push('"'),
                other => {
                    return Err((
                        line,
                        format!(
                            "unknown escape \\{}",
                            other.map(String::from).unwrap_or_default()
                        ),
                    ))
                }
            },
            '"' => return Err((line, "an unescaped \" inside a string".to_owned())),
            c => out.push(c),
        }
    }
    Ok(out)
}

/// One entry being read.
#[derive(Default)]
struct Entry {
    line: usize,
    translator: Vec<String>,
    extracted: Vec<String>,
    fuzzy: bool,
    msgctxt: Option<String>,
    msgid: Option<String>,
    msgstr: Option<String>,
}

/// Reads a PO file. Errors carry the 1-based line.
pub(crate) fn read(text: &str) -> Result<Exchange, (usize, String)> {
    let mut entries: Vec<Entry> = Vec::new();
    let mut current = Entry::default();
    // Which string continuation lines extend.
    let mut last: Option<u8> = None;
    let finish = |e: &mut Entry, entries: &mut Vec<Entry>| {
        if e.msgid.is_some() || e.msgctxt.is_some() {
            entries.push(std::mem::take(e));
        } else {
            *e = Entry::default();
        }
    };
    for (n, raw) in text.lines().enumerate() {
        let line = n + 1;
        let l = raw.trim_end_matches('\r');
        let t = l.trim_start();
        if t.is_empty() {
            continue;
        }
        if t.starts_with('"') {
            let s = unquote(t, line)?;
            let slot = match last {
                Some(b'c') => &mut current.msgctxt,
                Some(b'i') => &mut current.msgid,
                Some(b's') => &mut current.msgstr,
                _ => return Err((line, "a string continues nothing".to_owned())),
            };
            slot.get_or_insert_with(String::new).push_str(&s);
            continue;
        }
        // A comment or keyword after a complete entry starts the next one.
        if current.msgstr.is_some() {
            finish(&mut current, &mut entries);
        }
        last = None;
        if let Some(c) = t.strip_prefix('#') {
            if current.line == 0 {
                current.line = line;
            }
            match c.chars().next() {
                None => current.translator.push(String::new()),
                Some(' ') => current.translator.push(c[1..].to_owned()),
                Some('.') => current
                    .extracted
                    .push(c[1..].strip_prefix(' ').unwrap_or(&c[1..]).to_owned()),
                Some(',') => current.fuzzy |= c[1..].split(',').any(|f| f.trim() == "fuzzy"),
                Some('~') => {
                    // An obsolete entry: not imported.
                }
                _ => {}
            }
            continue;
        }
        let (keyword, rest) = t.split_once([' ', '\t']).unwrap_or((t, ""));
        if current.line == 0 {
            current.line = line;
        }
        let value = unquote(rest, line)?;
        let (slot, tag) = match keyword {
            "msgctxt" => (&mut current.msgctxt, b'c'),
            "msgid" => (&mut current.msgid, b'i'),
            "msgstr" => (&mut current.msgstr, b's'),
            "msgid_plural" | "msgstr[0]" => {
                return Err((
                    line,
                    "gettext plural forms are not used: Fluent selectors travel as text in \
                     msgid and msgstr"
                        .to_owned(),
                ))
            }
            other => return Err((line, format!("unknown keyword '{other}'"))),
        };
        if slot.is_some() {
            return Err((line, format!("{keyword} twice in one entry")));
        }
        *slot = Some(value);
        last = Some(tag);
    }
    finish(&mut current, &mut entries);
    let mut exchange = Exchange {
        source_lang: String::new(),
        target_lang: String::new(),
        units: Vec::new(),
    };
    let mut ids = std::collections::HashSet::new();
    for e in entries {
        let Some(msgid) = e.msgid else {
            return Err((e.line, "an entry without msgid".to_owned()));
        };
        let Some(msgstr) = e.msgstr else {
            return Err((e.line, "an entry without msgstr".to_owned()));
        };
        let Some(context) = e.msgctxt else {
            if msgid.is_empty() {
                for h in msgstr.lines() {
                    if let Some((k, v)) = h.split_once(':') {
                        match k.trim() {
                            "Language" => exchange.target_lang = v.trim().to_owned(),
                            "X-Source-Language" => exchange.source_lang = v.trim().to_owned(),
                            _ => {}
                        }
                    }
                }
                continue;
            }
            return Err((
                e.line,
                "an entry without msgctxt \"file:id\" (was this exported by tilmach?)".to_owned(),
            ));
        };
        let Some((file, id)) = context.rsplit_once(':') else {
            return Err((e.line, format!("msgctxt '{context}' is not \"file:id\"")));
        };
        if !ids.insert(id.to_owned()) {
            return Err((e.line, format!("unit '{id}' appears twice")));
        }
        exchange.units.push(Unit {
            file: file.to_owned(),
            id: id.to_owned(),
            source: msgid,
            target: (!e.fuzzy).then_some(msgstr),
            comment: (!e.translator.is_empty()).then(|| e.translator.join("\n")),
            source_comment: (!e.extracted.is_empty()).then(|| e.extracted.join("\n")),
        });
    }
    if exchange.target_lang.is_empty() {
        return Err((1, "no header with \"Language: …\"".to_owned()));
    }
    Ok(exchange)
}
