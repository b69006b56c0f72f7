//! The help texts are documentation: clap's own consistency checks pass, and every
//! `cloudsrm ...` example line in any command's help runs and answers.

use clap::CommandFactory;
use cloudsrm::cli::Cli;

use crate::common::cloudsrm;

#[test]
fn the_command_line_definition_is_consistent() {
    Cli::command().debug_assert();
}

/// Every example line of the top-level help and of each subcommand's help, without its
/// comment (after two spaces) or shell plumbing (`>`, `|`, `&&`).
fn examples() -> Vec<Vec<String>> {
    let mut root = Cli::command();
    let names: Vec<String> = root
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    let mut helps = vec![root.render_long_help().to_string()];
    for sub in root.get_subcommands_mut() {
        helps.push(sub.render_long_help().to_string());
    }
    let mut found = Vec::new();
    for help in helps {
        for line in help.lines() {
            let Some(example) = line.trim_start().strip_prefix("cloudsrm ") else {
                continue;
            };
            let example = example.split("  ").next().unwrap_or("");
            let example = example.split(['>', '|', '&']).next().unwrap_or("");
            let args: Vec<String> = example.split_whitespace().map(String::from).collect();
            // Prose that happens to start with the tool's name is not an example.
            if args.first().is_some_and(|first| names.contains(first)) {
                found.push(args);
            }
        }
    }
    found
}

#[test]
fn every_help_example_runs() {
    let all = examples();
    assert!(all.len() >= 40, "{} examples found", all.len());
    // The files the examples name, in a folder of their own.
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| std::fs::write(dir.path().join(name), text).unwrap();
    write(
        "teams.yaml",
        "override:\n  - service: rds\n    team: platform-db\n",
    );
    write(
        "our-services.yaml",
        "override:\n  - service: s3\n    team: storage\n",
    );
    let assumptions = "assumptions:\n  - service: rds\n    layer: os-patching\n    owner: aws\n";
    for name in ["assumptions.yaml", "team-a.yaml", "team-b.yaml"] {
        write(name, assumptions);
    }
    // What `scan` examples read: infrastructure code from the scan fixtures.
    let scan = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/scan");
    for name in ["plan.json", "template.yaml"] {
        std::fs::copy(scan.join(name), dir.path().join(name)).unwrap();
    }
    std::fs::create_dir_all(dir.path().join("cdk.out/assembly-Prod")).unwrap();
    for name in [
        "manifest.json",
        "AppStack.template.json",
        "AppStackStorage1234ABCD.nested.template.json",
        "assembly-Prod/manifest.json",
        "assembly-Prod/ProdWeb.template.json",
    ] {
        std::fs::copy(
            scan.join("cdk.out").join(name),
            dir.path().join("cdk.out").join(name),
        )
        .unwrap();
    }
    // What `diff` examples compare: an export of the catalog as it is.
    let export = cloudsrm().args(["export", "catalog"]).output().unwrap();
    std::fs::write(dir.path().join("catalog-before.json"), export.stdout).unwrap();
    let catalog = dir.path().join("my-catalog");
    std::fs::create_dir_all(catalog.join("services")).unwrap();
    let data = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    std::fs::copy(data.join("layers.yaml"), catalog.join("layers.yaml")).unwrap();
    std::fs::copy(
        data.join("services/s3.yaml"),
        catalog.join("services/s3.yaml"),
    )
    .unwrap();
    for args in all {
        let out = cloudsrm()
            .args(&args)
            .current_dir(dir.path())
            .output()
            .unwrap();
        let code = out.status.code();
        assert!(
            code == Some(0) || code == Some(1),
            "cloudsrm {}: exit {code:?}\n{}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr)
        );
        // `--out FILE` answers with the file instead of standard output.
        let wrote = args
            .iter()
            .position(|a| a == "--out")
            .is_some_and(|i| dir.path().join(&args[i + 1]).is_file());
        assert!(
            !out.stdout.is_empty() || wrote,
            "cloudsrm {}: no output",
            args.join(" ")
        );
    }
}
