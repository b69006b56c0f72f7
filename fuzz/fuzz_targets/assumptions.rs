//! Any bytes as an assumptions file: problems or results, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let catalog = cloudsrm::catalog::embedded();
    if let Ok(assumptions) = cloudsrm::check::parse("fuzz.yaml", text, catalog) {
        for assumption in &assumptions {
            let _ = catalog.check(assumption);
        }
    }
});
