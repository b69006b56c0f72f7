//! The README's console examples, run against the real binary.

#[test]
fn readme_examples() {
    // A fixed day keeps the examples' review dates from turning STALE as time passes.
    trycmd::TestCases::new()
        .env("CLOUDSRM_TODAY", "2026-12-01")
        .env("NO_COLOR", "1")
        .case("README.md");
}
