//! Lists the interface's catalogues (`public/locales/*.json`) for `src/i18n`, so adding a locale
//! is adding its file.
//!
//! With the `split` feature (the app as Trunk builds it, index.html), the linker keeps the
//! relocations that scripts/split-wasm.mjs needs to split the wasm into its parts (src/parts.rs).
fn main() {
    list_catalogues();
    let wasm = std::env::var("CARGO_CFG_TARGET_ARCH").is_ok_and(|arch| arch == "wasm32");
    if wasm && std::env::var_os("CARGO_FEATURE_SPLIT").is_some() {
        println!("cargo::rustc-link-arg-bins=--emit-relocs");
    }
}

fn list_catalogues() {
    println!("cargo::rerun-if-changed=public/locales");
    let mut tags: Vec<String> = std::fs::read_dir("public/locales")
        .map(|entries| {
            entries
                .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
                .filter_map(|name| name.strip_suffix(".json").map(str::to_owned))
                .collect()
        })
        .unwrap_or_default();
    tags.sort();
    let list = tags.iter().map(|tag| format!("{tag:?}")).collect::<Vec<_>>().join(", ");
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default());
    let code = format!(
        "/// The tags of the catalogue files in `public/locales/`.\npub const CATALOGUES: &[&str] = &[{list}];\n"
    );
    if let Err(error) = std::fs::write(out.join("catalogues.rs"), code) {
        panic!("could not write the list of catalogues: {error}");
    }
}
