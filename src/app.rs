//! Runs one parsed command against the catalog and returns the text to print.

use serde::Serialize;

use crate::catalog::{self, Catalog};
use crate::cli::{Command, OutputFormat};
use crate::error::Error;
use crate::query::{parse_filter, ServiceFilter};
use crate::render::{structured, text, Style};

pub fn run(command: &Command, format: OutputFormat, style: &Style) -> Result<String, Error> {
    let catalog = catalog::load_embedded().map_err(Error::Catalog)?;
    run_with(&catalog, command, format, style)
}

pub fn run_with(
    catalog: &Catalog,
    command: &Command,
    format: OutputFormat,
    style: &Style,
) -> Result<String, Error> {
    match command {
        Command::WhoOwns { service, layer } => {
            let target = catalog.resolve_service(service)?;
            let layer = catalog.resolve_layer(layer)?;
            let answer = catalog.who_owns(target, layer);
            emit(&answer, format, || text::who_owns(&answer, style))
        }
        Command::Show { service } => {
            let view = catalog.show(catalog.resolve_service(service)?);
            emit(&view, format, || text::show(&view, style))
        }
        Command::Services {
            managed,
            unmanaged,
            category,
            filters,
        } => {
            let filter = ServiceFilter {
                managed: match (managed, unmanaged) {
                    (true, _) => Some(true),
                    (_, true) => Some(false),
                    _ => None,
                },
                category: category.clone(),
                owners: filters
                    .iter()
                    .map(|f| parse_filter(catalog, f))
                    .collect::<Result<_, _>>()?,
            };
            let rows = catalog.services(&filter)?;
            emit(&rows, format, || text::services(&rows, style))
        }
        Command::Layers => {
            let rows = catalog.layer_rows();
            emit(&rows, format, || text::layers(&rows, style))
        }
        Command::Compare { services } => {
            let targets = services
                .iter()
                .map(|s| catalog.resolve_service(s))
                .collect::<Result<Vec<_>, _>>()?;
            let columns = catalog.owner_columns(&targets);
            emit(&columns, format, || text::compare(&columns, style))
        }
        Command::Matrix => {
            let columns = catalog.owner_columns(&catalog.all_targets());
            emit(&columns, format, || {
                text::matrix(&columns, &catalog.layers, style)
            })
        }
    }
}

fn emit<T: Serialize>(
    value: &T,
    format: OutputFormat,
    text: impl FnOnce() -> String,
) -> Result<String, Error> {
    match format {
        OutputFormat::Text => Ok(text()),
        OutputFormat::Json => structured::json(value),
        OutputFormat::Yaml => structured::yaml(value),
    }
}
