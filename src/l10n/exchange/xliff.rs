//! XLIFF 1.2: one `<file original="prompts.ftl">` per Fluent file, one `<trans-unit>` per text,
//! with `<source>`, `<target>` and notes (`from="translator"`: the locale's comment, imported;
//! `from="developer"`: the reference's comment, for information). Texts are plain: inline
//! elements (`<g>`, `<x/>`, `<ph>` …) are refused on import.

use std::borrow::Cow;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::{Exchange, Unit};

fn escape(text: &str, attribute: bool) -> Cow<'_, str> {
    if !text.contains(['&', '<', '>', '"']) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Writes `exchange` as XLIFF 1.2.
pub(crate) fn write(exchange: &Exchange) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">\n",
    );
    let mut files: Vec<&str> = Vec::new();
    for u in &exchange.units {
        if !files.contains(&u.file.as_str()) {
            files.push(&u.file);
        }
    }
    for file in files {
        out.push_str(&format!(
            "  <file original=\"{}\" source-language=\"{}\" target-language=\"{}\" \
             datatype=\"plaintext\">\n    <body>\n",
            escape(file, true),
            escape(&exchange.source_lang, true),
            escape(&exchange.target_lang, true)
        ));
        for u in exchange.units.iter().filter(|u| u.file == file) {
            out.push_str(&format!(
                "      <trans-unit id=\"{id}\" resname=\"{id}\" xml:space=\"preserve\">\n",
                id = escape(&u.id, true)
            ));
            out.push_str(&format!(
                "        <source>{}</source>\n",
                escape(&u.source, false)
            ));
            if let Some(t) = &u.target {
                out.push_str(&format!("        <target>{}</target>\n", escape(t, false)));
            }
            if let Some(c) = &u.comment {
                out.push_str(&format!(
                    "        <note from=\"translator\">{}</note>\n",
                    escape(c, false)
                ));
            }
            if let Some(c) = &u.source_comment {
                out.push_str(&format!(
                    "        <note from=\"developer\" annotates=\"source\">{}</note>\n",
                    escape(c, false)
                ));
            }
            out.push_str("      </trans-unit>\n");
        }
        out.push_str("    </body>\n  </file>\n");
    }
    out.push_str("</xliff>\n");
    out
}

/// Where text is being collected.
#[derive(Clone, Copy, PartialEq)]
enum Field {
    Source,
    Target,
    TranslatorNote,
    OtherNote,
}

fn attribute(e: &BytesStart<'_>, name: &[u8]) -> Result<Option<String>, String> {
    for a in e.attributes() {
        let a = a.map_err(|e| e.to_string())?;
        if a.key.as_ref() == name {
            return Ok(Some(
                a.unescape_value().map_err(|e| e.to_string())?.into_owned(),
            ));
        }
    }
    Ok(None)
}

/// Line endings as LF: XML readers on other systems may have written CR LF.
fn lf(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// Reads XLIFF 1.2. Errors carry the 1-based line.
pub(crate) fn read(text: &str) -> Result<Exchange, (usize, String)> {
    let mut reader = Reader::from_str(text);
    let line_at = |pos: u64| {
        let pos = (pos as usize).min(text.len());
        text.as_bytes()[..pos]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1
    };
    let mut exchange = Exchange {
        source_lang: String::new(),
        target_lang: String::new(),
        units: Vec::new(),
    };
    let mut seen_xliff = false;
    let mut ids = std::collections::HashSet::new();
    let mut file: Option<String> = None;
    let mut unit: Option<Unit> = None;
    let mut field: Option<(Field, String)> = None;
    let (mut counted, mut line) = (0usize, 1usize);
    loop {
        let at = reader.buffer_position();
        let event = reader.read_event().map_err(|e| {
            (
                line_at(reader.error_position()),
                format!("not well-formed XML: {e}"),
            )
        })?;
        // Lines are counted as the reader moves on: once over the whole file.
        let at = (at as usize).min(text.len());
        line += text.as_bytes()[counted..at]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        counted = at;
        match event {
            Event::Start(e) | Event::Empty(e) if field.is_some() => {
                return Err((
                    line,
                    format!(
                        "inline element <{}> inside a text is not supported: texts must be \
                         plain (Fluent placeables are written as text)",
                        String::from_utf8_lossy(e.name().as_ref())
                    ),
                ));
            }
            Event::Start(e) => {
                let name = e.local_name();
                match name.as_ref() {
                    b"xliff" => seen_xliff = true,
                    b"file" => {
                        let original = attribute(&e, b"original")
                            .map_err(|m| (line, m))?
                            .ok_or((line, "<file> without original=\"…\"".to_owned()))?;
                        for (key, slot) in [
                            (&b"source-language"[..], &mut exchange.source_lang),
                            (&b"target-language"[..], &mut exchange.target_lang),
                        ] {
                            if let Some(v) = attribute(&e, key).map_err(|m| (line, m))? {
                                if !slot.is_empty() && *slot != v {
                                    return Err((
                                        line,
                                        format!("files with different languages ({slot}, {v})"),
                                    ));
                                }
                                *slot = v;
                            }
                        }
                        file = Some(original);
                    }
                    b"trans-unit" => {
                        let Some(f) = &file else {
                            return Err((line, "<trans-unit> outside a <file>".to_owned()));
                        };
                        let id = attribute(&e, b"resname")
                            .map_err(|m| (line, m))?
                            .or(attribute(&e, b"id").map_err(|m| (line, m))?)
                            .ok_or((line, "<trans-unit> without id=\"…\"".to_owned()))?;
                        unit = Some(Unit {
                            file: f.clone(),
                            id,
                            source: String::new(),
                            target: None,
                            comment: None,
                            source_comment: None,
                        });
                    }
                    b"source" | b"target" | b"note" if unit.is_some() => {
                        let f = match name.as_ref() {
                            b"source" => Field::Source,
                            b"target" => Field::Target,
                            _ => match attribute(&e, b"from").map_err(|m| (line, m))?.as_deref() {
                                Some("translator") => Field::TranslatorNote,
                                _ => Field::OtherNote,
                            },
                        };
                        field = Some((f, String::new()));
                    }
                    _ => {}
                }
            }
            Event::Empty(e) if e.local_name().as_ref() == b"target" => {
                if let Some(u) = &mut unit {
                    u.target = Some(String::new());
                }
            }
            Event::Text(t) => {
                if let Some((_, buf)) = &mut field {
                    buf.push_str(&t.unescape().map_err(|e| (line, e.to_string()))?);
                }
            }
            Event::CData(c) => {
                if let Some((_, buf)) = &mut field {
                    buf.push_str(&String::from_utf8_lossy(&c.into_inner()));
                }
            }
            Event::End(e) => {
                let name = e.local_name();
                match name.as_ref() {
                    b"source" | b"target" | b"note" => {
                        if let (Some((f, buf)), Some(u)) = (field.take(), &mut unit) {
                            let buf = lf(&buf);
                            match f {
                                Field::Source => u.source = buf,
                                Field::Target => u.target = Some(buf),
                                Field::TranslatorNote => u.comment = Some(buf),
                                Field::OtherNote => {}
                            }
                        }
                    }
                    b"trans-unit" => {
                        if let Some(u) = unit.take() {
                            if !ids.insert(u.id.clone()) {
                                return Err((line, format!("unit '{}' appears twice", u.id)));
                            }
                            exchange.units.push(u);
                        }
                    }
                    b"file" => file = None,
                    _ => {}
                }
            }
            Event::DocType(_) => {
                return Err((line, "a DOCTYPE is not accepted in XLIFF".to_owned()));
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !seen_xliff {
        return Err((1, "not an XLIFF file (no <xliff> element)".to_owned()));
    }
    if exchange.target_lang.is_empty() {
        return Err((1, "no target-language=\"…\" on any <file>".to_owned()));
    }
    Ok(exchange)
}
