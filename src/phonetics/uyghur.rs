//! Uyghur Arabic script (UEY) to Uyghur Latin script (ULY), the official Latin transliteration:
//! one letter for one letter, with an apostrophe where two Latin letters would otherwise read as
//! one digraph (`n'g` for ن+گ, against `ng` for ڭ) and for a hamza between vowels.

/// The ULY spelling of one UEY letter.
fn letter(c: char) -> Option<&'static str> {
    Some(match c {
        'ا' => "a",
        'ە' => "e",
        'ب' => "b",
        'پ' => "p",
        'ت' => "t",
        'ج' => "j",
        'چ' => "ch",
        'خ' => "x",
        'د' => "d",
        'ر' => "r",
        'ز' => "z",
        'ژ' => "zh",
        'س' => "s",
        'ش' => "sh",
        'غ' => "gh",
        'ف' => "f",
        'ق' => "q",
        'ك' => "k",
        'گ' => "g",
        'ڭ' => "ng",
        'ل' => "l",
        'م' => "m",
        'ن' => "n",
        'ھ' => "h",
        'و' => "o",
        'ۇ' => "u",
        'ۆ' => "ö",
        'ۈ' => "ü",
        'ۋ' => "w",
        'ې' => "é",
        'ى' => "i",
        'ي' => "y",
        '،' => ",",
        '؟' => "?",
        '؛' => ";",
        '٪' => "%",
        _ => return None,
    })
}

/// Transliterates Uyghur Arabic script to ULY; characters of other scripts pass through.
pub fn to_latin(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut previous: Option<&'static str> = None;
    for c in text.chars() {
        if c == 'ئ' {
            // The hamza carrier starts every written vowel at a word's start (silent there);
            // between letters it marks a syllable break, written as an apostrophe.
            if previous.is_some_and(|p| p.chars().all(char::is_alphabetic)) {
                out.push('\'');
            }
            continue;
        }
        match letter(c) {
            Some(latin) => {
                let digraph_clash = previous.is_some_and(|p| {
                    matches!(
                        (p, latin),
                        ("n", "g") | ("s", "h") | ("c", "h") | ("z", "h") | ("g", "h")
                    )
                });
                if digraph_clash {
                    out.push('\'');
                }
                out.push_str(latin);
                previous = Some(latin).filter(|l| l.chars().all(char::is_alphabetic));
            }
            None => {
                out.push(c);
                previous = None;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_from_service_guides() {
        let table = [
            ("ئۇيغۇرچە", "uyghurche"),
            ("پېنسىيە", "pénsiye"),
            ("كىملىك", "kimlik"),
            ("ئىجتىمائىي كاپالەت كارتىسى", "ijtima'iy kapalet kartisi"),
            ("داۋالاش سۇغۇرتىسى", "dawalash sughurtisi"),
            ("رەھمەت", "rehmet"),
            ("مەنگۈ", "men'gü"),
            ("سىڭلىم", "singlim"),
            ("قانداق؟", "qandaq?"),
            ("12345 گە تېلېفون قىلىڭ.", "12345 ge téléfon qiling."),
            ("خىزمەتچى، ساقلاڭ", "xizmetchi, saqlang"),
        ];
        for (uey, uly) in table {
            assert_eq!(to_latin(uey), uly, "{uey}");
        }
    }
}
