//! The README's console examples, run against the real binary.

#[test]
fn readme_examples() {
    // A fixed day keeps the examples' review dates from turning STALE as time passes.
    trycmd::TestCases::new()
        .env("CLOUDSRM_TODAY", "2026-12-01")
        .env("NO_COLOR", "1")
        .case("README.md");
}

#[test]
fn readme_lists_every_layer() {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let catalog = cloudsrm::catalog::embedded();
    for layer in catalog.layers.iter() {
        assert!(
            readme.contains(&format!("| `{}` | {} |", layer.id, layer.description)),
            "{}",
            layer.id
        );
    }
}
