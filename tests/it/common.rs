//! What every integration test shares: the binary, run in an environment that nothing
//! of the developer's shell can change.

use assert_cmd::Command;

/// Every environment variable the binary reads, so that a developer's shell cannot change
/// a test's outcome. A test that wants one sets it on the command it builds.
pub const READ_BY_THE_BINARY: [&str; 7] = [
    "CLOUDSRM_CATALOG",
    "CLOUDSRM_TODAY",
    "NO_COLOR",
    "CLICOLOR_FORCE",
    "COLUMNS",
    "RUST_BACKTRACE",
    "TERM",
];

/// The `cloudsrm` binary with `READ_BY_THE_BINARY` cleared.
pub fn cloudsrm() -> Command {
    let mut cmd = Command::cargo_bin("cloudsrm").unwrap();
    for name in READ_BY_THE_BINARY {
        cmd.env_remove(name);
    }
    cmd
}

/// Asserts that the file at `path` (relative to the crate root) holds `actual`, showing a
/// diff when it does not. With `SNAPSHOTS=overwrite` the file is rewritten instead: the
/// one mechanism behind every generated or expected file the tests keep.
pub fn assert_file(path: &str, actual: &str) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    snapbox::Assert::new()
        .action_env(snapbox::assert::DEFAULT_ACTION_ENV)
        .eq(actual, snapbox::Data::read_from(&path, None).raw());
}
