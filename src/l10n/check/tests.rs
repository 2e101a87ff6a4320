//! Unit tests of the rules on small locale sets written to a temporary directory.

use super::*;

/// Writes `files` (path under the root, content) and checks the root.
fn check_files(files: &[(&str, &str)]) -> Report {
    let dir = tempfile::tempdir().unwrap();
    for (path, text) in files {
        let p = dir.path().join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    let mut report = check(dir.path());
    for f in &mut report.findings {
        f.file = f.file.strip_prefix(dir.path()).unwrap().to_owned();
    }
    report
}

fn summary(report: &Report) -> Vec<(String, usize, Rule, Severity)> {
    report
        .findings
        .iter()
        .map(|f| (f.file.display().to_string(), f.line, f.rule, f.severity))
        .collect()
}

#[test]
fn a_clean_set_has_no_findings() {
    let report = check_files(&[
        ("zh-Hans-CN/a.ftl", "a-wait = 您前面还有{ $count }人。\n"),
        (
            "ug-Arab-CN/a.ftl",
            "# review: reviewed Aynur 2026-11-01\na-wait =\n    { $count ->\n        [one] { $count } ئادەم.\n       *[other] { $count } ئادەم.\n    }\n",
        ),
        (
            "mn-Mong-CN/a.ftl",
            "# review: reviewed Batu 2026-11-01\na-wait =\n    { $count ->\n        [one] { $count } ᠬᠦᠮᠦᠨ᠃\n       *[other] { $count } ᠬᠦᠮᠦᠨ᠃\n    }\n",
        ),
    ]);
    assert_eq!(summary(&report), []);
    assert!(!report.has_errors());
    assert_eq!(report.locales[1].reviewed, 1);
}

#[test]
fn plural_categories_follow_the_locale() {
    let report = check_files(&[
        (
            "zh-Hans-CN/a.ftl",
            "a = { $n ->\n    [one] 一\n   *[other] 多\n}\n",
        ),
        ("ug-Arab-CN/a.ftl", "a = { $n ->\n   *[other] كۆپ\n}\n"),
    ]);
    let found: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.rule == Rule::PluralCoverage)
        .map(|f| (f.locale.as_str(), f.line, f.severity))
        .collect();
    assert_eq!(
        found,
        [
            ("zh-Hans-CN", 1, Severity::Warning),
            ("ug-Arab-CN", 1, Severity::Error)
        ]
    );
}

#[test]
fn nothing_in_a_hostile_file_stops_the_check() {
    let bomb = format!("a = {}\n", "{".repeat(3000));
    let lol = (0..10)
        .map(|i| {
            if i == 0 {
                "l0 = lol\n".to_owned()
            } else {
                format!("l{i} = {}\n", format!("{{ l{} }}", i - 1).repeat(10))
            }
        })
        .collect::<String>();
    let report = check_files(&[
        ("zh-Hans-CN/deep.ftl", &bomb),
        ("zh-Hans-CN/lol.ftl", &lol),
        ("zh-Hans-CN/cycle.ftl", "c1 = { c2 }\nc2 = { c1 }\n"),
        // fluent-syntax 0.12 panics reading this escape (projectfluent/fluent-rs#389).
        (
            "zh-Hans-CN/escape.ftl",
            "e = 好\nbad = { \"\\u00ئ\" }\nafter = 好\n",
        ),
    ]);
    assert!(
        report.findings.iter().any(|f| f.rule == Rule::Syntax
            && f.file.ends_with("escape.ftl")
            && (f.line, f.column) == (2, Some(10))),
        "{:#?}",
        report.findings
    );
    let rules: Vec<Rule> = report.findings.iter().map(|f| f.rule).collect();
    assert!(rules.contains(&Rule::Syntax), "{rules:?}");
    assert!(rules.contains(&Rule::ReferenceExpansion), "{rules:?}");
    assert!(rules.contains(&Rule::ReferenceCycle), "{rules:?}");
}

/// The findings of one rule, as (locale, line, severity).
fn of(report: &Report, rule: Rule) -> Vec<(&str, usize, Severity)> {
    report
        .findings
        .iter()
        .filter(|f| f.rule == rule)
        .map(|f| (f.locale.as_str(), f.line, f.severity))
        .collect()
}

#[test]
fn mongolian_format_characters_only_where_utn_57_puts_them() {
    let ok = "a = ᠪᠠᠶᠢᠨ\u{180E}ᠠ ᠲᠠᠨ\u{202F}ᠤ 12345\u{202F}ᠳᠤ { $n }\u{202F}ᠳᠤ ᠭ\u{180B}ᠠ\n";
    for (text, expect) in [
        (ok, 0),
        ("a = ᠪᠠᠶᠢᠨ\u{180E}ᠢᠨ\n", 1), // MVS before a non-final i
        ("a = \u{180B}ᠠ\n", 1),       // FVS after nothing
        ("a = ᠲᠠᠨ \u{202F}ᠤ\n", 1),   // NNBSP after a space
        ("a = ᠲᠠᠨ\u{202F}\n", 1),     // NNBSP joining nothing
        ("a = ᠲᠠᠨ\u{E234}\n", 1),     // a legacy private-use glyph
    ] {
        let report = check_files(&[
            ("zh-Hans-CN/a.ftl", "a = 甲 { $n }\n"),
            (
                "mn-Mong-CN/a.ftl",
                &format!("# review: reviewed B 2026-11-01\n{text}"),
            ),
        ]);
        let found = of(&report, Rule::ScriptMongolian);
        assert_eq!(found.len(), expect, "{text:?}: {:#?}", report.findings);
    }
}

#[test]
fn joiners_belong_inside_mongolian_words_only() {
    let report = check_files(&[
        ("zh-Hans-CN/a.ftl", "a = 甲\nb = 乙\u{200D}丙\n"),
        ("mn-Mong-CN/a.ftl", "# review: reviewed B 2026-11-01\na = ᠠ\u{200D}ᠨ\n# review: reviewed B 2026-11-01\nb = ᠠ\n"),
    ]);
    assert_eq!(
        of(&report, Rule::InvisibleCharacter),
        [("zh-Hans-CN", 2, Severity::Warning)]
    );
}

#[test]
fn terminology_looks_at_attributes_and_each_term_form() {
    let report = check_files(&[
        (
            "glossary.toml",
            "[[term]]\nzh = [\"社保卡\", \"社会保障卡\"]\nug = \"كاپالەت كارتىسى\"\nmn = \"ᠺᠠᠷᠲ\"\n",
        ),
        ("zh-Hans-CN/a.ftl", "a = 办理社会保障卡\n    .title = 社保卡\nb = 别的\n"),
        (
            "ug-Arab-CN/a.ftl",
            "### review: reviewed A 2026-11-01\na = كاپالەت كارتىسىنى بېجىرىش\n    .title = كارتا\nb = باشقا\n",
        ),
    ]);
    assert_eq!(
        report
            .findings
            .iter()
            .filter(|f| f.rule == Rule::Terminology)
            .map(|f| (f.line, f.message_id.as_deref()))
            .collect::<Vec<_>>(),
        [(3, Some("a.title"))]
    );
}

#[test]
fn a_selector_is_on_a_number_when_the_source_says_so() {
    let report = check_files(&[
        (
            "zh-Hans-CN/a.ftl",
            "a = { NUMBER($n) ->\n   *[other] 多\n}\n",
        ),
        (
            "ug-Arab-CN/a.ftl",
            "### review: reviewed A 2026-11-01\na = { $n ->\n    [few] ئاز\n   *[many] كۆپ\n}\n",
        ),
    ]);
    assert_eq!(
        of(&report, Rule::PluralCoverage),
        [
            ("ug-Arab-CN", 2, Severity::Error),
            ("ug-Arab-CN", 2, Severity::Warning)
        ]
    );
}

#[test]
fn review_state_is_counted_per_message() {
    let report = check_files(&[
        ("zh-Hans-CN/a.ftl", "a = 甲\nb = 乙\nc = 丙\n"),
        (
            "ug-Arab-CN/a.ftl",
            "### review: draft\n\n# review: reviewed Aynur 2026-11-01\na = بىر\nb = ئىككى\n",
        ),
    ]);
    let ug = &report.locales[1];
    assert_eq!(
        (
            ug.messages,
            ug.translated,
            ug.reviewed,
            ug.drafts,
            ug.errors
        ),
        (2, 2, 1, 1, 1)
    );
    assert_eq!(
        of(&report, Rule::Draft),
        [("ug-Arab-CN", 1, Severity::Info)]
    );
    assert!(report
        .findings
        .iter()
        .any(|f| f.rule == Rule::Draft && f.message.starts_with("1 of 2")));
}

#[test]
fn every_rule_has_a_unique_id_that_parses_back() {
    let mut ids: Vec<&str> = Rule::ALL.iter().map(|r| r.id()).collect();
    for r in Rule::ALL {
        assert_eq!(r.id().parse::<Rule>(), Ok(*r));
        assert!(!r.description().is_empty());
    }
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), Rule::ALL.len());
}
