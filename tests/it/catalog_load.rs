//! The loader turns broken catalog files into problems with file:line:column, never a panic.

use cloudsrm::catalog::{load, Problem};

const LAYERS: (&str, &str) = ("data/layers.yaml", include_str!("../../data/layers.yaml"));
const ALPHA: &str = include_str!("../fixtures/services/alpha.yaml");

fn problems(text: &str) -> Vec<Problem> {
    load(LAYERS, &[("svc.yaml", text)]).expect_err("the file should be rejected")
}

fn one_problem(text: &str) -> Problem {
    let list = problems(text);
    assert_eq!(list.len(), 1, "expected one problem, got {list:#?}");
    list.into_iter().next().unwrap()
}

/// The 1-based line of the first occurrence of `needle` in the fixture after `edit`.
fn line_of(text: &str, needle: &str) -> u64 {
    text.lines()
        .position(|l| l.contains(needle))
        .expect("needle present") as u64
        + 1
}

#[test]
fn the_fixture_itself_loads() {
    let catalog = load(LAYERS, &[("alpha.yaml", ALPHA)]).unwrap();
    assert_eq!(catalog.services.len(), 1);
    assert_eq!(catalog.layers.len(), 17);
}

#[test]
fn syntax_error_has_a_position() {
    let p = one_problem("id: [unclosed\nname: x\n");
    assert_eq!(p.file, "svc.yaml");
    assert!(p.line >= 1, "{p:?}");
    assert!(!p.message.contains('\n'), "one line: {p:?}");
}

#[test]
fn unknown_owner_is_named_with_its_line() {
    let text = ALPHA.replacen("owner: customer", "owner: nobody", 1);
    let p = one_problem(&text);
    assert_eq!(p.line, line_of(&text, "owner: nobody"), "{p:?}");
    assert!(p.message.contains("nobody"), "{p:?}");
}

#[test]
fn unknown_field_is_rejected() {
    let text = ALPHA.replacen("category: compute", "category: compute\ncolour: blue", 1);
    let p = one_problem(&text);
    assert_eq!(p.line, line_of(&text, "colour: blue"), "{p:?}");
    assert!(p.message.contains("colour"), "{p:?}");
}

#[test]
fn duplicate_key_is_rejected() {
    let text = ALPHA.replacen(
        "category: compute",
        "category: compute\ncategory: storage",
        1,
    );
    let p = one_problem(&text);
    assert!(p.message.to_lowercase().contains("duplicate"), "{p:?}");
}

#[test]
fn unknown_layer_key_suggests_the_id() {
    let text = ALPHA.replacen("  guest-os:\n", "  guest-oss:\n", 1);
    let list = problems(&text);
    let unknown = list
        .iter()
        .find(|p| p.message.contains("unknown layer"))
        .expect("unknown layer reported");
    assert_eq!(unknown.line, line_of(&text, "guest-oss:"));
    assert!(
        unknown.message.contains("did you mean 'guest-os'"),
        "{unknown:?}"
    );
    assert!(
        list.iter().any(|p| p.message == "missing layers: guest-os"),
        "{list:#?}"
    );
}

#[test]
fn every_problem_is_reported_not_only_the_first() {
    let text = ALPHA
        .replacen("id: alpha", "id: Alpha!", 1)
        .replacen("reviewed: 2026-01-15", "reviewed: last week", 1)
        .replacen(
            "https://docs.aws.amazon.com/example/data.html",
            "ftp://example",
            1,
        );
    let list = problems(&text);
    assert_eq!(list.len(), 3, "{list:#?}");
    assert!(
        list.windows(2).all(|w| w[0].line <= w[1].line),
        "sorted by position"
    );
}

#[test]
fn alias_used_by_another_service_is_rejected() {
    let other = ALPHA.replacen("id: alpha", "id: gamma", 1).replacen(
        "aliases: [alpha-compute, ac]",
        "aliases: [ac]",
        1,
    );
    let list = load(LAYERS, &[("alpha.yaml", ALPHA), ("gamma.yaml", &other)]).unwrap_err();
    assert_eq!(list.len(), 1, "{list:#?}");
    assert_eq!(list[0].file, "gamma.yaml");
    assert!(
        list[0]
            .message
            .contains("'ac' is already used by service 'alpha'"),
        "{list:#?}"
    );
}

#[test]
fn duplicate_service_id_is_rejected() {
    let list = load(LAYERS, &[("a.yaml", ALPHA), ("b.yaml", ALPHA)]).unwrap_err();
    assert!(
        list.iter()
            .any(|p| p.file == "b.yaml" && p.message.contains("'alpha' is already used")),
        "{list:#?}"
    );
}

#[test]
fn variant_overriding_an_unknown_layer_is_rejected() {
    let text = format!(
        "{ALPHA}variants:\n  - id: v1\n    name: V1\n    layers:\n      kernel:\n        owner: aws\n        aws: a\n        customer: c\n"
    );
    let p = one_problem(&text);
    assert!(p.message.contains("unknown layer 'kernel'"), "{p:?}");
    assert_eq!(p.line, line_of(&text, "kernel:"));
}

#[test]
fn empty_and_non_mapping_documents_are_rejected() {
    for text in ["", "just a string", "- a\n- b\n", "\u{0}\u{1}binary"] {
        let list = problems(text);
        assert!(!list.is_empty());
        assert!(list.iter().all(|p| !p.message.contains('\n')), "{list:#?}");
    }
}

#[test]
fn alias_bomb_is_refused_quickly() {
    let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..12 {
        let prev = i - 1;
        text.push_str(&format!("a{i}: &a{i} [*a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}]\n"));
    }
    assert!(!problems(&text).is_empty());
}

const BETA: &str = include_str!("../fixtures/services/beta.yaml");

/// Beta with its `hosts` variant turned into an exception with an alias, ids, and a
/// retired name.
fn beta_with_exception() -> String {
    BETA.replacen(
        "  - id: hosts\n",
        "  - id: hosts\n    aliases: [beta-hosts]\n    exception: true\n",
        1,
    )
    .replacen(
        "aliases: [beta-containers]",
        "aliases: [beta-containers]\nids:\n  sdk: [beta]\n  iam: [beta]\n  cloudformation: ['AWS::Beta::*']\n  terraform: [aws_beta_]\nretired:\n  - name: beta-classic\n    note: Beta Classic ended in 2020.\n    successor: beta\n    sources: [https://docs.aws.amazon.com/example/classic.html]",
        1,
    )
}

#[test]
fn variant_aliases_ids_and_retired_names_load() {
    let text = beta_with_exception();
    let catalog = load(LAYERS, &[("beta.yaml", &text)]).unwrap();
    let beta = &catalog.services[0];
    assert_eq!(beta.ids.terraform.as_ref(), ["aws_beta_"]);
    assert_eq!(beta.retired[0].name, "beta-classic");
    assert_eq!(catalog.variant_named("beta-hosts"), Some((0, 0)));
    let target = catalog.resolve_service("Beta-Hosts").unwrap();
    assert_eq!(target.variant, Some(0));
    // The service asked without a variant keeps its own answer: the exception is left out.
    let guest_os = catalog.resolve_layer("guest-os").unwrap();
    let whole = catalog.resolve_service("beta").unwrap();
    let answer = catalog.who_owns(
        whole,
        guest_os,
        cloudsrm::date::Day::parse("2026-11-29").unwrap(),
    );
    let variants = answer.answer.variants.unwrap_or_default();
    assert!(
        variants.iter().all(|v| v.variant != "hosts"),
        "{variants:?}"
    );
    // The whole catalog still lists the exception.
    assert_eq!(catalog.all_targets().len(), 2);
    let err = catalog
        .resolve_service("beta:beta-classic")
        .unwrap_err()
        .to_string();
    assert!(err.contains("retired"), "SERVICE:NAME form: {err}");
    let err = catalog
        .resolve_service("beta-classic")
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("retired") && err.contains("2020") && err.contains("'beta'"),
        "{err}"
    );
}

#[test]
fn variant_alias_taken_by_a_service_is_rejected() {
    let text = beta_with_exception().replacen("aliases: [beta-hosts]", "aliases: [alpha]", 1);
    let list = load(LAYERS, &[("alpha.yaml", ALPHA), ("beta.yaml", &text)]).unwrap_err();
    assert_eq!(list.len(), 1, "{list:#?}");
    assert!(
        list[0].message.contains("already used by service 'alpha'"),
        "{list:#?}"
    );
    assert_eq!(list[0].line, line_of(&text, "aliases: [alpha]"));
}

#[test]
fn malformed_ids_are_named_with_their_line() {
    let text = beta_with_exception().replacen("'AWS::Beta::*'", "'Beta::Thing'", 1);
    let list = load(LAYERS, &[("beta.yaml", &text)]).unwrap_err();
    assert_eq!(list.len(), 1, "{list:#?}");
    assert!(list[0].message.contains("Beta::Thing"), "{list:#?}");
    assert_eq!(list[0].line, line_of(&text, "Beta::Thing"));
}
