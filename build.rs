//! With the `split` feature (the app as Trunk builds it, index.html), the linker keeps the
//! relocations that scripts/split-wasm.mjs needs to split the wasm into its parts (src/parts.rs).
fn main() {
    let wasm = std::env::var("CARGO_CFG_TARGET_ARCH").is_ok_and(|arch| arch == "wasm32");
    if wasm && std::env::var_os("CARGO_FEATURE_SPLIT").is_some() {
        println!("cargo::rustc-link-arg-bins=--emit-relocs");
    }
}
