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
fn the_catalog_reaches_160_services() {
    let catalog = catalog();
    let wanted = "networkfirewall transitgateway vpn clientvpn privatelink route53resolver \
        cloudmap vpclattice cloudwan appsync appflow scheduler pipes swf securityhub inspector \
        macie identitycenter directoryservice acmpca accessanalyzer fms detective securitylake \
        auditmanager verifiedpermissions verifiedaccess rolesanywhere codepipeline codedeploy \
        codecommit codeartifact xray prometheus grafana appconfig controltower ram \
        servicecatalog trustedadvisor licensemanager resiliencehub fis ssmincidents dlm amplify \
        location datasync drs mgn snowball m2 lakeformation mwaa flink datazone cleanrooms \
        dataexchange cloudsearch osis dax dsql imagebuilder parallelcluster pcs connect ses \
        workmail appstream workspacesweb rekognition textract comprehend transcribe translate \
        polly lex kendra qbusiness agentcore personalize healthlake iotcore greengrass \
        iotsitewise mediaconvert medialive ivs kinesisvideo gamelift devicefarm";
    let missing: Vec<&str> = wanted
        .split_whitespace()
        .filter(|id| !catalog.services.iter().any(|s| s.id == *id))
        .collect();
    assert!(missing.is_empty(), "missing services: {missing:?}");
    assert!(catalog.services.len() >= 160, "{}", catalog.services.len());
}

#[test]
fn required_variants_are_present() {
    let catalog = catalog();
    let all_nodes = [
        "auto-mode",
        "managed-node-groups",
        "self-managed-nodes",
        "fargate",
        "hybrid-nodes",
    ];
    for (service, variants) in [
        (
            "ecs",
            &["ec2", "fargate", "managed-instances", "external"][..],
        ),
        ("eks", &all_nodes[..]),
        ("lambda", &["zip", "container-image"][..]),
        (
            "sagemaker",
            &["notebook-instances", "studio", "hyperpod"][..],
        ),
        ("documentdb", &["instance-based", "elastic"][..]),
        ("rds", &["custom"][..]),
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
fn every_entry_has_a_source() {
    let catalog = catalog();
    let unsourced: Vec<String> = entries(&catalog)
        .into_iter()
        .filter(|(_, _, _, entry)| entry.sources.is_empty())
        .map(|(_, label, layer, _)| format!("{label} {layer}"))
        .collect();
    assert!(
        unsourced.is_empty(),
        "entries without a source: {unsourced:?}"
    );
}

/// Why a source URL is not the canonical English page, if it is not.
fn non_canonical(url: &str) -> Option<&'static str> {
    let docs = url.strip_prefix("https://docs.aws.amazon.com/");
    let site = url.strip_prefix("https://aws.amazon.com/");
    let path = docs.or(site)?;
    // docs.aws.amazon.com writes locales `ja_jp`; aws.amazon.com writes `jp` or `pt-br`.
    let locale = path.split('/').next().is_some_and(|first| {
        let letters = |part: &str| part.len() == 2 && part.chars().all(|c| c.is_ascii_lowercase());
        match first.split_once(['_', '-']) {
            Some((language, region)) => letters(language) && letters(region),
            None => site.is_some() && letters(first),
        }
    });
    if locale {
        Some("a locale path")
    } else if url.contains(['?', '#']) {
        Some("a query string or fragment")
    } else if path.starts_with("goto/") {
        Some("a goto/ redirect")
    } else if url.ends_with(".md") {
        Some("a .md copy")
    } else if docs.is_some() && !(url.ends_with(".html") || url.ends_with('/')) {
        Some("a page with no .html extension")
    } else {
        None
    }
}

#[test]
fn sources_are_canonical_english_pages() {
    let catalog = catalog();
    let mut bad = Vec::new();
    for (file, label, layer, entry) in entries(&catalog) {
        for url in entry.sources.iter() {
            let why = if url.starts_with("https://docs.aws.amazon.com/")
                || url.starts_with("https://aws.amazon.com/")
            {
                non_canonical(url)
            } else {
                Some("not docs.aws.amazon.com or aws.amazon.com")
            };
            if let Some(why) = why {
                bad.push(format!("{file}: {label} {layer}: {url} is {why}"));
            }
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
    // The rule itself.
    for (url, canonical) in [
        (
            "https://docs.aws.amazon.com/ja_jp/AmazonRDS/latest/UserGuide/x.html",
            false,
        ),
        (
            "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/x.md",
            false,
        ),
        (
            "https://docs.aws.amazon.com/goto/WebAPI/ec2/CreateImage",
            false,
        ),
        (
            "https://docs.aws.amazon.com/AmazonS3/latest/userguide/x.html#y",
            false,
        ),
        (
            "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZ",
            false,
        ),
        (
            "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Encryption.html",
            true,
        ),
        (
            "https://aws.amazon.com/compliance/shared-responsibility-model/",
            true,
        ),
    ] {
        assert_eq!(non_canonical(url).is_none(), canonical, "{url}");
    }
}

/// The general Shared Responsibility Model page speaks to the layers every service shares;
/// a service-specific layer needs the service's own page.
const GENERAL_PAGE: &str = "https://aws.amazon.com/compliance/shared-responsibility-model/";
const SERVICE_SPECIFIC: [&str; 9] = [
    "runtime",
    "network-config",
    "scaling",
    "availability",
    "backup",
    "logging-monitoring",
    "encryption-in-transit",
    "encryption-at-rest",
    "identity-access",
];

#[test]
fn service_specific_layers_cite_the_services_own_pages() {
    let catalog = catalog();
    let reference = |url: &str| {
        [
            "/sdk-for-",
            "/sdkfor",
            "/cli/",
            "/cdk/api/",
            "/AWSJavaSDK/",
            "/AWSJavaScriptSDK/",
        ]
        .iter()
        .any(|p| url.contains(p))
    };
    let mut bad = Vec::new();
    for (file, label, layer, entry) in entries(&catalog) {
        if !SERVICE_SPECIFIC.contains(&layer.as_str()) {
            continue;
        }
        if entry.sources.iter().all(|s| s == GENERAL_PAGE) {
            bad.push(format!(
                "{file}: {label} {layer} rests only on the general page"
            ));
        }
        for url in entry.sources.iter().filter(|u| reference(u)) {
            bad.push(format!(
                "{file}: {label} {layer} cites an SDK, CLI or CDK reference: {url}"
            ));
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn notes_never_ask_a_reader_to_trust_an_unread_page() {
    let catalog = catalog();
    for (file, label, layer, entry) in entries(&catalog) {
        let note = entry.note.as_deref().unwrap_or("").to_lowercase();
        assert!(
            !note.contains("known only by a link") && !note.contains("could not open"),
            "{file}: {label} {layer}: {note}"
        );
    }
}

#[test]
fn a_default_that_aws_applies_is_never_no_duty() {
    // CloudTrail records every service's management events by default (event history), so
    // AWS always has a part in logging: shared at least, never the customer's alone.
    let catalog = catalog();
    for (file, label, layer, entry) in entries(&catalog) {
        if layer == "logging-monitoring" {
            assert_ne!(entry.owner, Owner::Customer, "{file}: {label} {layer}");
        }
    }
    // The examples that were wrong once, each for a default AWS applies or a duty on
    // premises.
    for (service, layer, owner) in [
        ("sns", "encryption-at-rest", Owner::Shared),
        ("sqs", "encryption-at-rest", Owner::Shared),
        ("kms", "logging-monitoring", Owner::Shared),
        ("outposts", "hardware", Owner::Shared),
    ] {
        let target = catalog.resolve_service(service).unwrap();
        let l = catalog.resolve_layer(layer).unwrap();
        let entry = catalog.services[target.service].responsibility(target.variant, l);
        assert_eq!(entry.owner, owner, "{service} {layer}");
    }
}

#[test]
fn an_exception_variant_keeps_the_services_usual_answer() {
    let catalog = catalog();
    let patching = catalog.resolve_layer("os-patching").unwrap();
    let day = cloudsrm::date::Day::parse("2026-11-29").unwrap();
    let rds = catalog.resolve_service("rds").unwrap();
    assert_eq!(
        catalog.who_owns(rds, patching, day).answer.owner.as_str(),
        "aws"
    );
    for name in ["rds-custom", "rds:custom"] {
        let custom = catalog.resolve_service(name).unwrap();
        assert!(custom.variant.is_some(), "{name}");
        assert_ne!(
            catalog
                .who_owns(custom, patching, day)
                .answer
                .owner
                .as_str(),
            "aws",
            "{name}"
        );
    }
    let err = catalog
        .resolve_service("aurora-serverless-v1")
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("retired") && err.contains("aurora:serverless"),
        "{err}"
    );
    let err = catalog
        .resolve_service("elasticsearch-service")
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("renamed") && err.contains("'opensearch'"),
        "{err}"
    );
}

#[test]
fn retired_names_name_nothing_else_and_point_at_what_exists() {
    let catalog = catalog();
    for service in catalog.services.iter() {
        for retired in service.retired.iter() {
            assert!(
                catalog.service_named(&retired.name).is_none()
                    && catalog.variant_named(&retired.name).is_none(),
                "{}: retired name '{}' is also a live name",
                service.file,
                retired.name
            );
            assert!(
                !retired.sources.is_empty(),
                "{}: {}",
                service.file,
                retired.name
            );
            if let Some(successor) = &retired.successor {
                assert!(
                    catalog.resolve_service(successor).is_ok(),
                    "{}: successor '{successor}' does not resolve",
                    service.file
                );
            }
        }
    }
}

#[test]
fn every_service_joins_the_rest_of_aws() {
    let catalog = catalog();
    let mut without_sdk = Vec::new();
    for service in catalog.services.iter() {
        if service.ids.sdk.is_empty() {
            without_sdk.push(service.id.to_string());
        }
    }
    // AWS ParallelCluster is open-source tooling with no service API of its own.
    assert_eq!(without_sdk, ["parallelcluster"]);
    // Terraform prefixes and CloudFormation types are claimed by one service each, so that
    // a resource maps to one answer.
    let mut seen = std::collections::HashMap::new();
    for service in catalog.services.iter() {
        for id in service
            .ids
            .cloudformation
            .iter()
            .chain(service.ids.terraform.iter())
        {
            if let Some(other) = seen.insert(id.to_string(), service.id.to_string()) {
                panic!("{id} is claimed by {other} and {}", service.id);
            }
        }
    }
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
        terminal: false,
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
                    layer: Some(layer.id.to_string()),
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
