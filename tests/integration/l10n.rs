//! `tilmach l10n check|status|export|import` on the fixture set, the shipped locales and hostile
//! files.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::util::{temp_path, tilmach};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/l10n")
}

fn shipped() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("locales")
}

/// A finding as the tests compare it: file under the locales directory, line, rule, severity,
/// message id (`-` for none).
type Found = (String, u64, String, String, String);

/// Runs `l10n check --format json` on `dir`; returns the exit code and the findings.
fn check_json(dir: &Path) -> (i32, Vec<Found>) {
    let out = tilmach()
        .args(["l10n", "check", "--format", "json", "--locales"])
        .arg(dir)
        .output()
        .unwrap();
    let code = out.status.code().expect("exited, not killed by a signal");
    let report: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{e}: {}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    let findings = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let file = PathBuf::from(f["file"].as_str().unwrap());
            (
                file.strip_prefix(dir).unwrap().display().to_string(),
                f["line"].as_u64().unwrap(),
                f["rule"].as_str().unwrap().to_owned(),
                f["severity"].as_str().unwrap().to_owned(),
                f["message_id"].as_str().unwrap_or("-").to_owned(),
            )
        })
        .collect();
    (code, findings)
}

#[test]
fn each_defect_of_the_fixture_set_is_found_where_it_is_and_nothing_else() {
    let (code, found) = check_json(&fixtures());
    let expected = [
        (
            "zh-Hans-CN/main.ftl",
            6,
            "script-mandarin-traditional",
            "warning",
            "please-wait",
        ),
        ("zh-Hans-CN/refs.ftl", 1, "encoding", "warning", "-"),
        (
            "zh-Hans-CN/refs.ftl",
            2,
            "reference-cycle",
            "error",
            "cycle-a",
        ),
        (
            "zh-Hans-CN/refs.ftl",
            6,
            "reference-expansion",
            "error",
            "lol2",
        ),
        ("ug-Arab-CN/broken.ftl", 3, "syntax", "error", "-"),
        (
            "ug-Arab-CN/main.ftl",
            0,
            "missing-message",
            "error",
            "about",
        ),
        ("ug-Arab-CN/main.ftl", 3, "script-uyghur", "error", "hello"),
        ("ug-Arab-CN/main.ftl", 4, "variable-parity", "error", "wait"),
        (
            "ug-Arab-CN/main.ftl",
            5,
            "missing-attribute",
            "error",
            "menu.title",
        ),
        ("ug-Arab-CN/main.ftl", 6, "terminology", "error", "pension"),
        (
            "ug-Arab-CN/main.ftl",
            7,
            "invisible-character",
            "error",
            "please-wait",
        ),
        (
            "ug-Arab-CN/main.ftl",
            10,
            "plural-coverage",
            "error",
            "queue",
        ),
        (
            "ug-Arab-CN/main.ftl",
            13,
            "obsolete-message",
            "warning",
            "old-message",
        ),
        ("mn-Mong-CN/main.ftl", 1, "draft", "info", "-"),
        (
            "mn-Mong-CN/main.ftl",
            3,
            "script-mongolian",
            "error",
            "hello",
        ),
        ("mn-Mong-CN/main.ftl", 5, "duplicate-id", "error", "wait"),
        (
            "mn-Mong-CN/main.ftl",
            8,
            "obsolete-attribute",
            "warning",
            "menu.extra",
        ),
        (
            "mn-Mong-CN/main.ftl",
            10,
            "empty-value",
            "error",
            "please-wait",
        ),
        (
            "mn-Mong-CN/main.ftl",
            11,
            "unknown-reference",
            "error",
            "about",
        ),
        (
            "mn-Mong-CN/main.ftl",
            12,
            "speakability-digits",
            "error",
            "step",
        ),
        (
            "mn-Mong-CN/main.ftl",
            13,
            "speakability-markup",
            "error",
            "announce",
        ),
    ];
    let expected: Vec<_> = expected
        .iter()
        .map(|&(f, l, r, s, m)| (f.to_owned(), l, r.to_owned(), s.to_owned(), m.to_owned()))
        .collect();
    assert_eq!(found, expected);
    assert_eq!(code, 1, "errors exit with status 1");
}

#[test]
fn the_text_report_names_file_line_rule_and_message() {
    let out = tilmach()
        .args(["l10n", "check", "--locales"])
        .arg(fixtures())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains(
            "ug-Arab-CN/main.ftl:4: error[variable-parity] ug-Arab-CN wait: lacks $count"
        ),
        "{text}"
    );
    assert!(text.ends_with("16 errors, 4 warnings, 1 notes\n"), "{text}");
}

#[test]
fn the_shipped_locales_pass_and_status_shows_every_locale() {
    let (code, found) = check_json(&shipped());
    let errors: Vec<_> = found.iter().filter(|f| f.3 == "error").collect();
    assert!(errors.is_empty(), "{errors:#?}");
    assert_eq!(code, 0);
    let out = tilmach()
        .args(["l10n", "status", "--locales"])
        .arg(shipped())
        .output()
        .unwrap();
    assert!(out.status.success());
    let table = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(lines.len(), 4, "{table}");
    assert!(lines[0].starts_with("locale") && lines[0].contains("reviewed"));
    for (line, tag) in lines[1..]
        .iter()
        .zip(["zh-Hans-CN", "ug-Arab-CN", "mn-Mong-CN"])
    {
        let cols: Vec<&str> = line.split_whitespace().collect();
        assert_eq!(cols[0], tag);
        assert_eq!(cols[2], "100%", "{line}");
        assert_eq!(cols[4], "0", "{line}");
    }
}

#[test]
fn usage_errors_exit_with_status_2() {
    for args in [
        &["l10n", "check", "--format", "yaml"][..],
        &["l10n", "check", "--locales", "/nonexistent/locales"],
        &["l10n", "export", "--locale", "xx", "--format", "po"],
        &["l10n", "export", "--locale", "ug", "--format", "csv"],
        &["l10n", "import"],
    ] {
        let out = tilmach().args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
    }
}

/// A locale set whose reference locale has one file, `text`.
fn one_file(name: &str, bytes: &[u8]) -> PathBuf {
    let root = temp_path("locales");
    let dir = root.join("zh-Hans-CN");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(name), bytes).unwrap();
    root
}

#[test]
fn hostile_files_are_clear_findings_never_a_crash() {
    let lol: String = (0..12)
        .map(|i| match i {
            0 => "l0 = 哈\n".to_owned(),
            i => format!("l{i} = {}\n", format!("{{ l{} }}", i - 1).repeat(10)),
        })
        .collect();
    let cases: Vec<(&str, Vec<u8>, &str, u64)> = vec![
        (
            "3,000 nested braces",
            format!("ok = 好\nm = {}\n", "{".repeat(3000)).into_bytes(),
            "syntax",
            2,
        ),
        (
            "3,000 nested calls",
            format!("m = {{ {}\n", "F(".repeat(3000)).into_bytes(),
            "syntax",
            1,
        ),
        (
            "3,000 nested selectors on strings",
            format!("m = {}\n", "{ \"}\" -> *[o] ".repeat(3000)).into_bytes(),
            "syntax",
            1,
        ),
        (
            "a placeable bomb",
            lol.into_bytes(),
            "reference-expansion",
            3,
        ),
        (
            "cyclic references",
            b"a = { b }\nb = { c.x }\nc = \xe4\xb8\x99\n    .x = { a }\n".to_vec(),
            "reference-cycle",
            1,
        ),
        (
            "a byte-order mark",
            b"\xEF\xBB\xBFm = \xe5\xa5\xbd\n".to_vec(),
            "encoding",
            1,
        ),
        (
            "CR-only lines",
            b"a = \xe5\xa5\xbd\rb = \xe5\xa5\xbd\r".to_vec(),
            "encoding",
            1,
        ),
        (
            "invalid UTF-8",
            b"a = \xe5\xa5\xbd\nb = \xff\xfe\n".to_vec(),
            "encoding",
            2,
        ),
    ];
    for (what, bytes, rule, line) in cases {
        let root = one_file("hostile.ftl", &bytes);
        let (code, found) = check_json(&root);
        assert!(
            found
                .iter()
                .any(|f| f.0 == "zh-Hans-CN/hostile.ftl" && f.1 == line && f.2 == rule),
            "{what}: {found:#?}"
        );
        let worst_is_error = found.iter().any(|f| f.3 == "error");
        assert_eq!(code, i32::from(worst_is_error), "{what}");
    }
}

/// Every file under `dir`, with its bytes.
fn tree(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push((
                    p.strip_prefix(dir).unwrap().to_owned(),
                    std::fs::read(&p).unwrap(),
                ));
            }
        }
    }
    out.sort();
    out
}

fn copy_tree(from: &Path, to: &Path) {
    for (rel, bytes) in tree(from) {
        let p = to.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
    }
}

fn export(root: &Path, locale: &str, format: &str, out: &Path) {
    tilmach()
        .args([
            "l10n", "export", "--locale", locale, "--format", format, "-o",
        ])
        .arg(out)
        .arg("--locales")
        .arg(root)
        .assert()
        .success();
}

/// `tilmach l10n import FILE --locales ROOT`: the exit status, standard output and error.
fn import(root: &Path, file: &Path) -> (Option<i32>, String, String) {
    let out = tilmach()
        .args(["l10n", "import"])
        .arg(file)
        .arg("--locales")
        .arg(root)
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn export_then_import_is_the_identity_on_every_shipped_locale() {
    let root = temp_path("locales");
    copy_tree(&shipped(), &root);
    let before = tree(&root);
    for locale in ["zh-Hans-CN", "ug-Arab-CN", "mn-Mong-CN"] {
        for format in ["xliff", "po"] {
            let file = temp_path(&format!(
                "{locale}.{}",
                if format == "po" { "po" } else { "xlf" }
            ));
            export(&root, locale, format, &file);
            let (code, summary, err) = import(&root, &file);
            assert_eq!(code, Some(0), "{locale} {format}: {summary} {err}");
            assert!(
                summary.starts_with(&format!("{locale}: 0 messages added, 0 changed, ")),
                "{summary}"
            );
            assert_eq!(tree(&root), before, "{locale} {format}");
        }
    }
}

#[test]
fn an_import_into_an_emptied_locale_brings_every_message_back() {
    for format in ["xliff", "po"] {
        let root = temp_path("locales");
        copy_tree(&shipped(), &root);
        let file = temp_path(&format!("ug.{format}"));
        export(&root, "ug", format, &file);
        std::fs::remove_dir_all(root.join("ug-Arab-CN")).unwrap();
        let (code, summary, err) = import(&root, &file);
        assert_eq!(code, Some(0), "{summary}{err}");
        let shipped_messages = tilmach::l10n::Catalog::load(&shipped())
            .unwrap()
            .message_ids(tilmach::Language::Uyghur)
            .len();
        assert!(
            summary.starts_with(&format!(
                "ug-Arab-CN: {shipped_messages} messages added, 0 changed"
            )),
            "{summary}"
        );
        let again = temp_path(&format!("ug-again.{format}"));
        export(&root, "ug", format, &again);
        assert_eq!(
            std::fs::read(&again).unwrap(),
            std::fs::read(&file).unwrap()
        );
        let (_, found) = check_json(&root);
        assert!(found.iter().all(|f| f.3 != "error"), "{found:#?}");
    }
}

/// An import file over the 64 MiB limit is refused by its size, before it is read, and changes
/// nothing.
#[test]
fn an_oversized_import_is_refused_before_it_is_read() {
    let root = temp_path("locales");
    copy_tree(&shipped(), &root);
    let file = temp_path("huge.po");
    std::fs::File::create(&file)
        .unwrap()
        .set_len((64 << 20) + 1)
        .unwrap();
    let before = tree(&root);
    let (code, _, err) = import(&root, &file);
    assert_eq!(code, Some(1));
    assert!(err.contains("larger than 67108864 bytes"), "{err}");
    assert_eq!(tree(&root), before);
}

#[test]
fn a_refused_import_changes_nothing_and_says_why() {
    let root = temp_path("locales");
    copy_tree(&shipped(), &root);
    let file = temp_path("ug.po");
    export(&root, "ug", "po", &file);
    let po = std::fs::read_to_string(&file).unwrap();
    let broken = po.replacen(
        "{ $count } ئادەم كۈتۈۋاتىدۇ",
        "{ $count ئادەم كۈتۈۋاتىدۇ",
        1,
    );
    assert_ne!(broken, po);
    std::fs::write(&file, broken).unwrap();
    let before = tree(&root);
    let (code, _, err) = import(&root, &file);
    assert_eq!(code, Some(1));
    assert!(
        err.contains("nothing was imported") && err.contains("not valid Fluent"),
        "{err}"
    );
    assert_eq!(tree(&root), before);
}

/// `l10n import` killed with SIGKILL at 200 points of its run: afterwards every locale
/// file is byte for byte either its old or its new version (files are replaced by renames),
/// never a mix or a truncation.
#[test]
fn an_import_killed_at_any_point_leaves_each_file_old_or_new() {
    use std::collections::HashMap;
    let old_root = temp_path("old");
    copy_tree(&shipped(), &old_root);
    let file = temp_path("ug.po");
    export(&old_root, "ug-Arab-CN", "po", &file);
    let po = std::fs::read_to_string(&file).unwrap();
    let edited: String = po
        .lines()
        .map(|l| match l.strip_prefix("msgstr \"") {
            Some(rest) if !rest.starts_with('"') => format!("msgstr \"ياخشى {rest}\n"),
            _ => format!("{l}\n"),
        })
        .collect();
    std::fs::write(&file, edited).unwrap();
    let new_root = temp_path("new");
    copy_tree(&shipped(), &new_root);
    let started = std::time::Instant::now();
    let (code, _, err) = import(&new_root, &file);
    let whole = started.elapsed();
    assert_eq!(code, Some(0), "{err}");
    let old: HashMap<PathBuf, Vec<u8>> = tree(&old_root).into_iter().collect();
    let new: HashMap<PathBuf, Vec<u8>> = tree(&new_root).into_iter().collect();
    let changed = old.iter().filter(|(p, b)| new.get(*p) != Some(*b)).count();
    assert!(changed >= 10, "the import changes many files ({changed})");

    let (mut partly, mut untouched, mut complete) = (0, 0, 0);
    for i in 0..200u32 {
        let root = temp_path("killed");
        copy_tree(&old_root, &root);
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("tilmach"))
            .args(["l10n", "import"])
            .arg(&file)
            .arg("--locales")
            .arg(&root)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        // A quarter of the kills over the whole run, the rest packed around its end, where the
        // files are written (the run before that reads and validates).
        let at = if i % 4 == 0 {
            1.2 * f64::from(i) / 200.0
        } else {
            0.75 + 0.4 * f64::from(i) / 200.0
        };
        std::thread::sleep(whole.mul_f64(at));
        let _ = child.kill();
        child.wait().unwrap();
        let mut news = 0;
        for (path, before) in &old {
            let now = std::fs::read(root.join(path))
                .unwrap_or_else(|e| panic!("kill {i}: {} is gone: {e}", path.display()));
            if &now == before {
                continue;
            }
            assert_eq!(
                Some(&now),
                new.get(path),
                "kill {i}: {} is neither the old nor the new version",
                path.display()
            );
            news += 1;
        }
        match news {
            0 => untouched += 1,
            n if n == changed => complete += 1,
            _ => partly += 1,
        }
        let _ = std::fs::remove_dir_all(&root);
    }
    eprintln!(
        "200 kills: {untouched} before any file was replaced, {partly} part way, {complete} after all"
    );
}
