//! OSCAL 1.1.2 JSON of a `ControlExport`: a component definition (one `service` component
//! per service or variant, its duties as implemented requirements), or the responsibility
//! chain of a system security plan (what AWS provides, what the customer must do, and
//! which team satisfies it).
//!
//! Every identifier is a UUID v5 named after what it identifies (service, variant, layer,
//! control), so the same catalog always gives the same document, byte for byte. The
//! document's own `uuid`, which OSCAL wants changed whenever the document changes, is named
//! after the document's content.

use serde::Serialize;
use uuid::Uuid;

use crate::catalog::Owner;
use crate::error::Error;
use crate::query::{ComponentDuties, ControlExport, LayerDuty, MappedControl};
use crate::render::structured;

/// The namespace of cloudsrm's props. OSCAL asks for an absolute URI that names the
/// naming system; cloudsrm has no web address of its own, so it uses a URN rather than
/// claim a domain it does not hold.
pub const NS: &str = "urn:cloudsrm:oscal";

/// The OSCAL version the documents are written against.
pub const OSCAL_VERSION: &str = "1.1.2";

const PROVIDER: &str = "provider";
const CUSTOMER: &str = "customer";

/// The namespace of every UUID cloudsrm names, itself named after `NS`.
fn namespace() -> Uuid {
    Uuid::new_v5(&Uuid::NAMESPACE_URL, NS.as_bytes())
}

/// The UUID of the thing called `name` (`component:ecs:fargate`).
fn id(name: &str) -> String {
    Uuid::new_v5(&namespace(), name.as_bytes()).to_string()
}

fn component_id(component: &ComponentDuties) -> String {
    id(&format!("component:{}", component.label()))
}

fn aws_party() -> String {
    id("party:aws")
}

fn team_party(team: &str) -> String {
    id(&format!("party:team:{team}"))
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct Metadata {
    title: String,
    last_modified: String,
    version: String,
    oscal_version: &'static str,
    roles: Vec<Role>,
    parties: Vec<Party>,
    remarks: &'static str,
}

#[derive(Serialize)]
struct Role {
    id: &'static str,
    title: &'static str,
    description: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct Party {
    uuid: String,
    #[serde(rename = "type")]
    kind: &'static str,
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    short_name: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    remarks: Option<&'static str>,
}

#[derive(Serialize)]
struct Prop {
    name: &'static str,
    ns: &'static str,
    value: String,
}

fn prop(name: &'static str, value: impl Into<String>) -> Prop {
    Prop {
        name,
        ns: NS,
        value: value.into(),
    }
}

#[derive(Serialize)]
struct Link {
    href: String,
    rel: &'static str,
}

fn source_links(duty: &LayerDuty) -> Vec<Link> {
    duty.sources
        .iter()
        .map(|s| Link {
            href: s.to_string(),
            rel: "reference",
        })
        .collect()
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct ResponsibleRole {
    role_id: &'static str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    party_uuids: Vec<String>,
}

fn provider_role() -> ResponsibleRole {
    ResponsibleRole {
        role_id: PROVIDER,
        party_uuids: vec![aws_party()],
    }
}

fn customer_role(team: Option<&str>) -> ResponsibleRole {
    ResponsibleRole {
        role_id: CUSTOMER,
        party_uuids: team.map(team_party).into_iter().collect(),
    }
}

/// The roles of the side or sides that own a layer.
fn owner_roles(duty: &LayerDuty) -> Vec<ResponsibleRole> {
    let team = duty.team.as_deref();
    match duty.owner {
        Owner::Aws => vec![provider_role()],
        Owner::Customer => vec![customer_role(team)],
        Owner::Shared => vec![provider_role(), customer_role(team)],
    }
}

fn roles() -> Vec<Role> {
    vec![
        Role {
            id: PROVIDER,
            title: "Provider",
            description: "The provider of the cloud services: Amazon Web Services.",
        },
        Role {
            id: CUSTOMER,
            title: "Customer",
            description: "The organisation that builds on the cloud services and carries \
                          the customer's part of each duty.",
        },
    ]
}

fn aws() -> Party {
    Party {
        uuid: aws_party(),
        kind: "organization",
        name: "Amazon Web Services".into(),
        short_name: Some("AWS"),
        remarks: None,
    }
}

const REMARKS: &str = "Written by cloudsrm from its catalog of the AWS Shared Responsibility \
Model. Owners and duty texts come from the catalog, whose entries cite AWS documentation \
(linked from each entry). The mapping of responsibility layers to NIST SP 800-53 rev5 controls \
is cloudsrm's own reading of the controls (data/controls.yaml), not a statement by AWS or NIST.";

/// Props that say which service and layer an entry is about, and who owns it.
fn duty_props(component: &ComponentDuties, duty: &LayerDuty) -> Vec<Prop> {
    let mut props = vec![
        prop("owner", duty.owner.as_str()),
        prop("layer", duty.layer.to_string()),
        prop("service-id", component.service.to_string()),
    ];
    if let Some(variant) = &component.variant {
        props.push(prop("variant", variant.to_string()));
    }
    if let Some(team) = &duty.team {
        props.push(prop("team", team.to_string()));
    }
    props
}

fn component_props(component: &ComponentDuties) -> Vec<Prop> {
    let mut props = vec![prop("service-id", component.service.to_string())];
    if let Some(variant) = &component.variant {
        props.push(prop("variant", variant.to_string()));
    }
    props.push(prop("category", component.category.to_string()));
    props.push(prop("model", component.model.as_str()));
    props.push(prop(
        "managed",
        if component.managed { "yes" } else { "no" },
    ));
    props.push(prop("reviewed", component.reviewed.to_string()));
    props
}

fn component_description(component: &ComponentDuties) -> String {
    format!(
        "{} ({}): who carries each responsibility layer under the AWS Shared Responsibility \
         Model, as cloudsrm's catalog records it (reviewed {}).",
        component.name,
        component.label(),
        component.reviewed
    )
}

/// Both sides' parts of a layer, and its note.
fn duty_text(duty: &LayerDuty) -> String {
    let mut text = format!(
        "{} ({}) is owned by {}.\n\nAWS: {}\n\nCustomer: {}",
        duty.layer_name, duty.layer, duty.owner, duty.aws, duty.customer
    );
    if let Some(note) = &duty.note {
        text.push_str(&format!("\n\nNote: {note}"));
    }
    text
}

/// The document title's list of what it covers.
fn coverage(export: &ControlExport) -> String {
    if export.whole_catalog {
        return format!(
            "every service in the catalog ({} components)",
            export.components.len()
        );
    }
    let labels: Vec<String> = export.components.iter().map(|c| c.label()).collect();
    labels.join(", ")
}

fn last_modified(export: &ControlExport) -> String {
    format!("{}T00:00:00Z", export.last_reviewed)
}

/// Serialises `document` after naming it: its `uuid` is a UUID v5 of its content with the
/// nil UUID in its place, so any change to the content gives a new identifier.
fn named<T: Serialize>(document: &mut T, uuid: fn(&mut T) -> &mut String) -> Result<String, Error> {
    *uuid(document) = Uuid::nil().to_string();
    let unnamed = structured::json(document)?;
    *uuid(document) = Uuid::new_v5(&namespace(), unnamed.as_bytes()).to_string();
    structured::json(document)
}

// ---- component definition ----

#[derive(Serialize)]
struct ComponentDefinitionDocument {
    #[serde(rename = "component-definition")]
    body: ComponentDefinition,
}

#[derive(Serialize)]
struct ComponentDefinition {
    uuid: String,
    metadata: Metadata,
    components: Vec<DefinedComponent>,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct DefinedComponent {
    uuid: String,
    #[serde(rename = "type")]
    kind: &'static str,
    title: String,
    description: String,
    props: Vec<Prop>,
    responsible_roles: Vec<ResponsibleRole>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    control_implementations: Vec<ControlImplementation>,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct ControlImplementation {
    uuid: String,
    source: String,
    description: String,
    implemented_requirements: Vec<DefinedRequirement>,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct DefinedRequirement {
    uuid: String,
    control_id: String,
    description: String,
    props: Vec<Prop>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    links: Vec<Link>,
    responsible_roles: Vec<ResponsibleRole>,
    remarks: String,
}

/// The OSCAL component definition of `export`.
pub fn component_definition(export: &ControlExport) -> Result<String, Error> {
    let components = export
        .components
        .iter()
        .map(|component| defined_component(export, component))
        .collect();
    let mut document = ComponentDefinitionDocument {
        body: ComponentDefinition {
            uuid: String::new(),
            metadata: Metadata {
                title: format!(
                    "AWS Shared Responsibility Model: {} (cloudsrm catalog {})",
                    coverage(export),
                    export.catalog_version
                ),
                last_modified: last_modified(export),
                version: export.catalog_version.clone(),
                oscal_version: OSCAL_VERSION,
                roles: roles(),
                parties: vec![aws()],
                remarks: REMARKS,
            },
            components,
        },
    };
    named(&mut document, |d| &mut d.body.uuid)
}

fn defined_component(export: &ControlExport, component: &ComponentDuties) -> DefinedComponent {
    let label = component.label();
    let label = label.as_str();
    let requirements: Vec<DefinedRequirement> = component
        .duties
        .iter()
        .flat_map(|duty| {
            duty.controls.iter().map(move |control| DefinedRequirement {
                uuid: id(&format!(
                    "implemented-requirement:{label}:{}:{}",
                    duty.layer, control.id
                )),
                control_id: control.id.to_string(),
                description: duty_text(duty),
                props: duty_props(component, duty),
                links: source_links(duty),
                responsible_roles: owner_roles(duty),
                remarks: format!(
                    "{} bears on {} ({}): {}",
                    duty.layer, control.id, control.title, control.reason
                ),
            })
        })
        .collect();
    DefinedComponent {
        uuid: component_id(component),
        kind: "service",
        title: component.name.to_string(),
        description: component_description(component),
        props: component_props(component),
        responsible_roles: vec![provider_role()],
        control_implementations: if requirements.is_empty() {
            Vec::new()
        } else {
            vec![ControlImplementation {
                uuid: id(&format!("control-implementation:{label}")),
                source: export.source.to_string(),
                description: format!(
                    "The duties of each responsibility layer of {label}, against the NIST SP \
                     800-53 rev5 controls cloudsrm maps that layer to."
                ),
                implemented_requirements: requirements,
            }]
        },
    }
}

// ---- system security plan ----

#[derive(Serialize)]
struct SspDocument {
    #[serde(rename = "system-security-plan")]
    body: Ssp,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct Ssp {
    uuid: String,
    metadata: Metadata,
    import_profile: ImportProfile,
    system_characteristics: SystemCharacteristics,
    system_implementation: SystemImplementation,
    control_implementation: SspControlImplementation,
}

#[derive(Serialize)]
struct ImportProfile {
    href: String,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct SystemCharacteristics {
    system_ids: Vec<SystemId>,
    system_name: String,
    description: String,
    system_information: SystemInformation,
    status: Status,
    authorization_boundary: Described,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct SystemId {
    identifier_type: &'static str,
    id: String,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct SystemInformation {
    information_types: Vec<InformationType>,
}

#[derive(Serialize)]
struct InformationType {
    uuid: String,
    title: &'static str,
    description: &'static str,
}

#[derive(Serialize)]
struct Status {
    state: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    remarks: Option<&'static str>,
}

#[derive(Serialize)]
struct Described {
    description: &'static str,
}

#[derive(Serialize)]
struct SystemImplementation {
    users: Vec<User>,
    components: Vec<SystemComponent>,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct User {
    uuid: String,
    title: &'static str,
    role_ids: Vec<&'static str>,
}

#[derive(Serialize)]
struct SystemComponent {
    uuid: String,
    #[serde(rename = "type")]
    kind: &'static str,
    title: String,
    description: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    props: Vec<Prop>,
    status: Status,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct SspControlImplementation {
    description: &'static str,
    implemented_requirements: Vec<SspRequirement>,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct SspRequirement {
    uuid: String,
    control_id: String,
    remarks: String,
    by_components: Vec<ByComponent>,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct ByComponent {
    component_uuid: String,
    uuid: String,
    description: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    props: Vec<Prop>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    links: Vec<Link>,
    #[serde(skip_serializing_if = "Option::is_none")]
    export: Option<Export>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    inherited: Vec<Inherited>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    satisfied: Vec<Satisfied>,
}

#[derive(Serialize)]
struct Export {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    provided: Vec<Provided>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    responsibilities: Vec<Responsibility>,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct Provided {
    uuid: String,
    description: String,
    responsible_roles: Vec<ResponsibleRole>,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct Responsibility {
    uuid: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    provided_uuid: Option<String>,
    description: String,
    responsible_roles: Vec<ResponsibleRole>,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct Inherited {
    uuid: String,
    provided_uuid: String,
    description: String,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct Satisfied {
    uuid: String,
    responsibility_uuid: String,
    description: String,
    responsible_roles: Vec<ResponsibleRole>,
}

const CHAIN: &str = "For each control, each AWS service's entry says what AWS provides \
(export.provided) and what the customer must do (export.responsibilities, pointing at what AWS \
provides when AWS has a part). The entry of this system inherits what AWS provides and \
satisfies each responsibility that a team carries, as the catalog overlays name teams. A \
responsibility that no satisfied entry points at has no team yet: it is a gap.";

/// The responsibility chain of a system security plan built on the services of `export`,
/// importing `profile`.
pub fn system_security_plan(export: &ControlExport, profile: &str) -> Result<String, Error> {
    // Identifiers of a plan are named after what it covers, so that plans for different
    // sets of services never share one.
    let system: Vec<String> = export.components.iter().map(|c| c.label()).collect();
    let system = system.join(",");
    let this_system = id(&format!("ssp:{system}:this-system"));
    let mut teams: Vec<&str> = export
        .components
        .iter()
        .flat_map(|c| c.duties.iter().filter_map(|d| d.team.as_deref()))
        .collect();
    teams.sort_unstable();
    teams.dedup();
    let mut parties = vec![aws()];
    parties.extend(teams.iter().map(|team| Party {
        uuid: team_party(team),
        kind: "organization",
        name: team.to_string(),
        short_name: None,
        remarks: Some("A team that a catalog overlay names for customer-side duties."),
    }));

    let mut components = vec![SystemComponent {
        uuid: this_system.clone(),
        kind: "this-system",
        title: "This system".into(),
        description: format!(
            "The customer's system, built on {}. It inherits what AWS provides and carries \
             the customer's part of each duty.",
            coverage(export)
        ),
        props: Vec::new(),
        status: unknown_state(),
    }];
    components.extend(export.components.iter().map(|c| SystemComponent {
        uuid: component_id(c),
        kind: "service",
        title: c.name.to_string(),
        description: component_description(c),
        props: component_props(c),
        status: Status {
            state: "operational",
            remarks: None,
        },
    }));

    let requirements = export
        .controls
        .iter()
        .filter_map(|control| ssp_requirement(export, control, &system, &this_system))
        .collect();

    let mut document = SspDocument {
        body: Ssp {
            uuid: String::new(),
            metadata: Metadata {
                title: format!(
                    "Responsibilities shared with AWS: {} (cloudsrm catalog {})",
                    coverage(export),
                    export.catalog_version
                ),
                last_modified: last_modified(export),
                version: export.catalog_version.clone(),
                oscal_version: OSCAL_VERSION,
                roles: roles(),
                parties,
                remarks: REMARKS,
            },
            import_profile: ImportProfile {
                href: profile.to_string(),
            },
            system_characteristics: SystemCharacteristics {
                system_ids: vec![SystemId {
                    identifier_type: "https://ietf.org/rfc/rfc4122",
                    id: id(&format!("ssp:{system}:system")),
                }],
                system_name: format!("A system built on {}", coverage(export)),
                description: format!(
                    "The part of the AWS Shared Responsibility Model that applies to a system \
                     built on {}: what AWS provides, what the customer must do, and which team \
                     does it. cloudsrm knows only the services; describe the system here.",
                    coverage(export)
                ),
                system_information: SystemInformation {
                    information_types: vec![InformationType {
                        uuid: id(&format!("ssp:{system}:information-type")),
                        title: "Customer content",
                        description: "The data the system stores or processes on AWS. \
                                      cloudsrm does not know it; categorise it here.",
                    }],
                },
                status: unknown_state(),
                authorization_boundary: Described {
                    description: "Not described: cloudsrm knows only the AWS services the \
                                  system uses.",
                },
            },
            system_implementation: SystemImplementation {
                users: vec![User {
                    uuid: id(&format!("ssp:{system}:user:customer")),
                    title: "The customer's staff who carry its part of each duty",
                    role_ids: vec![CUSTOMER],
                }],
                components,
            },
            control_implementation: SspControlImplementation {
                description: CHAIN,
                implemented_requirements: requirements,
            },
        },
    };
    named(&mut document, |d| &mut d.body.uuid)
}

fn unknown_state() -> Status {
    Status {
        state: "other",
        remarks: Some("cloudsrm does not know the state of the system; set it here."),
    }
}

/// The implemented requirement of one control: one by-component per AWS service that has
/// the control's layer, then this system's.
fn ssp_requirement(
    export: &ControlExport,
    mapped: &MappedControl,
    system: &str,
    this_system: &str,
) -> Option<SspRequirement> {
    let control = &mapped.control;
    let mut by_components = Vec::new();
    let mut inherited = Vec::new();
    let mut satisfied = Vec::new();
    for component in &export.components {
        let Some(duty) = component.duties.iter().find(|d| d.layer == mapped.layer) else {
            continue;
        };
        let label = component.label();
        let name = |kind: &str| id(&format!("ssp:{system}:{kind}:{label}:{}", control.id));
        let provided = (duty.owner != Owner::Customer).then(|| Provided {
            uuid: name("provided"),
            description: duty.aws.to_string(),
            responsible_roles: vec![provider_role()],
        });
        let responsibility = (duty.owner != Owner::Aws).then(|| Responsibility {
            uuid: name("responsibility"),
            provided_uuid: provided.as_ref().map(|p| p.uuid.clone()),
            description: duty.customer.to_string(),
            responsible_roles: vec![customer_role(None)],
        });
        if let Some(provided) = &provided {
            inherited.push(Inherited {
                uuid: name("inherited"),
                provided_uuid: provided.uuid.clone(),
                description: format!(
                    "Inherited from AWS for {label} ({}): {}",
                    duty.layer, duty.aws
                ),
            });
        }
        if let (Some(responsibility), Some(team)) = (&responsibility, &duty.team) {
            satisfied.push(Satisfied {
                uuid: name("satisfied"),
                responsibility_uuid: responsibility.uuid.clone(),
                description: format!(
                    "Team {team} carries the customer's part of {} for {label}: {}",
                    duty.layer, duty.customer
                ),
                responsible_roles: vec![customer_role(Some(team))],
            });
        }
        by_components.push(ByComponent {
            component_uuid: component_id(component),
            uuid: name("by-component"),
            description: duty_text(duty),
            props: duty_props(component, duty),
            links: source_links(duty),
            export: Some(Export {
                provided: provided.into_iter().collect(),
                responsibilities: responsibility.into_iter().collect(),
            }),
            inherited: Vec::new(),
            satisfied: Vec::new(),
        });
    }
    if by_components.is_empty() {
        return None;
    }
    let gaps = by_components
        .iter()
        .filter_map(|b| b.export.as_ref())
        .map(|e| e.responsibilities.len())
        .sum::<usize>()
        - satisfied.len();
    if !inherited.is_empty() || !satisfied.is_empty() {
        by_components.push(ByComponent {
            component_uuid: this_system.to_string(),
            uuid: id(&format!(
                "ssp:{system}:by-component:this-system:{}",
                control.id
            )),
            description: format!(
                "This system inherits what AWS provides for {} and carries the customer's \
                 part; {} of its responsibilities have no team yet.",
                control.id, gaps
            ),
            props: Vec::new(),
            links: Vec::new(),
            export: None,
            inherited,
            satisfied,
        });
    }
    Some(SspRequirement {
        uuid: id(&format!(
            "ssp:{system}:implemented-requirement:{}",
            control.id
        )),
        control_id: control.id.to_string(),
        remarks: format!(
            "{} bears on {} ({}): {}",
            mapped.layer, control.id, control.title, control.reason
        ),
        by_components,
    })
}
