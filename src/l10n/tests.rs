use super::*;

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn fixture() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "zh-Hans-CN/prompts.ftl",
        "prompt-hello = 您好，{ $name }。\nprompt-only-zh = 只有中文。\nprompt-wait = 前面还有{ $count }人。\n    .short = 请稍等\n",
    );
    write(
        dir.path(),
        "ug-Arab-CN/prompts.ftl",
        "### review: draft\n\nprompt-hello = ياخشىمۇسىز، { $name }.\n# review: reviewed Aynur 2026-11-01\nprompt-wait = { $count ->\n    [one] ئالدىڭىزدا بىر كىشى بار.\n   *[other] ئالدىڭىزدا { $count } كىشى بار.\n}\n    .short = ساقلاڭ\n",
    );
    dir
}

#[test]
fn formats_with_arguments_and_plurals() {
    let catalog = Catalog::load(fixture().path()).unwrap();
    let mut args = FluentArgs::new();
    args.set("count", 1);
    let mut warnings = Vec::new();
    let one = catalog
        .format(
            Language::Uyghur,
            "prompt-wait",
            None,
            Some(&args),
            Usage::Speech,
            &mut warnings,
        )
        .unwrap();
    assert_eq!(one, "ئالدىڭىزدا بىر كىشى بار.");
    args.set("count", 5);
    let many = catalog
        .format(
            Language::Uyghur,
            "prompt-wait",
            None,
            Some(&args),
            Usage::Speech,
            &mut warnings,
        )
        .unwrap();
    assert_eq!(many, "ئالدىڭىزدا 5 كىشى بار.");
    let short = catalog
        .format(
            Language::Uyghur,
            "prompt-wait",
            Some("short"),
            None,
            Usage::Speech,
            &mut warnings,
        )
        .unwrap();
    assert_eq!(short, "ساقلاڭ");
    assert!(warnings.is_empty(), "{warnings:?}");
}

#[test]
fn isolation_marks_for_display_only() {
    let catalog = Catalog::load(fixture().path()).unwrap();
    let mut args = FluentArgs::new();
    args.set("name", "Ali");
    let mut w = Vec::new();
    let shown = catalog
        .format(
            Language::Uyghur,
            "prompt-hello",
            None,
            Some(&args),
            Usage::Display,
            &mut w,
        )
        .unwrap();
    let spoken = catalog
        .format(
            Language::Uyghur,
            "prompt-hello",
            None,
            Some(&args),
            Usage::Speech,
            &mut w,
        )
        .unwrap();
    assert_eq!(shown, "ياخشىمۇسىز، \u{2068}Ali\u{2069}.");
    assert_eq!(spoken, "ياخشىمۇسىز، Ali.");
}

#[test]
fn missing_message_falls_back_and_is_reported() {
    let catalog = Catalog::load(fixture().path()).unwrap();
    let mut warnings = Vec::new();
    let text = catalog
        .format(
            Language::Mongolian,
            "prompt-only-zh",
            None,
            None,
            Usage::Speech,
            &mut warnings,
        )
        .unwrap();
    assert_eq!(text, "只有中文。");
    assert_eq!(
        warnings,
        vec![Warning::FellBack {
            id: "prompt-only-zh".into(),
            requested: Language::Mongolian
        }]
    );
    assert!(warnings[0].to_string().contains("missing in mn-Mong-CN"));
    let err = catalog
        .speech(Language::Uyghur, "prompt-nowhere")
        .unwrap_err();
    assert!(err.to_string().contains("prompt-nowhere"), "{err}");
}

#[test]
fn a_missing_variable_is_a_warning_not_a_failure() {
    let catalog = Catalog::load(fixture().path()).unwrap();
    let mut warnings = Vec::new();
    let text = catalog
        .format(
            Language::Mandarin,
            "prompt-hello",
            None,
            None,
            Usage::Speech,
            &mut warnings,
        )
        .unwrap();
    assert!(text.starts_with("您好"));
    assert!(
        matches!(&warnings[..], [Warning::Format { .. }]),
        "{warnings:?}"
    );
}

#[test]
fn variables_origins_and_review_state() {
    let catalog = Catalog::load(fixture().path()).unwrap();
    let vars: Vec<_> = catalog
        .variables(Language::Uyghur, "prompt-wait")
        .unwrap()
        .iter()
        .cloned()
        .collect();
    assert_eq!(vars, ["count"]);
    let origin = catalog.origin(Language::Uyghur, "prompt-wait").unwrap();
    assert_eq!(origin.line, 5);
    assert!(origin.path.ends_with("ug-Arab-CN/prompts.ftl"));
    assert_eq!(
        catalog.review(Language::Uyghur, "prompt-hello"),
        Some(&Review::Draft)
    );
    assert_eq!(
        catalog.review(Language::Uyghur, "prompt-wait"),
        Some(&Review::Reviewed("reviewed Aynur 2026-11-01".into()))
    );
    assert_eq!(
        catalog.review(Language::Mandarin, "prompt-wait"),
        Some(&Review::Source)
    );
    assert_eq!(
        catalog
            .attributes(Language::Mandarin, "prompt-wait")
            .unwrap(),
        ["short"]
    );
}

#[test]
fn a_malformed_file_names_path_line_and_column() {
    let dir = fixture();
    write(
        dir.path(),
        "ug-Arab-CN/broken.ftl",
        "ok-one = بىر\n\nbad message without equals\nok-two = ئىككى\n",
    );
    let err = Catalog::load(dir.path()).err().unwrap().to_string();
    assert!(err.contains("ug-Arab-CN/broken.ftl:3:"), "{err}");
}

#[test]
fn duplicates_nesting_bombs_and_bad_utf8_are_clear_errors() {
    let dir = fixture();
    write(
        dir.path(),
        "zh-Hans-CN/more.ftl",
        "\nprompt-hello = 又一个\n",
    );
    let err = Catalog::load(dir.path()).err().unwrap().to_string();
    assert!(
        err.contains("prompts.ftl:1:")
            && err.contains("already defined at")
            && err.contains("more.ftl:2"),
        "{err}"
    );

    let dir = fixture();
    write(
        dir.path(),
        "zh-Hans-CN/bomb.ftl",
        &format!("m = {}\n", "{".repeat(3000)),
    );
    let err = Catalog::load(dir.path()).err().unwrap().to_string();
    assert!(
        err.contains("bomb.ftl:1:") && err.contains("nested"),
        "{err}"
    );

    let dir = fixture();
    std::fs::write(
        dir.path().join("zh-Hans-CN/latin1.ftl"),
        b"a = ok\nb = caf\xe9\n",
    )
    .unwrap();
    let err = Catalog::load(dir.path()).err().unwrap().to_string();
    assert!(
        err.contains("latin1.ftl:2:") && err.contains("UTF-8"),
        "{err}"
    );
}

#[test]
fn a_file_the_fluent_parser_would_crash_on_is_an_error_with_its_line() {
    let dir = fixture();
    write(
        dir.path(),
        "ug-Arab-CN/escape.ftl",
        "ok = ياخشى\nbad = { \"\\U01F6ئ\" }\n",
    );
    match Catalog::load(dir.path()) {
        Err(Error::Ftl {
            path,
            line,
            column,
            message,
        }) => {
            assert!(path.ends_with("escape.ftl"));
            assert_eq!((line, column), (2, 10));
            assert!(message.contains("\\u escape"), "{message}");
        }
        other => panic!("{:?}", other.map(|_| ())),
    }
}
