//! Links the `cloudsrm` binary as a position-dependent executable on Linux.
//!
//! The catalog is compiled in as static data full of pointers (`src/catalog/generated.rs`).
//! In a position-independent executable the loader must rewrite each of those pointers at
//! every start: about ten thousand relocations, a sixth of a `who-owns` run, and a cost that
//! grows with every service added. Linked at a fixed address, they are resolved once, at
//! link time. The trade-off is that the executable itself is not address-randomised; the
//! code is safe Rust with no `unsafe` of its own, and shared libraries keep ASLR.
//! `bench/run.sh` measures the difference.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let target = |key: &str| std::env::var(key).unwrap_or_default();
    if target("CARGO_CFG_TARGET_OS") == "linux" && target("CARGO_CFG_TARGET_ENV") == "gnu" {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
}
