//! Finding and loading the locale files.

use std::path::{Path, PathBuf};

use anyhow::Context;
use tilmach::l10n::Catalog;

/// Where the locale files are: `--locales`, else `$TILMACH_LOCALES`, else `./locales`, else the
/// `locales/` of the source tree this program was built from.
pub fn locales_dir(arg: Option<&Path>) -> PathBuf {
    if let Some(dir) = arg {
        return dir.to_owned();
    }
    if let Some(dir) = std::env::var_os("TILMACH_LOCALES").filter(|d| !d.is_empty()) {
        return PathBuf::from(dir);
    }
    let here = PathBuf::from("locales");
    if here.is_dir() {
        return here;
    }
    Path::new(env!("CARGO_MANIFEST_DIR")).join("locales")
}

/// Loads the catalog from [`locales_dir`].
pub fn load(arg: Option<&Path>) -> anyhow::Result<Catalog> {
    let dir = locales_dir(arg);
    Catalog::load(&dir)
        .with_context(|| format!("cannot load the locale files in {}", dir.display()))
}
