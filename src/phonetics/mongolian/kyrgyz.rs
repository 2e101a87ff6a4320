//! Adapting Mongolian Cyrillic to espeak-ng's Kyrgyz voice (`ky`).
//!
//! Kyrgyz Cyrillic shares ө, ү, double letters for long vowels, ж = [dʒ], х, ц and
//! vowel harmony with Mongolian, so most letters pass through. The table changes only
//! what the `ky` voice reads differently from Khalkha (checked with
//! `espeak-ng -v ky -x` 1.51):
//!
//! | Mongolian | for `ky` | why |
//! |---|---|---|
//! | ий | ии | Khalkha ий is long [iː]; `ky` reads ий as [ij] and ии as [iː] |
//! | ы | ии | Khalkha ы (in -ын, -ыг) is long [iː]; Kyrgyz ы is [ɯ] |
//! | е | йе at the start of a word or after a vowel | Khalkha е is [je] (ес = [jes]); `ky` reads a bare е as [e] |
//! | з | дз | Khalkha з is an affricate [ts]/[dz]; Kyrgyz з is [z]; `ky` reads дз as [dz] |
//! | ъ | (nothing) | a silent separator in Khalkha; `ky` reads it as [j] |
//! | щ | шч | loanwords only; `ky` reads щ as plain [ʃ] |
//!
//! Kept as they are, because `ky` reads them close enough: э ([e]), ё ю я ([jo] [ju]
//! [ja]), ь (a [j] off-glide, near Khalkha palatalization: хорь [xɔrʲ]), ц ([ts]),
//! х ([x]), в ([v] for Khalkha [w]), ө ү, and the long vowels аа оо өө уу үү ээ.
//! Text other than Cyrillic letters passes through unchanged.

/// Mongolian Cyrillic rewritten for espeak-ng's Kyrgyz voice (see the module table).
pub fn to_kyrgyz_voice(cyrillic: &str) -> String {
    let chars: Vec<char> = cyrillic.chars().flat_map(char::to_lowercase).collect();
    let mut out = String::with_capacity(cyrillic.len() + 8);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let prev = if i > 0 { Some(chars[i - 1]) } else { None };
        match c {
            'и' if chars.get(i + 1) == Some(&'й') => {
                out.push_str("ии");
                i += 1;
            }
            'ы' => out.push_str("ии"),
            'е' if prev.is_none_or(|p| !p.is_alphabetic() || "аэоөуүиыяеёюьъ".contains(p)) => {
                out.push_str("йе")
            }
            'з' => out.push_str("дз"),
            'ъ' => {}
            'щ' => out.push_str("шч"),
            _ => out.push(c),
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table() {
        assert_eq!(to_kyrgyz_voice("улсын"), "улсиин");
        assert_eq!(to_kyrgyz_voice("бичгийн"), "бичгиин");
        assert_eq!(to_kyrgyz_voice("ес ер"), "йес йер");
        assert_eq!(to_kyrgyz_voice("телефон"), "телефон");
        assert_eq!(to_kyrgyz_voice("зуу"), "дзуу");
        assert_eq!(to_kyrgyz_voice("харъя"), "харя");
        assert_eq!(to_kyrgyz_voice("Сайн байна уу?"), "сайн байна уу?");
        assert_eq!(to_kyrgyz_voice("хорь цаг"), "хорь цаг");
    }
}
