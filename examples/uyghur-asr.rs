//! How well Whisper hears Uyghur when told it is Uzbek or Kazakh (Whisper has no Uyghur).
//!
//! The test set is tilmach's own Uyghur speech (espeak-ng's `ug` voice): the ten digit words
//! and every guide keyword of `locales/ug-Arab-CN/guides/*.ftl` (`.keywords`). Each clip is
//! decoded as Uzbek (`uz`, Latin output) and as Kazakh (`kk`, Cyrillic output, transliterated
//! to Latin here), and the transcript is matched, as a closed set, to the nearest digit word or
//! keyword in ULY Latin (`phonetics::romanize`), both folded to plain Latin letters. Prints
//! each clip and the accuracy per language and set.
//!
//! `cargo run --release --example uyghur-asr [-- MODEL]` (default: `asr::default_model_path`);
//! `THREADS=N` sets the recognition threads (default 2).

use std::path::{Path, PathBuf};

use tilmach::asr::intent::Menu;
use tilmach::asr::whisper::Whisper;
use tilmach::asr::{Recognizer, Request};
use tilmach::l10n::Catalog;
use tilmach::synth::espeak::Espeak;
use tilmach::synth::{speak, SpeechSettings};
use tilmach::Language;

/// The Uyghur digit words 0–9.
const DIGITS: [&str; 10] = [
    "نۆل",
    "بىر",
    "ئىككى",
    "ئۈچ",
    "تۆت",
    "بەش",
    "ئالتە",
    "يەتتە",
    "سەككىز",
    "توققۇز",
];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let model = std::env::args_os()
        .nth(1)
        .map(PathBuf::from)
        .or_else(tilmach::asr::default_model_path)
        .ok_or("no Whisper model: pass its path or set TILMACH_WHISPER_MODEL")?;
    let threads = std::env::var("THREADS")
        .ok()
        .and_then(|t| t.parse().ok())
        .unwrap_or(2);
    let whisper = Whisper::load(&model, threads)?;
    let engine = Espeak::shared()?;
    let catalog = Catalog::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("locales"))?;
    let ids = tilmach::guide::ids(&catalog);
    let titles: Vec<String> = ids.iter().map(|id| format!("{id}-title")).collect();
    let options: Vec<(&str, &str, Option<char>)> = ids
        .iter()
        .zip(&titles)
        .map(|(id, title)| (id.as_str(), title.as_str(), None))
        .collect();
    let menu = Menu::from_catalog(&catalog, Language::Uyghur, &options)?;
    let mut keywords: Vec<String> = menu.options().flat_map(|o| o.keywords.clone()).collect();
    keywords.sort();
    keywords.dedup();

    let settings = SpeechSettings::default();
    let sets: [(&str, Vec<String>); 2] = [
        ("digits", DIGITS.iter().map(|d| d.to_string()).collect()),
        ("keywords", keywords),
    ];
    for (set, words) in &sets {
        let latin: Vec<String> = words
            .iter()
            .map(|w| fold(&tilmach::phonetics::romanize(Language::Uyghur, w)))
            .collect();
        let clips = words
            .iter()
            .map(|w| speak(engine, Language::Uyghur, w, &settings))
            .collect::<Result<Vec<_>, _>>()?;
        for code in ["uz", "kk"] {
            let mut right = 0;
            for (i, clip) in clips.iter().enumerate() {
                let heard = whisper.recognize(clip, &Request::in_language(code))?.text;
                let folded = fold(&to_latin(&heard));
                let guess = if *set == "digits" {
                    digit_written(&heard).unwrap_or_else(|| nearest(&folded, &latin))
                } else {
                    nearest(&folded, &latin)
                };
                let ok = guess == i;
                right += usize::from(ok);
                println!(
                    "{set} {code}: said {:?} ({}), heard {heard:?} ({folded}) -> {} {}",
                    words[i],
                    latin[i],
                    latin[guess],
                    if ok { "ok" } else { "MISS" }
                );
            }
            println!(
                "ACCURACY {set} as {code}: {right}/{} = {:.0} %",
                clips.len(),
                100.0 * right as f64 / clips.len() as f64
            );
        }
    }
    Ok(())
}

/// A digit Whisper wrote as a numeral ("1", "5.").
fn digit_written(heard: &str) -> Option<usize> {
    let digits: Vec<char> = heard.chars().filter(char::is_ascii_digit).collect();
    match digits.as_slice() {
        [d] => d.to_digit(10).map(|d| d as usize),
        _ => None,
    }
}

/// The index of the candidate nearest to `heard` by edit distance over its length.
fn nearest(heard: &str, candidates: &[String]) -> usize {
    let score = |c: &String| {
        let d = edit_distance(heard, c) as f64;
        d / heard.chars().count().max(c.chars().count()).max(1) as f64
    };
    (0..candidates.len())
        .min_by(|&a, &b| score(&candidates[a]).total_cmp(&score(&candidates[b])))
        .unwrap_or(0)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let here = row[j + 1];
            row[j + 1] = (previous + usize::from(ca != cb))
                .min(row[j] + 1)
                .min(row[j + 1] + 1);
            previous = here;
        }
    }
    row[b.len()]
}

/// Kazakh (and Russian) Cyrillic to Latin; Latin passes through.
fn to_latin(text: &str) -> String {
    text.chars()
        .flat_map(char::to_lowercase)
        .map(|c| {
            match c {
                'а' | 'ә' => "a",
                'б' => "b",
                'в' => "v",
                'г' => "g",
                'ғ' => "gh",
                'д' => "d",
                'е' | 'э' => "e",
                'ё' => "yo",
                'ж' => "j",
                'з' => "z",
                'и' | 'ы' | 'і' | 'й' => "i",
                'к' => "k",
                'қ' => "q",
                'л' => "l",
                'м' => "m",
                'н' => "n",
                'ң' => "ng",
                'о' | 'ө' => "o",
                'п' => "p",
                'р' => "r",
                'с' => "s",
                'т' => "t",
                'у' | 'ұ' | 'ү' => "u",
                'ф' => "f",
                'х' => "x",
                'һ' => "h",
                'ц' => "ts",
                'ч' => "ch",
                'ш' | 'щ' => "sh",
                'ю' => "yu",
                'я' => "ya",
                'ъ' | 'ь' => "",
                _ => return c.to_string(),
            }
            .to_string()
        })
        .collect()
}

/// Plain lower-case Latin letters: diacritics dropped, Uzbek `o'`/`g'` and apostrophes
/// removed, `q`/`k` and `x`/`h` merged (they are where the languages differ most), spaces and
/// punctuation dropped.
fn fold(text: &str) -> String {
    text.chars()
        .flat_map(char::to_lowercase)
        .filter_map(|c| match c {
            'ö' | 'ó' | 'ò' | 'ô' => Some('o'),
            'ü' | 'ú' | 'ù' | 'û' => Some('u'),
            'é' | 'è' | 'ê' | 'ə' => Some('e'),
            'í' | 'ì' | 'î' | 'ı' => Some('i'),
            'á' | 'à' | 'â' => Some('a'),
            'q' => Some('k'),
            'x' => Some('h'),
            'w' => Some('v'),
            c if c.is_ascii_lowercase() => Some(c),
            _ => None,
        })
        .collect()
}
