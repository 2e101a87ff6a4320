//! Polyphone accuracy of the Mandarin reader over `tests/fixtures/mandarin/polyphones.tsv`:
//! service-domain sentences with hand-checked readings (tone sandhi applied). Prints the
//! syllable accuracy per `# section:` and overall and fails below 98 % overall. A test target
//! without the libtest harness, so the report shows in every `cargo test`.

use tilmach::phonetics::mandarin::{is_hanzi, pinyin_string};

const SET: &str = include_str!("fixtures/mandarin/polyphones.tsv");

/// Right and total syllables of one section.
#[derive(Default)]
struct Score {
    name: String,
    right: usize,
    total: usize,
    sentences: usize,
}

impl Score {
    fn percent(&self) -> f64 {
        100.0 * self.right as f64 / self.total.max(1) as f64
    }
}

fn main() {
    let mut sections: Vec<Score> = Vec::new();
    for (number, line) in SET.lines().enumerate() {
        if let Some(name) = line.strip_prefix("# section:") {
            sections.push(Score {
                name: name.trim().to_owned(),
                ..Score::default()
            });
        }
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let (sentence, expected) = line
            .split_once('\t')
            .unwrap_or_else(|| panic!("polyphones.tsv line {}: no tab", number + 1));
        let got = pinyin_string(sentence);
        let expected: Vec<&str> = expected.split(' ').collect();
        let got: Vec<&str> = got.split(' ').collect();
        assert_eq!(
            got.len(),
            expected.len(),
            "polyphones.tsv line {}: {sentence}",
            number + 1
        );
        let wrong: Vec<String> = expected
            .iter()
            .zip(&got)
            .zip(sentence.chars().filter(|&c| is_hanzi(c)))
            .filter(|((e, g), _)| e != g)
            .map(|((e, g), c)| format!("{c} {g} (expected {e})"))
            .collect();
        if sections.is_empty() {
            sections.push(Score::default());
        }
        let section = sections.last_mut().expect("a section");
        section.sentences += 1;
        section.total += expected.len();
        section.right += expected.len() - wrong.len();
        if !wrong.is_empty() {
            eprintln!(
                "polyphones.tsv line {}: {sentence}: {}",
                number + 1,
                wrong.join(", ")
            );
        }
    }
    let all = Score {
        name: "all".to_owned(),
        right: sections.iter().map(|s| s.right).sum(),
        total: sections.iter().map(|s| s.total).sum(),
        sentences: sections.iter().map(|s| s.sentences).sum(),
    };
    for s in sections.iter().chain([&all]) {
        eprintln!(
            "polyphone syllable accuracy ({}): {:.1}% ({}/{}) over {} sentences",
            s.name,
            s.percent(),
            s.right,
            s.total,
            s.sentences
        );
    }
    assert!(all.sentences >= 100, "{} sentences", all.sentences);
    assert!(
        all.percent() >= 98.0,
        "polyphone syllable accuracy {:.1}% < 98%",
        all.percent()
    );
}
