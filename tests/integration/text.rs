//! `tilmach normalize` (and, with it, the text front end as a user sees it).

use crate::util::tilmach;

#[test]
fn normalize_prints_one_line_per_input_line_without_digits() {
    let input = "请拨打12345。\n费用20.50元，9:30-13:30办理\n\n第3号窗口\n";
    let out = tilmach()
        .args(["normalize", "--lang", "zh"])
        .write_stdin(input)
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        text,
        "请拨打幺二三四五。\n费用二十元五角，九点三十分到十三点三十分办理\n\n第三号窗口\n"
    );
    for (tag, line) in [
        ("ug", "2021-يىلى 1-ئاينىڭ 15-كۈنى 12345 گە"),
        ("mn", "80 ᠨᠠᠰᠤ 12345"),
    ] {
        let out = tilmach()
            .args(["normalize", "--lang", tag, line])
            .output()
            .unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        assert_eq!(text.lines().count(), 1);
        assert!(!text.chars().any(|c| c.is_ascii_digit()), "{tag}: {text}");
    }
}

/// An endless input (`--file /dev/zero`, a runaway pipe) is refused after the 16 MiB text limit,
/// with the limit named, instead of being read until memory runs out.
#[test]
fn endless_input_is_refused_at_the_text_limit() {
    let out = tilmach()
        .args(["normalize", "--lang", "zh", "--file", "/dev/zero"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("/dev/zero: larger than 16777216 bytes"),
        "{err}"
    );
    let out = tilmach()
        .args(["speak", "--lang", "zh", "-o", "-"])
        .write_stdin(vec![b'a'; (16 << 20) + 1])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty(), "nothing is spoken");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("standard input: larger than"), "{err}");
}
