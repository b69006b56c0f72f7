//! Names as people type them: product names, variant-ish names, parts of services, topic
//! words, layer-less questions and search, each pinned through the real binary.

use serde_json::Value;

use crate::common::cloudsrm;

fn json(args: &[&str]) -> Value {
    let out = cloudsrm()
        .args(args)
        .arg("-o")
        .arg("json")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn target(name: &str) -> String {
    let v = json(&["show", name]);
    match v["variant"].as_str() {
        Some(variant) => format!("{}:{variant}", v["service"].as_str().unwrap()),
        None => v["service"].as_str().unwrap().to_string(),
    }
}

fn error(args: &[&str]) -> String {
    let out = cloudsrm().args(args).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{args:?}");
    String::from_utf8(out.stderr).unwrap()
}

#[test]
fn product_names_as_people_type_them() {
    for (typed, expected) in [
        ("Amazon S3", "s3"),
        ("AWS Lambda", "lambda"),
        ("aws_lambda", "lambda"),
        ("amazon_s3", "s3"),
        ("Elastic Load Balancing", "elb"),
        ("api gateway", "apigateway"),
        ("Amazon Simple Storage Service", "s3"),
        ("  EC2 ", "ec2"),
    ] {
        assert_eq!(target(typed), expected, "{typed}");
    }
    let v = json(&["who-owns", "ec2", "os patching"]);
    assert_eq!(v["layer"], "os-patching");
}

#[test]
fn resource_types_name_their_service_as_scan_maps_them() {
    for (typed, expected) in [
        ("AWS::S3::Bucket", "s3"),
        ("aws::s3::bucket", "s3"),
        ("aws_s3_bucket", "s3"),
        ("AWS::EC2::Subnet", "vpc"),
        ("aws_instance", "ec2"),
        ("aws_ec2_transit_gateway", "transitgateway"),
    ] {
        assert_eq!(target(typed), expected, "{typed}");
    }
}

#[test]
fn variant_ish_names_reach_the_variant() {
    for (typed, expected) in [
        ("emr-serverless", "emr:serverless"),
        ("aurora-serverless", "aurora:serverless"),
        ("ecs-fargate", "ecs:fargate"),
        ("redshift-serverless", "redshift:serverless"),
        ("msk-serverless", "msk:serverless"),
        ("opensearch-serverless", "opensearch:serverless"),
        ("aoss", "opensearch:serverless"),
        ("emr-on-eks", "emr:eks"),
        ("eks:auto", "eks:auto-mode"),
        ("rds-custom", "rds:custom"),
        ("hyperpod", "sagemaker:hyperpod"),
    ] {
        assert_eq!(target(typed), expected, "{typed}");
    }
    cloudsrm()
        .args(["assert", "emr-serverless", "os-patching", "aws"])
        .assert()
        .code(0);
}

#[test]
fn a_variant_of_several_services_lists_each() {
    let err = error(&["who-owns", "fargate", "guest-os"]);
    for label in ["ecs:fargate", "eks:fargate", "batch:fargate"] {
        assert!(err.contains(label), "{err}");
    }
}

#[test]
fn parts_of_a_service_resolve_to_the_service_that_covers_them() {
    for (typed, expected) in [
        ("nat-gateway", "vpc"),
        ("security-groups", "vpc"),
        ("transit-gateway", "transitgateway"),
        ("vpc-endpoints", "privatelink"),
        ("lambda@edge", "lambda"),
        ("logs", "cloudwatch"),
    ] {
        assert_eq!(target(typed), expected, "{typed}");
    }
}

#[test]
fn suggestions_make_sense_or_stay_silent() {
    let err = error(&["who-owns", "aurora-serverles", "backup"]);
    assert!(err.contains("aurora"), "{err}");
    assert!(!err.contains("'emr"), "{err}");
    let err = error(&["who-owns", "nat-gatway", "backup"]);
    assert!(err.contains("'vpc'"), "{err}");
    let err = error(&["who-owns", "xes", "backup"]);
    assert!(!err.contains("did you mean"), "far-fetched: {err}");
    let err = error(&["who-owns", "ec3", "backup"]);
    assert!(err.contains("did you mean 'ec2'"), "closest first: {err}");
}

#[test]
fn every_topic_word_answers_its_layers() {
    let catalog = cloudsrm::catalog::embedded();
    assert!(catalog.topics.len() >= 60, "{}", catalog.topics.len());
    for word in [
        "mfa",
        "key-rotation",
        "rotation",
        "certificates",
        "tls",
        "ddos",
        "waf",
        "antivirus",
        "malware",
        "vulnerability-scanning",
        "nodes",
        "worker-nodes",
        "control-plane",
        "upgrades",
        "minor-version",
        "versioning",
        "replication",
        "pitr",
        "public-access",
        "bucket-policy",
        "ssh-keys",
        "ami",
        "kernel",
        "dependencies",
        "secrets",
        "concurrency",
    ] {
        let layers = catalog.resolve_layers(word).unwrap();
        assert!(!layers.is_empty(), "{word}");
    }
    // The rule behind the list: each topic word stands for the layers data/layers.yaml
    // gives it, in stack order.
    for topic in catalog.topics.iter() {
        let layers = catalog.resolve_layers(&topic.word).unwrap();
        assert_eq!(layers, topic.layers.to_vec(), "{}", topic.word);
        assert!(layers.windows(2).all(|w| w[0] < w[1]), "{}", topic.word);
    }
}

#[test]
fn rds_patching_shows_that_engine_patching_is_the_runtime_layer() {
    let v = json(&["who-owns", "rds", "patching"]);
    let answers: Vec<(&str, &str)> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (a["layer"].as_str().unwrap(), a["owner"].as_str().unwrap()))
        .collect();
    assert_eq!(answers, [("os-patching", "aws"), ("runtime", "shared")]);
}

#[test]
fn who_owns_without_a_layer_summarises_the_duties() {
    let v = json(&["who-owns", "rds"]);
    let duties: Vec<&str> = v["duties"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["layer"].as_str().unwrap())
        .collect();
    assert!(
        duties.contains(&"backup") && duties.contains(&"data"),
        "{duties:?}"
    );
    assert!(
        !duties.contains(&"os-patching"),
        "AWS patches RDS: {duties:?}"
    );
    assert!(v["aws"]
        .as_array()
        .unwrap()
        .iter()
        .any(|l| l == "os-patching"));
    let out = cloudsrm().args(["who-owns", "rds"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("your duties") && text.contains("AWS alone:"),
        "{text}"
    );
}

#[test]
fn search_finds_entries_by_words_best_first() {
    let v = json(&["search", "rds", "backup", "retention"]);
    let first = &v[0];
    assert_eq!(
        (first["service"].as_str(), first["layer"].as_str()),
        (Some("rds"), Some("backup"))
    );
    let v = json(&["search", "mfa", "--limit", "5"]);
    let hits = v.as_array().unwrap();
    assert_eq!(hits.len(), 5);
    assert!(hits.iter().all(|h| h["layer"] == "identity-access"), "{v}");
    let scores: Vec<u64> = hits.iter().map(|h| h["score"].as_u64().unwrap()).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
    let out = cloudsrm()
        .args(["search", "zzzz-nothing"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("nothing matched"));
}

#[test]
fn a_name_given_twice_counts_once() {
    let v = json(&["compare", "ec2", "ec2", "ecs", "ecs:fargate"]);
    let labels: Vec<String> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|c| format!("{}:{}", c["service"], c["variant"]))
        .collect();
    let mut unique = labels.clone();
    unique.dedup();
    unique.sort();
    unique.dedup();
    assert_eq!(labels.len(), unique.len(), "{labels:?}");
    let template = "tests/fixtures/scan/template.yaml";
    let once = json(&["scan", template]);
    let twice = json(&["scan", template, template]);
    assert_eq!(once["summary"], twice["summary"]);
}

#[test]
fn option_values_are_case_insensitive_everywhere() {
    for args in [
        &["who-owns", "ec2", "os", "-o", "JSON"][..],
        &[
            "scan",
            "tests/fixtures/scan/template.yaml",
            "--format",
            "JSON",
        ],
        &[
            "scan",
            "tests/fixtures/scan/template.yaml",
            "--fail-on",
            "UNKNOWN",
            "--format",
            "Json",
        ],
        &["completions", "BASH"],
        &["export", "oscal", "s3", "--model", "SSP"],
        &["layers", "--color", "NEVER"],
    ] {
        let code = cloudsrm().args(args).output().unwrap().status.code();
        assert!(code == Some(0) || code == Some(1), "{args:?}: {code:?}");
    }
}

#[test]
fn an_empty_assumptions_file_checks_nothing_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in [("empty.yaml", ""), ("comments.yaml", "# nothing yet\n")] {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        let out = cloudsrm().arg("check").arg(&path).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{name}");
        assert!(String::from_utf8_lossy(&out.stdout).contains("holds no assumptions"));
    }
}

#[test]
fn export_writes_json_only() {
    let out = cloudsrm()
        .args(["export", "oscal", "rds", "-o", "yaml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("use -o json"));
}
