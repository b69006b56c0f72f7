//! The real binary on the embedded catalog: every command, every format, every exit code.

use crate::common::cloudsrm;
use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

fn json(args: &[&str]) -> Value {
    let out = cloudsrm()
        .args(args)
        .args(["-o", "json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    serde_json::from_slice(&out).expect("stdout is JSON")
}

/// Runs a command that must fail with `code`, and returns its single stderr line.
fn fails(args: &[&str], code: i32) -> String {
    let out = cloudsrm()
        .args(args)
        .assert()
        .code(code)
        .stdout("")
        .get_output()
        .stderr
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert_eq!(text.lines().count(), 1, "one line of error: {text:?}");
    assert!(
        !text.contains("panicked") && !text.contains("RUST_BACKTRACE"),
        "{text}"
    );
    text
}

#[test]
fn who_owns_answers_in_text() {
    cloudsrm()
        .args(["who-owns", "ec2", "os-patching"])
        .assert()
        .success()
        .stdout(predicate::str::contains("owner     customer"))
        .stdout(predicate::str::contains("https://"));
}

#[test]
fn who_owns_json_contract() {
    let v = json(&["who-owns", "ec2", "os-patching"]);
    assert_eq!(v["service"], "ec2");
    assert_eq!(v["variant"], Value::Null);
    assert_eq!(v["layer"], "os-patching");
    assert_eq!(v["owner"], "customer");
    assert!(v["aws"].is_string() && v["customer"].is_string());
    assert!(v["sources"][0].as_str().unwrap().starts_with("https://"));
    assert!(
        v.get("variants").is_none(),
        "no variants key for a service without variants"
    );
}

#[test]
fn managed_and_unmanaged_differ_on_os_patching() {
    assert_eq!(json(&["who-owns", "rds", "os-patching"])["owner"], "aws");
    assert_eq!(json(&["who-owns", "ec2", "guest-os"])["owner"], "customer");
}

#[test]
fn names_are_case_insensitive_and_aliases_resolve() {
    let v = json(&["who-owns", "EC2", "OS-Patches"]);
    assert_eq!(
        (v["service"].as_str(), v["layer"].as_str()),
        (Some("ec2"), Some("os-patching"))
    );
    let v = json(&["who-owns", "s3api", "iam"]);
    assert_eq!(
        (v["service"].as_str(), v["layer"].as_str()),
        (Some("s3"), Some("identity-access"))
    );
}

#[test]
fn variants_that_disagree_say_varies() {
    let v = json(&["who-owns", "ecs", "guest-os"]);
    assert_eq!(v["owner"], "varies");
    let variants = v["variants"].as_array().unwrap();
    let ids: Vec<&str> = variants
        .iter()
        .map(|x| x["variant"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["ec2", "fargate", "managed-instances", "external"]);
    assert_eq!(variants[0]["owner"], "customer");
    assert_eq!(variants[1]["owner"], "aws");
}

#[test]
fn a_variant_is_written_service_colon_variant() {
    let v = json(&["who-owns", "ecs:fargate", "guest-os"]);
    assert_eq!(
        (v["variant"].as_str(), v["owner"].as_str()),
        (Some("fargate"), Some("aws"))
    );
    let v = json(&["who-owns", "eks:self-managed-nodes", "os-patching"]);
    assert_eq!(v["owner"], "customer");
}

#[test]
fn show_lists_every_layer() {
    let v = json(&["show", "rds"]);
    for key in [
        "service", "name", "category", "managed", "model", "aliases", "variants", "layers",
    ] {
        assert!(v.get(key).is_some(), "missing {key}");
    }
    assert_eq!(v["managed"], true);
    assert_eq!(v["layers"].as_array().unwrap().len(), 17);
    let v = json(&["show", "ecs:fargate"]);
    assert_eq!(v["variant"], "fargate");
    assert_eq!(v["layers"][4]["layer"], "guest-os");
    assert_eq!(v["layers"][4]["owner"], "aws");
    cloudsrm()
        .args(["show", "ec2"])
        .assert()
        .success()
        .stdout(predicate::str::contains("sources:"));
}

#[test]
fn services_filters() {
    let all = json(&["services"]);
    assert!(all.as_array().unwrap().len() >= 12);
    let ids = |v: &Value| -> Vec<String> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|r| match r.get("variant") {
                Some(var) => format!("{}:{}", r["id"].as_str().unwrap(), var.as_str().unwrap()),
                None => r["id"].as_str().unwrap().to_string(),
            })
            .collect()
    };
    let os = ids(&json(&["services", "--where", "guest-os=customer"]));
    assert!(
        os.contains(&"ec2".to_string()) && os.contains(&"ecs:ec2".to_string()),
        "{os:?}"
    );
    assert!(
        !os.contains(&"s3".to_string()) && !os.contains(&"ecs".to_string()),
        "{os:?}"
    );
    let unmanaged = ids(&json(&["services", "--unmanaged"]));
    assert!(unmanaged.contains(&"ec2".to_string()) && !unmanaged.contains(&"rds".to_string()));
    let managed = ids(&json(&["services", "--managed"]));
    assert!(managed.contains(&"rds".to_string()) && !managed.contains(&"ec2".to_string()));
    let db = ids(&json(&["services", "--category", "Database"]));
    assert!(
        db.contains(&"dynamodb".to_string()) && !db.contains(&"ec2".to_string()),
        "{db:?}"
    );
    let both = ids(&json(&[
        "services",
        "--where",
        "guest-os=customer",
        "--where",
        "os-patching=aws",
    ]));
    assert!(!both.contains(&"ec2".to_string()), "{both:?}");
    cloudsrm()
        .args(["services", "--where", "os=customer"])
        .assert()
        .success()
        .stdout(predicate::str::contains("ec2"));
}

#[test]
fn layers_in_stack_order() {
    let v = json(&["layers"]);
    let ids: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids.first(), Some(&"physical-security"));
    assert_eq!(ids.last(), Some(&"data"));
    assert_eq!(ids.len(), 17);
    assert!(v[0]["description"].is_string() && v[0]["name"].is_string());
}

#[test]
fn compare_and_matrix_json() {
    let v = json(&["compare", "ec2", "lambda"]);
    assert_eq!(
        v.as_array().unwrap().len(),
        3,
        "ec2, lambda:zip, lambda:container-image"
    );
    assert_eq!(v[0]["owners"]["guest-os"], "customer");
    assert_eq!(v[1]["owners"]["guest-os"], "aws");
    let v = json(&["compare", "ecs"]);
    assert_eq!(v.as_array().unwrap().len(), 4, "one column per variant");
    let matrix = json(&["matrix"]);
    let rows = matrix.as_array().unwrap();
    assert!(rows
        .iter()
        .any(|r| r["service"] == "eks" && r["variant"] == "fargate"));
    assert!(rows
        .iter()
        .all(|r| r["owners"].as_object().unwrap().len() == 17));
}

#[test]
fn yaml_output_has_the_json_shape() {
    let out = cloudsrm()
        .args(["who-owns", "ec2", "os-patching", "-o", "yaml"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert!(
        text.contains("service: ec2") && text.contains("owner: customer"),
        "{text}"
    );
}

#[test]
fn text_output_of_every_command() {
    for args in [
        vec!["show", "ecs"],
        vec!["services"],
        vec!["layers"],
        vec!["compare", "ec2", "s3"],
        vec!["matrix"],
    ] {
        cloudsrm()
            .args(&args)
            .assert()
            .success()
            .stdout(predicate::str::is_empty().not());
    }
}

#[test]
fn colour_follows_the_flags_and_environment() {
    let has_escape = |cmd: &mut Command| cmd.assert().success().get_output().stdout.contains(&0x1b);
    assert!(
        !has_escape(cloudsrm().args(["who-owns", "ec2", "os"])),
        "piped output is plain"
    );
    assert!(has_escape(
        cloudsrm().args(["who-owns", "ec2", "os", "--color", "always"])
    ));
    assert!(has_escape(
        cloudsrm()
            .args(["who-owns", "ec2", "os"])
            .env("CLICOLOR_FORCE", "1")
    ));
    assert!(!has_escape(
        cloudsrm()
            .args(["who-owns", "ec2", "os"])
            .env("CLICOLOR_FORCE", "1")
            .env("NO_COLOR", "1")
    ));
}

#[test]
fn unknown_names_exit_2_with_suggestions() {
    let err = fails(&["who-owns", "ec3", "os-patching"], 2);
    assert!(
        err.contains("unknown service 'ec3'")
            && err.contains("did you mean")
            && err.contains("'ec2'"),
        "{err}"
    );
    let err = fails(&["who-owns", "ec2", "os-patchin"], 2);
    assert!(err.contains("did you mean 'os-patching'?"), "{err}");
    let err = fails(&["who-owns", "ecs:fargat", "guest-os"], 2);
    assert!(err.contains("did you mean 'ecs:fargate'?"), "{err}");
    let err = fails(&["who-owns", "ec2:fargate", "guest-os"], 2);
    assert!(err.contains("has no variants"), "{err}");
    let err = fails(&["who-owns", "ecs:zzz", "guest-os"], 2);
    assert!(err.contains("its variants are"), "{err}");
    let err = fails(&["who-owns", "zzzzzz", "guest-os"], 2);
    assert!(err.contains("cloudsrm services"), "{err}");
    let err = fails(&["show", "lamda"], 2);
    assert!(err.contains("'lambda'"), "{err}");
    let err = fails(&["compare", "ec2", "nope-nope"], 2);
    assert!(err.contains("nope-nope"), "{err}");
}

#[test]
fn a_word_for_two_layers_answers_both_or_is_refused_where_one_is_needed() {
    let v = json(&["who-owns", "s3", "encryption"]);
    let layers: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["layer"].as_str().unwrap())
        .collect();
    assert_eq!(layers, ["encryption-in-transit", "encryption-at-rest"]);
    // A filter asserts one owner of one layer: there the word is ambiguous.
    let err = fails(&["services", "--where", "encryption=aws"], 2);
    assert!(
        err.contains("ambiguous")
            && err.contains("encryption-at-rest")
            && err.contains("encryption-in-transit"),
        "{err}"
    );
}

#[test]
fn bad_filters_exit_2() {
    let err = fails(&["services", "--where", "guest-os"], 2);
    assert!(err.contains("LAYER=OWNER"), "{err}");
    let err = fails(&["services", "--where", "guest-os=amazon"], 2);
    assert!(err.contains("unknown owner 'amazon'"), "{err}");
    let err = fails(&["services", "--where", "nosuchlayer=aws"], 2);
    assert!(err.contains("unknown layer 'nosuchlayer'"), "{err}");
    let err = fails(&["services", "--category", "databse"], 2);
    assert!(err.contains("did you mean 'database'?"), "{err}");
}

#[test]
fn usage_errors_exit_2() {
    cloudsrm().assert().code(2).stdout("");
    cloudsrm().args(["who-owns"]).assert().code(2);
    cloudsrm()
        .args(["who-owns", "ec2", "os", "-o", "xml"])
        .assert()
        .code(2);
    cloudsrm()
        .args(["services", "--managed", "--unmanaged"])
        .assert()
        .code(2);
    cloudsrm().args(["frobnicate"]).assert().code(2);
}

#[test]
fn help_and_version_exit_0() {
    cloudsrm()
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("Examples:"))
        .stdout(predicate::str::contains("Exit codes"));
    for sub in [
        "who-owns", "show", "services", "layers", "compare", "matrix",
    ] {
        cloudsrm()
            .args([sub, "--help"])
            .assert()
            .success()
            .stdout(predicate::str::contains("Examples:"));
    }
    cloudsrm()
        .arg("--version")
        .assert()
        .success()
        .stdout(predicate::str::starts_with("cloudsrm "));
}

#[test]
fn closed_pipe_ends_quietly() {
    // The reader is gone before the program writes a byte: the write must fail with
    // a broken pipe, which the program treats as a normal end.
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let out = std::process::Command::new(assert_cmd::cargo::cargo_bin("cloudsrm"))
        .arg("matrix")
        .stdout(writer)
        .stderr(std::process::Stdio::piped())
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "",
        "no error text on a closed pipe"
    );
    assert!(out.status.success(), "{:?}", out.status);
}

#[test]
fn version_names_the_catalog() {
    let out = cloudsrm()
        .arg("--version")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert!(
        text.starts_with(&format!(
            "cloudsrm {} (catalog: ",
            env!("CARGO_PKG_VERSION")
        )),
        "{text}"
    );
    assert!(text.contains(" services, newest review 20"), "{text}");
}

#[test]
fn stale_reviews_are_said_plainly() {
    let later = cloudsrm()
        .args(["who-owns", "ec2", "os-patching"])
        .env("CLOUDSRM_TODAY", "2099-01-01")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert!(String::from_utf8(later)
        .unwrap()
        .contains("(STALE: reviewed more than 180 days ago"));
    let v = json(&["who-owns", "ec2", "os-patching"]);
    assert!(v["reviewed"].as_str().unwrap().starts_with("20"));
    assert!(v["stale"].is_boolean());
}

#[test]
fn pentest_policy_per_service_and_overall() {
    let v = json(&["pentest", "ec2"]);
    assert_eq!(v["permitted"], true);
    assert!(v["policy"]
        .as_str()
        .unwrap()
        .starts_with("https://aws.amazon.com/"));
    assert!(v["prohibited"]
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p.as_str().unwrap().contains("DNS zone walking")));
    let v = json(&["pentest", "dynamodb"]);
    assert_eq!(v["permitted"], false);
    assert_eq!(v["scope"], Value::Null);
    let v = json(&["pentest"]);
    let permitted: Vec<&str> = v["permitted"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["service"].as_str().unwrap())
        .collect();
    assert!(
        permitted.contains(&"rds") && permitted.contains(&"lambda"),
        "{permitted:?}"
    );
    assert!(v["checked"].is_string());
    cloudsrm()
        .args(["pentest", "rds"])
        .assert()
        .success()
        .stdout(predicate::str::contains("permitted"));
    cloudsrm().args(["pentest", "nosuch"]).assert().code(2);
}

#[test]
fn status_points_at_the_health_dashboard() {
    let v = json(&["status"]);
    assert!(v["public_dashboard"]
        .as_str()
        .unwrap()
        .starts_with("https://health.aws.amazon.com/"));
    assert!(
        v.get("region").is_none() && v.get("service").is_none(),
        "{v}"
    );
    cloudsrm()
        .arg("status")
        .assert()
        .success()
        .stdout(predicate::str::contains("https://health.aws.amazon.com/"));
    // AWS documents no address per service or Region: asking for one is refused, with
    // the reason, rather than answered as if it had been honoured.
    for args in [
        vec!["status", "lambda"],
        vec!["status", "--region", "eu-west-1"],
        vec!["status", "s3", "--region", "mars-1"],
    ] {
        let err = fails(&args, 2);
        assert!(
            err.contains("status takes no service or Region")
                && err.contains("https://health.aws.amazon.com/health/status"),
            "{err}"
        );
    }
}

#[test]
fn completions_and_manual_page() {
    for (shell, marker) in [
        ("bash", "_cloudsrm()"),
        ("zsh", "#compdef cloudsrm"),
        ("fish", "complete -c cloudsrm"),
        ("powershell", "Register-ArgumentCompleter"),
        ("elvish", "edit:completion:arg-completer[cloudsrm]"),
    ] {
        cloudsrm()
            .args(["completions", shell])
            .assert()
            .success()
            .stdout(predicate::str::contains(marker))
            .stdout(predicate::str::contains("who-owns"));
    }
    cloudsrm().args(["completions", "tcsh"]).assert().code(2);
    cloudsrm()
        .arg("man")
        .assert()
        .success()
        .stdout(predicate::str::contains(".TH cloudsrm 1"))
        .stdout(predicate::str::contains("who\\-owns"));
}

#[test]
fn schema_describes_overlay_files() {
    let v = json(&["schema", "catalog"]);
    assert_eq!(v["$schema"], "http://json-schema.org/draft-07/schema#");
    let top: Vec<&String> = v["properties"].as_object().unwrap().keys().collect();
    assert_eq!(top, ["add", "override"]);
    let service = &v["definitions"]["Service"]["properties"];
    for key in [
        "id", "name", "aliases", "category", "managed", "model", "reviewed", "layers", "variants",
        "team",
    ] {
        assert!(service.get(key).is_some(), "Service.{key}");
    }
}

#[test]
fn piped_tables_keep_to_100_columns() {
    for args in [
        vec!["services"],
        vec!["show", "ecs"],
        vec!["layers"],
        vec!["compare", "ec2", "s3", "rds"],
    ] {
        let out = cloudsrm()
            .args(&args)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        let text = String::from_utf8(out).unwrap();
        let table_lines = text
            .lines()
            .filter(|l| l.starts_with(['┌', '│', '╞', '├', '└']));
        assert!(
            table_lines.clone().count() > 3,
            "{args:?}: a table was printed"
        );
        for line in table_lines {
            assert!(
                line.chars().count() <= 100,
                "{args:?}: {} columns: {line}",
                line.chars().count()
            );
        }
    }
}

#[test]
fn aup_summarises_the_policy_in_every_format() {
    let v = json(&["aup"]);
    assert_eq!(v["policy"], "https://aws.amazon.com/aup/");
    let categories: Vec<&str> = v["prohibited"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["category"].as_str().unwrap())
        .collect();
    assert_eq!(categories.len(), 4, "{categories:?}");
    assert!(categories.iter().any(|c| c.contains("Network abuse")));
    assert!(!v["aws_may"].as_array().unwrap().is_empty());
    assert!(v["customer_must"]
        .as_array()
        .unwrap()
        .iter()
        .any(|m| m.as_str().unwrap().contains("abuse reports")));
    assert!(v["checked"].as_str().unwrap().starts_with("20"));
    let out = cloudsrm().args(["aup", "-o", "yaml"]).assert().success();
    let yaml = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(yaml.contains("customer_must:"), "{yaml}");
    let out = cloudsrm().arg("aup").assert().success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(
        text.contains("You must:") && text.contains("AWS may:"),
        "{text}"
    );
}

#[test]
fn pentest_names_the_newest_list_and_the_variant_asked() {
    let v = json(&["pentest"]);
    let permitted: Vec<&str> = v["permitted"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["service"].as_str().unwrap())
        .collect();
    for id in [
        "appsync",
        "ecs",
        "opensearch",
        "fsx",
        "transitgateway",
        "waf",
        "s3",
    ] {
        assert!(permitted.contains(&id), "{id} missing from {permitted:?}");
    }
    let out = cloudsrm()
        .args(["pentest", "ecs:fargate"])
        .assert()
        .success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(text.starts_with("ecs:fargate ("), "{text}");
    assert!(text.contains("list as of "), "{text}");
    let v = json(&["pentest", "ecs:fargate"]);
    assert_eq!(v["variant"], "fargate");
    assert_eq!(v["permitted"], true);
    // "AWS Fargate" on AWS's list covers Fargate under EKS and Batch too.
    assert_eq!(json(&["pentest", "eks:fargate"])["permitted"], true);
    assert_eq!(json(&["pentest", "batch:fargate"])["permitted"], true);
    // A service AWS rules out is not "ask first": it is never.
    let v = json(&["pentest", "connect"]);
    assert_eq!(v["permitted"], false);
    assert!(v["untestable"].as_str().unwrap().contains("may not"), "{v}");
    let out = cloudsrm().args(["pentest", "connect"]).assert().success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(
        text.contains("never:") && !text.contains("ask AWS for approval"),
        "{text}"
    );
}
