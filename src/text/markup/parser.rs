//! The parser: one pass over the input with an explicit stack of open elements.

use super::{
    DateFormat, Document, MarkupError, SayAs, Segment, MAX_BREAK_MS, MAX_DEPTH, MAX_INPUT_BYTES,
    MAX_RATE_PERCENT, MIN_RATE_PERCENT,
};

pub(super) fn parse(input: &str) -> Result<Document, MarkupError> {
    if input.len() > MAX_INPUT_BYTES {
        let mut at = MAX_INPUT_BYTES;
        while !input.is_char_boundary(at) {
            at -= 1;
        }
        return Err(error_at(
            input,
            at,
            format!(
                "the input is {} bytes; markup may be at most {MAX_INPUT_BYTES} bytes (1 MiB)",
                input.len()
            ),
        ));
    }
    let mut parser = Parser {
        src: input,
        pos: if input.starts_with('\u{FEFF}') { 3 } else { 0 },
        stack: Vec::new(),
        base: Context::default(),
        out: Output::new(),
        root: Root::Start,
        doc_lang: None,
        say_as_count: 0,
    };
    parser.run()?;
    Ok(Document {
        lang: parser.doc_lang,
        segments: parser.out.segments,
    })
}

/// An error at a byte offset (a char boundary of `src`), with its line and column.
fn error_at(src: &str, offset: usize, message: String) -> MarkupError {
    let before = &src[..offset];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let mut line_text = &before[line_start..];
    if line_start == 0 {
        line_text = line_text.strip_prefix('\u{FEFF}').unwrap_or(line_text);
    }
    MarkupError {
        offset,
        line: before.bytes().filter(|&b| b == b'\n').count() + 1,
        column: line_text.chars().count() + 1,
        message,
    }
}

/// The elements of the subset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Element {
    Speak,
    P,
    S,
    Break,
    Prosody,
    SayAs,
    Lang,
    Sub,
}

const ELEMENT_NAMES: &str = "speak, p, s, break, prosody, say-as, lang, sub";

impl Element {
    fn from_name(name: &str) -> Option<Element> {
        Some(match name {
            "speak" => Element::Speak,
            "p" => Element::P,
            "s" => Element::S,
            "break" => Element::Break,
            "prosody" => Element::Prosody,
            "say-as" => Element::SayAs,
            "lang" => Element::Lang,
            "sub" => Element::Sub,
            _ => return None,
        })
    }

    fn name(self) -> &'static str {
        match self {
            Element::Speak => "speak",
            Element::P => "p",
            Element::S => "s",
            Element::Break => "break",
            Element::Prosody => "prosody",
            Element::SayAs => "say-as",
            Element::Lang => "lang",
            Element::Sub => "sub",
        }
    }

    /// The attributes the element takes, for messages.
    fn attribute_names(self) -> &'static str {
        match self {
            Element::Speak => "xml:lang, version, xmlns, xmlns:*, xsi:schemaLocation",
            Element::P | Element::S => "xml:lang",
            Element::Break => "time, strength",
            Element::Prosody => "rate",
            Element::SayAs => "interpret-as, format",
            Element::Lang => "xml:lang",
            Element::Sub => "alias",
        }
    }

    fn allows_attribute(self, name: &str) -> bool {
        match self {
            Element::Speak => {
                matches!(
                    name,
                    "xml:lang" | "version" | "xmlns" | "xsi:schemaLocation"
                ) || name.starts_with("xmlns:")
            }
            Element::P | Element::S | Element::Lang => name == "xml:lang",
            Element::Break => matches!(name, "time" | "strength"),
            Element::Prosody => name == "rate",
            Element::SayAs => matches!(name, "interpret-as" | "format"),
            Element::Sub => name == "alias",
        }
    }
}

/// How text is read at a point of the document.
#[derive(Debug, Clone)]
struct Context {
    /// Unrounded, so that nested rates multiply exactly.
    rate: f64,
    lang: Option<String>,
    /// The say-as in force and which `<say-as>` element it comes from.
    say_as: Option<(SayAs, usize)>,
    in_p: bool,
    in_s: bool,
}

impl Default for Context {
    fn default() -> Self {
        Context {
            rate: 100.0,
            lang: None,
            say_as: None,
            in_p: false,
            in_s: false,
        }
    }
}

impl Context {
    fn rate_percent(&self) -> u32 {
        // Always within MIN_RATE_PERCENT..=MAX_RATE_PERCENT.
        self.rate.round() as u32
    }
}

/// An open element.
struct Frame {
    element: Element,
    /// Offset of its `<`.
    start: usize,
    /// The context inside it.
    ctx: Context,
}

/// Where the parser stands relative to the root element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Root {
    /// Only whitespace and comments so far.
    Start,
    /// Content without `<speak>`.
    Fragment,
    /// Inside `<speak>`.
    Speak,
    /// After `</speak>`.
    AfterSpeak,
}

/// The segments being built, and the whitespace state.
#[derive(Default)]
struct Output {
    segments: Vec<Segment>,
    /// The last segment may take more text (no break or sentence end since).
    open: bool,
    /// The `<say-as>` element the last segment comes from.
    last_say_as: Option<usize>,
    /// Whitespace was seen after text and is not yet placed.
    space_pending: bool,
    /// That whitespace holds a line break.
    line_break_pending: bool,
    /// The last character of text placed.
    last_char: Option<char>,
    /// Nothing but whitespace since the start or the last break or sentence end.
    at_boundary: bool,
}

impl Output {
    fn new() -> Output {
        Output {
            at_boundary: true,
            ..Output::default()
        }
    }

    /// Adds one character of text read in `ctx`.
    fn push(&mut self, c: char, ctx: &Context) {
        if is_xml_space(c) {
            if !self.at_boundary {
                self.space_pending = true;
                self.line_break_pending |= matches!(c, '\n' | '\r');
            }
            return;
        }
        let space = std::mem::take(&mut self.space_pending);
        let line_break = std::mem::take(&mut self.line_break_pending);
        // A line break between Han characters is no space (Han text has none): it is where
        // the author wrapped the line.
        let wrapped_han = line_break && is_wide(c) && self.last_char.is_some_and(is_wide);
        if space && !wrapped_han {
            // Keep say-as text free of edge spaces: the space goes to the segment before
            // unless that is a say-as, then to the new one unless that is a say-as too.
            if self.last_say_as.is_none() || ctx.say_as.is_some() {
                if let Some(last) = self.segments.last_mut() {
                    last.text.push(' ');
                }
            } else {
                self.target(ctx).push(' ');
            }
        }
        self.target(ctx).push(c);
        self.last_char = Some(c);
        self.at_boundary = false;
    }

    /// The text of the segment that takes text read in `ctx`, started if needed.
    fn target(&mut self, ctx: &Context) -> &mut String {
        let rate = ctx.rate_percent();
        let say_as_id = ctx.say_as.map(|(_, id)| id);
        let fits = self.open
            && self.last_say_as == say_as_id
            && self
                .segments
                .last()
                .is_some_and(|s| s.rate_percent == rate && s.lang == ctx.lang);
        if !fits {
            self.segments.push(Segment {
                text: String::new(),
                rate_percent: rate,
                lang: ctx.lang.clone(),
                say_as: ctx.say_as.map(|(kind, _)| kind),
                pause_after_ms: 0,
                ends_sentence: false,
            });
            self.open = true;
            self.last_say_as = say_as_id;
        }
        let last = self.segments.len() - 1;
        &mut self.segments[last].text
    }

    /// Closes the last segment: text after this starts a new one, and whitespace is dropped.
    fn seal(&mut self) {
        self.open = false;
        self.space_pending = false;
        self.line_break_pending = false;
        self.at_boundary = true;
    }

    fn pause(&mut self, ms: u32, ctx: &Context) {
        match self.segments.last_mut() {
            Some(last) => last.pause_after_ms = last.pause_after_ms.saturating_add(ms),
            None => self.segments.push(Segment {
                text: String::new(),
                rate_percent: ctx.rate_percent(),
                lang: ctx.lang.clone(),
                say_as: None,
                pause_after_ms: ms,
                ends_sentence: false,
            }),
        }
        self.seal();
    }

    fn end_sentence(&mut self) {
        if let Some(last) = self.segments.last_mut() {
            if !last.text.is_empty() {
                last.ends_sentence = true;
            }
        }
        self.seal();
    }
}

/// XML whitespace: the only characters that collapse.
fn is_xml_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r')
}

/// Han characters and CJK punctuation: text written without spaces, where a line break is no
/// word space.
fn is_wide(c: char) -> bool {
    matches!(c,
        '\u{3000}'..='\u{303F}' // CJK symbols and punctuation
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{FF00}'..='\u{FFEF}' // full-width forms: ，！？（）
        | '\u{20000}'..='\u{3134F}')
}

/// Characters refused in text, raw or as a numeric entity.
fn is_forbidden(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{FFFE}' | '\u{FFFF}')
}

/// At most `max` characters of `s`, for a message.
fn shorten(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((i, _)) => format!("{}...", &s[..i]),
        None => s.to_owned(),
    }
}

fn describe_char(c: char) -> String {
    format!("U+{:04X}", u32::from(c))
}

/// One attribute of a start tag, its value unescaped.
struct Attribute<'a> {
    name: &'a str,
    name_at: usize,
    value: String,
    /// Offset of the first character inside the quotes.
    value_at: usize,
}

impl Attribute<'_> {
    /// The value without surrounding XML whitespace.
    fn trimmed(&self) -> &str {
        self.value.trim_matches(is_xml_space)
    }
}

struct Parser<'a> {
    src: &'a str,
    pos: usize,
    stack: Vec<Frame>,
    base: Context,
    out: Output,
    root: Root,
    doc_lang: Option<String>,
    say_as_count: usize,
}

impl<'a> Parser<'a> {
    fn run(&mut self) -> Result<(), MarkupError> {
        while let Some(c) = self.peek() {
            match c {
                '<' => self.markup()?,
                '&' => {
                    let at = self.pos;
                    let c = self.entity()?;
                    self.text(c, at)?;
                }
                c => {
                    let at = self.pos;
                    self.pos += c.len_utf8();
                    if is_forbidden(c) {
                        return Err(self.error(
                            at,
                            format!(
                                "{} is not allowed in text (a control character or \
                                 noncharacter); remove it",
                                describe_char(c)
                            ),
                        ));
                    }
                    self.text(c, at)?;
                }
            }
        }
        if let Some(frame) = self.stack.last() {
            return Err(self.error(
                frame.start,
                format!(
                    "<{}> is never closed (expected </{}>)",
                    frame.element.name(),
                    frame.element.name()
                ),
            ));
        }
        Ok(())
    }

    fn error(&self, offset: usize, message: String) -> MarkupError {
        error_at(self.src, offset, message)
    }

    fn rest(&self) -> &'a str {
        &self.src[self.pos..]
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    fn ctx(&self) -> &Context {
        self.stack.last().map_or(&self.base, |f| &f.ctx)
    }

    fn top(&self) -> Option<Element> {
        self.stack.last().map(|f| f.element)
    }

    /// One character of text (written or from an entity) at offset `at`.
    fn text(&mut self, c: char, at: usize) -> Result<(), MarkupError> {
        if is_xml_space(c) {
            if matches!(self.root, Root::Fragment | Root::Speak)
                && !matches!(self.top(), Some(Element::Break | Element::Sub))
            {
                let ctx = self.stack.last().map_or(&self.base, |f| &f.ctx);
                self.out.push(c, ctx);
            }
            return Ok(());
        }
        match self.root {
            Root::Start => self.root = Root::Fragment,
            Root::AfterSpeak => {
                return Err(self.error(
                    at,
                    "text after </speak>; everything must be inside <speak>".to_owned(),
                ))
            }
            Root::Fragment | Root::Speak => {}
        }
        match self.top() {
            Some(Element::Break) => Err(self.error(
                at,
                "<break> must be empty; write <break .../> and put the text after it".to_owned(),
            )),
            // The written form under an alias is checked but not spoken.
            Some(Element::Sub) => Ok(()),
            _ => {
                let ctx = self.stack.last().map_or(&self.base, |f| &f.ctx);
                self.out.push(c, ctx);
                Ok(())
            }
        }
    }

    /// Something starting with `<`.
    fn markup(&mut self) -> Result<(), MarkupError> {
        let lt = self.pos;
        let rest = self.rest();
        if let Some(body) = rest.strip_prefix("<!--") {
            return match body.find("-->") {
                Some(end) => {
                    self.pos += 4 + end + 3;
                    Ok(())
                }
                None => Err(self.error(lt, "comment is never closed (expected -->)".to_owned())),
            };
        }
        if rest.starts_with("<!") {
            return Err(self.error(
                lt,
                "only comments (<!-- ... -->) may start with '<!'; DOCTYPE and CDATA are not \
                 part of the markup"
                    .to_owned(),
            ));
        }
        if rest.starts_with("<?") {
            return Err(self.error(
                lt,
                "XML declarations and processing instructions (<?...?>) are not part of the \
                 markup; start with <speak>"
                    .to_owned(),
            ));
        }
        if rest.starts_with("</") {
            return self.end_tag();
        }
        match rest[1..].chars().next() {
            Some(c) if c.is_alphabetic() || c == '_' => self.start_tag(),
            _ => Err(self.error(lt, "stray '<' (write &lt; for a less-than sign)".to_owned())),
        }
    }

    /// Scans an XML-like name at the current position (possibly empty).
    fn name(&mut self) -> &'a str {
        let rest = self.rest();
        let len = rest
            .char_indices()
            .find(|&(i, c)| {
                !(c.is_alphabetic()
                    || c == '_'
                    || (i > 0 && (c.is_alphanumeric() || matches!(c, '-' | '.' | ':'))))
            })
            .map_or(rest.len(), |(i, _)| i);
        self.pos += len;
        &rest[..len]
    }

    /// Skips XML whitespace; true if there was any.
    fn skip_space(&mut self) -> bool {
        let rest = self.rest();
        let trimmed = rest.trim_start_matches(is_xml_space);
        self.pos += rest.len() - trimmed.len();
        trimmed.len() != rest.len()
    }

    fn end_tag(&mut self) -> Result<(), MarkupError> {
        let lt = self.pos;
        self.pos += 2;
        let name = self.name();
        if name.is_empty() {
            return Err(self.error(lt, "expected an element name after '</'".to_owned()));
        }
        let name = shorten(name, 40);
        self.skip_space();
        match self.peek() {
            Some('>') => self.pos += 1,
            Some(c) => {
                return Err(self.error(
                    self.pos,
                    format!("unexpected '{c}' in closing tag </{name}> (expected '>')"),
                ))
            }
            None => {
                return Err(self.error(lt, format!("closing tag </{name}> is not closed with '>'")))
            }
        }
        let Some(frame) = self.stack.last() else {
            let message = if Element::from_name(&name).is_none() {
                format!("unknown element </{name}>; the markup has {ELEMENT_NAMES}")
            } else {
                format!("</{name}> closes nothing: no <{name}> is open")
            };
            return Err(self.error(lt, message));
        };
        if frame.element.name() != name {
            let opened = self.error(frame.start, String::new());
            return Err(self.error(
                lt,
                format!(
                    "</{name}> does not match <{}> (opened at line {}, column {})",
                    frame.element.name(),
                    opened.line,
                    opened.column
                ),
            ));
        }
        let element = frame.element;
        self.stack.pop();
        match element {
            Element::P | Element::S => self.out.end_sentence(),
            Element::Speak => self.root = Root::AfterSpeak,
            _ => {}
        }
        Ok(())
    }

    fn start_tag(&mut self) -> Result<(), MarkupError> {
        let lt = self.pos;
        self.pos += 1;
        let name = self.name();
        let Some(element) = Element::from_name(name) else {
            return Err(self.error(
                lt,
                format!(
                    "unknown element <{}>; the markup has {ELEMENT_NAMES}",
                    shorten(name, 40)
                ),
            ));
        };
        self.check_placement(element, lt)?;
        if self.stack.len() >= MAX_DEPTH {
            return Err(self.error(
                lt,
                format!("<{name}> is nested too deep: at most {MAX_DEPTH} elements may be open"),
            ));
        }

        let mut attributes: Vec<Attribute<'a>> = Vec::new();
        let self_closing = loop {
            let spaced = self.skip_space();
            match self.peek() {
                None => return Err(self.error(lt, format!("tag <{name}> is not closed with '>'"))),
                Some('>') => {
                    self.pos += 1;
                    break false;
                }
                Some('/') if self.rest().starts_with("/>") => {
                    self.pos += 2;
                    break true;
                }
                Some(c) if spaced && (c.is_alphabetic() || c == '_') => {
                    let attribute = self.attribute(element)?;
                    if attributes.iter().any(|a| a.name == attribute.name) {
                        return Err(self.error(
                            attribute.name_at,
                            format!(
                                "duplicate attribute '{}' on <{name}>",
                                shorten(attribute.name, 40)
                            ),
                        ));
                    }
                    attributes.push(attribute);
                }
                Some(c) => {
                    let message = if c.is_alphabetic() || c == '_' {
                        format!("expected a space before attribute in <{name}>")
                    } else {
                        format!(
                            "unexpected '{c}' in tag <{name}> \
                             (expected an attribute, '>' or '/>')"
                        )
                    };
                    return Err(self.error(self.pos, message));
                }
            }
        };
        self.open(element, lt, &attributes, self_closing)
    }

    /// Refuses an element where the subset does not allow it, and tracks the root.
    fn check_placement(&mut self, element: Element, lt: usize) -> Result<(), MarkupError> {
        let name = element.name();
        match self.root {
            Root::AfterSpeak => {
                return Err(self.error(
                    lt,
                    format!("<{name}> after </speak>; everything must be inside <speak>"),
                ))
            }
            Root::Start if element == Element::Speak => {
                self.root = Root::Speak;
                return Ok(());
            }
            Root::Start => self.root = Root::Fragment,
            Root::Fragment | Root::Speak => {}
        }
        if element == Element::Speak {
            return Err(self.error(
                lt,
                "<speak> must be the root element, before any text or other tag".to_owned(),
            ));
        }
        if let Some(parent @ (Element::SayAs | Element::Sub | Element::Break)) = self.top() {
            let what = if parent == Element::Break {
                "must be empty"
            } else {
                "holds text only"
            };
            return Err(self.error(
                lt,
                format!(
                    "<{name}> is not allowed inside <{}>, which {what}",
                    parent.name()
                ),
            ));
        }
        let ctx = self.ctx();
        let conflict = match element {
            Element::P if ctx.in_s => Some("s"),
            Element::P if ctx.in_p => Some("p"),
            Element::S if ctx.in_s => Some("s"),
            _ => None,
        };
        if let Some(outer) = conflict {
            return Err(self.error(
                lt,
                format!("<{name}> cannot be inside <{outer}>; close the <{outer}> first"),
            ));
        }
        Ok(())
    }

    /// One `name="value"` at the current position, the name known to start here.
    fn attribute(&mut self, element: Element) -> Result<Attribute<'a>, MarkupError> {
        let name_at = self.pos;
        let name = self.name();
        if !element.allows_attribute(name) {
            return Err(self.error(
                name_at,
                format!(
                    "unknown attribute '{}' on <{}>; it takes {}",
                    shorten(name, 40),
                    element.name(),
                    element.attribute_names()
                ),
            ));
        }
        let shown = shorten(name, 40);
        self.skip_space();
        if self.peek() != Some('=') {
            return Err(self.error(
                self.pos,
                format!("attribute '{shown}' needs a value ({shown}=\"...\")"),
            ));
        }
        self.pos += 1;
        self.skip_space();
        let quote = match self.peek() {
            Some(q @ ('"' | '\'')) => q,
            _ => {
                return Err(self.error(
                    self.pos,
                    format!("the value of '{shown}' must be in quotes ({shown}=\"...\")"),
                ))
            }
        };
        let quote_at = self.pos;
        self.pos += 1;
        let value_at = self.pos;
        let mut value = String::new();
        loop {
            let at = self.pos;
            match self.peek() {
                None => {
                    return Err(self.error(
                        quote_at,
                        format!("the value of '{shown}' is never closed (expected {quote})"),
                    ))
                }
                Some(c) if c == quote => {
                    self.pos += 1;
                    break;
                }
                Some('<') => {
                    return Err(
                        self.error(at, format!("'<' in the value of '{shown}' (write &lt;)"))
                    )
                }
                Some('&') => value.push(self.entity()?),
                Some(c) => {
                    self.pos += c.len_utf8();
                    if is_forbidden(c) {
                        return Err(self.error(
                            at,
                            format!(
                                "{} is not allowed in the value of '{shown}' (a control character or \
                                 noncharacter)",
                                describe_char(c)
                            ),
                        ));
                    }
                    // XML attribute-value normalization, except for an alias, whose
                    // whitespace is collapsed as text (keeping Han line wraps out).
                    value.push(if is_xml_space(c) && name != "alias" {
                        ' '
                    } else {
                        c
                    });
                }
            }
        }
        Ok(Attribute {
            name,
            name_at,
            value,
            value_at,
        })
    }

    /// Applies a start tag whose attributes are known to be allowed on it.
    fn open(
        &mut self,
        element: Element,
        lt: usize,
        attributes: &[Attribute<'a>],
        self_closing: bool,
    ) -> Result<(), MarkupError> {
        let find = |name: &str| attributes.iter().find(|a| a.name == name);
        let bad = |a: &Attribute<'_>, expected: &str| {
            self.error(
                a.value_at,
                format!(
                    "bad value \"{}\" for '{}' on <{}>: expected {expected}",
                    shorten(&a.value, 40),
                    a.name,
                    element.name()
                ),
            )
        };
        let missing = |name: &str, example: &str| {
            self.error(
                lt,
                format!(
                    "<{}> needs the attribute '{name}' ({name}=\"{example}\")",
                    element.name()
                ),
            )
        };
        let lang = |a: &Attribute<'_>| {
            let tag = a.trimmed();
            if tag.is_empty() {
                Err(bad(a, "a language tag such as ug-Arab-CN"))
            } else {
                Ok(tag.to_owned())
            }
        };

        let mut ctx = self.ctx().clone();
        match element {
            Element::Speak => {
                if let Some(a) = find("xml:lang") {
                    let tag = lang(a)?;
                    self.doc_lang = Some(tag.clone());
                    ctx.lang = Some(tag);
                }
                if self_closing {
                    self.root = Root::AfterSpeak;
                }
            }
            Element::P | Element::S => {
                if let Some(a) = find("xml:lang") {
                    ctx.lang = Some(lang(a)?);
                }
                if element == Element::P {
                    ctx.in_p = true;
                } else {
                    ctx.in_s = true;
                }
                self.out.end_sentence();
            }
            Element::Break => {
                let ms = if let Some(a) = find("time") {
                    let ms = parse_time(a.trimmed());
                    let Some(ms) = ms else {
                        return Err(bad(
                            a,
                            &format!(
                                "a duration such as 500ms or 1.5s, at most {}s",
                                MAX_BREAK_MS / 1000
                            ),
                        ));
                    };
                    // `time` wins over `strength`, but a bad strength is still an error.
                    if let Some(s) = find("strength") {
                        parse_strength(s.trimmed()).ok_or_else(|| bad(s, STRENGTHS))?;
                    }
                    ms
                } else if let Some(a) = find("strength") {
                    parse_strength(a.trimmed()).ok_or_else(|| bad(a, STRENGTHS))?
                } else {
                    400
                };
                self.out.pause(ms, &ctx);
            }
            Element::Prosody => {
                let Some(a) = find("rate") else {
                    return Err(missing("rate", "slow"));
                };
                let Some(rate) = parse_rate(a.trimmed()) else {
                    return Err(bad(
                        a,
                        &format!(
                            "a percentage from {MIN_RATE_PERCENT}% to {MAX_RATE_PERCENT}% \
                             or x-slow, slow, medium, fast, x-fast"
                        ),
                    ));
                };
                ctx.rate = (ctx.rate * rate / 100.0)
                    .clamp(f64::from(MIN_RATE_PERCENT), f64::from(MAX_RATE_PERCENT));
            }
            Element::SayAs => {
                let Some(a) = find("interpret-as") else {
                    return Err(missing("interpret-as", "digits"));
                };
                let format = find("format");
                let kind = match a.trimmed() {
                    "characters" => SayAs::Characters,
                    "digits" => SayAs::Digits,
                    "telephone" => SayAs::Telephone,
                    "cardinal" => SayAs::Cardinal,
                    "date" => SayAs::Date {
                        format: match format.map(|f| (f, f.trimmed())) {
                            None => DateFormat::Ymd,
                            Some((_, "ymd")) => DateFormat::Ymd,
                            Some((_, "dmy")) => DateFormat::Dmy,
                            Some((_, "mdy")) => DateFormat::Mdy,
                            Some((f, _)) => return Err(bad(f, "ymd, dmy or mdy")),
                        },
                    },
                    _ => return Err(bad(a, "characters, digits, telephone, date or cardinal")),
                };
                if let (Some(f), false) = (format, matches!(kind, SayAs::Date { .. })) {
                    return Err(self.error(
                        f.name_at,
                        format!(
                            "'format' on <say-as> is only for interpret-as=\"date\", not \"{}\"",
                            a.trimmed()
                        ),
                    ));
                }
                self.say_as_count += 1;
                ctx.say_as = Some((kind, self.say_as_count));
            }
            Element::Lang => {
                let Some(a) = find("xml:lang") else {
                    return Err(missing("xml:lang", "ug-Arab-CN"));
                };
                ctx.lang = Some(lang(a)?);
            }
            Element::Sub => {
                let Some(a) = find("alias") else {
                    return Err(missing("alias", "what to say"));
                };
                if a.trimmed().is_empty() {
                    return Err(bad(a, "the text to say instead"));
                }
                for c in a.value.chars() {
                    self.out.push(c, &ctx);
                }
            }
        }
        if !self_closing {
            self.stack.push(Frame {
                element,
                start: lt,
                ctx,
            });
        }
        Ok(())
    }

    /// An entity reference at the current position (`&`), resolved to its character.
    fn entity(&mut self) -> Result<char, MarkupError> {
        let amp = self.pos;
        let rest = &self.rest()[1..];
        if let Some(number) = rest.strip_prefix('#') {
            let (digits, radix, prefix) = match number.strip_prefix('x') {
                Some(hex) => (hex, 16, 2),
                None => (number, 10, 1),
            };
            let len = digits
                .find(|c: char| !c.is_digit(radix))
                .unwrap_or(digits.len());
            let end = rest.find(';').map_or(rest.len(), |i| i + 1);
            let written = shorten(&rest[..end], 12);
            if len == 0 || !digits[len..].starts_with(';') {
                return Err(self.error(
                    amp,
                    format!(
                        "invalid numeric entity &{written}: expected &#NNN; or &#xHH; \
                         (or write &amp; for an ampersand)"
                    ),
                ));
            }
            let value = digits[..len].chars().fold(0u32, |acc, d| {
                acc.saturating_mul(radix)
                    .saturating_add(d.to_digit(radix).unwrap_or(0))
            });
            let reference = &self.src[amp..amp + 1 + prefix + len];
            let shown = if reference.len() > 16 {
                format!("{}...;", &reference[..16])
            } else {
                format!("{reference};")
            };
            let c = match char::from_u32(value) {
                None if (0xD800..=0xDFFF).contains(&value) => {
                    return Err(self.error(
                        amp,
                        format!("invalid numeric entity {shown}: U+{value:04X} is a surrogate"),
                    ))
                }
                None => {
                    return Err(self.error(
                        amp,
                        format!("invalid numeric entity {shown}: beyond U+10FFFF"),
                    ))
                }
                Some(c) if is_forbidden(c) => {
                    return Err(self.error(
                        amp,
                        format!(
                            "invalid numeric entity {shown}: {} is a {}",
                            describe_char(c),
                            if c.is_control() {
                                "control character"
                            } else {
                                "noncharacter"
                            }
                        ),
                    ))
                }
                Some(c) => c,
            };
            self.pos += 1 + prefix + len + 1;
            return Ok(c);
        }
        let len = rest
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(rest.len());
        if len > 0 && rest.as_bytes()[0].is_ascii_alphabetic() && rest[len..].starts_with(';') {
            let c = match &rest[..len] {
                "amp" => '&',
                "lt" => '<',
                "gt" => '>',
                "quot" => '"',
                "apos" => '\'',
                other => {
                    let shown = if other.len() > 16 {
                        &other[..16]
                    } else {
                        other
                    };
                    return Err(self.error(
                        amp,
                        format!(
                            "unknown entity &{shown};: the markup has &amp; &lt; &gt; &quot; \
                             &apos; and numeric &#NNN; / &#xHH;"
                        ),
                    ));
                }
            };
            self.pos += 1 + len + 1;
            return Ok(c);
        }
        Err(self.error(amp, "stray '&' (write &amp; for an ampersand)".to_owned()))
    }
}

const STRENGTHS: &str = "none, x-weak, weak, medium, strong or x-strong";

/// A plain decimal number: digits with at most one point, no sign or exponent.
fn parse_decimal(s: &str) -> Option<f64> {
    let digits = s.bytes().filter(u8::is_ascii_digit).count();
    let points = s.bytes().filter(|&b| b == b'.').count();
    if digits == 0 || points > 1 || digits + points != s.len() || s.len() > 24 {
        return None;
    }
    s.parse().ok()
}

/// `500ms`, `1s`, `1.5s`, `.25s` to whole milliseconds, at most [`MAX_BREAK_MS`].
fn parse_time(s: &str) -> Option<u32> {
    let ms = if let Some(n) = s.strip_suffix("ms") {
        parse_decimal(n)?
    } else {
        parse_decimal(s.strip_suffix('s')?)? * 1000.0
    };
    let ms = ms.round();
    (ms <= f64::from(MAX_BREAK_MS)).then_some(ms as u32)
}

fn parse_strength(s: &str) -> Option<u32> {
    Some(match s {
        "none" => 0,
        "x-weak" => 100,
        "weak" => 250,
        "medium" => 400,
        "strong" => 700,
        "x-strong" => 1000,
        _ => return None,
    })
}

/// A `rate` value in percent of the enclosing rate.
fn parse_rate(s: &str) -> Option<f64> {
    let percent = match s {
        "x-slow" => 50.0,
        "slow" => 70.0,
        "medium" => 100.0,
        "fast" => 130.0,
        "x-fast" => 160.0,
        _ => parse_decimal(s.strip_suffix('%')?)?,
    };
    (f64::from(MIN_RATE_PERCENT)..=f64::from(MAX_RATE_PERCENT))
        .contains(&percent)
        .then_some(percent)
}
