//! Round trips through XLIFF and PO, validation, and interrupted writes.

use std::path::Path;

use proptest::prelude::*;

use super::*;

fn write_files(root: &Path, files: &[(&str, &str)]) {
    for (path, text) in files {
        let p = root.join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
}

const ZH: &str = "# The welcome.\n# Two lines.\nwelcome = 欢迎。\nwait =\n    { $count ->\n        [one] 还有一位\n       *[other] 还有{ $count }位\n    }\nmenu = 菜单\n    .title = 主菜单\n";
const UG: &str = "### review: draft\n\n# review: reviewed Aynur 2026-11-01\nwelcome = خۇش كەپسىز.\nwait =\n    { $count ->\n        [one] يەنە بىر ئادەم\n       *[other] يەنە { $count } ئادەم\n    }\nmenu = تىزىملىك\n    .title = باش تىزىملىك\nkept = ساقلىنىدۇ\n";

fn import_text(root: &Path, name: &str, text: &str) -> Result<ImportPlan> {
    plan_import(root, Path::new(name), text.as_bytes())
}

#[test]
fn export_then_import_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    write_files(
        dir.path(),
        &[("zh-Hans-CN/a.ftl", ZH), ("ug-Arab-CN/a.ftl", UG)],
    );
    for format in [Format::Xliff, Format::Po] {
        for lang in [Language::Mandarin, Language::Uyghur, Language::Mongolian] {
            let text = export(dir.path(), lang, format).unwrap();
            let plan = import_text(dir.path(), &format!("x.{}", format.extension()), &text)
                .unwrap_or_else(|e| panic!("{lang} {format}: {e}\n{text}"));
            assert!(plan.is_empty(), "{lang} {format}: {}", plan.summary(false));
        }
    }
}

#[test]
fn import_into_an_empty_locale_recreates_every_message() {
    let dir = tempfile::tempdir().unwrap();
    write_files(
        dir.path(),
        &[("zh-Hans-CN/a.ftl", ZH), ("ug-Arab-CN/a.ftl", UG)],
    );
    for format in [Format::Xliff, Format::Po] {
        let text = export(dir.path(), Language::Uyghur, format).unwrap();
        let empty = tempfile::tempdir().unwrap();
        write_files(empty.path(), &[("zh-Hans-CN/a.ftl", ZH)]);
        let plan = import_text(empty.path(), "t.x", &text).unwrap();
        plan.apply().unwrap();
        assert_eq!(
            export(empty.path(), Language::Uyghur, format).unwrap(),
            text,
            "{format}"
        );
        let written = std::fs::read_to_string(empty.path().join("ug-Arab-CN/a.ftl")).unwrap();
        assert!(written.contains("# review: reviewed Aynur 2026-11-01\nwelcome ="));
        assert!(written.contains("    .title = باش تىزىملىك\n"));
    }
}

#[test]
fn changes_replace_only_their_message_and_keep_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    write_files(
        dir.path(),
        &[("zh-Hans-CN/a.ftl", ZH), ("ug-Arab-CN/a.ftl", UG)],
    );
    let text = export(dir.path(), Language::Uyghur, Format::Po)
        .unwrap()
        .replace("msgstr \"تىزىملىك\"", "msgstr \"يېڭى تىزىملىك\"");
    let plan = import_text(dir.path(), "t.po", &text).unwrap();
    assert!(
        plan.summary(true).contains("changed: menu"),
        "{}",
        plan.summary(true)
    );
    plan.apply().unwrap();
    let after = std::fs::read_to_string(dir.path().join("ug-Arab-CN/a.ftl")).unwrap();
    assert_eq!(after, UG.replace("menu = تىزىملىك", "menu = يېڭى تىزىملىك"));
}

#[test]
fn bad_translations_are_refused_before_anything_is_written() {
    let dir = tempfile::tempdir().unwrap();
    write_files(
        dir.path(),
        &[("zh-Hans-CN/a.ftl", ZH), ("ug-Arab-CN/a.ftl", UG)],
    );
    let po = export(dir.path(), Language::Uyghur, Format::Po).unwrap();
    for (what, from, to, expect) in [
        (
            "syntax",
            "msgstr \"خۇش كەپسىز.\"",
            "msgstr \"خۇش { $count\"",
            "not valid Fluent",
        ),
        (
            "a new error",
            "msgstr \"خۇش كەپسىز.\"",
            "msgstr \"خۇش { $name }\"",
            "variable-parity",
        ),
        (
            "a path outside",
            "a.ftl:menu\"",
            "../../x.ftl:menu\"",
            "not a Fluent file",
        ),
        (
            "a bad id",
            "a.ftl:menu\"",
            "a.ftl:menu item\"",
            "not a Fluent message id",
        ),
    ] {
        let bad = po.replacen(from, to, 1);
        assert_ne!(bad, po, "{what}");
        let err = import_text(dir.path(), "t.po", &bad)
            .unwrap_err()
            .to_string();
        assert!(err.contains(expect), "{what}: {err}");
    }
    assert_eq!(
        std::fs::read_to_string(dir.path().join("ug-Arab-CN/a.ftl")).unwrap(),
        UG
    );
}

#[test]
fn an_import_interrupted_midway_leaves_every_file_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    write_files(
        dir.path(),
        &[
            ("zh-Hans-CN/a.ftl", ZH),
            ("zh-Hans-CN/b.ftl", "other = 其他\n"),
            ("ug-Arab-CN/a.ftl", UG),
            ("ug-Arab-CN/b.ftl", "other = باشقا\n"),
        ],
    );
    let text = export(dir.path(), Language::Uyghur, Format::Xliff)
        .unwrap()
        .replace(
            "<target>تىزىملىك</target>",
            "<target>يېڭى تىزىملىك</target>",
        )
        .replace("<target>باشقا</target>", "<target>باشقىلار</target>");
    let plan = import_text(dir.path(), "t.xlf", &text).unwrap();
    assert_eq!(plan.files.len(), 2);
    let before: Vec<Vec<u8>> = ["a.ftl", "b.ftl"]
        .iter()
        .map(|f| std::fs::read(dir.path().join("ug-Arab-CN").join(f)).unwrap())
        .collect();
    // The first file is written whole, the second fails after 5 bytes.
    let calls = std::cell::Cell::new(0);
    let err = plan
        .apply_with(&|f| {
            calls.set(calls.get() + 1);
            let left = if calls.get() == 1 { usize::MAX } else { 5 };
            Box::new(atomic::tests::FailAfter { inner: f, left })
        })
        .unwrap_err();
    assert!(err.to_string().contains("simulated failure"), "{err}");
    for (f, old) in ["a.ftl", "b.ftl"].iter().zip(&before) {
        assert_eq!(
            &std::fs::read(dir.path().join("ug-Arab-CN").join(f)).unwrap(),
            old,
            "{f}"
        );
    }
    let names: Vec<_> = std::fs::read_dir(dir.path().join("ug-Arab-CN"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 2, "temporary files left: {names:?}");
}

#[test]
fn hostile_exchange_files_are_errors_with_a_line() {
    let dir = tempfile::tempdir().unwrap();
    write_files(dir.path(), &[("zh-Hans-CN/a.ftl", ZH)]);
    for (name, text, expect) in [
        ("x.xlf", "<xliff><file original=\"a.ftl\"", "XML"),
        ("x.xlf", "<!DOCTYPE x [<!ENTITY a \"aaaa\">]><xliff/>", "DOCTYPE"),
        (
            "x.xlf",
            "<xliff version=\"1.2\"><file original=\"a.ftl\" target-language=\"ug\"><body><trans-unit id=\"welcome\"><source>x</source><target>a<g id=\"1\">b</g></target></trans-unit></body></file></xliff>",
            "inline element",
        ),
        ("x.po", "msgid \"a\nmsgstr \"b\"\n", "quoted"),
        ("x.po", "msgid \"\"\nmsgstr \"Language: tlh\\n\"\n", "unsupported language"),
        ("x.po", "msgctxt \"a.ftl:welcome\"\nmsgid \"a\"\nmsgstr \"b\"\n", "Language"),
    ] {
        let err = import_text(dir.path(), name, text).unwrap_err().to_string();
        assert!(err.contains(expect), "{text}: {err}");
    }
}

/// A Fluent identifier.
fn ident() -> impl Strategy<Value = String> {
    "[a-z][a-z0-9-]{0,8}"
}

/// Text in Uyghur letters and spaces, no leading or trailing space.
fn words() -> impl Strategy<Value = String> {
    proptest::collection::vec("[ئابپتجچخدرزسشغفقكگڭلمنھوۇۆۈۋېىيە]{1,6}", 1..4)
        .prop_map(|w| w.join(" "))
}

/// A pattern: one line, several lines, or a selector on `$n`; the variables it uses.
fn pattern() -> impl Strategy<Value = String> {
    prop_oneof![
        words(),
        (words(), words()).prop_map(|(a, b)| format!("{a} {{ $n }} {b}")),
        proptest::collection::vec(words(), 2..4)
            .prop_map(|lines| format!("\n    {}", lines.join("\n    "))),
        (words(), words()).prop_map(|(a, b)| format!(
            "\n    {{ $n ->\n        [one] {a}\n       *[other] {{ $n }} {b}\n    }}"
        )),
    ]
}

#[derive(Debug, Clone)]
struct Msg {
    id: String,
    comment: Option<String>,
    value: String,
    attributes: Vec<(String, String)>,
}

fn message() -> impl Strategy<Value = Msg> {
    (
        ident(),
        proptest::option::of(proptest::collection::vec(words(), 1..3)),
        pattern(),
        proptest::collection::vec((ident(), words()), 0..3),
    )
        .prop_map(|(id, comment, value, attributes)| Msg {
            id,
            comment: comment.map(|c| c.join("\n")),
            value,
            attributes,
        })
}

fn ftl(messages: &[Msg]) -> String {
    let mut out = String::new();
    let mut seen = std::collections::BTreeSet::new();
    for m in messages {
        if !seen.insert(m.id.clone()) {
            continue;
        }
        if let Some(c) = &m.comment {
            for l in c.split('\n') {
                out.push_str(&format!("# {l}\n"));
            }
        }
        out.push_str(&format!(
            "{} ={}{}\n",
            m.id,
            if m.value.starts_with('\n') { "" } else { " " },
            m.value
        ));
        let mut names = std::collections::BTreeSet::new();
        for (a, v) in &m.attributes {
            if names.insert(a.clone()) {
                out.push_str(&format!("    .{a} = {v}\n"));
            }
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Generated Fluent survives export and import into an empty locale: the locale exports
    /// the same again, and importing that export into the result changes nothing.
    #[test]
    fn generated_ftl_round_trips(messages in proptest::collection::vec(message(), 1..6), po in any::<bool>()) {
        let format = if po { Format::Po } else { Format::Xliff };
        let text = ftl(&messages);
        let dir = tempfile::tempdir().unwrap();
        write_files(dir.path(), &[("zh-Hans-CN/m.ftl", &text), ("ug-Arab-CN/m.ftl", &text)]);
        let exported = export(dir.path(), Language::Uyghur, format).unwrap();
        prop_assert!(import_text(dir.path(), "t.x", &exported).unwrap().is_empty());
        let empty = tempfile::tempdir().unwrap();
        write_files(empty.path(), &[("zh-Hans-CN/m.ftl", &text)]);
        import_text(empty.path(), "t.x", &exported).unwrap().apply().unwrap();
        prop_assert_eq!(export(empty.path(), Language::Uyghur, format).unwrap(), exported);
        let written = std::fs::read_to_string(empty.path().join("ug-Arab-CN/m.ftl")).unwrap();
        let original = fluent_syntax::parser::parse(text.as_str()).unwrap();
        let again = fluent_syntax::parser::parse(written.as_str()).unwrap();
        prop_assert_eq!(original.body.len(), again.body.len());
        for (a, b) in original.body.iter().zip(&again.body) {
            let (fluent_syntax::ast::Entry::Message(a), fluent_syntax::ast::Entry::Message(b)) = (a, b) else {
                prop_assert!(false, "not messages");
                unreachable!()
            };
            prop_assert_eq!(a.id.name, b.id.name);
            prop_assert_eq!(&a.comment, &b.comment);
            prop_assert!(document::same_pattern(a.value.as_ref().unwrap(), b.value.as_ref().unwrap()));
            prop_assert_eq!(a.attributes.len(), b.attributes.len());
            for (x, y) in a.attributes.iter().zip(&b.attributes) {
                prop_assert_eq!(x.id.name, y.id.name);
                prop_assert!(document::same_pattern(&x.value, &y.value));
            }
        }
    }
}
