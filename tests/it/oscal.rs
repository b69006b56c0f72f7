//! `export oscal`: the shape of the component definition and of the system security plan,
//! their determinism, the links of the responsibility chain, and the control mapping.
//!
//! Snapshots use the fixture catalog and a fixture mapping (`tests/fixtures/oscal/`), so
//! that growing the real catalog does not rewrite them; the real catalog and
//! `data/controls.yaml` get their own checks below.

use std::collections::{HashMap, HashSet};

use serde_json::{json, Value};

use cloudsrm::app::run_with;
use cloudsrm::catalog::{self, apply_overlay, load, load_controls, Catalog};
use cloudsrm::cli::{Command, ExportKind, OscalModel, OutputFormat};
use cloudsrm::date::Day;
use cloudsrm::render::Style;

use crate::common::{assert_file, cloudsrm};

const PLAIN: Style = Style {
    color: false,
    width: Some(100),
    terminal: false,
};

/// The fixture services with the fixture mapping.
fn fixture() -> Catalog {
    let mut catalog = load(
        ("data/layers.yaml", include_str!("../../data/layers.yaml")),
        &[
            (
                "alpha.yaml",
                include_str!("../fixtures/services/alpha.yaml"),
            ),
            ("beta.yaml", include_str!("../fixtures/services/beta.yaml")),
        ],
    )
    .expect("the fixture catalog is valid");
    catalog.controls = load_controls(
        (
            "controls.yaml",
            include_str!("../fixtures/oscal/controls.yaml"),
        ),
        &catalog,
    )
    .expect("the fixture mapping is valid");
    catalog
}

const TEAMS: &str = "override:\n  - service: alpha\n    team: platform\n    layers:\n      backup: { team: dba }\n  - service: beta:hosts\n    layers:\n      guest-os: { team: hosts-team }\n";

fn with_teams() -> Catalog {
    apply_overlay(&fixture(), "teams.yaml", TEAMS).expect("the overlay applies")
}

fn export(catalog: &Catalog, services: &[&str], model: OscalModel) -> String {
    let command = Command::Export {
        what: ExportKind::Oscal {
            services: services.iter().map(|s| s.to_string()).collect(),
            model,
            profile: None,
            out: None,
        },
    };
    run_with(
        catalog,
        &command,
        OutputFormat::Text,
        &PLAIN,
        Day::parse("2026-03-01").unwrap(),
    )
    .expect("the export succeeds")
    .stdout
}

fn parse(text: &str) -> Value {
    serde_json::from_str(text).expect("the export is JSON")
}

#[test]
fn component_definition_shape() {
    let text = export(
        &fixture(),
        &["alpha", "beta"],
        OscalModel::ComponentDefinition,
    );
    assert_file("tests/snapshots/oscal-component-definition.json", &text);
    let doc = parse(&text);
    let cd = &doc["component-definition"];
    assert_eq!(cd["metadata"]["oscal-version"], "1.1.2");
    let components = cd["components"].as_array().unwrap();
    // alpha has no variants; beta stands for its two variants.
    let titles: Vec<&str> = components
        .iter()
        .map(|c| c["title"].as_str().unwrap())
        .collect();
    assert_eq!(components.len(), 3, "{titles:?}");
    for component in components {
        assert_eq!(component["type"], "service");
        let implementation = &component["control-implementations"][0];
        assert_eq!(
            implementation["source"],
            "https://raw.githubusercontent.com/usnistgov/oscal-content/main/nist.gov/SP800-53/rev5/json/NIST_SP-800-53_rev5_catalog.json"
        );
        // One implemented requirement per control of the mapping: 17 layers, 19 controls.
        let requirements = implementation["implemented-requirements"]
            .as_array()
            .unwrap();
        assert_eq!(requirements.len(), 19);
        for requirement in requirements {
            let props = props(requirement);
            assert!(props.contains_key("layer") && props.contains_key("service-id"));
            let roles: Vec<&str> = requirement["responsible-roles"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| r["role-id"].as_str().unwrap())
                .collect();
            let expected: &[&str] = match props["owner"].as_str() {
                "aws" => &["provider"],
                "customer" => &["customer"],
                "shared" => &["provider", "customer"],
                other => panic!("owner {other}"),
            };
            assert_eq!(roles, expected);
            let description = requirement["description"].as_str().unwrap();
            assert!(description.contains("AWS: AWS part of"), "{description}");
            assert!(description.contains("Customer: Customer part of"));
            for link in requirement["links"].as_array().unwrap() {
                assert_eq!(link["rel"], "reference");
                assert!(link["href"].as_str().unwrap().starts_with("https://"));
            }
        }
    }
}

/// A component's or requirement's cloudsrm props, name to value.
fn props(item: &Value) -> HashMap<String, String> {
    item["props"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            assert_eq!(p["ns"], "urn:cloudsrm:oscal");
            (
                p["name"].as_str().unwrap().to_string(),
                p["value"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn requirements_carry_the_catalog_answer() {
    let catalog = fixture();
    let doc = parse(&export(
        &catalog,
        &["beta:hosts"],
        OscalModel::ComponentDefinition,
    ));
    let component = &doc["component-definition"]["components"][0];
    assert_eq!(props(component)["variant"], "hosts");
    let target = catalog.resolve_service("beta:hosts").unwrap();
    let service = &catalog.services[target.service];
    for requirement in component["control-implementations"][0]["implemented-requirements"]
        .as_array()
        .unwrap()
    {
        let props = props(requirement);
        let layer = catalog.resolve_layer(&props["layer"]).unwrap();
        let entry = service.responsibility(target.variant, layer);
        assert_eq!(props["owner"], entry.owner.as_str());
        let controls: Vec<&str> = catalog.controls.layers[layer]
            .iter()
            .map(|c| c.id.as_ref())
            .collect();
        assert!(controls.contains(&requirement["control-id"].as_str().unwrap()));
        assert!(requirement["description"]
            .as_str()
            .unwrap()
            .contains(entry.customer.as_ref()));
    }
}

#[test]
fn system_security_plan_shape() {
    let text = export(&with_teams(), &["alpha", "beta"], OscalModel::Ssp);
    assert_file("tests/snapshots/oscal-ssp.json", &text);
    let doc = parse(&text);
    let ssp = &doc["system-security-plan"];
    assert_eq!(
        ssp["import-profile"]["href"],
        "https://raw.githubusercontent.com/usnistgov/oscal-content/main/nist.gov/SP800-53/rev5/json/NIST_SP-800-53_rev5_MODERATE-baseline_profile.json"
    );
    let parties: Vec<&str> = ssp["metadata"]["parties"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        parties,
        ["Amazon Web Services", "dba", "hosts-team", "platform"]
    );
    assert_eq!(
        ssp["control-implementation"]["implemented-requirements"]
            .as_array()
            .unwrap()
            .len(),
        19
    );
}

/// Every uuid named in `doc`, with how often it is declared (as `uuid`).
fn declared_uuids(value: &Value, found: &mut HashMap<String, usize>) {
    match value {
        Value::Object(map) => {
            for (key, item) in map {
                if key == "uuid" {
                    *found.entry(item.as_str().unwrap().to_string()).or_default() += 1;
                }
                declared_uuids(item, found);
            }
        }
        Value::Array(items) => items.iter().for_each(|i| declared_uuids(i, found)),
        _ => {}
    }
}

#[test]
fn the_responsibility_chain_links_up() {
    let catalog = with_teams();
    let doc = parse(&export(&catalog, &["alpha", "beta"], OscalModel::Ssp));
    let ssp = &doc["system-security-plan"];

    let mut uuids = HashMap::new();
    declared_uuids(&doc, &mut uuids);
    let twice: Vec<_> = uuids.iter().filter(|(_, &n)| n > 1).collect();
    assert!(twice.is_empty(), "declared twice: {twice:?}");

    let components: HashMap<&str, &Value> = ssp["system-implementation"]["components"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["uuid"].as_str().unwrap(), c))
        .collect();
    let roles: HashSet<&str> = ssp["metadata"]["roles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    let parties: HashMap<&str, &str> = ssp["metadata"]["parties"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["uuid"].as_str().unwrap(), p["name"].as_str().unwrap()))
        .collect();

    let (mut responsibilities, mut satisfied_count, mut gaps) = (0, 0, 0);
    for requirement in ssp["control-implementation"]["implemented-requirements"]
        .as_array()
        .unwrap()
    {
        let by_components = requirement["by-components"].as_array().unwrap();
        let mut provided = HashMap::new();
        let mut responsibility_of = HashMap::new();
        let mut seen_components = HashSet::new();
        for by in by_components {
            let component = by["component-uuid"].as_str().unwrap();
            assert!(components.contains_key(component), "{component}");
            assert!(
                seen_components.insert(component),
                "one by-component per component"
            );
            let Some(export) = by.get("export") else {
                continue;
            };
            let owner = props(by)["owner"].clone();
            let service = props(by)["service-id"].clone();
            let variant = props(by).get("variant").cloned();
            let layer = props(by)["layer"].clone();
            for p in export["provided"].as_array().into_iter().flatten() {
                assert_ne!(
                    owner, "customer",
                    "AWS provides nothing of a customer's layer"
                );
                provided.insert(p["uuid"].as_str().unwrap(), p);
            }
            for r in export["responsibilities"].as_array().into_iter().flatten() {
                assert_ne!(owner, "aws", "no responsibility on an AWS layer");
                responsibilities += 1;
                // A shared layer's responsibility points at what AWS provides for it.
                match r.get("provided-uuid") {
                    Some(p) => assert!(provided.contains_key(p.as_str().unwrap())),
                    None => assert_eq!(owner, "customer"),
                }
                let label = match &variant {
                    Some(v) => format!("{service}:{v}"),
                    None => service.clone(),
                };
                let target = catalog.resolve_service(&label).unwrap();
                let layer = catalog.resolve_layer(&layer).unwrap();
                let team = catalog.services[target.service].team(target.variant, layer);
                responsibility_of.insert(r["uuid"].as_str().unwrap(), team.cloned());
            }
        }
        let mut satisfied_here = HashSet::new();
        for by in by_components {
            for i in by["inherited"].as_array().into_iter().flatten() {
                assert!(provided.contains_key(i["provided-uuid"].as_str().unwrap()));
            }
            for s in by["satisfied"].as_array().into_iter().flatten() {
                let responsibility = s["responsibility-uuid"].as_str().unwrap();
                let team = responsibility_of
                    .get(responsibility)
                    .expect("satisfied points at a responsibility of this control")
                    .clone()
                    .expect("only a team's duty is satisfied");
                let role = &s["responsible-roles"][0];
                assert!(roles.contains(role["role-id"].as_str().unwrap()));
                let party = role["party-uuids"][0].as_str().unwrap();
                assert_eq!(parties[party], team.as_ref());
                satisfied_here.insert(responsibility);
                satisfied_count += 1;
            }
        }
        // Every responsibility a team carries is satisfied; the rest are the gaps.
        for (uuid, team) in &responsibility_of {
            assert_eq!(team.is_some(), satisfied_here.contains(uuid), "{uuid}");
            if team.is_none() {
                gaps += 1;
            }
        }
    }
    assert!(satisfied_count > 0 && gaps > 0);
    assert_eq!(responsibilities, satisfied_count + gaps);
    // The gaps of the plan are the duties `cloudsrm gaps` lists, each once per control.
    let targets = [
        catalog.resolve_service("alpha").unwrap(),
        catalog.resolve_service("beta").unwrap(),
    ];
    let expected_gaps: usize = catalog
        .gaps(&targets)
        .iter()
        .map(|g| {
            let layer = catalog.resolve_layer(&g.layer).unwrap();
            catalog.controls.layers[layer].len()
        })
        .sum();
    assert_eq!(gaps, expected_gaps);
}

#[test]
fn exports_are_byte_identical_and_ignore_the_clock() {
    for model in ["component-definition", "ssp"] {
        let run = |today: &str| {
            cloudsrm()
                .args(["export", "oscal", "rds", "ecs", "--model", model])
                .env("CLOUDSRM_TODAY", today)
                .output()
                .unwrap()
        };
        let first = run("2026-12-01");
        let second = run("2030-06-30");
        assert!(first.status.success());
        assert!(!first.stdout.is_empty());
        assert_eq!(first.stdout, second.stdout, "{model}");
    }
    let catalog = catalog::embedded();
    let doc = parse(&export(
        catalog,
        &["rds", "ecs"],
        OscalModel::ComponentDefinition,
    ));
    // last-modified is the newest review of what is exported, at midnight UTC.
    let newest = ["rds", "ecs"]
        .iter()
        .map(|s| {
            catalog.services[catalog.service_named(s).unwrap()]
                .reviewed
                .to_string()
        })
        .max()
        .unwrap();
    assert_eq!(
        doc["component-definition"]["metadata"]["last-modified"],
        format!("{newest}T00:00:00Z")
    );
}

#[test]
fn identifiers_follow_the_subject_and_the_document_follows_its_content() {
    let base = fixture();
    let changed = apply_overlay(
        &base,
        "edit.yaml",
        "override:\n  - service: alpha\n    layers:\n      backup: { owner: aws, aws: Backs up., customer: Nothing., sources: [] }\n",
    )
    .unwrap();
    let before = parse(&export(&base, &["alpha"], OscalModel::ComponentDefinition));
    let after = parse(&export(
        &changed,
        &["alpha"],
        OscalModel::ComponentDefinition,
    ));
    let (before, after) = (
        &before["component-definition"],
        &after["component-definition"],
    );
    // A component and its requirements keep their identifiers across revisions...
    assert_eq!(
        before["components"][0]["uuid"],
        after["components"][0]["uuid"]
    );
    let ids = |doc: &Value| -> Vec<String> {
        doc["components"][0]["control-implementations"][0]["implemented-requirements"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["uuid"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(ids(before), ids(after));
    // ...while the document, whose content changed, gets a new one.
    assert_ne!(before["uuid"], after["uuid"]);
    // UUIDs are version 5.
    let uuid = before["uuid"].as_str().unwrap();
    assert_eq!(&uuid[14..15], "5", "{uuid}");
    // Components of the same service have the same identifier in a plan.
    let ssp = parse(&export(&base, &["alpha"], OscalModel::Ssp));
    let in_plan: Vec<&Value> = ssp["system-security-plan"]["system-implementation"]["components"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["type"] == "service")
        .map(|c| &c["uuid"])
        .collect();
    assert_eq!(in_plan, [&before["components"][0]["uuid"]]);
}

#[test]
fn the_whole_catalog_exports_every_service_and_variant() {
    let catalog = catalog::embedded();
    let doc = parse(&export(catalog, &[], OscalModel::ComponentDefinition));
    let components = doc["component-definition"]["components"]
        .as_array()
        .unwrap();
    assert_eq!(components.len(), catalog.all_targets().len());
    let controls: usize = catalog.controls.layers.iter().map(|l| l.len()).sum();
    for component in components {
        let requirements = component["control-implementations"][0]["implemented-requirements"]
            .as_array()
            .unwrap();
        assert_eq!(requirements.len(), controls, "{}", component["title"]);
        let ids: HashSet<&str> = requirements
            .iter()
            .map(|r| r["control-id"].as_str().unwrap())
            .collect();
        assert_eq!(ids.len(), controls, "each control once per component");
    }
}

#[test]
fn export_oscal_errors() {
    cloudsrm()
        .args(["export", "oscal", "rds", "--profile", "p.json"])
        .assert()
        .code(2)
        .stderr("cloudsrm: error: --profile names what a system security plan imports; add --model ssp\n");
    cloudsrm()
        .args(["export", "oscal", "rdss"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("unknown service 'rdss'"));
    let out = cloudsrm()
        .args([
            "export",
            "oscal",
            "s3",
            "--model",
            "ssp",
            "--profile",
            "trestle://profiles/p.json",
        ])
        .output()
        .unwrap();
    let doc = parse(&String::from_utf8(out.stdout).unwrap());
    assert_eq!(
        doc["system-security-plan"]["import-profile"]["href"],
        "trestle://profiles/p.json"
    );
}

#[test]
fn export_oscal_writes_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cd.json");
    cloudsrm()
        .args(["export", "oscal", "s3", "--out"])
        .arg(&path)
        .assert()
        .success()
        .stdout("");
    let written = std::fs::read_to_string(&path).unwrap();
    let printed = cloudsrm().args(["export", "oscal", "s3"]).output().unwrap();
    assert_eq!(written.as_bytes(), printed.stdout.as_slice());
}

/// The trestle workspace of `.ci/validate_oscal.sh` resolves the plan's profile to this
/// catalog of the mapped controls, so that nothing is fetched. It is written from
/// `data/controls.yaml` (refresh with `SNAPSHOTS=overwrite cargo test`).
#[test]
fn validation_catalog_names_every_mapped_control() {
    let controls = &catalog::embedded().controls;
    let mut list: Vec<Value> = Vec::new();
    for control in controls.layers.iter().flat_map(|l| l.iter()) {
        let entry = json!({
            "id": control.id,
            "class": "SP800-53",
            "title": control.title,
        });
        match control.id.split_once('.') {
            // An enhancement goes inside its control when that control is mapped too, as
            // NIST's catalog nests them.
            Some((parent, _)) => match list.iter_mut().find(|c| c["id"] == parent) {
                Some(parent) => {
                    let children = parent
                        .as_object_mut()
                        .unwrap()
                        .entry("controls")
                        .or_insert_with(|| json!([]));
                    children.as_array_mut().unwrap().push(json!({
                        "id": control.id,
                        "class": "SP800-53-enhancement",
                        "title": control.title,
                    }));
                }
                None => list.push(json!({
                    "id": control.id,
                    "class": "SP800-53-enhancement",
                    "title": control.title,
                })),
            },
            None => list.push(entry),
        }
    }
    let catalog = json!({
        "catalog": {
            "uuid": "5b1c6f0e-3a55-4c4b-8a3e-2f7e0c9d4a11",
            "metadata": {
                "title": "Test catalog: the NIST SP 800-53 rev5 controls that data/controls.yaml names",
                "last-modified": "2026-11-29T00:00:00Z",
                "version": "1",
                "oscal-version": "1.1.2",
                "remarks": "Written by tests/it/oscal.rs for .ci/validate_oscal.sh. Ids and titles as NIST's catalog has them; no statements or parameters.",
            },
            "controls": list,
        }
    });
    let mut text = serde_json::to_string_pretty(&catalog).unwrap();
    text.push('\n');
    assert_file("tests/fixtures/oscal/catalog.json", &text);
}

#[test]
fn every_layer_bears_on_controls_and_each_control_on_one_layer() {
    let catalog = catalog::embedded();
    let controls = &catalog.controls;
    assert_eq!(controls.layers.len(), catalog.layers.len());
    let mut seen = HashSet::new();
    for (layer, list) in catalog.layers.iter().zip(controls.layers.iter()) {
        assert!(!list.is_empty(), "{} has no controls", layer.id);
        for control in list.iter() {
            assert!(seen.insert(control.id.clone()), "{} twice", control.id);
            assert!(!control.reason.is_empty() && !control.title.is_empty());
        }
    }
    // The examples hold.
    let of = |layer: &str| -> Vec<&str> {
        controls.layers[catalog.layer_named(layer).unwrap()]
            .iter()
            .map(|c| c.id.as_ref())
            .collect()
    };
    assert!(["si-2", "ra-5"]
        .iter()
        .all(|c| of("os-patching").contains(c)));
    assert!(["sc-8", "sc-8.1", "sc-13"]
        .iter()
        .all(|c| of("encryption-in-transit").contains(c)));
    assert!(["ac-2", "ac-3", "ac-6", "ia-2", "ia-5"]
        .iter()
        .all(|c| of("identity-access").contains(c)));
    assert!(controls
        .catalog
        .starts_with("https://raw.githubusercontent.com/usnistgov/oscal-content/"));
}

#[test]
fn a_bad_mapping_is_reported_with_positions() {
    let base = fixture();
    let text = "catalog: https://example.org/catalog.json\nprofile: http://example.org/p.json\nlayers:\n  physical-security:\n    - control: PE-2\n      title: Physical Access Authorizations\n      reason: x\n  hardware:\n    - control: pe-3\n      title: Physical Access Control\n      reason: y\n    - control: pe-3\n      title: Again\n      reason: z\n  hardwear: []\n";
    let problems = load_controls(("bad.yaml", text), &base).unwrap_err();
    let lines: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
    let joined = lines.join("\n");
    for expected in [
        "bad.yaml:2:10: 'http://example.org/p.json' is not an https URL",
        "bad.yaml:5:16: control id 'PE-2' must be written as NIST's OSCAL catalogs write it",
        "bad.yaml:12:16: control 'pe-3' is already mapped from layer 'hardware'",
        "bad.yaml:15:3: unknown layer 'hardwear'; did you mean 'hardware'?",
        "layers without controls: network-infrastructure",
    ] {
        assert!(joined.contains(expected), "{expected}\n{joined}");
    }
}
