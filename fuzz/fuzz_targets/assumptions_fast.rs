//! Differential: whatever the fast reader accepts, the full YAML parser must read the same.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Some(fast) = cloudsrm::check::parse_entries_fast(text) {
        assert_eq!(
            Some(fast),
            cloudsrm::check::parse_entries_slowly(text),
            "{text:?}"
        );
    }
});
