use crate::lang::Language;

/// The most characters one engine call receives; a longer sentence is cut at a phrase mark or a
/// space (or, failing both, anywhere) into pieces no longer than this.
pub const MAX_CHUNK_CHARS: usize = 500;

/// Marks that end a sentence, in any of the served languages.
fn ends_sentence(c: char) -> bool {
    matches!(
        c,
        '。' | '！' | '？' | '!' | '?' | '؟' | '᠃' | '\n' | '；' | ';' | '…'
    )
}

/// Marks that end a phrase inside a sentence.
fn ends_phrase(c: char) -> bool {
    matches!(c, '，' | ',' | '،' | '᠂' | '、' | '：' | ':' | '؛')
}

/// Splits text into sentences on each language's punctuation (。！？ / ؟ . / ᠃, and line breaks),
/// keeping the mark with its sentence, and cuts sentences longer than [`MAX_CHUNK_CHARS`].
/// A full stop ends a sentence only when followed by whitespace or the end, so `3.5` and
/// `12345.` stay whole. Pieces without a letter or digit are dropped.
pub fn split_sentences(_lang: Language, text: &str) -> Vec<&str> {
    let mut sentences = Vec::new();
    let mut start = 0;
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let end = i + c.len_utf8();
        let boundary = ends_sentence(c)
            || (c == '.' && iter.peek().is_none_or(|&(_, next)| next.is_whitespace()));
        if boundary {
            // Keep closing quotes and brackets with the sentence they close.
            let mut end = end;
            while let Some(&(j, next)) = iter.peek() {
                if matches!(next, '”' | '’' | '"' | '」' | '）' | ')' | '»') {
                    end = j + next.len_utf8();
                    iter.next();
                } else {
                    break;
                }
            }
            push_chunks(&text[start..end], &mut sentences);
            start = end;
        }
    }
    push_chunks(&text[start..], &mut sentences);
    sentences
}

fn push_chunks<'a>(sentence: &'a str, out: &mut Vec<&'a str>) {
    let mut rest = sentence.trim();
    while rest.chars().count() > MAX_CHUNK_CHARS {
        let limit = rest
            .char_indices()
            .nth(MAX_CHUNK_CHARS)
            .map_or(rest.len(), |(i, _)| i);
        let head = &rest[..limit];
        let cut = head
            .char_indices()
            .rev()
            .find(|&(_, c)| ends_phrase(c))
            .or_else(|| head.char_indices().rev().find(|&(_, c)| c.is_whitespace()))
            .map(|(i, c)| i + c.len_utf8())
            .filter(|&i| i > limit / 4)
            .unwrap_or(limit);
        push_if_speakable(&rest[..cut], out);
        rest = rest[cut..].trim_start();
    }
    push_if_speakable(rest, out);
}

fn push_if_speakable<'a>(piece: &'a str, out: &mut Vec<&'a str>) {
    let piece = piece.trim();
    if piece.chars().any(char::is_alphanumeric) {
        out.push(piece);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_each_language_on_its_marks() {
        assert_eq!(
            split_sentences(
                Language::Mandarin,
                "请带身份证。费用是3.5元！还有问题吗？“好的。”"
            ),
            vec!["请带身份证。", "费用是3.5元！", "还有问题吗？", "“好的。”"]
        );
        assert_eq!(
            split_sentences(
                Language::Uyghur,
                "كىملىك ئېلىپ كېلىڭ. سوئالىڭىز بارمۇ؟ رەھمەت"
            ),
            vec!["كىملىك ئېلىپ كېلىڭ.", "سوئالىڭىز بارمۇ؟", "رەھمەت"]
        );
        assert_eq!(
            split_sentences(Language::Mongolian, "ᠰᠠᠢᠨ ᠪᠠᠢᠨ᠎ᠠ ᠤᠤ᠃ ᠪᠠᠶᠠᠷᠯᠠᠯ᠎ᠠ"),
            vec!["ᠰᠠᠢᠨ ᠪᠠᠢᠨ᠎ᠠ ᠤᠤ᠃", "ᠪᠠᠶᠠᠷᠯᠠᠯ᠎ᠠ"]
        );
    }

    #[test]
    fn drops_empty_pieces_and_cuts_long_ones() {
        assert_eq!(
            split_sentences(Language::Mandarin, "。。\n\n好。"),
            vec!["好。"]
        );
        let long = "很长的句子，".repeat(200);
        let pieces = split_sentences(Language::Mandarin, &long);
        assert!(pieces.len() > 1);
        assert!(pieces.iter().all(|p| p.chars().count() <= MAX_CHUNK_CHARS));
        assert_eq!(pieces.concat(), long.trim());
        let unbroken = "a".repeat(1200);
        assert_eq!(
            split_sentences(Language::Uyghur, &unbroken).concat(),
            unbroken
        );
    }
}
