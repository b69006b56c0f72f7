//! Reads `controls.yaml`: the NIST SP 800-53 rev5 controls each responsibility layer bears
//! on. Every problem is reported with its position, like the rest of the catalog.

use std::borrow::Cow;
use std::collections::HashMap;

use serde::Deserialize;

use super::load::{is_https_url, parse_file, Problems};
use super::model::*;
use crate::problem::Problem;
use crate::yaml::Spanned;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawControlFile {
    catalog: Spanned<String>,
    profile: Spanned<String>,
    layers: Spanned<HashMap<Spanned<String>, Vec<RawControl>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawControl {
    control: Spanned<String>,
    title: Spanned<String>,
    reason: Spanned<String>,
}

/// Reads the control mapping. Each layer of `catalog` must have at least one control,
/// each control id must look like NIST's (`ac-2`, `sc-8.1`) and belong to one layer only.
pub fn load_controls(
    (file, text): (&str, &str),
    catalog: &Catalog,
) -> Result<ControlMap, Vec<Problem>> {
    let raw: RawControlFile = parse_file(file, text)?;
    let mut problems = Problems::default();
    let mut sink = problems.for_file(file);
    for url in [&raw.catalog, &raw.profile] {
        if !is_https_url(&url.value) {
            sink.on(url, format!("'{}' is not an https URL", url.value));
        }
    }
    let layers_at = (raw.layers.line(), raw.layers.column());
    let mut placed: Vec<Option<Vec<Control>>> = vec![None; catalog.layers.len()];
    // Where each control id was first mapped, to name it when it comes again.
    let mut seen: HashMap<String, String> = HashMap::new();
    let mut entries: Vec<_> = raw.layers.value.into_iter().collect();
    // The YAML map comes unordered; report problems in file order.
    entries.sort_by_key(|(key, _)| (key.line(), key.column()));
    for (key, list) in entries {
        let Some(layer) = catalog.layers.iter().position(|l| l.id == key.value) else {
            let hint = crate::suggest::did_you_mean(
                &key.value,
                catalog.layers.iter().map(|l| l.id.as_ref()),
            )
            .map(|s| format!("; did you mean '{s}'?"))
            .unwrap_or_default();
            sink.on(&key, format!("unknown layer '{}'{hint}", key.value));
            continue;
        };
        if list.is_empty() {
            sink.on(&key, format!("layer '{}' has no controls", key.value));
        }
        let mut controls = Vec::new();
        for control in list {
            let id = &control.control;
            if !is_control_id(&id.value) {
                sink.on(
                    id,
                    format!(
                        "control id '{}' must be written as NIST's OSCAL catalogs write it, \
                         such as ac-2 or sc-8.1",
                        id.value
                    ),
                );
            } else if let Some(first) = seen.get(&id.value) {
                sink.on(
                    id,
                    format!(
                        "control '{}' is already mapped from layer '{first}'; a control belongs \
                         to one layer",
                        id.value
                    ),
                );
            } else {
                seen.insert(id.value.clone(), key.value.clone());
            }
            for (field, text) in [("title", &control.title), ("reason", &control.reason)] {
                if text.value.trim().is_empty() || text.value.contains('\n') {
                    sink.on(text, format!("the {field} must be one line of text"));
                }
            }
            controls.push(Control {
                id: Cow::Owned(control.control.value),
                title: Cow::Owned(control.title.value),
                reason: Cow::Owned(control.reason.value),
            });
        }
        placed[layer] = Some(controls);
    }
    let missing: Vec<&str> = placed
        .iter()
        .enumerate()
        .filter(|(_, controls)| controls.is_none())
        .map(|(idx, _)| catalog.layers[idx].id.as_ref())
        .collect();
    if !missing.is_empty() {
        sink.at(
            layers_at.0,
            layers_at.1,
            format!("layers without controls: {}", missing.join(", ")),
        );
    }
    if !problems.list.is_empty() {
        return Err(problems.list);
    }
    Ok(ControlMap {
        catalog: Cow::Owned(raw.catalog.value),
        profile: Cow::Owned(raw.profile.value),
        layers: Cow::Owned(
            placed
                .into_iter()
                .map(|controls| Cow::Owned(controls.unwrap_or_default()))
                .collect(),
        ),
    })
}

/// `ac-2`, `sc-8.1`: a two-letter family, a number, and an enhancement number after a dot.
fn is_control_id(id: &str) -> bool {
    let Some((family, rest)) = id.split_once('-') else {
        return false;
    };
    let numbers = |text: &str| !text.is_empty() && text.chars().all(|c| c.is_ascii_digit());
    let (number, enhancement) = match rest.split_once('.') {
        Some((number, enhancement)) => (number, Some(enhancement)),
        None => (rest, None),
    };
    family.len() == 2
        && family.chars().all(|c| c.is_ascii_lowercase())
        && numbers(number)
        && !number.starts_with('0')
        && enhancement.is_none_or(|e| numbers(e) && !e.starts_with('0'))
}

#[cfg(test)]
mod tests {
    use super::is_control_id;

    #[test]
    fn control_ids_as_nist_writes_them() {
        for id in ["ac-2", "sc-8.1", "cp-2.2", "si-12"] {
            assert!(is_control_id(id), "{id}");
        }
        for id in [
            "AC-2", "sc-8(1)", "sc-08", "ac2", "ac-", "sc-8.", "abc-1", "sc-8.01", "",
        ] {
            assert!(!is_control_id(id), "{id}");
        }
    }
}
