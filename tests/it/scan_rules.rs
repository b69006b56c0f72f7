//! `data/scan.yaml` as data: it loads against the catalog, and the loader refuses what
//! would make a rule silently useless (an answer naming nothing, a type no service maps,
//! a malformed pattern or test).

use cloudsrm::catalog::{
    self, best_type_match, load_scan_rules, type_match, AttributeTest, Problem,
};

fn problems(text: &str) -> Vec<Problem> {
    load_scan_rules(("scan.yaml", text), catalog::embedded()).expect_err("the rules are refused")
}

fn messages(text: &str) -> Vec<String> {
    problems(text).iter().map(|p| p.to_string()).collect()
}

#[test]
fn the_shipped_rules_load_and_name_the_issue_s_variants() {
    let scan = &catalog::embedded().scan;
    assert_eq!(scan.terraform_providers.as_ref(), ["aws"]);
    for ignored in ["Custom::*", "AWS::CDK::Metadata"] {
        assert!(scan.cloudformation_ignored.iter().any(|i| i == ignored));
    }
    let answers: Vec<String> = scan
        .terraform
        .iter()
        .chain(scan.cloudformation.iter())
        .flat_map(|t| t.rules.iter())
        .map(|r| match &r.variant {
            Some(v) => format!("{}:{v}", r.service),
            None => r.service.to_string(),
        })
        .collect();
    for wanted in [
        "ecs:fargate",
        "ecs:ec2",
        "ecs:external",
        "ecs:managed-instances",
        "eks:auto-mode",
        "eks:managed-node-groups",
        "eks:fargate",
        "aurora:serverless",
        "aurora:provisioned",
        "rds",
        "rds:custom",
        "lambda:zip",
        "lambda:container-image",
        "elasticache:serverless",
        "elasticache:node-based",
        "msk:serverless",
        "msk:provisioned",
        "opensearch:serverless",
        "opensearch:managed-cluster",
        "redshift:serverless",
        "redshift:provisioned",
        "emr:serverless",
        "emr:ec2",
        "batch:fargate",
        "batch:ec2",
    ] {
        assert!(
            answers.iter().any(|a| a == wanted),
            "no rule answers {wanted}"
        );
    }
    // The same file loads from data/ as the binary carries (codegen.rs checks it all).
    let text = std::fs::read_to_string("data/scan.yaml").unwrap();
    assert_eq!(
        &load_scan_rules(("data/scan.yaml", &text), catalog::embedded()).unwrap(),
        scan
    );
}

#[test]
fn conditions_are_read_into_tests() {
    let rules = load_scan_rules(
        (
            "scan.yaml",
            "terraform:\n  providers: [aws]\n  types:\n    - type: aws_rds_cluster\n      rules:\n        - when: { engine: { starts_with: [aurora] }, serverlessv2_scaling_configuration: present, engine_mode: [provisioned], x: absent }\n          answer: aurora:serverless\ncloudformation: {}\n",
        ),
        catalog::embedded(),
    )
    .unwrap();
    let when = &rules.terraform[0].rules[0].when;
    let tests: Vec<(&str, &AttributeTest)> = when
        .iter()
        .map(|c| (c.attribute.as_ref(), &c.test))
        .collect();
    assert_eq!(
        tests,
        [
            (
                "engine",
                &AttributeTest::StartsWith(vec!["aurora".into()].into())
            ),
            (
                "engine_mode",
                &AttributeTest::OneOf(vec!["provisioned".into()].into())
            ),
            (
                "serverlessv2_scaling_configuration",
                &AttributeTest::Present
            ),
            ("x", &AttributeTest::Absent),
        ]
    );
}

#[test]
fn answers_must_name_services_and_variants_of_the_catalog() {
    let found = messages(
        "terraform:\n  providers: [aws]\n  types:\n    - type: aws_ecs_service\n      answer: ecs:fargat\n    - type: aws_lambda_function\n      answer: lamda\ncloudformation: {}\n",
    );
    assert_eq!(
        found,
        [
            "scan.yaml:5:15: service 'ecs' has no variant 'fargat' (its variants: ec2, fargate, managed-instances, external)",
            "scan.yaml:7:15: answer 'lamda' names no service id of the catalog",
        ]
    );
}

#[test]
fn types_must_be_well_formed_and_mapped_by_some_service() {
    let found = messages(
        "terraform:\n  providers: [aws, 'Not A Provider']\n  types:\n    - type: aws_no_such_thing\n      answer: ec2\n    - type: AwsInstance\n      answer: ec2\n    - type: aws_instance\n      answer: ec2\n    - type: aws_instance\n      answer: ec2\ncloudformation:\n  ignored: ['Custom::*', 'Nope']\n  types:\n    - type: AWS::EC2::Instance\n      answer: ec2\n      rules: [{ when: { A: present }, answer: ec2 }]\n",
    );
    let expected_starts = [
        "scan.yaml:2:20: provider 'Not A Provider' must be a provider type",
        "scan.yaml:4:13: no service's ids name 'aws_no_such_thing'",
        "scan.yaml:6:13: 'AwsInstance' must be a Terraform resource type",
        "scan.yaml:10:13: type 'aws_instance' is listed twice",
        "scan.yaml:13:26: 'Nope' must be a CloudFormation type",
        "scan.yaml:15:13: give either 'answer' or 'rules'",
    ];
    assert_eq!(found.len(), expected_starts.len(), "{found:#?}");
    for (message, start) in found.iter().zip(expected_starts) {
        assert!(
            message.starts_with(start),
            "{message} should start with {start}"
        );
    }
}

#[test]
fn tests_must_be_words_or_lists_that_can_hold() {
    let found = messages(
        "terraform:\n  providers: [aws]\n  types:\n    - type: aws_ecs_service\n      rules:\n        - when: { launch_type: maybe, a..b: present, c: [] }\n          answer: ecs\ncloudformation: {}\n",
    );
    assert_eq!(found.len(), 3, "{found:#?}");
    assert!(found.iter().any(|m| m.contains("'maybe' is not a test")));
    assert!(found.iter().any(|m| m.contains("attribute 'a..b'")));
    assert!(found
        .iter()
        .any(|m| m.contains("the list of values is empty")));
}

#[test]
fn an_exact_type_beats_a_prefix_and_a_longer_prefix_a_shorter_one() {
    assert_eq!(
        type_match("aws_rds_cluster", "aws_rds_cluster"),
        Some(usize::MAX)
    );
    assert_eq!(type_match("aws_rds_", "aws_rds_cluster"), Some(8));
    assert_eq!(type_match("aws_rds_cluster_", "aws_rds_cluster"), None);
    assert_eq!(type_match("AWS::ECS::*", "AWS::ECS::Service"), Some(10));
    assert_eq!(type_match("AWS::ECS::*", "AWS::ECSX::Service"), None);
    let patterns = ["aws_rds_", "aws_rds_cluster_", "aws_rds_cluster"];
    assert_eq!(
        best_type_match(patterns, "aws_rds_cluster_instance"),
        Some(1)
    );
    assert_eq!(best_type_match(patterns, "aws_rds_cluster"), Some(2));
    assert_eq!(best_type_match(patterns, "aws_rds_proxy"), Some(0));
    assert_eq!(best_type_match(patterns, "aws_db_instance"), None);
}
