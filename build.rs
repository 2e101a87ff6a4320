//! Compiles the espeak-ng voice data that tilmach embeds.
//!
//! The `espeak-rs-sys` crate builds the espeak-ng 1.52 library from its bundled sources but ships
//! no compiled voice data. This script links that same library (as a build dependency), compiles
//! the phoneme tables, the intonations and the dictionaries of the voices tilmach serves into
//! `$OUT_DIR/espeak-ng-data`, and writes `$OUT_DIR/espeak_data.rs`, which embeds them in the
//! library with `include_bytes!`. At run time `synth::espeak::data` unpacks them into a cache
//! directory, so the program speaks with no espeak-ng installed and no `ESPEAK_DATA_PATH` set.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=TILMACH_ESPEAK_SOURCE");
    #[cfg(feature = "espeak")]
    {
        link_sonic();
        espeak_data::compile();
    }
}

/// espeak-ng's cmake build finds Debian's libsonic (libsonic-dev) and uses it, but
/// `espeak-rs-sys` does not link it. Link the static library where there is one, so the program
/// needs no libsonic at run time.
#[cfg(feature = "espeak")]
fn link_sonic() {
    let multiarch = format!(
        "/usr/lib/{}-linux-gnu",
        std::env::var("CARGO_CFG_TARGET_ARCH").unwrap_or_default()
    );
    let dirs = [
        multiarch.as_str(),
        "/usr/lib64",
        "/usr/lib",
        "/usr/local/lib",
    ];
    match dirs
        .iter()
        .find(|d| std::path::Path::new(d).join("libsonic.a").exists())
    {
        Some(dir) => {
            println!("cargo:rustc-link-search=native={dir}");
            println!("cargo:rustc-link-lib=static=sonic");
        }
        None => println!("cargo:rustc-link-lib=sonic"),
    }
}

#[cfg(feature = "espeak")]
mod espeak_data {
    use std::ffi::CString;
    use std::fmt::Write as _;
    use std::fs;
    use std::path::{Path, PathBuf};
    use std::process::Command;

    use espeak_rs_sys as ffi;

    /// Dictionaries compiled, by espeak-ng voice name (the dictionary has the same name). English
    /// is there because espeak-ng switches to it for Latin-script words (`App`, `ID`) in any text;
    /// Kyrgyz voices Mongolian (see `phonetics::mongolian`).
    const VOICES: &[&str] = &["cmn", "ug", "en", "ky"];
    /// The pinned `espeak-rs-sys` version (Cargo.toml pins it with `=`).
    const ESPEAK_RS_SYS_VERSION: &str = "0.2.0";
    /// Language definition files that select those voices (relative to `espeak-ng-data/lang`);
    /// `en-US` is the voice of Latin words inside Mandarin for the neural voice and of American
    /// English Piper voices.
    const LANG_FILES: &[&str] = &[
        "sit/cmn",
        "sit/cmn-Latn-pinyin",
        "trk/ug",
        "gmw/en",
        "gmw/en-US",
        "trk/ky",
    ];

    pub fn compile() {
        let source = espeak_source_dir();
        let out = PathBuf::from(std::env::var("OUT_DIR").expect("OUT_DIR is set by cargo"));
        let data = out.join("espeak-ng-data");
        let _ = fs::remove_dir_all(&data);
        fs::create_dir_all(data.join("voices")).expect("create espeak-ng-data");
        for lang in LANG_FILES {
            let from = source.join("espeak-ng-data/lang").join(lang);
            let to = data.join("lang").join(lang);
            fs::create_dir_all(to.parent().unwrap()).expect("create lang dir");
            fs::copy(&from, &to).unwrap_or_else(|e| panic!("copy {}: {e}", from.display()));
        }
        without_full_dictionary_warning(&data.join("lang/sit/cmn"));
        let dictsource = out.join("dictsource");
        let _ = fs::remove_dir_all(&dictsource);
        fs::create_dir_all(&dictsource).expect("create dictsource");
        for entry in fs::read_dir(source.join("dictsource")).expect("read dictsource") {
            let entry = entry.expect("dictsource entry");
            let name = entry.file_name().to_string_lossy().into_owned();
            if VOICES.iter().any(|v| name.starts_with(&format!("{v}_"))) {
                fs::copy(entry.path(), dictsource.join(&name)).expect("copy dictionary source");
            }
        }

        let log = out.join("espeak-compile.log");
        compile_with_library(&source.join("phsource"), &data, &dictsource, &log);
        write_embed_module(&out, &data);
    }

    /// espeak-ng warns "Full dictionary is not installed for 'cmn'" on every Mandarin voice load
    /// when the extended dictionary (cmn_listx) is absent, as it is here: tilmach gives the voice
    /// pinyin from its own word-level dictionary (`phonetics::mandarin`), so the warning only
    /// misleads. The voice's `dict_min` sets the size below which it warns; 0 turns it off.
    fn without_full_dictionary_warning(voice_file: &Path) {
        let text = fs::read(voice_file).expect("read the cmn voice file");
        let text = String::from_utf8_lossy(&text);
        assert!(
            text.contains("dict_min 100000"),
            "cmn voice file changed upstream"
        );
        fs::write(voice_file, text.replace("dict_min 100000", "dict_min 0"))
            .expect("write the cmn voice file");
    }

    /// The espeak-ng source tree bundled in the `espeak-rs-sys` package: `TILMACH_ESPEAK_SOURCE`
    /// when set (vendored builds), else the package in cargo's registry cache, else wherever
    /// `cargo metadata` says the package is.
    fn espeak_source_dir() -> PathBuf {
        if let Ok(dir) = std::env::var("TILMACH_ESPEAK_SOURCE") {
            return PathBuf::from(dir);
        }
        let package = format!("espeak-rs-sys-{ESPEAK_RS_SYS_VERSION}");
        let cargo_home = std::env::var_os("CARGO_HOME")
            .map(PathBuf::from)
            .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")));
        if let Some(registry) = cargo_home.map(|h| h.join("registry/src")) {
            for index in fs::read_dir(&registry).into_iter().flatten().flatten() {
                let candidate = index.path().join(&package).join("espeak-ng");
                if candidate.join("phsource").is_dir() {
                    return candidate;
                }
            }
        }
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        let manifest = std::env::var("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR");
        let output = Command::new(cargo)
            .args(["metadata", "--format-version", "1", "--manifest-path"])
            .arg(Path::new(&manifest).join("Cargo.toml"))
            .output()
            .expect("run cargo metadata to locate espeak-rs-sys");
        assert!(
            output.status.success(),
            "cannot find the espeak-ng sources of {package}; set TILMACH_ESPEAK_SOURCE. cargo metadata: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        let meta: serde_json::Value =
            serde_json::from_slice(&output.stdout).expect("cargo metadata prints JSON");
        let manifest_path = meta["packages"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|p| p["name"] == "espeak-rs-sys")
            .and_then(|p| p["manifest_path"].as_str())
            .expect("espeak-rs-sys is in the dependency graph");
        Path::new(manifest_path).parent().unwrap().join("espeak-ng")
    }

    fn c_path(path: &Path) -> CString {
        CString::new(path.to_str().expect("UTF-8 build path")).expect("no NUL in path")
    }

    fn check(what: &str, status: ffi::espeak_ng_STATUS, log: &Path) {
        if status != ffi::espeak_ng_STATUS_ENS_OK {
            let mut buf = vec![0 as std::os::raw::c_char; 512];
            // SAFETY: the buffer is valid for its length; espeak-ng writes a NUL-terminated message.
            unsafe { ffi::espeak_ng_GetStatusCodeMessage(status, buf.as_mut_ptr(), buf.len()) };
            // SAFETY: the message written above is NUL-terminated within the buffer.
            let msg = unsafe { std::ffi::CStr::from_ptr(buf.as_ptr()) };
            panic!(
                "espeak-ng: {what} failed: {} (see {})",
                msg.to_string_lossy(),
                log.display()
            );
        }
    }

    fn compile_with_library(phsource: &Path, data: &Path, dictsource: &Path, log_path: &Path) {
        let home = c_path(data.parent().unwrap());
        // espeak-ng closes the log it is given at the end of some compile steps, so every step
        // gets a FILE of its own, opened for appending, and none is closed here.
        let log_c = c_path(log_path);
        let open_log = || {
            // SAFETY: valid NUL-terminated path and mode strings.
            let file = unsafe { libc_fopen(log_c.as_ptr(), c"a".as_ptr()) };
            assert!(!file.is_null(), "open {}", log_path.display());
            file.cast()
        };
        let mut ctx: ffi::espeak_ng_ERROR_CONTEXT = std::ptr::null_mut();
        let ph = c_path(phsource);
        let dst = c_path(data);
        // SAFETY: espeak-ng's documented compile sequence, as its own CLI runs it; every pointer
        // is a valid NUL-terminated string or FILE that outlives the call.
        unsafe {
            ffi::espeak_ng_InitializePath(home.as_ptr());
            let status = ffi::espeak_ng_CompilePhonemeDataPath(
                22050,
                ph.as_ptr(),
                dst.as_ptr(),
                open_log(),
                &mut ctx,
            );
            check("compiling phonemes", status, log_path);
            // Reads `<source>/../phsource/intonation`, writes `<destination>/intonations`.
            let status = ffi::espeak_ng_CompileIntonationPath(
                ph.as_ptr(),
                dst.as_ptr(),
                open_log(),
                &mut ctx,
            );
            check("compiling intonations", status, log_path);
            check(
                "initializing",
                ffi::espeak_ng_Initialize(&mut ctx),
                log_path,
            );
            let mut prefix = dictsource.to_str().unwrap().to_owned();
            prefix.push('/');
            let prefix = CString::new(prefix).unwrap();
            for voice in VOICES {
                let name = CString::new(*voice).unwrap();
                check(
                    &format!("selecting voice {voice}"),
                    ffi::espeak_ng_SetVoiceByName(name.as_ptr()),
                    log_path,
                );
                let status = ffi::espeak_ng_CompileDictionary(
                    prefix.as_ptr(),
                    name.as_ptr(),
                    open_log(),
                    0,
                    &mut ctx,
                );
                check(&format!("compiling dictionary {voice}"), status, log_path);
            }
            ffi::espeak_ng_Terminate();
        }
    }

    extern "C" {
        #[link_name = "fopen"]
        fn libc_fopen(
            path: *const std::os::raw::c_char,
            mode: *const std::os::raw::c_char,
        ) -> *mut std::ffi::c_void;
    }

    /// Writes `espeak_data.rs`: the list of data files and their bytes, plus a content hash that
    /// names the cache directory they are unpacked into.
    fn write_embed_module(out: &Path, data: &Path) {
        let mut files = Vec::new();
        collect(data, data, &mut files);
        files.retain(|(rel, _)| {
            // Needed only while compiling.
            rel != "phondata-manifest"
        });
        files.sort();
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        let mut code = String::from("/// Compiled espeak-ng data files: path under `espeak-ng-data`, contents.\npub static FILES: &[(&str, &[u8])] = &[\n");
        for (rel, path) in &files {
            for b in rel.bytes().chain(fs::read(path).expect("read data file")) {
                hash = (hash ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
            }
            writeln!(
                code,
                "    ({rel:?}, include_bytes!({:?})),",
                path.display().to_string()
            )
            .unwrap();
        }
        code.push_str("];\n");
        writeln!(code, "/// Hash of every file name and byte above (FNV-1a 64).\npub const HASH: u64 = {hash:#x};").unwrap();
        fs::write(out.join("espeak_data.rs"), code).expect("write espeak_data.rs");
    }

    fn collect(root: &Path, dir: &Path, files: &mut Vec<(String, PathBuf)>) {
        for entry in fs::read_dir(dir).expect("read data dir") {
            let path = entry.expect("data entry").path();
            if path.is_dir() {
                collect(root, &path, files);
            } else {
                let rel = path
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                files.push((rel, path));
            }
        }
    }
}
