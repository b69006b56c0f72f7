//! The README's console examples, run against the real binary.

#[test]
fn readme_examples() {
    trycmd::TestCases::new().case("README.md");
}
