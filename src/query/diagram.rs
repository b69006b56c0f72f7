//! The data behind `diagram`: one column per service or variant, one cell per layer.

use serde::Serialize;

use super::resolve::Target;
use crate::catalog::{Catalog, Owner, Text};

#[derive(Debug, Clone, Serialize)]
pub struct DiagramCell {
    pub layer: Text,
    pub layer_name: Text,
    pub owner: Owner,
    pub aws: Text,
    pub customer: Text,
}

#[derive(Debug, Clone, Serialize)]
pub struct DiagramColumn {
    /// `ec2` or `ecs:fargate`.
    pub label: String,
    pub name: Text,
    /// Bottom of the stack (physical security) first.
    pub cells: Vec<DiagramCell>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Diagram {
    pub title: String,
    pub columns: Vec<DiagramColumn>,
}

impl Catalog {
    pub fn diagram(&self, targets: &[Target]) -> Diagram {
        let columns: Vec<DiagramColumn> = self
            .expand_targets(targets)
            .into_iter()
            .map(|t| {
                let service = &self.services[t.service];
                DiagramColumn {
                    label: self.target_label(t),
                    name: t
                        .variant
                        .map_or(&service.name, |v| &service.variants[v].name)
                        .clone(),
                    cells: self
                        .layers
                        .iter()
                        .enumerate()
                        .map(|(l, layer)| {
                            let entry = service.responsibility(t.variant, l);
                            DiagramCell {
                                layer: layer.id.clone(),
                                layer_name: layer.name.clone(),
                                owner: entry.owner,
                                aws: entry.aws.clone(),
                                customer: entry.customer.clone(),
                            }
                        })
                        .collect(),
                }
            })
            .collect();
        let labels: Vec<&str> = columns.iter().map(|c| c.label.as_str()).collect();
        Diagram {
            title: format!("Who owns what: {}", labels.join(", ")),
            columns,
        }
    }
}
