//! Bad and hostile input, through the real binary: each case must end with the right exit
//! code, a clear message on one line per problem (with file:line:column where there is a
//! position), and never a panic or a backtrace.

use std::path::PathBuf;

use crate::common::cloudsrm;

/// An overlay that adds one complete, valid service, edited by each case.
fn valid_service(id: &str, alias: &str) -> String {
    let layers = [
        "physical-security",
        "hardware",
        "network-infrastructure",
        "virtualization",
        "guest-os",
        "os-patching",
        "runtime",
        "network-config",
        "scaling",
        "availability",
        "backup",
        "logging-monitoring",
        "encryption-in-transit",
        "encryption-at-rest",
        "identity-access",
        "application",
        "data",
    ];
    let mut text = format!(
        "add:\n  - id: {id}\n    name: Internal {id}\n    aliases: [{alias}]\n    category: integration\n    managed: true\n    model: abstracted\n    reviewed: 2026-11-01\n    layers:\n"
    );
    for layer in layers {
        text.push_str(&format!(
            "      {layer}:\n        owner: customer\n        aws: AWS runs the hosts.\n        customer: We run {layer}.\n        sources: [https://wiki.example.com/{layer}]\n"
        ));
    }
    text
}

enum Expect {
    /// `validate` answers "invalid" (exit 1), with a message containing the text, and a
    /// position when `positioned`.
    Invalid {
        contains: &'static str,
        positioned: bool,
    },
    /// The file cannot be read (exit 2), with this text.
    Unreadable(&'static str),
}

struct Case {
    name: &'static str,
    content: Vec<u8>,
    expect: Expect,
}

fn case(name: &'static str, content: impl Into<Vec<u8>>, expect: Expect) -> Case {
    Case {
        name,
        content: content.into(),
        expect,
    }
}

fn invalid(contains: &'static str) -> Expect {
    Expect::Invalid {
        contains,
        positioned: true,
    }
}

fn cases() -> Vec<Case> {
    let good = valid_service("internal-queue", "iq");
    let billion_laughs = {
        let mut text = String::from(
            "add:\n  - id: x\n    name: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n",
        );
        let mut prev = "a0".to_string();
        for i in 1..10 {
            text.push_str(&format!(
                "    aliases{i}: &a{i} [{}]\n",
                vec![format!("*{prev}"); 10].join(", ")
            ));
            prev = format!("a{i}");
        }
        text
    };
    vec![
        case("empty file", "", invalid("")),
        case("only a comment", "# nothing here\n", invalid("")),
        case("not YAML", "add: [unclosed\n  - {", invalid("")),
        case("binary bytes", b"\x00\x01\x02\x03binary".to_vec(), invalid("")),
        case("invalid UTF-8", b"add:\n  - id: caf\xe9\n".to_vec(), Expect::Unreadable("not UTF-8")),
        case("a plain string", "hello\n", invalid("")),
        case("a list at the top", "- add\n- override\n", invalid("")),
        case("two YAML documents", "add: []\n---\noverride: []\n", invalid("more than one YAML document")),
        case("billion laughs", billion_laughs, invalid("")),
        case("deep nesting", format!("add: {}{}\n", "[".repeat(50_000), "]".repeat(50_000)), invalid("")),
        case("duplicate keys", "override:\n  - service: rds\n    team: a\n    team: b\n", invalid("duplicate")),
        case("unknown top-level key", "overide: []\n", invalid("unknown field `overide`")),
        case("unknown key in an entry", good.replacen("    category:", "    colour: blue\n    category:", 1), invalid("colour")),
        case("wrong type", good.replacen("managed: true", "managed: sometimes", 1), invalid("")),
        case("unknown owner", good.replacen("owner: customer", "owner: nobody", 1), invalid("unknown value `nobody`")),
        case("unknown layer", good.replacen("      data:\n", "      dada:\n", 1), invalid("unknown layer 'dada'; did you mean 'data'?")),
        case("missing layer", good.replacen("      data:\n", "      data-x:\n", 1), invalid("missing layers: data")),
        case("duplicate service id", valid_service("rds", "relational-thing"), invalid("'rds' is already used by service 'rds'")),
        case("alias taken by another service", valid_service("internal-db", "lambda"), invalid("'lambda' is already used by service 'lambda'")),
        case("override of a service that does not exist", "override:\n  - service: rdz\n    team: dba\n", invalid("cannot override: unknown service 'rdz'; did you mean 'rds'?")),
        case("override of an unknown layer", "override:\n  - service: rds\n    layers:\n      backupp: { team: dba }\n", invalid("unknown layer 'backupp'")),
        case("replacement without texts", "override:\n  - service: rds\n    layers:\n      backup: { owner: aws }\n", invalid("needs 'owner', 'aws' and 'customer'")),
        case("texts without an owner", "override:\n  - service: rds\n    layers:\n      backup: { aws: AWS does it }\n", invalid("give its 'owner' too")),
        case("badly named team", "override:\n  - service: rds\n    team: Platform Team!\n", invalid("team 'Platform Team!' must be")),
        case("variant declared twice", "override:\n  - service: ecs\n    variants:\n      - id: fargate\n        name: Again\n", invalid("variant 'fargate' is declared twice")),
        case("source that is not https", good.replacen("https://wiki.example.com/data", "ftp://wiki/data", 1), invalid("is not an https URL")),
        case("impossible review date", good.replacen("2026-11-01", "2026-02-30", 1), invalid("must be YYYY-MM-DD")),
        case("empty overlay", "add: []\noverride: []\n", invalid("neither 'add' nor 'override'")),
    ]
}

fn write(dir: &tempfile::TempDir, name: &str, content: &[u8]) -> PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, content).unwrap();
    path
}

fn assert_calm(stdout: &str, stderr: &str, name: &str) {
    for text in [stdout, stderr] {
        assert!(
            !text.contains("panicked")
                && !text.contains("RUST_BACKTRACE")
                && !text.contains("stack backtrace"),
            "{name}: {text}"
        );
    }
}

#[test]
fn every_bad_catalog_file_is_reported_calmly() {
    let dir = tempfile::tempdir().unwrap();
    let all = cases();
    assert!(all.len() >= 25, "the table keeps at least 25 cases");
    for (i, case) in all.iter().enumerate() {
        let path = write(&dir, &format!("case-{i}.yaml"), &case.content);
        let out = cloudsrm().arg("validate").arg(&path).output().unwrap();
        let (stdout, stderr) = (
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr),
        );
        assert_calm(&stdout, &stderr, case.name);
        let shown = path.display().to_string();
        match case.expect {
            Expect::Invalid {
                contains,
                positioned,
            } => {
                assert_eq!(
                    out.status.code(),
                    Some(1),
                    "{}: {stdout}{stderr}",
                    case.name
                );
                let problems: Vec<&str> =
                    stdout.lines().filter(|l| l.starts_with(&shown)).collect();
                assert!(
                    !problems.is_empty(),
                    "{}: no problem listed: {stdout}",
                    case.name
                );
                assert!(
                    problems.iter().any(|l| l.contains(contains)),
                    "{}: expected {contains:?} in {stdout}",
                    case.name
                );
                if positioned {
                    let rest = &problems[0][shown.len()..];
                    let mut parts = rest.splitn(4, ':');
                    let (_, line, column) = (
                        parts.next(),
                        parts.next().unwrap_or(""),
                        parts.next().unwrap_or(""),
                    );
                    assert!(
                        line.parse::<u64>().is_ok() && column.parse::<u64>().is_ok(),
                        "{}: no line:column in {:?}",
                        case.name,
                        problems[0]
                    );
                }
                assert!(
                    stdout.lines().last().unwrap().starts_with("invalid: "),
                    "{}: {stdout}",
                    case.name
                );
                // The same file handed to any command stops it with exit 2, one line per problem.
                let out = cloudsrm()
                    .args(["who-owns", "rds", "backup", "--catalog"])
                    .arg(&path)
                    .output()
                    .unwrap();
                assert_eq!(out.status.code(), Some(2), "{}", case.name);
                let stderr = String::from_utf8_lossy(&out.stderr);
                assert!(
                    stderr.lines().all(|l| l.starts_with("cloudsrm: error: ")),
                    "{}: {stderr}",
                    case.name
                );
                assert!(out.stdout.is_empty(), "{}: nothing half-written", case.name);
            }
            Expect::Unreadable(contains) => {
                assert_eq!(
                    out.status.code(),
                    Some(2),
                    "{}: {stdout}{stderr}",
                    case.name
                );
                assert_eq!(stderr.lines().count(), 1, "{}: {stderr}", case.name);
                assert!(stderr.contains(contains), "{}: {stderr}", case.name);
            }
        }
    }
}

#[test]
fn a_valid_overlay_is_accepted_and_used() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        &dir,
        "ok.yaml",
        valid_service("internal-queue", "iq").as_bytes(),
    );
    cloudsrm()
        .arg("validate")
        .arg(&path)
        .assert()
        .code(0)
        .stdout(predicates::str::starts_with("valid: "));
    cloudsrm()
        .args(["who-owns", "iq", "data", "--catalog"])
        .arg(&path)
        .assert()
        .success()
        .stdout(predicates::str::contains("from      "));
}

#[test]
fn files_that_cannot_be_read() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.yaml");
    let file = std::fs::File::create(&big).unwrap();
    file.set_len(300 * 1024 * 1024).unwrap();
    let not_a_dir = write(&dir, "plain.yaml", b"add: []\n").join("inner.yaml");
    for (path, expected) in [
        (big, "larger than 256 MiB"),
        (dir.path().join("missing.yaml"), "no such file or directory"),
        (dir.path().to_path_buf(), "it is a directory"),
        (not_a_dir, "not a directory"),
    ] {
        for command in [
            &["validate"][..],
            &["check"][..],
            &["layers", "--catalog"][..],
        ] {
            let out = cloudsrm().args(command).arg(&path).output().unwrap();
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(2), "{command:?} {path:?}: {stderr}");
            assert_eq!(stderr.lines().count(), 1, "{stderr}");
            assert!(
                stderr.contains(expected),
                "{command:?}: expected {expected:?} in {stderr}"
            );
        }
    }
}

#[test]
fn catalog_environment_variable_loads_overlays() {
    let dir = tempfile::tempdir().unwrap();
    let teams = write(
        &dir,
        "teams.yaml",
        b"override:\n  - service: rds\n    team: dba\n",
    );
    cloudsrm()
        .args(["who-owns", "rds", "backup"])
        .env("CLOUDSRM_CATALOG", &teams)
        .assert()
        .success()
        .stdout(predicates::str::contains("shared: dba"));
    let missing = dir.path().join("nope.yaml");
    cloudsrm()
        .args(["layers"])
        .env("CLOUDSRM_CATALOG", &missing)
        .assert()
        .code(2);
}

#[test]
fn terminal_escapes_in_an_overlay_are_neutralised() {
    let dir = tempfile::tempdir().unwrap();
    let evil = valid_service("evil", "ev").replacen(
        "aws: AWS runs the hosts.",
        "aws: \"\\e]0;owned\\a\\e[2J\"",
        1,
    );
    let path = write(&dir, "evil.yaml", evil.as_bytes());
    let out = cloudsrm()
        .args(["who-owns", "evil", "physical-security", "--catalog"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(
        !out.stdout.contains(&0x1b) && !out.stdout.contains(&0x07),
        "{:?}",
        String::from_utf8_lossy(&out.stdout)
    );
    let svg = cloudsrm()
        .args(["diagram", "evil", "--catalog"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(!svg.stdout.contains(&0x1b) && !svg.stdout.contains(&0x07));
}

#[cfg(unix)]
#[test]
fn non_utf8_arguments_are_a_usage_error() {
    use std::os::unix::ffi::OsStrExt;
    let out = cloudsrm()
        .arg("who-owns")
        .arg(std::ffi::OsStr::from_bytes(b"\xff\xfe"))
        .arg("os")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("invalid UTF-8"));
}

#[test]
fn terminal_escapes_in_arguments_never_reach_the_terminal() {
    let out = cloudsrm()
        .args(["who-owns", "\u{1b}]0;pwned\u{7}", "os"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        !out.stderr.contains(&0x1b) && !out.stderr.contains(&0x07),
        "{:?}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_huge_argument_is_not_echoed_whole() {
    let huge = "x".repeat(100_000);
    let out = cloudsrm().args(["who-owns", &huge, "os"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.len() < 1_000, "{} bytes", stderr.len());
    assert!(stderr.contains("more characters"), "{stderr}");
}

#[test]
fn a_file_in_the_environment_and_on_the_command_line_is_validated_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(&dir, "ours.yaml", valid_service("ours", "our").as_bytes());
    cloudsrm()
        .arg("validate")
        .arg(&path)
        .env("CLOUDSRM_CATALOG", &path)
        .assert()
        .success();
}

#[test]
fn ten_thousand_services_in_one_overlay_load() {
    let mut overlay = String::from("add:\n");
    let one = valid_service("svc", "svc-alias");
    let body: Vec<&str> = one.lines().skip(1).collect(); // drop "add:"
    let body = body.join("\n");
    for i in 0..10_000 {
        overlay.push_str(
            &body
                .replacen("id: svc", &format!("id: svc{i}"), 1)
                .replacen("svc-alias", &format!("svc-alias{i}"), 1),
        );
        overlay.push('\n');
    }
    let dir = tempfile::tempdir().unwrap();
    let path = write(&dir, "big.yaml", overlay.as_bytes());
    cloudsrm()
        .arg("validate")
        .arg(&path)
        .assert()
        .success()
        .stdout(predicates::str::contains("services"));
}

#[cfg(unix)]
mod out_file {
    use super::*;

    fn diagram_to(path: &std::path::Path) -> std::process::Output {
        cloudsrm()
            .args(["diagram", "ec2", "--out"])
            .arg(path)
            .output()
            .unwrap()
    }

    #[test]
    fn a_symlink_is_followed_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let target = write(&dir, "real.svg", b"old");
        let link = dir.path().join("link.svg");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        assert!(diagram_to(&link).status.success());
        assert!(std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        assert!(std::fs::read_to_string(&target)
            .unwrap()
            .starts_with("<svg"));
    }

    #[test]
    fn a_character_device_is_written_through() {
        let out = diagram_to(std::path::Path::new("/dev/null"));
        assert!(out.status.success(), "{out:?}");
        use std::os::unix::fs::FileTypeExt;
        let kind = std::fs::metadata("/dev/null").unwrap().file_type();
        assert!(kind.is_char_device(), "/dev/null was replaced");
    }

    #[test]
    fn a_fifo_is_written_through() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if !made.is_ok_and(|s| s.success()) {
            return; // no mkfifo on this system
        }
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
        };
        assert!(diagram_to(&fifo).status.success());
        assert!(reader.join().unwrap().starts_with("<svg"));
        use std::os::unix::fs::FileTypeExt;
        assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo());
    }

    #[test]
    fn a_directory_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let out = diagram_to(dir.path());
        assert_eq!(out.status.code(), Some(2));
        assert!(String::from_utf8_lossy(&out.stderr).contains("it is a directory"));
    }
}

#[test]
fn environment_variables_that_cannot_be_used_are_named() {
    let out = cloudsrm()
        .arg("layers")
        .env("CLOUDSRM_TODAY", "bogus")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("CLOUDSRM_TODAY is 'bogus'"), "{stderr}");
    let out = cloudsrm()
        .arg("layers")
        .env("CLOUDSRM_CATALOG", "/no/such/overlay.yaml")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("CLOUDSRM_CATALOG is '/no/such/overlay.yaml'"),
        "{stderr}"
    );
}

#[test]
fn usage_errors_are_one_line() {
    for args in [
        &["assert", "ec2", "os", "amazon"][..],
        &["who-owns"],
        &["-o", "xml", "layers"],
        &["nosuch"],
    ] {
        let out = cloudsrm().args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(stderr.lines().count(), 1, "{args:?}: {stderr}");
        assert!(stderr.starts_with("cloudsrm: error: "), "{stderr}");
    }
}
