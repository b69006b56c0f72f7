//! Output of every command in every format, against a tiny fixture catalog so that
//! growing the real catalog does not rewrite these expectations.
//!
//! Expected outputs live in `tests/snapshots/`. After an intended change, regenerate them
//! with `SNAPSHOTS=overwrite cargo test` and review the diff.

use cloudsrm::app::run_with;
use cloudsrm::catalog::{load, Catalog};
use cloudsrm::cli::{CheckFormat, Command, OutputFormat};
use cloudsrm::date::Day;
use cloudsrm::render::Style;

fn fixture() -> Catalog {
    load(
        ("data/layers.yaml", include_str!("../../data/layers.yaml")),
        &[
            (
                "alpha.yaml",
                include_str!("../fixtures/services/alpha.yaml"),
            ),
            ("beta.yaml", include_str!("../fixtures/services/beta.yaml")),
        ],
    )
    .expect("the fixture catalog is valid")
}

/// A fixed day on which the fixture's reviews are recent.
fn today() -> Day {
    Day::parse("2026-03-01").unwrap()
}

const PLAIN: Style = Style {
    color: false,
    width: Some(100),
    terminal: false,
};

fn snapshot(name: &str, command: Command, format: OutputFormat) {
    let actual = run_with(&fixture(), &command, format, &PLAIN, today())
        .expect("command succeeds")
        .stdout;
    crate::common::assert_file(&format!("tests/snapshots/{name}"), &actual);
}

fn who_owns(service: &str, layer: &str) -> Command {
    Command::WhoOwns {
        service: service.into(),
        layer: Some(layer.into()),
    }
}

fn show(service: &str) -> Command {
    Command::Show {
        service: service.into(),
    }
}

#[test]
fn who_owns_plain_service() {
    snapshot(
        "who-owns-alpha.txt",
        who_owns("alpha", "backup"),
        OutputFormat::Text,
    );
    snapshot(
        "who-owns-alpha.json",
        who_owns("alpha", "backup"),
        OutputFormat::Json,
    );
    snapshot(
        "who-owns-alpha.yaml",
        who_owns("alpha", "backup"),
        OutputFormat::Yaml,
    );
}

#[test]
fn who_owns_variants_that_disagree() {
    snapshot(
        "who-owns-beta-varies.txt",
        who_owns("beta", "guest-os"),
        OutputFormat::Text,
    );
    snapshot(
        "who-owns-beta-varies.json",
        who_owns("beta", "guest-os"),
        OutputFormat::Json,
    );
}

#[test]
fn who_owns_variants_that_agree() {
    snapshot(
        "who-owns-beta-agree.json",
        who_owns("beta", "scaling"),
        OutputFormat::Json,
    );
}

#[test]
fn who_owns_one_variant() {
    snapshot(
        "who-owns-beta-hosts.json",
        who_owns("beta:hosts", "os-patching"),
        OutputFormat::Json,
    );
}

#[test]
fn show_service_and_variant() {
    snapshot("show-alpha.txt", show("alpha"), OutputFormat::Text);
    snapshot("show-beta.txt", show("beta"), OutputFormat::Text);
    snapshot(
        "show-beta-serverless.json",
        show("beta:serverless"),
        OutputFormat::Json,
    );
    snapshot("show-beta.yaml", show("beta"), OutputFormat::Yaml);
}

#[test]
fn services_listing() {
    let all = Command::Services {
        managed: false,
        unmanaged: false,
        category: None,
        filters: vec![],
        team: None,
    };
    snapshot("services.txt", all, OutputFormat::Text);
    let split = Command::Services {
        managed: false,
        unmanaged: false,
        category: None,
        filters: vec!["guest-os=customer".into()],
        team: None,
    };
    snapshot("services-where.json", split, OutputFormat::Json);
}

#[test]
fn layers_listing() {
    snapshot("layers.txt", Command::Layers, OutputFormat::Text);
    snapshot("layers.json", Command::Layers, OutputFormat::Json);
}

#[test]
fn compare_and_matrix() {
    let compare = Command::Compare {
        services: vec!["alpha".into(), "beta".into()],
    };
    snapshot("compare.txt", compare, OutputFormat::Text);
    let compare = Command::Compare {
        services: vec!["alpha".into(), "beta:serverless".into()],
    };
    snapshot("compare.json", compare, OutputFormat::Json);
    snapshot("matrix.txt", Command::Matrix, OutputFormat::Text);
    snapshot("matrix.json", Command::Matrix, OutputFormat::Json);
}

#[test]
fn colour_marks_owners_only_when_asked() {
    let coloured = Style {
        color: true,
        width: Some(100),
        terminal: false,
    };
    let text = run_with(
        &fixture(),
        &who_owns("alpha", "guest-os"),
        OutputFormat::Text,
        &coloured,
        today(),
    )
    .unwrap()
    .stdout;
    assert!(text.contains("\u{1b}["), "expected ANSI colour in {text:?}");
    let plain = run_with(
        &fixture(),
        &who_owns("alpha", "guest-os"),
        OutputFormat::Text,
        &PLAIN,
        today(),
    )
    .unwrap()
    .stdout;
    assert!(
        !plain.contains('\u{1b}'),
        "expected no escape codes in {plain:?}"
    );
}

#[test]
fn control_characters_from_catalog_text_are_neutralised() {
    let hostile = include_str!("../fixtures/services/alpha.yaml").replace(
        "aws: AWS part of guest-os.",
        "aws: \"AWS part\\e[2J\\e]0;pwned\\a of guest-os.\"",
    );
    let catalog = load(
        ("data/layers.yaml", include_str!("../../data/layers.yaml")),
        &[("alpha.yaml", &hostile)],
    )
    .unwrap();
    let text = run_with(
        &catalog,
        &who_owns("alpha", "guest-os"),
        OutputFormat::Text,
        &PLAIN,
        today(),
    )
    .unwrap()
    .stdout;
    assert!(
        !text.contains('\u{1b}') && !text.contains('\u{7}'),
        "{text:?}"
    );
    assert!(text.contains("AWS part\u{fffd}[2J"), "{text:?}");
}

fn check(format: CheckFormat) -> Command {
    Command::Check {
        files: vec![
            "tests/fixtures/assumptions/fixture.yaml".into(),
            "tests/fixtures/assumptions/empty-list.yaml".into(),
        ],
        format: Some(format),
    }
}

#[test]
fn check_in_every_format() {
    for (name, format) in [
        ("check.txt", CheckFormat::Text),
        ("check.json", CheckFormat::Json),
        ("check.junit.xml", CheckFormat::Junit),
        ("check.github.txt", CheckFormat::Github),
        ("check.tap", CheckFormat::Tap),
        ("check.sarif.json", CheckFormat::Sarif),
    ] {
        snapshot(name, check(format), OutputFormat::Text);
    }
}

#[test]
fn assert_output() {
    let failing = Command::Assert {
        service: "alpha".into(),
        layer: "os-patches".into(),
        owner: cloudsrm::cli::OwnerArg::Aws,
    };
    snapshot("assert-fail.txt", failing, OutputFormat::Text);
    let varies = Command::Assert {
        service: "beta".into(),
        layer: "guest-os".into(),
        owner: cloudsrm::cli::OwnerArg::Aws,
    };
    snapshot("assert-varies.json", varies, OutputFormat::Json);
}

#[test]
fn old_reviews_are_flagged_stale() {
    let later = Day::parse("2026-12-01").unwrap();
    let out = run_with(
        &fixture(),
        &who_owns("alpha", "backup"),
        OutputFormat::Text,
        &PLAIN,
        later,
    )
    .unwrap()
    .stdout;
    assert!(
        out.contains("reviewed: 2026-01-15 (STALE: reviewed more than 180 days ago"),
        "{out}"
    );
    let json = run_with(&fixture(), &show("beta"), OutputFormat::Json, &PLAIN, later)
        .unwrap()
        .stdout;
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["stale"], true);
    let fresh = run_with(
        &fixture(),
        &show("beta"),
        OutputFormat::Json,
        &PLAIN,
        today(),
    )
    .unwrap()
    .stdout;
    let v: serde_json::Value = serde_json::from_str(&fresh).unwrap();
    assert_eq!(v["stale"], false);
}

/// The same answers laid out for an 80-column terminal: tables stacked or compact, and
/// never a word broken.
#[test]
fn text_at_80_columns() {
    let narrow = Style {
        width: Some(80),
        ..PLAIN
    };
    let at_80 = |name: &str, command: Command| {
        let actual = run_with(&fixture(), &command, OutputFormat::Text, &narrow, today())
            .expect("command succeeds")
            .stdout;
        for line in actual.lines() {
            assert!(line.chars().count() <= 80, "{name}: {line}");
        }
        crate::common::assert_file(&format!("tests/snapshots/{name}"), &actual);
    };
    at_80("show-beta.80.txt", show("beta"));
    at_80("who-owns-beta-varies.80.txt", who_owns("beta", "guest-os"));
    at_80("layers.80.txt", Command::Layers);
    at_80(
        "compare.80.txt",
        Command::Compare {
            services: vec!["alpha".into(), "beta".into()],
        },
    );
    at_80(
        "services.80.txt",
        Command::Services {
            managed: false,
            unmanaged: false,
            category: None,
            filters: vec![],
            team: None,
        },
    );
}

/// `-o csv` and `-o markdown` of every tabular answer: the shapes the README documents.
#[test]
fn csv_and_markdown_of_every_table() {
    let services = || Command::Services {
        managed: false,
        unmanaged: false,
        category: None,
        filters: vec![],
        team: None,
    };
    let compare = || Command::Compare {
        services: vec!["alpha".into(), "beta".into()],
    };
    let gaps = || Command::Gaps {
        services: vec!["alpha".into()],
    };
    let tables: [(&str, &dyn Fn() -> Command); 8] = [
        ("show-beta", &|| show("beta")),
        ("who-owns-beta-varies", &|| who_owns("beta", "guest-os")),
        ("who-owns-alpha", &|| who_owns("alpha", "backup")),
        ("services", &services),
        ("layers", &|| Command::Layers),
        ("compare", &compare),
        ("matrix", &|| Command::Matrix),
        ("gaps-alpha", &gaps),
    ];
    for (name, command) in tables {
        snapshot(&format!("{name}.csv"), command(), OutputFormat::Csv);
        snapshot(&format!("{name}.md"), command(), OutputFormat::Markdown);
    }
}
