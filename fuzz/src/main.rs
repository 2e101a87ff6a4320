//! libFuzzer's entry point: runs the target named by `TILMACH_FUZZ_TARGET` (see `--list` in
//! `scripts/fuzz`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    tilmach_fuzz::selected()(data);
});
