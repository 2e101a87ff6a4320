//! The pages and the widget in real headless Chromium, driven over WebDriver (Debian's
//! chromium and chromium-driver, which scripts/bootstrap installs). Skipped with a message when
//! they are not installed, except under CI, where that is a failure.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::server::Served;

const CHROMIUM: &str = "/usr/lib/chromium/chromium";
const DRIVER: &str = "/usr/bin/chromedriver";

/// A WebDriver session on a private chromedriver, ended when dropped.
struct Browser {
    driver: Child,
    base: String,
    session: String,
    agent: ureq::Agent,
}

impl Browser {
    fn start() -> Option<Browser> {
        if !Path::new(CHROMIUM).exists() || !Path::new(DRIVER).exists() {
            let why = format!("{CHROMIUM} or {DRIVER} is not installed (scripts/bootstrap installs chromium and chromium-driver)");
            if std::env::var_os("CI").is_some() {
                panic!("browser tests cannot run under CI: {why}");
            }
            eprintln!("skipping the browser tests: {why}");
            return None;
        }
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let driver = Command::new(DRIVER)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(60)))
            .build()
            .into();
        let base = format!("http://127.0.0.1:{port}");
        let deadline = Instant::now() + Duration::from_secs(20);
        while agent.get(&format!("{base}/status")).call().is_err() {
            assert!(Instant::now() < deadline, "chromedriver did not start");
            std::thread::sleep(Duration::from_millis(100));
        }
        let mut b = Browser {
            driver,
            base,
            session: String::new(),
            agent,
        };
        let caps = json!({"capabilities": {"alwaysMatch": {"browserName": "chrome", "goog:chromeOptions": {
            "binary": CHROMIUM,
            "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--autoplay-policy=no-user-gesture-required", "--window-size=1280,900", "--lang=zh-CN"]
        }}}});
        let v = b.call("POST", "/session", Some(caps));
        b.session = v["sessionId"].as_str().expect("a session").to_owned();
        Some(b)
    }

    fn call(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let url = if path == "/session" {
            format!("{}{path}", self.base)
        } else {
            format!("{}/session/{}{path}", self.base, self.session)
        };
        let reply = match method {
            "GET" => self.agent.get(&url).call(),
            _ => self.agent.post(&url).send_json(body.unwrap_or(json!({}))),
        };
        let mut reply = reply.unwrap_or_else(|e| panic!("{method} {path}: {e}"));
        let status = reply.status();
        let v: Value = serde_json::from_slice(
            &reply
                .body_mut()
                .with_config()
                .limit(64 << 20)
                .read_to_vec()
                .unwrap(),
        )
        .unwrap();
        assert!(status.is_success(), "{method} {path}: {status} {v}");
        v["value"].clone()
    }

    fn open(&self, url: &str) {
        self.call("POST", "/url", Some(json!({ "url": url })));
    }

    /// Runs `script` (a function body; `return` gives the value).
    fn js(&self, script: &str) -> Value {
        self.call(
            "POST",
            "/execute/sync",
            Some(json!({ "script": script, "args": [] })),
        )
    }

    /// Waits up to `secs` for `script` to return true.
    fn wait(&self, secs: u64, script: &str, what: &str) {
        let deadline = Instant::now() + Duration::from_secs(secs);
        while self.js(script) != json!(true) {
            assert!(Instant::now() < deadline, "timed out waiting for {what}");
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn press_tab(&self) {
        let tab = "\u{E004}";
        self.call(
            "POST",
            "/actions",
            Some(
                json!({"actions": [{"type": "key", "id": "keyboard", "actions": [
            {"type": "keyDown", "value": tab}, {"type": "keyUp", "value": tab}]}]}),
            ),
        );
    }

    fn screenshot(&self, path: &Path) {
        let b64 = self.call("GET", "/screenshot", None);
        std::fs::write(path, base64_decode(b64.as_str().unwrap())).unwrap();
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        if !self.session.is_empty() {
            let _ = self
                .agent
                .delete(&format!("{}/session/{}", self.base, self.session))
                .call();
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

fn base64_decode(s: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        b'/' => 63,
        _ => panic!("not base64: {c}"),
    };
    let bytes: Vec<u8> = s
        .bytes()
        .filter(|c| !c.is_ascii_whitespace() && *c != b'=')
        .collect();
    let mut out = Vec::with_capacity(bytes.len() * 3 / 4);
    for chunk in bytes.chunks(4) {
        let mut n = 0u32;
        for (i, &c) in chunk.iter().enumerate() {
            n |= u32::from(value(c)) << (18 - 6 * i);
        }
        out.extend_from_slice(&n.to_be_bytes()[1..chunk.len()]);
    }
    out
}

/// Where screenshots go: `target/browser-screenshots/`.
fn artifacts() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .unwrap()
        .join("browser-screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Measures what MIIT's elder-friendly standard asks of a page, in the browser.
const ELDER_CHECKS: &str = r#"
const cs = getComputedStyle(document.body);
const rgb = s => s.match(/[\d.]+/g).slice(0, 3).map(Number);
const lum = c => { const [r, g, b] = c.map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
const ratio = (a, b) => { const [x, y] = [lum(rgb(a)), lum(rgb(b))].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
let bg = getComputedStyle(document.documentElement).backgroundColor;
if (bg === 'rgba(0, 0, 0, 0)') bg = 'rgb(255, 255, 255)';
const small = [...document.querySelectorAll('a, button')].filter(e => {
  const r = e.getBoundingClientRect(); const s = getComputedStyle(e);
  return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && e.className !== 'tm-skip' && (r.width < 60 || r.height < 60);
}).map(e => e.outerHTML.slice(0, 80));
const lowContrast = [...document.querySelectorAll('a, button, p, li, h1, h2')].filter(e => {
  const s = getComputedStyle(e); let b = s.backgroundColor; if (b === 'rgba(0, 0, 0, 0)') b = bg;
  return ratio(s.color, b) < 4.5;
}).map(e => e.outerHTML.slice(0, 80));
return { lang: document.documentElement.lang, dir: cs.direction, writingMode: cs.writingMode,
  fontSize: parseFloat(cs.fontSize), lineHeight: parseFloat(cs.lineHeight), small, lowContrast,
  controlsShown: !document.querySelector('.tm-controls').hidden,
  fonts: [...document.fonts].filter(f => f.status === 'loaded').map(f => f.family) };
"#;

#[test]
fn elder_pages_read_aloud_and_widget_in_chromium() {
    let Some(browser) = Browser::start() else {
        return;
    };
    let s = Served::start(&[]);

    for (lang, dir, mode) in [
        ("zh-Hans-CN", "ltr", "horizontal-tb"),
        ("ug-Arab-CN", "rtl", "horizontal-tb"),
        ("mn-Mong-CN", "ltr", "vertical-lr"),
    ] {
        browser.open(&s.url(&format!(
            "/guides/pension-collection?lang={lang}&mode=elder"
        )));
        browser.js("return document.fonts.ready.then(() => true)");
        let m = browser.js(ELDER_CHECKS);
        assert_eq!(m["lang"], lang);
        assert_eq!(m["dir"], dir, "{lang}");
        assert_eq!(m["writingMode"], mode, "{lang}");
        let size = m["fontSize"].as_f64().unwrap();
        assert!(size >= 24.0, "{lang}: body text {size}px is under 18pt");
        let spacing = m["lineHeight"].as_f64().unwrap() / size;
        assert!(spacing >= 1.3, "{lang}: line height {spacing}");
        assert_eq!(
            m["small"],
            json!([]),
            "{lang}: touch targets under 60x60 px"
        );
        assert_eq!(m["lowContrast"], json!([]), "{lang}: contrast under 4.5:1");
        assert_eq!(
            m["controlsShown"], true,
            "{lang}: the script shows the read-aloud controls"
        );
        if lang == "mn-Mong-CN" && s_has_font() {
            assert!(
                m["fonts"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|f| f == "Tilmach Mongolian"),
                "the served Mongolian font is used: {}",
                m["fonts"]
            );
        }
        browser.screenshot(&artifacts().join(format!("elder-{lang}.png")));
    }

    // Keyboard: the first Tab lands on the skip link, with a visible focus ring.
    browser.open(&s.url("/guides/hotline-12345?lang=zh&mode=elder"));
    browser.press_tab();
    let focus = browser.js("const e = document.activeElement; const s = getComputedStyle(e); return [e.className, s.outlineStyle, parseFloat(s.outlineWidth)]");
    assert_eq!(focus[0], "tm-skip", "{focus}");
    assert_eq!(focus[1], "solid");
    assert!(focus[2].as_f64().unwrap() >= 3.0);

    // Read-aloud: audio starts, and the highlight moves from sentence to sentence.
    // Pressed as a script would (a WebDriver click right after the keyboard actions above was
    // sometimes not delivered to the page in headless Chromium 156).
    browser.js("document.querySelector('.tm-read').click(); return true");
    browser.wait(30, "const a = document.querySelector('.tm-controls audio'); return !!a && a.currentTime > 0.2 && !a.paused", "audio to play");
    let mut seen: Vec<i64> = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(30);
    while seen.len() < 3 && Instant::now() < deadline {
        let now = browser.js("const n = document.querySelectorAll('.tm-s.tm-now'); return n.length === 1 ? Number(n[0].dataset.s) : -1");
        let n = now.as_i64().unwrap();
        if n >= 0 && seen.last() != Some(&n) {
            seen.push(n);
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(
        seen.len() >= 3 && seen.windows(2).all(|w| w[1] > w[0]),
        "highlighted sentences {seen:?}"
    );
    let t1 = browser
        .js("return document.querySelector('.tm-controls audio').currentTime")
        .as_f64()
        .unwrap();
    browser.js("document.querySelector('.tm-pause').click(); return true");
    let t2 = browser
        .js("return document.querySelector('.tm-controls audio').currentTime")
        .as_f64()
        .unwrap();
    std::thread::sleep(Duration::from_millis(400));
    let t3 = browser
        .js("return document.querySelector('.tm-controls audio').currentTime")
        .as_f64()
        .unwrap();
    assert!(t2 >= t1 && (t3 - t2).abs() < 0.05, "paused: {t1} {t2} {t3}");
    browser.js("document.querySelector('.tm-pause').click(); return true");
    browser.wait(
        10,
        &format!(
            "return document.querySelector('.tm-controls audio').currentTime > {}",
            t3 + 0.2
        ),
        "resumed audio",
    );

    // The widget on a plain page of another origin reads the selection.
    let page = crate::util::temp_path("plain.html");
    std::fs::write(&page, format!(
        "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>plain</title>\
         <script>var before = Object.keys(window);</script>\
         <style>button {{ color: red; }}</style></head><body>\
         <h1>通知</h1><p id=\"a\">请带好身份证和社保卡，到一号窗口办理。</p><p id=\"b\">咨询电话12345。</p>\
         <script src=\"{}/widget.js\"></script>\
         <script>var added = Object.keys(window).filter(k => !before.includes(k) && k !== 'added');</script></body></html>", s.base)).unwrap();
    browser.open(&format!("file://{}", page.display()));
    browser.wait(10, "return !!window.TilmachWidget", "the widget");
    let globals = browser.js("return added");
    assert_eq!(globals, json!(["TilmachWidget"]), "one global only");
    let selected = browser.js("const r = document.createRange(); r.selectNodeContents(document.getElementById('b')); getSelection().removeAllRanges(); getSelection().addRange(r); return getSelection().toString()");
    browser.js("const b = document.querySelector('[data-tilmach-widget]').shadowRoot.querySelectorAll('button')[1]; b.click(); return true");
    browser.wait(
        30,
        "const s = TilmachWidget.state(); return s.playing && s.currentTime > 0.2",
        "the widget to read the selection",
    );
    let state = browser.js("return TilmachWidget.state()");
    assert_eq!(state["text"], selected);
    assert_eq!(state["lang"], "zh");
    assert_eq!(state["error"], "");
    let host_button = browser.js("return document.querySelectorAll('button').length");
    assert_eq!(host_button, 0, "the toolbar lives in a shadow root");
    browser.screenshot(&artifacts().join("widget.png"));
}

fn s_has_font() -> bool {
    Path::new("/usr/share/fonts/truetype/noto/NotoSansMongolian-Regular.ttf").exists()
}
