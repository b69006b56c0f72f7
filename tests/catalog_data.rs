//! Integrity of the real catalog: every service and variant complete, sourced and
//! consistent. A failure here names the file and the entry to fix.

use std::collections::HashSet;

use std::path::Path;

use cloudsrm::catalog::{load_dir, Catalog, Owner, Responsibility};

fn catalog() -> Catalog {
    match load_dir(Path::new("data")) {
        Ok(catalog) => catalog,
        Err(problems) => {
            let list: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
            panic!("data/ has problems:\n{}", list.join("\n"));
        }
    }
}

/// Every (file, service label, layer id, entry) in the catalog, variants included.
fn entries(catalog: &Catalog) -> Vec<(String, String, String, &Responsibility)> {
    let mut all = Vec::new();
    for service in catalog.services.iter() {
        let file = service.file.to_string();
        for (l, entry) in service.layers.iter().enumerate() {
            all.push((
                file.clone(),
                service.id.to_string(),
                catalog.layers[l].id.to_string(),
                entry,
            ));
        }
        for variant in service.variants.iter() {
            for (l, entry) in variant.overrides.iter().enumerate() {
                if let Some(entry) = entry {
                    let label = format!("{}:{}", service.id, variant.id);
                    all.push((file.clone(), label, catalog.layers[l].id.to_string(), entry));
                }
            }
        }
    }
    all
}

fn is_aws_doc(url: &str) -> bool {
    let Some(rest) = url.strip_prefix("https://") else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    host == "aws.amazon.com" || host.ends_with(".aws.amazon.com")
}

#[test]
fn the_first_services_are_present() {
    let catalog = catalog();
    for id in [
        "ec2",
        "ebs",
        "vpc",
        "s3",
        "rds",
        "aurora",
        "dynamodb",
        "lambda",
        "ecs",
        "eks",
        "iam",
        "cloudfront",
    ] {
        assert!(
            catalog.services.iter().any(|s| s.id == id),
            "service {id} is missing"
        );
    }
}

#[test]
fn the_catalog_covers_the_services_customers_run() {
    let catalog = catalog();
    let wanted = [
        "ec2",
        "ebs",
        "lightsail",
        "outposts",
        "autoscaling",
        "batch",
        "elasticbeanstalk",
        "apprunner",
        "lambda",
        "ecs",
        "eks",
        "ecr",
        "s3",
        "glacier",
        "efs",
        "fsx",
        "storagegateway",
        "backup",
        "rds",
        "aurora",
        "dynamodb",
        "elasticache",
        "memorydb",
        "redshift",
        "documentdb",
        "neptune",
        "keyspaces",
        "timestream",
        "opensearch",
        "emr",
        "glue",
        "athena",
        "kinesis",
        "firehose",
        "msk",
        "quicksight",
        "sqs",
        "sns",
        "eventbridge",
        "stepfunctions",
        "mq",
        "apigateway",
        "vpc",
        "elb",
        "cloudfront",
        "route53",
        "directconnect",
        "globalaccelerator",
        "iam",
        "kms",
        "secretsmanager",
        "cognito",
        "waf",
        "shield",
        "guardduty",
        "acm",
        "cloudhsm",
        "cloudtrail",
        "cloudwatch",
        "config",
        "ssm",
        "cloudformation",
        "organizations",
        "sagemaker",
        "bedrock",
        "workspaces",
        "dms",
        "transfer",
        "codebuild",
    ];
    let missing: Vec<&str> = wanted
        .iter()
        .copied()
        .filter(|id| !catalog.services.iter().any(|s| s.id == *id))
        .collect();
    assert!(missing.is_empty(), "missing services: {missing:?}");
    assert!(catalog.services.len() >= 65);
}

#[test]
fn required_variants_are_present() {
    let catalog = catalog();
    let all_nodes = [
        "auto-mode",
        "managed-node-groups",
        "self-managed-nodes",
        "fargate",
    ];
    for (service, variants) in [
        ("ecs", &["ec2", "fargate", "managed-instances"][..]),
        ("eks", &all_nodes[..]),
        ("batch", &["ec2", "fargate"][..]),
        ("emr", &["ec2", "eks", "serverless"][..]),
        ("aurora", &["provisioned", "serverless"][..]),
        ("redshift", &["provisioned", "serverless"][..]),
        ("opensearch", &["managed-cluster", "serverless"][..]),
        ("msk", &["provisioned", "serverless"][..]),
        ("elasticache", &["node-based", "serverless"][..]),
    ] {
        let record = catalog.services.iter().find(|s| s.id == service).unwrap();
        let ids: Vec<&str> = record.variants.iter().map(|v| v.id.as_ref()).collect();
        assert_eq!(ids, variants, "{service} variants");
    }
}

#[test]
fn every_layer_is_present_with_texts() {
    let catalog = catalog();
    assert_eq!(catalog.layers.len(), 17);
    for service in catalog.services.iter() {
        assert_eq!(service.layers.len(), 17, "{}", service.file);
    }
    for (file, label, layer, entry) in entries(&catalog) {
        assert!(
            entry.aws.trim().len() >= 10,
            "{file}: {label} {layer}: the aws text is too short"
        );
        assert!(
            entry.customer.trim().len() >= 10,
            "{file}: {label} {layer}: the customer text is too short"
        );
    }
}

#[test]
fn every_entry_cites_aws_documentation() {
    // An entry no page could be found for keeps an empty source list and says why in its
    // note, rather than citing a page that does not support it.
    let catalog = catalog();
    let mut bad = Vec::new();
    for (file, label, layer, entry) in entries(&catalog) {
        if entry.sources.is_empty() && entry.note.as_deref().is_none_or(|n| n.trim().len() < 20) {
            bad.push(format!(
                "{file}: {label} {layer}: no source, and no note saying why"
            ));
        }
        for url in entry.sources.iter() {
            if !is_aws_doc(url) {
                bad.push(format!(
                    "{file}: {label} {layer}: '{url}' is not an https URL on an AWS domain"
                ));
            }
        }
        let unique: HashSet<&str> = entry.sources.iter().map(|s| s.as_ref()).collect();
        if unique.len() != entry.sources.len() {
            bad.push(format!("{file}: {label} {layer}: a source is listed twice"));
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn unsourced_entries_stay_rare() {
    // Each one is listed in the closing notes of the catalog issues; more than a handful
    // means research was skipped.
    let catalog = catalog();
    let unsourced: Vec<String> = entries(&catalog)
        .into_iter()
        .filter(|(_, _, _, entry)| entry.sources.is_empty())
        .map(|(_, label, layer, _)| format!("{label} {layer}"))
        .collect();
    assert!(
        unsourced.len() <= 5,
        "too many entries without a source: {unsourced:?}"
    );
}

#[test]
fn infrastructure_layers_are_aws_and_content_is_the_customers() {
    let catalog = catalog();
    for (file, label, layer, entry) in entries(&catalog) {
        let expected = match layer.as_str() {
            "physical-security" | "hardware" | "network-infrastructure" => Some(Owner::Aws),
            "data" => Some(Owner::Customer),
            _ => None,
        };
        // A documented exception (AWS Outposts sits in the customer's building) carries a note.
        if let Some(owner) = expected {
            assert!(
                entry.owner == owner || entry.note.is_some(),
                "{file}: {label} {layer}: expected {owner}, or a note explaining the exception"
            );
        }
    }
}

#[test]
fn shared_entries_give_each_side_a_duty() {
    let catalog = catalog();
    for (file, label, layer, entry) in entries(&catalog) {
        if entry.owner == Owner::Shared {
            for (side, text) in [("aws", &entry.aws), ("customer", &entry.customer)] {
                assert!(
                    !text.to_lowercase().starts_with("nothing"),
                    "{file}: {label} {layer} is shared, but the {side} text says there is nothing to do"
                );
            }
        }
    }
}

#[test]
fn names_are_unique_and_well_formed() {
    let catalog = catalog();
    let ids: HashSet<&str> = catalog.services.iter().map(|s| s.id.as_ref()).collect();
    assert_eq!(ids.len(), catalog.services.len(), "service ids are unique");
    let mut seen = HashSet::new();
    for service in catalog.services.iter() {
        assert_eq!(
            service.file,
            format!("data/services/{}.yaml", service.id),
            "file named after its id"
        );
        for alias in service.aliases.iter() {
            assert!(
                !ids.contains(alias.as_ref()),
                "{}: alias '{alias}' is another service's id",
                service.file
            );
            assert!(
                seen.insert(alias.clone()),
                "{}: alias '{alias}' is used twice",
                service.file
            );
        }
    }
}

#[test]
fn variants_change_something() {
    // The first variant may simply be what the service-level entries describe, but a
    // service whose variants all agree with it has no reason to declare them.
    let catalog = catalog();
    for service in catalog.services.iter() {
        if !service.variants.is_empty() {
            assert!(
                service
                    .variants
                    .iter()
                    .any(|v| v.overrides.iter().any(Option::is_some)),
                "{}: no variant overrides any layer",
                service.file
            );
        }
    }
}

#[test]
fn models_match_the_managed_tag() {
    // An unmanaged service is one you run servers on: the infrastructure model.
    let catalog = catalog();
    for service in catalog.services.iter() {
        let unmanaged_infra =
            !service.managed && service.model == cloudsrm::catalog::Model::Infrastructure;
        let managed_other =
            service.managed && service.model != cloudsrm::catalog::Model::Infrastructure;
        assert!(
            unmanaged_infra || managed_other,
            "{}: managed/model disagree",
            service.file
        );
    }
}

#[test]
fn every_answer_renders_in_every_format() {
    use cloudsrm::app::run_with;
    use cloudsrm::cli::{Command, OutputFormat};
    use cloudsrm::date::Day;
    use cloudsrm::render::Style;

    let catalog = cloudsrm::catalog::embedded();
    let style = Style {
        color: true,
        width: Some(60),
    };
    let today = Day::parse("2026-12-01").unwrap();
    let mut names: Vec<String> = Vec::new();
    for service in catalog.services.iter() {
        names.push(service.id.to_string());
        names.extend(
            service
                .variants
                .iter()
                .map(|v| format!("{}:{}", service.id, v.id)),
        );
    }
    for name in &names {
        for format in [OutputFormat::Text, OutputFormat::Json] {
            let show = Command::Show {
                service: name.clone(),
            };
            let out = run_with(catalog, &show, format, &style, today).expect("show answers");
            assert!(out.stdout.len() > 100, "{name}");
            for layer in catalog.layers.iter() {
                let ask = Command::WhoOwns {
                    service: name.clone(),
                    layer: layer.id.to_string(),
                };
                let out = run_with(catalog, &ask, format, &style, today).expect("who-owns answers");
                assert!(
                    out.stdout.contains(layer.id.as_ref()),
                    "{name} {}",
                    layer.id
                );
            }
        }
    }
}
