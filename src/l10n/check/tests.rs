//! Unit tests of the rules on small locale sets written to a temporary directory.

use std::path::Path;

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
    ]);
    let rules: Vec<Rule> = report.findings.iter().map(|f| f.rule).collect();
    assert!(rules.contains(&Rule::Syntax), "{rules:?}");
    assert!(rules.contains(&Rule::ReferenceExpansion), "{rules:?}");
    assert!(rules.contains(&Rule::ReferenceCycle), "{rules:?}");
    let _ = Path::new("");
}
