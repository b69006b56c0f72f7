//! Any bytes as a service file of the catalog loader: problems or a catalog, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

const LAYERS: &str = include_str!("../../data/layers.yaml");

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = cloudsrm::catalog::load(("data/layers.yaml", LAYERS), &[("fuzz.yaml", text)]);
    }
});
