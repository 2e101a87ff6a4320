//! Attaching the suffixes written after NARROW NO-BREAK SPACE to a stem's reading.
//!
//! Khalkha spells a suffix by the stem's class vowel (а о э ө, see
//! [`class_after`]), by what the stem's
//! reading ends in (a consonant, a short vowel, a long vowel or diphthong, ь, н) and by
//! whether the stem had a fleeting n. The cases, as [`attach`] applies them:
//!
//! | written | reading |
//! |---|---|
//! | genitive ᠶᠢᠨ yin, ᠤᠨ ᠦᠨ un ün, ᠤ ᠦ u ü | -ын/-ийн after a consonant (-ийн after г ж ч ш к ь и and in front words); -ы/-ий after н; -н after й; -гийн after a long vowel; -ны/-ний after a fleeting n |
//! | accusative ᠢ i, ᠶᠢ yi | -ыг/-ийг; -г after a long vowel or diphthong |
//! | dative ᠳᠤ ᠳᠦ du dü, ᠲᠤ ᠲᠦ tu tü | -д/-т as written; -ид after ж ч ш; class vowel + д after д т or a cluster; -нд after a fleeting n |
//! | instrumental ᠪᠠᠷ ᠪᠡᠷ bar ber, ᠢᠶᠠᠷ ᠢᠶᠡᠷ iyar iyer | -аар/-оор/-ээр/-өөр; -гаар… after a long vowel or diphthong |
//! | ablative ᠠᠴᠠ ᠡᠴᠡ ača eče | -аас/-оос/-ээс/-өөс; -гаас… after a long vowel; -наас… after a fleeting n |
//! | comitative ᠲᠠᠢ ᠲᠡᠢ tai tei, ᠯᠤᠭ᠎ᠠ ᠯᠦᠭᠡ luγ·a lüge | -тай/-той/-тэй |
//! | reflexive ᠪᠠᠨ ᠪᠡᠨ ban ben, ᠢᠶᠠᠨ ᠢᠶᠡᠨ iyan iyen | -аа/-оо/-ээ/-өө; -гаа… after a long vowel |
//! | dative-reflexive ᠳᠠᠭᠠᠨ ᠳᠡᠭᠡᠨ ᠲᠠᠭᠠᠨ ᠲᠡᠭᠡᠨ | -даа/-тээ… |
//! | plural ᠤᠳ ᠦᠳ ud üd, ᠨᠤᠭᠤᠳ ᠨᠦᠭᠦᠳ, ᠴᠤᠳ ᠴᠦᠳ | -ууд/-үүд, -нууд/-нүүд, -чууд/-чүүд |
//! | question ᠤᠤ ᠦᠦ uu üü | a separate word уу/үү (юу/юү after a long vowel or diphthong) |
//! | possessive ᠨᠢ ni | a separate word нь |
//!
//! Before a suffix that starts with a vowel, the last short vowel of a stem that ends
//! in vowel (or й) + single consonant + short vowel + consonant drops (бичиг →
//! бичгийн, газар → газрын, ажил → ажлын, нийгэм → нийгмийн), as Khalkha spells it.
//! A one-syllable stem ending in a vowel is treated like one ending in a long vowel. Another suffix is read by the
//! word rules and appended.

use super::rules::{class_after, read_word, Group, Reading};

const VOWELS: &str = "аэоөуүиыяеёю";

fn is_vowel(c: char) -> bool {
    VOWELS.contains(c)
}

/// What a reading ends in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum End {
    /// Long vowel (two equal vowel letters).
    Long,
    /// A diphthong or ий: ends in й.
    Diph,
    /// One short vowel.
    Short,
    /// The soft sign ь.
    Soft,
    /// A consonant letter.
    Cons(char),
    /// Nothing.
    Empty,
}

fn end_of(t: &[char]) -> End {
    let syllables = t.iter().filter(|&&c| is_vowel(c)).count();
    match t {
        // A one-syllable stem keeps its vowel, as a long one does.
        [.., b] if is_vowel(*b) && syllables == 1 => End::Long,
        [] => End::Empty,
        [.., 'й'] => End::Diph,
        [.., 'ь'] => End::Soft,
        [.., a, b] if is_vowel(*b) && is_vowel(*a) => End::Long,
        [.., b] if is_vowel(*b) => End::Short,
        [.., c] => End::Cons(*c),
    }
}

/// Front forms (-ийн, -ийг) after a front word or a palatal ending.
fn palatal(t: &[char], group: Group) -> bool {
    !group.is_back() || matches!(t.last(), Some('г' | 'ж' | 'ч' | 'ш' | 'к' | 'ь' | 'и'))
}

/// Drops the stem's last short vowel before a vowel-initial suffix (see the module
/// docs): vowel (or й), consonant C1, short vowel, final consonant C2 (not н й ь, not
/// C1).
fn syncope(t: &mut Vec<char>) {
    let n = t.len();
    if n < 4 {
        return;
    }
    let (v1, c1, v2, c2) = (t[n - 4], t[n - 3], t[n - 2], t[n - 1]);
    let consonant = |c: char| !is_vowel(c) && !matches!(c, 'й' | 'ь' | 'ъ');
    if (is_vowel(v1) || v1 == 'й')
        && consonant(c1)
        && is_vowel(v2)
        && consonant(c2)
        && c2 != 'н'
        && c1 != c2
    {
        t.remove(n - 2);
    }
}

/// Appends one suffix (its Latin letters, selectors and MVS removed) to a reading.
pub fn attach(stem: &mut Reading, suffix: &[char]) {
    let s: String = suffix.iter().collect();
    let g = class_after(&stem.text, stem.group);
    let mut t: Vec<char> = stem.text.chars().collect();
    let end = end_of(&t);
    let fleeting = stem.fleeting_n;
    let pal = palatal(&t, g);
    let push = |t: &mut Vec<char>, s: &str| t.extend(s.chars());
    let drop_short = |t: &mut Vec<char>| {
        if end == End::Short {
            t.pop();
        }
    };
    match s.as_str() {
        "yin" | "un" | "ün" | "u" | "ü" => {
            if fleeting {
                if end == End::Soft {
                    t.pop();
                    t.push('и');
                }
                push(&mut t, if g.is_back() { "ны" } else { "ний" });
            } else {
                match end {
                    End::Diph => push(&mut t, "н"),
                    End::Long => push(&mut t, "гийн"),
                    End::Soft => {
                        t.pop();
                        push(&mut t, "ийн");
                    }
                    End::Cons('н') => push(&mut t, if pal { "ий" } else { "ы" }),
                    _ => {
                        drop_short(&mut t);
                        syncope(&mut t);
                        push(&mut t, if pal { "ийн" } else { "ын" });
                    }
                }
            }
        }
        "i" | "yi" => match end {
            End::Diph | End::Long => push(&mut t, "г"),
            End::Soft => {
                t.pop();
                push(&mut t, "ийг");
            }
            _ => {
                drop_short(&mut t);
                if end != End::Cons('н') {
                    syncope(&mut t);
                }
                push(&mut t, if pal { "ийг" } else { "ыг" });
            }
        },
        "du" | "dü" | "tu" | "tü" => {
            let letter = if s.starts_with('d') { "д" } else { "т" };
            if fleeting {
                match end {
                    End::Soft => {
                        t.pop();
                        push(&mut t, "инд");
                    }
                    End::Cons(_) => {
                        push(&mut t, g.short());
                        push(&mut t, "нд");
                    }
                    _ => push(&mut t, "нд"),
                }
            } else {
                match end {
                    End::Cons('ж' | 'ч' | 'ш') => push(&mut t, "ид"),
                    End::Cons(c) => {
                        let cluster =
                            t.len() >= 2 && !is_vowel(t[t.len() - 2]) && t[t.len() - 2] != 'й';
                        if matches!(c, 'д' | 'т') || cluster {
                            push(&mut t, g.short());
                            push(&mut t, "д");
                        } else {
                            push(&mut t, letter);
                        }
                    }
                    _ => push(&mut t, "д"),
                }
            }
        }
        "bar" | "ber" | "iyar" | "iyer" => vowel_suffix(&mut t, end, g, false, "р"),
        "ača" | "eče" => vowel_suffix(&mut t, end, g, fleeting, "с"),
        "ban" | "ben" | "iyan" | "iyen" => vowel_suffix(&mut t, end, g, false, ""),
        "tai" | "tei" | "luγa" | "lüge" => push(
            &mut t,
            match g {
                Group::A => "тай",
                Group::O => "той",
                _ => "тэй",
            },
        ),
        "daγan" | "degen" | "taγan" | "tegen" => {
            push(&mut t, if s.starts_with('d') { "д" } else { "т" });
            push(&mut t, g.long());
        }
        "ud" | "üd" => {
            if matches!(end, End::Short | End::Long | End::Diph) {
                push(&mut t, "н");
            }
            push(&mut t, if g.is_back() { "ууд" } else { "үүд" });
        }
        "nuγud" | "nügüd" => push(&mut t, if g.is_back() { "нууд" } else { "нүүд" }),
        "čud" | "čüd" => push(&mut t, if g.is_back() { "чууд" } else { "чүүд" }),
        "uu" | "üü" => {
            let after_vowel = matches!(end, End::Long | End::Diph);
            push(
                &mut t,
                match (g.is_back(), after_vowel) {
                    (true, false) => " уу",
                    (true, true) => " юу",
                    (false, false) => " үү",
                    (false, true) => " юү",
                },
            );
        }
        "ni" => push(&mut t, " нь"),
        _ => push(&mut t, &read_word(suffix).text),
    }
    stem.text = t.into_iter().collect();
    stem.fleeting_n = false;
}

/// Suffixes that are a long class vowel plus `tail` (-аар, -аас, -аа).
fn vowel_suffix(t: &mut Vec<char>, end: End, g: Group, fleeting: bool, tail: &str) {
    if fleeting {
        if end == End::Soft {
            t.pop();
            t.push('и');
        }
        t.push('н');
    } else {
        match end {
            End::Long | End::Diph => t.push('г'),
            End::Short => {
                t.pop();
            }
            End::Soft => {
                t.pop();
                t.push('и');
            }
            End::Cons('н') | End::Empty => {}
            End::Cons(_) => syncope(t),
        }
    }
    t.extend(g.long().chars());
    t.extend(tail.chars());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(stem: &str, group: Group, fleeting_n: bool, suffix: &str) -> String {
        let mut r = Reading {
            text: stem.into(),
            group,
            fleeting_n,
        };
        attach(&mut r, &suffix.chars().collect::<Vec<_>>());
        r.text
    }

    #[test]
    fn genitive() {
        assert_eq!(with("хот", Group::O, false, "yin"), "хотын");
        assert_eq!(with("бичиг", Group::E, false, "ün"), "бичгийн");
        assert_eq!(with("газар", Group::A, false, "un"), "газрын");
        assert_eq!(with("монгол", Group::O, false, "un"), "монголын");
        assert_eq!(with("хаан", Group::A, false, "u"), "хааны");
        assert_eq!(with("далай", Group::A, false, "yin"), "далайн");
        assert_eq!(with("ус", Group::A, true, "u"), "усны");
        assert_eq!(with("морь", Group::O, true, "u"), "морины");
        assert_eq!(with("хорь", Group::O, false, "yin"), "хорийн");
        assert_eq!(with("зуу", Group::A, false, "yin"), "зуугийн");
        assert_eq!(with("нийгэм", Group::E, false, "ün"), "нийгмийн");
        assert_eq!(with("ном", Group::O, false, "un"), "номын");
    }

    #[test]
    fn other_cases() {
        assert_eq!(with("ус", Group::A, true, "du"), "усанд");
        assert_eq!(with("гэр", Group::E, false, "tü"), "гэрт");
        assert_eq!(with("хот", Group::O, false, "du"), "хотод");
        assert_eq!(with("улс", Group::A, false, "du"), "улсад");
        assert_eq!(with("багш", Group::A, false, "du"), "багшид");
        assert_eq!(with("гэр", Group::E, false, "eče"), "гэрээс");
        assert_eq!(with("ус", Group::A, true, "ača"), "уснаас");
        assert_eq!(with("тоо", Group::O, false, "bar"), "тоогоор");
        assert_eq!(with("хот", Group::O, false, "yi"), "хотыг");
        assert_eq!(with("тоо", Group::O, false, "yi"), "тоог");
        assert_eq!(with("найз", Group::A, false, "tai"), "найзтай");
        assert_eq!(with("байна", Group::A, false, "uu"), "байна уу");
        assert_eq!(with("тоо", Group::O, false, "uu"), "тоо юу");
        assert_eq!(with("зөв", Group::Oe, false, "üü"), "зөв үү");
        assert_eq!(with("гэр", Group::E, false, "tegen"), "гэртээ");
    }
}
