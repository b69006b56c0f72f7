//! `cloudsrm scan` on the real catalog: every input kind, every mapping rule of
//! `data/scan.yaml`, what is and is not counted, unknown values, intrinsic functions, the
//! exit codes. The fixtures are small files written for these tests, in
//! `tests/fixtures/scan/`; the output formats have their own snapshot tests
//! (`scan_formats.rs`).

use std::collections::BTreeMap;

use cloudsrm::catalog::{self, best_type_match};
use serde_json::Value;

const FIXTURES: &str = "tests/fixtures/scan";

fn fixture(name: &str) -> String {
    format!("{FIXTURES}/{name}")
}

/// `scan -o json` of `paths`, which must succeed with exit 0.
fn scan_json(paths: &[&str]) -> Value {
    let output = crate::common::cloudsrm()
        .arg("scan")
        .args(paths)
        .args(["-o", "json"])
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

/// Each resource's address and what it answers for: `service`, `service:variant`,
/// `unmapped` or `ignored`.
fn answers(report: &Value) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for service in report["services"].as_array().unwrap() {
        let label = match service["variant"].as_str() {
            Some(v) => format!("{}:{v}", service["service"].as_str().unwrap()),
            None => service["service"].as_str().unwrap().to_string(),
        };
        for r in service["resources"].as_array().unwrap() {
            let old = out.insert(r["address"].as_str().unwrap().to_string(), label.clone());
            assert!(old.is_none(), "{r} answered twice");
        }
    }
    for (key, label) in [("unmapped", "unmapped"), ("ignored", "ignored")] {
        for group in report[key].as_array().unwrap() {
            for r in group["resources"].as_array().unwrap() {
                out.insert(r["address"].as_str().unwrap().to_string(), label.into());
            }
        }
    }
    out
}

/// Each resource's address and type.
fn types(report: &Value) -> BTreeMap<String, String> {
    let groups = report["services"]
        .as_array()
        .unwrap()
        .iter()
        .chain(report["unmapped"].as_array().unwrap())
        .chain(report["ignored"].as_array().unwrap());
    groups
        .flat_map(|g| g["resources"].as_array().unwrap().iter())
        .map(|r| {
            (
                r["address"].as_str().unwrap().to_string(),
                r["type"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn expect(report: &Value, expected: &[(&str, &str)]) {
    let actual = answers(report);
    let expected: BTreeMap<String, String> = expected
        .iter()
        .map(|(a, l)| (a.to_string(), l.to_string()))
        .collect();
    assert_eq!(actual, expected);
}

/// What every resource of `rules-terraform.json` must answer, by the rule it tests.
const TERRAFORM_RULES: &[(&str, &str)] = &[
    ("aws_ecs_service.strategy_fargate", "ecs:fargate"),
    // A capacity provider of your own may be EC2 or managed instances.
    ("aws_ecs_service.strategy_own", "ecs"),
    ("aws_ecs_service.launch_fargate", "ecs:fargate"),
    ("aws_ecs_service.launch_ec2", "ecs:ec2"),
    ("aws_ecs_service.launch_external", "ecs:external"),
    ("aws_ecs_service.launch_managed", "ecs:managed-instances"),
    ("aws_ecs_service.launch_unknown", "ecs"),
    ("aws_ecs_task_set.fargate", "ecs:fargate"),
    ("aws_ecs_task_set.strategy_fargate", "ecs:fargate"),
    ("aws_ecs_task_set.ec2", "ecs:ec2"),
    ("aws_ecs_task_set.external", "ecs:external"),
    ("aws_ecs_task_set.managed", "ecs:managed-instances"),
    ("aws_ecs_task_definition.fargate", "ecs:fargate"),
    ("aws_ecs_task_definition.ec2", "ecs:ec2"),
    ("aws_ecs_task_definition.external", "ecs:external"),
    ("aws_ecs_task_definition.managed", "ecs:managed-instances"),
    // Compatible with both: where it runs is the service's choice.
    ("aws_ecs_task_definition.both", "ecs"),
    ("aws_ecs_capacity_provider.managed", "ecs:managed-instances"),
    ("aws_ecs_capacity_provider.asg", "ecs:ec2"),
    ("aws_ecs_cluster.main", "ecs"),
    ("aws_eks_cluster.auto", "eks:auto-mode"),
    ("aws_eks_cluster.classic", "eks"),
    ("aws_eks_node_group.workers", "eks:managed-node-groups"),
    ("aws_eks_fargate_profile.default", "eks:fargate"),
    ("aws_rds_cluster.aurora_serverless", "aurora:serverless"),
    // Serverless v1 is retired and has no variant.
    ("aws_rds_cluster.aurora_v1", "aurora"),
    ("aws_rds_cluster.aurora_provisioned", "aurora:provisioned"),
    // The engine is Aurora; whether it scales as Serverless v2 is not known yet.
    ("aws_rds_cluster.aurora_scaling_unknown", "aurora"),
    ("aws_rds_cluster.multi_az", "rds"),
    ("aws_rds_cluster.engine_unknown", "aurora"),
    ("aws_rds_cluster_instance.serverless", "aurora:serverless"),
    ("aws_rds_cluster_instance.provisioned", "aurora:provisioned"),
    ("aws_db_instance.custom", "rds:custom"),
    ("aws_db_instance.postgres", "rds"),
    ("aws_lambda_function.zip", "lambda:zip"),
    ("aws_lambda_function.image", "lambda:container-image"),
    ("aws_lambda_function.absent", "lambda:zip"),
    ("aws_lambda_function.unknown", "lambda"),
    ("aws_lambda_permission.invoke", "lambda"),
    (
        "aws_elasticache_serverless_cache.cache",
        "elasticache:serverless",
    ),
    ("aws_elasticache_cluster.cache", "elasticache:node-based"),
    (
        "aws_elasticache_replication_group.cache",
        "elasticache:node-based",
    ),
    (
        "aws_elasticache_global_replication_group.cache",
        "elasticache:node-based",
    ),
    ("aws_msk_serverless_cluster.kafka", "msk:serverless"),
    ("aws_msk_cluster.kafka", "msk:provisioned"),
    ("aws_msk_configuration.kafka", "msk:provisioned"),
    (
        "aws_opensearchserverless_collection.search",
        "opensearch:serverless",
    ),
    ("aws_opensearch_domain.search", "opensearch:managed-cluster"),
    (
        "aws_opensearch_domain_policy.search",
        "opensearch:managed-cluster",
    ),
    (
        "aws_opensearch_domain_saml_options.search",
        "opensearch:managed-cluster",
    ),
    (
        "aws_elasticsearch_domain.search",
        "opensearch:managed-cluster",
    ),
    ("aws_redshiftserverless_workgroup.dw", "redshift:serverless"),
    ("aws_redshift_cluster.dw", "redshift:provisioned"),
    ("aws_redshift_cluster_iam_roles.dw", "redshift:provisioned"),
    ("aws_redshift_cluster_snapshot.dw", "redshift:provisioned"),
    ("aws_emrserverless_application.spark", "emr:serverless"),
    ("aws_emrcontainers_virtual_cluster.spark", "emr:eks"),
    ("aws_emr_cluster.spark", "emr:ec2"),
    ("aws_emr_instance_group.spark", "emr:ec2"),
    ("aws_emr_instance_fleet.spark", "emr:ec2"),
    ("aws_emr_managed_scaling_policy.spark", "emr:ec2"),
    ("aws_batch_compute_environment.fargate", "batch:fargate"),
    ("aws_batch_compute_environment.ec2", "batch:ec2"),
    ("aws_batch_compute_environment.unmanaged", "batch:ec2"),
    ("aws_batch_job_definition.fargate", "batch:fargate"),
    ("aws_batch_job_definition.ec2", "batch:ec2"),
];

/// What every resource of `rules-cloudformation.yaml` must answer.
const CLOUDFORMATION_RULES: &[(&str, &str)] = &[
    ("ServiceStrategyFargate", "ecs:fargate"),
    ("ServiceStrategyOwn", "ecs"),
    ("ServiceFargate", "ecs:fargate"),
    ("ServiceEc2", "ecs:ec2"),
    ("ServiceExternal", "ecs:external"),
    ("ServiceManaged", "ecs:managed-instances"),
    ("ServiceDefault", "ecs"),
    ("TaskSetFargate", "ecs:fargate"),
    ("TaskSetEc2", "ecs:ec2"),
    ("TaskSetExternal", "ecs:external"),
    ("TaskFargate", "ecs:fargate"),
    ("TaskEc2", "ecs:ec2"),
    ("TaskExternal", "ecs:external"),
    ("TaskManaged", "ecs:managed-instances"),
    ("CapacityManaged", "ecs:managed-instances"),
    ("CapacityAsg", "ecs:ec2"),
    ("ClusterAuto", "eks:auto-mode"),
    ("ClusterClassic", "eks"),
    ("Nodegroup", "eks:managed-node-groups"),
    ("FargateProfile", "eks:fargate"),
    ("AuroraServerless", "aurora:serverless"),
    ("AuroraV1", "aurora"),
    ("AuroraProvisioned", "aurora:provisioned"),
    ("MultiAzCluster", "rds"),
    // An Aurora instance is an AWS::RDS::DBInstance: its engine moves it to Aurora.
    ("AuroraInstanceServerless", "aurora:serverless"),
    ("AuroraInstanceProvisioned", "aurora:provisioned"),
    ("AuroraInstanceClassUnknown", "aurora"),
    ("CustomInstance", "rds:custom"),
    ("PostgresInstance", "rds"),
    ("LambdaZip", "lambda:zip"),
    ("LambdaImage", "lambda:container-image"),
    ("LambdaDefault", "lambda:zip"),
    ("SamZip", "lambda:zip"),
    ("SamImage", "lambda:container-image"),
    ("SamDefault", "lambda:zip"),
    ("CacheServerless", "elasticache:serverless"),
    ("CacheCluster", "elasticache:node-based"),
    ("CacheReplicationGroup", "elasticache:node-based"),
    ("CacheGlobal", "elasticache:node-based"),
    ("KafkaServerless", "msk:serverless"),
    ("KafkaCluster", "msk:provisioned"),
    ("KafkaConfiguration", "msk:provisioned"),
    ("SearchCollection", "opensearch:serverless"),
    ("SearchDomain", "opensearch:managed-cluster"),
    ("ElasticsearchDomain", "opensearch:managed-cluster"),
    ("WarehouseWorkgroup", "redshift:serverless"),
    ("WarehouseCluster", "redshift:provisioned"),
    ("SparkServerless", "emr:serverless"),
    ("SparkOnEks", "emr:eks"),
    ("SparkCluster", "emr:ec2"),
    ("SparkGroup", "emr:ec2"),
    ("SparkFleet", "emr:ec2"),
    ("BatchFargate", "batch:fargate"),
    ("BatchEc2", "batch:ec2"),
    ("BatchUnmanaged", "batch:ec2"),
    ("JobFargate", "batch:fargate"),
    ("JobEc2", "batch:ec2"),
];

#[test]
fn every_terraform_rule_answers_as_expected() {
    let report = scan_json(&[&fixture("rules-terraform.json")]);
    expect(&report, TERRAFORM_RULES);
}

#[test]
fn every_cloudformation_rule_answers_as_expected() {
    let report = scan_json(&[&fixture("rules-cloudformation.yaml")]);
    expect(&report, CLOUDFORMATION_RULES);
}

/// Each rule of `data/scan.yaml` is exercised: some fixture resource of a type the rule's
/// pattern governs answers what the rule answers.
#[test]
fn every_rule_in_the_data_has_a_fixture() {
    let scan = &catalog::embedded().scan;
    for (rules, fixture_name, expected) in [
        (&scan.terraform, "rules-terraform.json", TERRAFORM_RULES),
        (
            &scan.cloudformation,
            "rules-cloudformation.yaml",
            CLOUDFORMATION_RULES,
        ),
    ] {
        let report = scan_json(&[&fixture(fixture_name)]);
        let types = types(&report);
        let patterns: Vec<&str> = rules.iter().map(|t| t.resource_type.as_ref()).collect();
        for (index, entry) in rules.iter().enumerate() {
            for rule in entry.rules.iter() {
                let answer = match &rule.variant {
                    Some(v) => format!("{}:{v}", rule.service),
                    None => rule.service.to_string(),
                };
                let covered = expected.iter().any(|(address, label)| {
                    *label == answer
                        && types.get(*address).is_some_and(|t| {
                            best_type_match(patterns.iter().copied(), t) == Some(index)
                        })
                });
                assert!(
                    covered,
                    "no fixture in {fixture_name} tests the rule of {} that answers {answer}",
                    entry.resource_type
                );
            }
        }
    }
}

#[test]
fn a_plan_counts_what_will_be_in_use() {
    let report = scan_json(&[&fixture("plan.json")]);
    assert_eq!(report["inputs"][0]["kind"], "terraform-plan");
    expect(
        &report,
        &[
            ("aws_ecs_service.web", "ecs:fargate"),
            // no-op: unchanged, still in use.
            ("aws_s3_bucket.logs", "s3"),
            ("module.a.module.b.module.c.aws_s3_bucket.deep", "s3"),
            // Replaced: delete then create, so still in use. Deleted, forgotten and data
            // sources are absent.
            ("aws_instance.replaced", "ec2"),
            ("random_id.suffix", "ignored"),
            ("google_storage_bucket.elsewhere", "ignored"),
            ("null_resource.hook", "ignored"),
            ("aws_made_up_thing.one", "unmapped"),
            ("aws_made_up_thing.two[\"key\"]", "unmapped"),
            // package_type unknown until apply: no variant.
            ("aws_lambda_function.later", "lambda"),
        ],
    );
    assert_eq!(
        report["summary"],
        serde_json::json!({"resources": 10, "mapped": 5, "unmapped": 2, "ignored": 3,
            "services": 4, "gaps": report["summary"]["gaps"]})
    );
    assert_eq!(report["unmapped"][0]["type"], "aws_made_up_thing");
    assert_eq!(report["unmapped"][0]["resources"][0]["line"], Value::Null);
}

#[test]
fn state_walks_modules_three_deep() {
    let report = scan_json(&[&fixture("state.json")]);
    assert_eq!(report["inputs"][0]["kind"], "terraform-state");
    expect(
        &report,
        &[
            ("aws_vpc.main", "vpc"),
            ("random_pet.name", "ignored"),
            ("module.a.aws_sqs_queue.jobs", "sqs"),
            (
                "module.a.module.b.aws_lambda_function.worker",
                "lambda:container-image",
            ),
            (
                "module.a.module.b.module.c.aws_dynamodb_table.deep",
                "dynamodb",
            ),
        ],
    );
}

#[test]
fn terraform_0_12_format_is_read_and_a_newer_major_refused() {
    let report = scan_json(&[&fixture("plan-0.1.json")]);
    expect(&report, &[("aws_sns_topic.alerts", "sns")]);
    crate::common::cloudsrm()
        .args(["scan", &fixture("plan-2.0.json")])
        .assert()
        .code(2)
        .stdout("")
        .stderr(format!(
            "cloudsrm: error: {FIXTURES}/plan-2.0.json:2:25: Terraform JSON format_version '2.0' is not supported: cloudsrm reads format versions 0.x and 1.x\n"
        ));
}

#[test]
fn intrinsic_functions_are_never_read_as_values() {
    let report = scan_json(&[&fixture("template.yaml")]);
    assert_eq!(report["inputs"][0]["kind"], "cloudformation");
    expect(
        &report,
        &[
            ("Bucket", "s3"),
            ("Queue", "sqs"),
            ("Subnet", "vpc"),
            ("Vpc", "vpc"),
            // !If and !Ref: the launch type is not known, whatever the default says.
            ("Service", "ecs"),
            ("ServiceFromParameter", "ecs"),
            // PackageType: !Ref PackageType is not the value "PackageType", nor absent.
            ("Function", "lambda"),
            ("Role", "iam"),
            ("Seeder", "ignored"),
            ("Generic", "ignored"),
            ("CDKMetadata", "ignored"),
            ("Gadget", "unmapped"),
        ],
    );
    let gadget = &report["unmapped"][0]["resources"][0];
    assert_eq!(gadget["line"], 66, "the logical id's line");
    assert_eq!(gadget["file"], fixture("template.yaml"));
}

#[test]
fn json_templates_with_long_form_intrinsics() {
    let report = scan_json(&[&fixture("template.json")]);
    expect(
        &report,
        &[
            ("Cluster", "eks:auto-mode"),
            // Engine: {"Ref": "Kind"} could be aurora-* or mysql: the type's service.
            ("Database", "aurora"),
            ("Service", "ecs"),
            // Properties computed as a whole by Fn::If.
            ("Everything", "ecs"),
        ],
    );
    let cluster = &report["services"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["service"] == "eks")
        .unwrap()["resources"][0];
    assert_eq!(cluster["line"], 5);
}

#[test]
fn sam_templates_map_serverless_types() {
    let report = scan_json(&[&fixture("sam.yaml")]);
    assert_eq!(report["inputs"][0]["kind"], "sam");
    expect(
        &report,
        &[
            // PackageType from Globals.
            ("ImageFunction", "lambda:container-image"),
            ("ZipFunction", "lambda:zip"),
            ("Layer", "lambda"),
            ("RestApi", "apigateway"),
            ("HttpApi", "apigateway"),
            ("Table", "dynamodb"),
            ("Workflow", "stepfunctions"),
            ("GraphApi", "appsync"),
        ],
    );
}

#[test]
fn cdk_assemblies_follow_the_manifest() {
    let expected = [
        ("Queue4A7E3555", "sqs"),
        ("HandlerServiceRoleFCDC14AE", "iam"),
        ("Handler886CB40B", "lambda:zip"),
        (
            "StorageNestedStackStorageNestedStackResource8F1A2B3C",
            "cloudformation",
        ),
        ("CDKMetadata", "ignored"),
        // From the nested stack's template.
        ("Table8235A42E", "dynamodb"),
        // From the nested assembly (a CDK Stage).
        ("ServiceD69D759B", "ecs:fargate"),
    ];
    for path in [fixture("cdk.out"), fixture("cdk.out/manifest.json")] {
        let report = scan_json(&[&path]);
        assert_eq!(report["inputs"][0]["kind"], "cdk");
        assert_eq!(report["inputs"][0]["path"], path);
        expect(&report, &expected);
    }
    let report = scan_json(&[&fixture("cdk.out")]);
    let ecs = report["services"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["service"] == "ecs")
        .unwrap();
    assert_eq!(
        ecs["resources"][0]["file"],
        fixture("cdk.out/assembly-Prod/ProdWeb.template.json")
    );
}

#[test]
fn the_kind_comes_from_the_content_not_the_name() {
    let dir = tempfile::tempdir().unwrap();
    let template_named_plan = dir.path().join("plan.json");
    std::fs::copy(fixture("template.yaml"), &template_named_plan).unwrap();
    let plan_named_template = dir.path().join("template.yaml");
    std::fs::copy(fixture("plan-0.1.json"), &plan_named_template).unwrap();
    let report = scan_json(&[
        template_named_plan.to_str().unwrap(),
        plan_named_template.to_str().unwrap(),
    ]);
    let kinds: Vec<&str> = report["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["cloudformation", "terraform-plan"]);
}

#[test]
fn several_inputs_and_standard_input_make_one_report() {
    let output = crate::common::cloudsrm()
        .args(["scan", &fixture("plan-0.1.json"), "-", "-o", "json"])
        .write_stdin(std::fs::read(fixture("sam.yaml")).unwrap())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(
        report["inputs"],
        serde_json::json!([
            {"path": fixture("plan-0.1.json"), "kind": "terraform-plan"},
            {"path": "<stdin>", "kind": "sam"}
        ])
    );
    assert_eq!(report["summary"]["resources"], 9);
    crate::common::cloudsrm()
        .args(["scan", "-", "-"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("can be read only once"));
    // A CDK manifest names files beside it, which standard input has not.
    crate::common::cloudsrm()
        .args(["scan", "-"])
        .write_stdin(std::fs::read(fixture("cdk.out/manifest.json")).unwrap())
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "<stdin>: a CDK cloud assembly manifest cannot be read from standard input",
        ));
}

#[test]
fn exit_codes_follow_fail_on() {
    let run = |args: &[&str]| {
        crate::common::cloudsrm()
            .arg("scan")
            .args(args)
            .output()
            .unwrap()
            .status
            .code()
    };
    let plan = fixture("plan.json");
    // Gaps and an unknown type, but nothing asked to fail on.
    assert_eq!(run(&[&plan]), Some(0));
    assert_eq!(run(&[&plan, "--fail-on", "gaps"]), Some(1));
    assert_eq!(run(&[&plan, "--fail-on", "unknown"]), Some(1));
    assert_eq!(run(&[&plan, "--fail-on", "gaps,unknown"]), Some(1));
    // No unknown type in the state fixture.
    assert_eq!(
        run(&[&fixture("state.json"), "--fail-on", "unknown"]),
        Some(0)
    );
    // Every duty carried by a team: no gap.
    let dir = tempfile::tempdir().unwrap();
    let teams = dir.path().join("teams.yaml");
    let overrides: Vec<String> = ["dynamodb", "lambda", "sqs", "vpc"]
        .iter()
        .map(|s| format!("  - service: {s}\n    team: platform\n"))
        .collect();
    std::fs::write(&teams, format!("override:\n{}", overrides.concat())).unwrap();
    let state = fixture("state.json");
    let teams = teams.to_str().unwrap();
    assert_eq!(run(&[&state, "--fail-on", "gaps"]), Some(1));
    assert_eq!(
        run(&[&state, "--fail-on", "gaps", "--catalog", teams]),
        Some(0)
    );
}

#[test]
fn teams_come_from_overlays() {
    let dir = tempfile::tempdir().unwrap();
    let teams = dir.path().join("teams.yaml");
    std::fs::write(
        &teams,
        "override:\n  - service: lambda\n    team: serverless\n    layers:\n      application: { team: app-devs }\n",
    )
    .unwrap();
    let output = crate::common::cloudsrm()
        .args(["scan", &fixture("state.json"), "-o", "json", "--catalog"])
        .arg(&teams)
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    let lambda = report["services"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["service"] == "lambda")
        .unwrap();
    let team_of = |layer: &str| {
        lambda["duties"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["layer"] == layer)
            .map(|d| d["team"].clone())
    };
    assert_eq!(team_of("application"), Some(Value::from("app-devs")));
    assert_eq!(team_of("data"), Some(Value::from("serverless")));
    // Every duty is customer, shared or varies, with sources.
    for duty in lambda["duties"].as_array().unwrap() {
        assert!(["customer", "shared", "varies"].contains(&duty["owner"].as_str().unwrap()));
        assert!(!duty["sources"].as_array().unwrap().is_empty(), "{duty}");
    }
    let sqs = report["services"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["service"] == "sqs")
        .unwrap();
    assert!(sqs["duties"]
        .as_array()
        .unwrap()
        .iter()
        .all(|d| d["team"].is_null()));
}

#[test]
fn a_service_without_a_variant_lists_what_varies() {
    let report = scan_json(&[&fixture("template.yaml")]);
    let ecs = report["services"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["service"] == "ecs")
        .unwrap();
    assert_eq!(ecs["variant"], Value::Null);
    let guest_os = ecs["duties"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["layer"] == "guest-os")
        .unwrap();
    assert_eq!(guest_os["owner"], "varies");
    assert_eq!(guest_os["customer"], Value::Null);
    let variants: Vec<&str> = guest_os["variants"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["variant"].as_str().unwrap())
        .collect();
    assert!(
        variants.contains(&"fargate") && variants.contains(&"ec2"),
        "{variants:?}"
    );
}

#[test]
fn the_text_report_ends_with_the_summary() {
    let output = crate::common::cloudsrm()
        .args(["scan", &fixture("plan.json")])
        .output()
        .unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(
        text.contains("\n10 resources: 5 mapped to 4 services, 2 of a type cloudsrm does not know, 3 ignored\n"),
        "{text}"
    );
    assert!(text.contains("types cloudsrm does not know (2 resources):\naws_made_up_thing:\n  aws_made_up_thing.one\n"), "{text}");
    assert!(
        text.contains(
            "ignored (other providers, custom resources, CDK metadata): google_storage_bucket (1),"
        ),
        "{text}"
    );
}

/// One line on standard error, exit 2, for each way an input can fail.
#[test]
fn unreadable_input_is_one_line_and_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        path.to_str().unwrap().to_string()
    };
    let not_infra = write("notes.json", "{\"hello\": 1}\n");
    let broken_json = write(
        "broken.json",
        "{\"format_version\": \"1.0\",\n \"resource_changes\": [}\n",
    );
    let broken_yaml = write("broken.yaml", "Resources:\n  A:\n    Type: [\n");
    let no_type = write(
        "no-type.yaml",
        "Resources:\n  Bucket:\n    Properties: {}\n",
    );
    let raw_state = write(
        "terraform.tfstate",
        "{\"version\": 4, \"terraform_version\": \"1.9.5\", \"resources\": []}",
    );
    let escape = dir.path().join("escape.out");
    std::fs::create_dir(&escape).unwrap();
    std::fs::write(
        escape.join("manifest.json"),
        "{\"artifacts\": {\"S\": {\"type\": \"aws:cloudformation:stack\", \"properties\": {\"templateFile\": \"../secret.json\"}}}}",
    )
    .unwrap();
    let escape = escape.to_str().unwrap().to_string();
    let not_assembly = dir.path().to_str().unwrap().to_string();
    let cases: Vec<(String, String)> = vec![
        (
            fixture("missing.json"),
            format!("{FIXTURES}/missing.json: cannot read: no such file or directory"),
        ),
        (
            not_infra.clone(),
            format!("{not_infra}: not infrastructure code that scan reads"),
        ),
        (
            broken_json.clone(),
            format!("{broken_json}:2:23: invalid JSON"),
        ),
        (broken_yaml.clone(), format!("{broken_yaml}:3:")),
        (
            no_type.clone(),
            format!("{no_type}:2:3: resource 'Bucket' has no Type"),
        ),
        (
            raw_state.clone(),
            format!("{raw_state}: this is a Terraform state file"),
        ),
        (
            escape.clone(),
            format!(
                "{escape}/manifest.json: '../secret.json' is not a path inside the cloud assembly"
            ),
        ),
        (
            not_assembly.clone(),
            format!("{not_assembly}: a folder, but not a CDK cloud assembly"),
        ),
    ];
    for (path, start) in cases {
        let output = crate::common::cloudsrm()
            .args(["scan", &path])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{path}");
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(
            stderr.starts_with(&format!("cloudsrm: error: {start}")),
            "{stderr}"
        );
        assert!(output.stdout.is_empty());
    }
}

#[test]
fn every_unreadable_input_is_reported_at_once() {
    let output = crate::common::cloudsrm()
        .args([
            "scan",
            &fixture("plan-2.0.json"),
            &fixture("plan.json"),
            &fixture("missing.yaml"),
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 2, "{stderr}");
}

/// The README's teams file and GitHub job commands do what the README says.
#[test]
fn the_readme_github_job_works() {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let after = readme
        .split("`teams.yaml` names who carries what")
        .nth(1)
        .expect("the README shows teams.yaml");
    let teams_yaml = after
        .split("```yaml\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .unwrap();
    for command in [
        "terraform show -json tfplan > plan.json",
        "cloudsrm scan plan.json --catalog teams.yaml --format markdown >> \"$GITHUB_STEP_SUMMARY\"",
        "cloudsrm scan plan.json --catalog teams.yaml --fail-on gaps --format github",
    ] {
        assert!(readme.contains(command), "{command}");
    }
    let dir = tempfile::tempdir().unwrap();
    let teams = dir.path().join("teams.yaml");
    std::fs::write(&teams, teams_yaml).unwrap();
    let template = dir.path().join("plan.json");
    std::fs::write(
        &template,
        "Resources:\n  Service:\n    Type: AWS::ECS::Service\n    Properties: { LaunchType: FARGATE }\n",
    )
    .unwrap();
    let markdown = crate::common::cloudsrm()
        .current_dir(dir.path())
        .args([
            "scan",
            "plan.json",
            "--catalog",
            "teams.yaml",
            "--format",
            "markdown",
        ])
        .output()
        .unwrap();
    assert_eq!(markdown.status.code(), Some(0));
    let markdown = String::from_utf8(markdown.stdout).unwrap();
    assert!(markdown.starts_with("## cloudsrm scan\n"), "{markdown}");
    assert!(markdown.contains("| `ecs:fargate` | "), "{markdown}");
    // Every duty of ECS on Fargate is carried by the team the README names.
    crate::common::cloudsrm()
        .current_dir(dir.path())
        .args([
            "scan",
            "plan.json",
            "--catalog",
            "teams.yaml",
            "--fail-on",
            "gaps",
            "--format",
            "github",
        ])
        .assert()
        .code(0);
    crate::common::cloudsrm()
        .current_dir(dir.path())
        .args([
            "scan",
            "plan.json",
            "--fail-on",
            "gaps",
            "--format",
            "github",
        ])
        .assert()
        .code(1);
}

/// Names in scanned files reach no terminal or CI log as control sequences or workflow
/// commands, in any format.
#[test]
fn hostile_names_are_neutralised() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state.json");
    std::fs::write(
        &state,
        r#"{"format_version":"1.0","values":{"root_module":{"resources":[
            {"address":"\u001b[31mred\n::error::boom","type":"aws_s3_bucket","mode":"managed"},
            {"address":"x","type":"aws_\u001b]0;title\u0007thing\n::warning::t","mode":"managed"}]}}}"#,
    )
    .unwrap();
    for format in [
        "text", "json", "yaml", "markdown", "sarif", "github", "junit", "tap",
    ] {
        let output = crate::common::cloudsrm()
            .arg("scan")
            .arg(&state)
            .args(["--format", format])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0), "{format}");
        let text = String::from_utf8(output.stdout).unwrap();
        assert!(!text.contains('\u{1b}'), "{format}: {text}");
        assert!(!text.contains('\u{7}'), "{format}: {text}");
        let commands: Vec<&str> = text
            .lines()
            .filter(|l| l.trim_start().starts_with("::"))
            .collect();
        // Only the github format writes workflow commands, and only its own.
        for line in &commands {
            assert!(format == "github", "{format}: {line}");
            assert!(
                line.starts_with("::warning file=") || line.starts_with("::error file="),
                "{line}"
            );
            assert!(!line.contains("\n::"), "{line}");
        }
    }
}
