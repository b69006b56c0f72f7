//! Completion scripts that offer the catalog's names, and manual pages for every command.

use std::process::Command;

use clap::CommandFactory;
use cloudsrm::cli::Cli;

use crate::common::cloudsrm;

fn stdout(args: &[&str]) -> String {
    let out = cloudsrm()
        .args(args)
        .assert()
        .success()
        .get_output()
        .clone();
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn completion_scripts_offer_services_variants_layers_and_owners() {
    let bash = stdout(&["completions", "bash"]);
    for word in [
        "ecs:fargate",
        "eks:managed-node-groups",
        "os-patching",
        "identity-access",
        "customer",
        "os-patching=customer",
        "database",
    ] {
        assert!(bash.split_whitespace().any(|w| w == word), "bash: {word}");
    }
    // zsh escapes the colon of SERVICE:VARIANT.
    let zsh = stdout(&["completions", "zsh"]);
    assert!(zsh.contains("ecs\\:fargate") && zsh.contains("os-patching"));
    let fish = stdout(&["completions", "fish"]);
    assert!(fish.contains("ecs:fargate") && fish.contains("os-patching=customer"));
    // Files after check and --catalog.
    assert!(zsh.contains(":FILE:_files"), "zsh completes file names");
    assert!(fish.contains("-l catalog") && fish.contains("-r -F"));
}

/// The bash script, run by bash as it would be on Tab: the function fills COMPREPLY.
#[test]
fn bash_completes_a_variant_and_a_layer() {
    let script = stdout(&["completions", "bash"]);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cloudsrm.bash");
    std::fs::write(&path, script).unwrap();
    let program = format!(
        "source '{}'
COMP_WORDS=(cloudsrm who-owns ecs:farg); COMP_CWORD=2
_cloudsrm cloudsrm ecs:farg who-owns; echo \"${{COMPREPLY[@]}}\"
COMP_WORDS=(cloudsrm who-owns ec2 os-pa); COMP_CWORD=3
_cloudsrm cloudsrm os-pa ec2; echo \"${{COMPREPLY[@]}}\"
COMP_WORDS=(cloudsrm assert ec2 os-patching cus); COMP_CWORD=4
_cloudsrm cloudsrm cus os-patching; echo \"${{COMPREPLY[@]}}\"",
        path.display()
    );
    let out = match Command::new("bash").args(["-c", &program]).output() {
        Ok(out) => out,
        Err(err) => {
            eprintln!("skipped: bash is not available ({err})");
            return;
        }
    };
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines, ["ecs:fargate", "os-patching", "customer"], "{text}");
}

#[test]
fn names_still_resolve_freely_after_completion_lists_were_added() {
    // Case, aliases and typos are the resolver's business, not clap's.
    stdout(&["who-owns", "ECS:Fargate", "PATCHING"]);
    cloudsrm()
        .args(["who-owns", "ec3", "os-patching"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("did you mean"));
}

/// Every subcommand the main page lists as cloudsrm-COMMAND(1) has that page, and each
/// page documents every option the command takes.
#[test]
fn every_page_the_manual_names_exists_and_documents_every_option() {
    let main = stdout(&["man"]);
    assert!(main.contains(".TH cloudsrm 1"));
    let dir = tempfile::tempdir().unwrap();
    let written = stdout(&["man", "--dir", dir.path().join("man1").to_str().unwrap()]);
    let files: Vec<String> = std::fs::read_dir(dir.path().join("man1"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(written.lines().count(), files.len());
    assert!(files.contains(&"cloudsrm.1".to_string()));
    let mut cli = Cli::command();
    cli.build();
    let mut named = 0;
    for sub in cli.get_subcommands().filter(|s| s.get_name() != "help") {
        let name = sub.get_name();
        let reference = format!("cloudsrm\\-{}(1)", name.replace('-', "\\-"));
        assert!(main.contains(&reference), "main page names {reference}");
        named += 1;
        let file = format!("cloudsrm-{name}.1");
        assert!(files.contains(&file), "{file} written");
        let page = std::fs::read_to_string(dir.path().join("man1").join(&file)).unwrap();
        assert_eq!(
            page,
            stdout(&["man", name]),
            "man {name} prints the same page"
        );
        assert!(page.contains(&format!(".TH cloudsrm-{name} 1")));
        for arg in sub.get_arguments().filter(|a| !a.is_hide_set()) {
            if let Some(long) = arg.get_long() {
                let option = format!("\\-\\-{}", long.replace('-', "\\-"));
                assert!(page.contains(&option), "{file} documents --{long}");
            }
        }
    }
    assert_eq!(files.len(), named + 1, "{files:?}");
    assert!(!main.contains("cloudsrm\\-help(1)"), "no page for help");
    cloudsrm()
        .args(["man", "nosuch"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("no manual page for 'nosuch'"));
}
