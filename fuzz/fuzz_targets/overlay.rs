//! Any bytes as an overlay on the embedded catalog, then a question to the result.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let base = cloudsrm::catalog::embedded();
    if let Ok(catalog) = cloudsrm::catalog::apply_overlay(base, "fuzz.yaml", text) {
        for service in catalog.services.iter() {
            if let Ok(target) = catalog.resolve_service(&service.id) {
                let _ = catalog.show(target, cloudsrm::date::Day(20_000));
                let _ = catalog.gaps(&[target]);
            }
        }
    }
});
