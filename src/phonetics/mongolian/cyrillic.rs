//! Cleaning Mongolian Cyrillic (mn-Cyrl) words, so that Cyrillic input shares the
//! speech path with the reading of traditional script.
//!
//! A word is lowercased; letters from old fonts and keyboard stand-ins are mapped to the
//! standard ones: fita ѳ → ө, izhitsa ѵ → ү, Kazakh ұ → ү; and Latin letters that look
//! Cyrillic (a e o p c x y k m t, H B) inside a word that has Cyrillic letters are
//! replaced by them.

/// Whether a word counts as Cyrillic: it has at least one Cyrillic letter.
pub fn is_cyrillic_word(word: &str) -> bool {
    word.chars().any(super::letters::is_cyrillic)
}

/// The cleaned, lowercase form of a Cyrillic word.
pub fn clean_word(word: &str) -> String {
    word.chars()
        .map(|c| match c {
            'ѳ' | 'Ѳ' => 'ө',
            'ѵ' | 'Ѵ' | 'ұ' | 'Ұ' => 'ү',
            'a' | 'A' => 'а',
            'e' | 'E' => 'е',
            'o' | 'O' => 'о',
            'p' | 'P' => 'р',
            'c' | 'C' => 'с',
            'x' | 'X' => 'х',
            'y' | 'Y' => 'у',
            'k' | 'K' => 'к',
            'm' | 'M' => 'м',
            't' | 'T' => 'т',
            'H' => 'н',
            'B' => 'в',
            other => other,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lowercases_and_fixes_lookalikes() {
        assert_eq!(clean_word("Монгол"), "монгол");
        assert_eq!(clean_word("ХѲТѲЛБѲР"), "хөтөлбөр");
        assert_eq!(clean_word("Moнгoл"), "монгол");
        assert!(is_cyrillic_word("Moнгoл") && !is_cyrillic_word("Mongol"));
    }
}
