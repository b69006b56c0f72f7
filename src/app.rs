//! Runs one parsed command against the catalog and returns what to print and the exit code.

use std::path::PathBuf;

use clap::CommandFactory;
use serde::Serialize;

use crate::catalog::{self, Catalog, Owner};
use crate::check::{self, CheckReport};
use crate::cli::{
    CheckFormat, Cli, Command, DiagramFormat, DiffFormat, ExportKind, FailOn, OscalModel,
    OutputFormat, ScanFinding, ScanFormat, SchemaKind,
};
use crate::date::Day;
use crate::error::Error;
use crate::exit_code::ExitCode;
use crate::files::{read_input, write_file};
use crate::problem::Problem;
use crate::query::{
    self, parse_filter, CatalogExport, DiffSide, ProblemRow, ServiceFilter, Target,
    ValidationReport,
};
use crate::render::records::{self, Records};
use crate::render::{self, structured, text, Style};

/// What a command produced: text for standard output, and how the process should end.
#[derive(Debug)]
pub struct Output {
    pub stdout: String,
    pub exit: ExitCode,
}

impl Output {
    fn answered(stdout: String) -> Self {
        Output {
            stdout,
            exit: ExitCode::Success,
        }
    }
}

/// Resolves each SERVICE or SERVICE:VARIANT name, stopping at the first unknown one.
/// Each name's target, in order, each once: `compare ec2 ec2` compares one column.
fn resolve_all(catalog: &Catalog, names: &[String]) -> Result<Vec<Target>, Error> {
    let mut targets: Vec<Target> = Vec::new();
    for name in names {
        let target = catalog.resolve_service(name)?;
        if !targets.contains(&target) {
            targets.push(target);
        }
    }
    Ok(targets)
}

/// Exit code 1 when a check found something, 0 otherwise.
fn found(problem: bool) -> ExitCode {
    if problem {
        ExitCode::Failure
    } else {
        ExitCode::Success
    }
}

/// Runs `command` on the embedded catalog with the `overlays` files applied in order.
pub fn run(
    command: &Command,
    overlays: &[PathBuf],
    format: OutputFormat,
    style: &Style,
    today: Day,
) -> Result<Output, Error> {
    // `validate` reports overlay problems as its answer instead of failing on them.
    if let Command::Validate { files } = command {
        // A file named both in CLOUDSRM_CATALOG and on the command line is one file:
        // loading it twice would report its services as colliding with themselves.
        let mut all: Vec<PathBuf> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for path in overlays.iter().chain(files) {
            if seen.insert(std::fs::canonicalize(path).unwrap_or_else(|_| path.clone())) {
                all.push(path.clone());
            }
        }
        return validate(&all, format, style);
    }
    if overlays.is_empty() {
        return run_with(catalog::embedded(), command, format, style, today);
    }
    let (catalog, problems) = load_overlays(overlays)?;
    if !problems.is_empty() {
        return Err(Error::Problems(problems));
    }
    run_with(&catalog, command, format, style, today)
}

/// The embedded catalog with each overlay applied in turn, and the problems of those
/// that could not be applied (which are then left out).
fn load_overlays(paths: &[PathBuf]) -> Result<(Catalog, Vec<Problem>), Error> {
    let mut catalog = catalog::embedded().clone();
    let mut problems = Vec::new();
    for path in paths {
        let (name, text) = read_input(path)?;
        match catalog::apply_overlay(&catalog, &name, &text) {
            Ok(next) => catalog = next,
            Err(found) => problems.extend(found),
        }
    }
    Ok((catalog, problems))
}

fn validate(paths: &[PathBuf], format: OutputFormat, style: &Style) -> Result<Output, Error> {
    // A folder laid out like data/ is a whole catalog of its own, checked on its own;
    // files are overlays on the embedded catalog.
    let (folders, files): (Vec<PathBuf>, Vec<PathBuf>) = paths
        .iter()
        .cloned()
        .partition(|p| p.join("layers.yaml").is_file());
    let (mut catalog, mut problems) = load_overlays(&files)?;
    for folder in &folders {
        match catalog::load_dir(folder) {
            Ok(loaded) if files.is_empty() && folders.len() == 1 => catalog = loaded,
            Ok(_) => {}
            Err(found) => problems.extend(found),
        }
    }
    let report = ValidationReport {
        valid: problems.is_empty(),
        files: paths.iter().map(|p| p.display().to_string()).collect(),
        services: catalog.services.len(),
        problems: problems.iter().map(ProblemRow::from).collect(),
    };
    let stdout = emit_untabled("validate", &report, format, || {
        text::validation(&report, style)
    })?;
    Ok(Output {
        stdout,
        exit: found(!report.valid),
    })
}

/// What every command needs besides its own arguments.
struct Context<'a> {
    catalog: &'a Catalog,
    format: OutputFormat,
    style: &'a Style,
    today: Day,
}

impl Context<'_> {
    /// A tabular answer in the chosen format: text from `text`, the value as JSON or
    /// YAML, or the rows from `table` as CSV or Markdown.
    fn emit<T: Serialize>(
        &self,
        value: &T,
        text: impl FnOnce() -> String,
        table: impl FnOnce() -> Records,
    ) -> Result<Output, Error> {
        emit(value, self.format, text, table).map(Output::answered)
    }

    /// An answer that is no table: CSV and Markdown are refused, naming `command`.
    fn emit_untabled<T: Serialize>(
        &self,
        command: &'static str,
        value: &T,
        text: impl FnOnce() -> String,
    ) -> Result<Output, Error> {
        emit_untabled(command, value, self.format, text).map(Output::answered)
    }
}

/// Runs `command` against `catalog`; `today` decides which reviews are stale. Each
/// command is one function below, named after it.
pub fn run_with(
    catalog: &Catalog,
    command: &Command,
    format: OutputFormat,
    style: &Style,
    today: Day,
) -> Result<Output, Error> {
    let cx = Context {
        catalog,
        format,
        style,
        today,
    };
    match command {
        Command::WhoOwns { service, layer } => who_owns(&cx, service, layer.as_deref()),
        Command::Show { service } => show(&cx, service),
        Command::Search { words, limit } => {
            let hits = catalog.search(words, *limit as usize);
            cx.emit(
                &hits,
                || text::search(&hits, style),
                || records::search(&hits),
            )
        }
        Command::Services {
            managed,
            unmanaged,
            category,
            filters,
            team,
        } => services(&cx, (*managed, *unmanaged), category, filters, team),
        Command::Gaps { services } => gaps(&cx, services),
        Command::Validate { files } => validate(files, format, style),
        Command::Layers => {
            let rows = catalog.layer_rows();
            cx.emit(
                &rows,
                || text::layers(&rows, style),
                || records::layers(&rows),
            )
        }
        Command::Compare { services } => compare(&cx, services),
        Command::Matrix => {
            let columns = catalog.owner_columns(&catalog.all_targets());
            cx.emit(
                &columns,
                || text::matrix(&columns, &catalog.layers, style),
                || records::owners(&columns, &layer_ids(catalog)),
            )
        }
        Command::Assert {
            service,
            layer,
            owner,
        } => assert(&cx, service, layer, (*owner).into()),
        Command::Check {
            files,
            format: chosen,
        } => check(&cx, files, *chosen),
        Command::Scan {
            paths,
            format: chosen,
            fail_on,
        } => scan(&cx, paths, *chosen, fail_on),
        Command::Aup => {
            let view = catalog.acceptable_use();
            cx.emit_untabled("aup", &view, || text::acceptable_use(&view, style))
        }
        Command::Pentest { service } => pentest(&cx, service.as_deref()),
        Command::Status { service, region } => status(&cx, service.as_deref(), region.as_deref()),
        Command::Diagram {
            services,
            format: picture,
            out,
        } => diagram(&cx, services, *picture, out.as_deref()),
        Command::Export { what } => export(&cx, what),
        Command::Diff {
            old,
            new,
            format: chosen,
            fail_on,
            only,
        } => diff(&cx, (old, new.as_deref()), *chosen, fail_on, only),
        Command::Completions { shell } => Ok(Output::answered(completions(*shell))),
        Command::Man { command, dir } => man(command.as_deref(), dir.as_deref()),
        Command::Schema { kind } => Ok(Output::answered(match kind {
            SchemaKind::Assumptions => structured::json(&check::assumptions_schema())?,
            SchemaKind::Catalog => structured::json(&catalog::overlay_schema())?,
        })),
    }
}

/// One layer's answer; each layer's for a topic word naming several (`encryption`), as a
/// JSON array; the customer's duties when no layer is named.
fn who_owns(cx: &Context, service: &str, layer: Option<&str>) -> Result<Output, Error> {
    let target = cx.catalog.resolve_service(service)?;
    let Some(layer) = layer else {
        let summary = cx.catalog.duties(target, cx.today);
        return cx.emit(
            &summary,
            || text::duties(&summary, cx.style),
            || records::duties(&summary),
        );
    };
    let layers = cx.catalog.resolve_layers(layer)?;
    let answers: Vec<_> = layers
        .iter()
        .map(|&l| cx.catalog.who_owns(target, l, cx.today))
        .collect();
    if let [answer] = answers.as_slice() {
        return cx.emit(
            answer,
            || text::who_owns(answer, cx.style),
            || records::who_owns(&answers),
        );
    }
    cx.emit(
        &answers,
        || {
            let each: Vec<String> = answers
                .iter()
                .map(|a| text::who_owns(a, cx.style))
                .collect();
            each.join("\n")
        },
        || records::who_owns(&answers),
    )
}

fn show(cx: &Context, service: &str) -> Result<Output, Error> {
    let view = cx
        .catalog
        .show(cx.catalog.resolve_service(service)?, cx.today);
    cx.emit(
        &view,
        || text::show(&view, cx.style),
        || records::show(&view),
    )
}

fn services(
    cx: &Context,
    (managed, unmanaged): (bool, bool),
    category: &Option<String>,
    filters: &[String],
    team: &Option<String>,
) -> Result<Output, Error> {
    let filter = ServiceFilter {
        managed: match (managed, unmanaged) {
            (true, _) => Some(true),
            (_, true) => Some(false),
            _ => None,
        },
        category: category.clone().map(Into::into),
        owners: filters
            .iter()
            .map(|f| parse_filter(cx.catalog, f))
            .collect::<Result<_, _>>()?,
        team: team.clone(),
    };
    let rows = cx.catalog.services(&filter)?;
    cx.emit(
        &rows,
        || text::services(&rows, cx.style),
        || records::services(&rows),
    )
}

fn gaps(cx: &Context, services: &[String]) -> Result<Output, Error> {
    let targets = resolve_all(cx.catalog, services)?;
    let gaps = cx.catalog.gaps(&targets);
    let stdout = emit(
        &gaps,
        cx.format,
        || text::gaps(&gaps, cx.style),
        || records::gaps(&gaps),
    )?;
    Ok(Output {
        stdout,
        exit: found(!gaps.is_empty()),
    })
}

fn compare(cx: &Context, services: &[String]) -> Result<Output, Error> {
    let targets = resolve_all(cx.catalog, services)?;
    let columns = cx.catalog.owner_columns(&targets);
    cx.emit(
        &columns,
        || text::compare(&columns, &cx.catalog.layers, cx.style),
        || records::owners(&columns, &layer_ids(cx.catalog)),
    )
}

fn layer_ids(catalog: &Catalog) -> Vec<&str> {
    catalog.layers.iter().map(|l| l.id.as_ref()).collect()
}

fn check(cx: &Context, files: &[PathBuf], chosen: Option<CheckFormat>) -> Result<Output, Error> {
    let report = check_files(cx.catalog, files)?;
    let chosen = match (chosen, cx.format) {
        (Some(chosen), _) => chosen,
        (None, OutputFormat::Text) => CheckFormat::Text,
        (None, OutputFormat::Json) => CheckFormat::Json,
        (None, OutputFormat::Yaml) => CheckFormat::Yaml,
        (None, other @ (OutputFormat::Csv | OutputFormat::Markdown)) => {
            return Err(no_table("check", other))
        }
    };
    if !report.errors.is_empty() && chosen == CheckFormat::Text {
        let problems = report.errors.iter().map(ProblemRow::to_problem).collect();
        return Err(Error::Problems(problems));
    }
    let exit = if report.errors.is_empty() {
        found(report.summary.failed > 0)
    } else {
        ExitCode::Usage
    };
    let stdout = match chosen {
        CheckFormat::Text => text::check_report(&report, cx.style),
        // A passing result takes about 400 bytes of JSON.
        CheckFormat::Json => structured::json_sized(&report, report.results.len() * 450)?,
        CheckFormat::Yaml => structured::yaml(&report)?,
        CheckFormat::Junit => render::junit::report(&report)?,
        CheckFormat::Github => render::github::report(&report),
        CheckFormat::Tap => render::tap::report(&report),
        CheckFormat::Sarif => render::sarif::report(&report)?,
    };
    // Printed in a GitHub Actions log, a line of user text that begins with `::` would run
    // as a workflow command; only the github format may write them.
    let stdout = match chosen {
        CheckFormat::Github => stdout,
        _ => render::safe::no_workflow_commands(&stdout).into_owned(),
    };
    Ok(Output { stdout, exit })
}

/// Reads every input into one report; any input that cannot be read stops the scan with
/// every such problem listed.
fn scan(
    cx: &Context,
    paths: &[PathBuf],
    chosen: Option<ScanFormat>,
    fail_on: &[ScanFinding],
) -> Result<Output, Error> {
    if paths.iter().filter(|p| p.as_os_str() == "-").count() > 1 {
        return Err(Error::StdinTwice);
    }
    let mut report = cx.catalog.scan();
    let mut problems = Vec::new();
    // A file named twice is read once, so that no resource is counted twice.
    let mut seen = std::collections::HashSet::new();
    for path in paths {
        if path.as_os_str() != "-"
            && !seen.insert(std::fs::canonicalize(path).unwrap_or_else(|_| path.clone()))
        {
            continue;
        }
        match crate::scan::read_path(path, &cx.catalog.scan, &mut |r| report.add(r)) {
            Ok((name, kind)) => report.input(name, kind),
            Err(problem) => problems.push(problem),
        }
    }
    if !problems.is_empty() {
        return Err(Error::Problems(problems));
    }
    let report = report.finish();
    let enforced = |finding| fail_on.contains(&finding);
    let exit = found(
        (enforced(ScanFinding::Gaps) && report.summary.gaps > 0)
            || (enforced(ScanFinding::Unknown) && report.summary.unmapped > 0),
    );
    let chosen = match (chosen, cx.format) {
        (Some(chosen), _) => chosen,
        (None, OutputFormat::Text) => ScanFormat::Text,
        (None, OutputFormat::Json) => ScanFormat::Json,
        (None, OutputFormat::Yaml) => ScanFormat::Yaml,
        // A scan is a report with sections, and its Markdown form is that report.
        (None, OutputFormat::Markdown) => ScanFormat::Markdown,
        (None, OutputFormat::Csv) => return Err(no_table("scan", OutputFormat::Csv)),
    };
    let stdout = match chosen {
        ScanFormat::Text => text::scan(&report, cx.style),
        // About 150 bytes of JSON per resource, and a few kilobytes per service.
        ScanFormat::Json => structured::json_sized(
            &report,
            report.summary.resources * 150 + report.services.len() * 8192,
        )?,
        ScanFormat::Yaml => structured::yaml(&report)?,
        ScanFormat::Markdown => render::markdown::scan(&report),
        ScanFormat::Sarif => render::sarif::scan(&report, fail_on)?,
        ScanFormat::Github => render::github::scan(&report, fail_on),
        ScanFormat::Junit => render::junit::scan(&report, fail_on)?,
        ScanFormat::Tap => render::tap::scan(&report, fail_on),
    };
    let stdout = match chosen {
        ScanFormat::Github => stdout,
        _ => render::safe::no_workflow_commands(&stdout).into_owned(),
    };
    Ok(Output { stdout, exit })
}

fn pentest(cx: &Context, service: Option<&str>) -> Result<Output, Error> {
    match service {
        None => {
            let view = cx.catalog.pentest_policy();
            cx.emit(
                &view,
                || text::pentest_policy(&view, cx.style),
                || records::pentest_policy(&view),
            )
        }
        Some(service) => {
            let answer = cx.catalog.pentest(cx.catalog.resolve_service(service)?);
            cx.emit(
                &answer,
                || text::pentest(&answer, cx.style),
                || records::pentest(&answer),
            )
        }
    }
}

/// `status` takes no service or Region: AWS documents no address of either dashboard
/// for one of them, and an answer that ignored them would look like it had not.
fn status(cx: &Context, service: Option<&str>, region: Option<&str>) -> Result<Output, Error> {
    if service.is_some() || region.is_some() {
        let health = &cx.catalog.policies.health;
        return Err(Error::StatusScope {
            public_dashboard: health.public_dashboard.to_string(),
        });
    }
    let answer = cx.catalog.status();
    cx.emit(
        &answer,
        || text::status(&answer, cx.style),
        || records::status(&answer),
    )
}

fn diagram(
    cx: &Context,
    services: &[String],
    picture: Option<DiagramFormat>,
    out: Option<&std::path::Path>,
) -> Result<Output, Error> {
    let targets = resolve_all(cx.catalog, services)?;
    let diagram = cx.catalog.diagram(&targets);
    let drawn = match (cx.format, picture) {
        (OutputFormat::Json | OutputFormat::Yaml, Some(_)) => {
            return Err(Error::DiagramFormats {
                output: cx.format.name(),
            })
        }
        (OutputFormat::Json, None) => structured::json(&diagram)?,
        (OutputFormat::Yaml, None) => structured::yaml(&diagram)?,
        (format @ (OutputFormat::Csv | OutputFormat::Markdown), _) => {
            return Err(no_table("diagram", format))
        }
        // A picture: text for a person at a terminal, SVG for a file or a pipe.
        (OutputFormat::Text, Some(DiagramFormat::Svg)) => render::svg::diagram(&diagram),
        (OutputFormat::Text, Some(DiagramFormat::Text)) => text::diagram(&diagram, cx.style),
        (OutputFormat::Text, None) if cx.style.terminal && out.is_none() => {
            text::diagram(&diagram, cx.style)
        }
        (OutputFormat::Text, None) => render::svg::diagram(&diagram),
    };
    answer_or_write(drawn, out)
}

/// Writes `text` to `out`, or answers with it when there is no file.
fn answer_or_write(text: String, out: Option<&std::path::Path>) -> Result<Output, Error> {
    match out {
        Some(path) => {
            write_file(path, &text)?;
            Ok(Output::answered(String::new()))
        }
        None => Ok(Output::answered(text)),
    }
}

fn export(cx: &Context, what: &ExportKind) -> Result<Output, Error> {
    if !matches!(cx.format, OutputFormat::Text | OutputFormat::Json) {
        return Err(no_table("export", cx.format));
    }
    match what {
        ExportKind::Catalog { out } => {
            let export = cx.catalog.export();
            // The whole catalog is about 3 MB of JSON.
            answer_or_write(structured::json_sized(&export, 4 << 20)?, out.as_deref())
        }
        ExportKind::Oscal {
            services,
            model,
            profile,
            out,
        } => {
            let targets = resolve_all(cx.catalog, services)?;
            let export = cx.catalog.control_export(&targets);
            let text = match (model, profile) {
                (OscalModel::ComponentDefinition, Some(_)) => return Err(Error::ProfileWithoutSsp),
                (OscalModel::ComponentDefinition, None) => {
                    render::oscal::component_definition(&export)?
                }
                (OscalModel::Ssp, profile) => render::oscal::system_security_plan(
                    &export,
                    profile.as_deref().unwrap_or(&export.profile),
                )?,
            };
            answer_or_write(text, out.as_deref())
        }
    }
}

fn diff(
    cx: &Context,
    (old, new): (&std::path::Path, Option<&std::path::Path>),
    chosen: Option<DiffFormat>,
    fail_on: &[FailOn],
    only: &[String],
) -> Result<Output, Error> {
    if old.as_os_str() == "-" && new.is_some_and(|n| n.as_os_str() == "-") {
        return Err(Error::StdinTwice);
    }
    let (old_side, old_export) = catalog_side(old)?;
    let (new_side, new_export) = match new {
        Some(path) => catalog_side(path)?,
        None => (
            DiffSide {
                source: "embedded".into(),
                catalog_version: cx.catalog.catalog_version(),
            },
            cx.catalog.export(),
        ),
    };
    let scopes = query::resolve_scopes(only, &old_export, &new_export)?;
    let report = query::diff((old_side, &old_export), (new_side, &new_export), &scopes);
    let failed = fail_on.iter().any(|f| match f {
        FailOn::OwnerChange => !report.owner_changes.is_empty(),
        FailOn::Removed => report.removes(),
        FailOn::Any => !report.is_empty(),
    });
    let chosen = match (chosen, cx.format) {
        (Some(chosen), _) => chosen,
        (None, OutputFormat::Text) => DiffFormat::Text,
        (None, OutputFormat::Json) => DiffFormat::Json,
        (None, OutputFormat::Yaml) => DiffFormat::Yaml,
        // A diff is a report with sections, and its Markdown form is that report.
        (None, OutputFormat::Markdown) => DiffFormat::Markdown,
        (None, OutputFormat::Csv) => return Err(no_table("diff", OutputFormat::Csv)),
    };
    let stdout = match chosen {
        DiffFormat::Text => text::diff(&report),
        DiffFormat::Json => structured::json(&report)?,
        DiffFormat::Yaml => structured::yaml(&report)?,
        DiffFormat::Markdown => render::markdown::diff(&report),
    };
    Ok(Output {
        // Texts come from the files compared; none may start a CI workflow command.
        stdout: render::safe::no_workflow_commands(&stdout).into_owned(),
        exit: found(failed),
    })
}

/// One side of a diff, told apart by content: a folder laid out like data/, a catalog
/// export (JSON with a `catalog_version`), or else an overlay on the embedded catalog.
fn catalog_side(path: &std::path::Path) -> Result<(DiffSide, CatalogExport), Error> {
    let (catalog, source) = if path.join("layers.yaml").is_file() {
        let catalog = catalog::load_dir(path).map_err(Error::Problems)?;
        (catalog, path.display().to_string())
    } else {
        let (name, text) = read_input(path)?;
        if query::looks_like_export(&text) {
            let export = query::parse_export(&name, &text).map_err(|p| Error::Problems(vec![p]))?;
            let side = DiffSide {
                source: name,
                catalog_version: export.catalog_version.clone(),
            };
            return Ok((side, export));
        }
        let overlay_like = text.lines().any(|l| {
            let l = l.trim_start_matches(['{', ' ', '\t']);
            ["add", "override", "\"add\"", "\"override\""]
                .iter()
                .any(|key| {
                    l.strip_prefix(key)
                        .is_some_and(|rest| rest.trim_start().starts_with(':'))
                })
        });
        if !overlay_like {
            // Neither an export nor an overlay: say what diff reads rather than quote an
            // overlay parser's complaint about a file that was never meant as one.
            return Err(Error::Problems(vec![Problem {
                file: name,
                line: 0,
                column: 0,
                message: "not a catalog export ('cloudsrm export catalog'), an overlay \
                          (add: / override:) or a folder laid out like data/"
                    .into(),
            }]));
        }
        let catalog =
            catalog::apply_overlay(catalog::embedded(), &name, &text).map_err(Error::Problems)?;
        (catalog, name)
    };
    let side = DiffSide {
        source,
        catalog_version: catalog.catalog_version(),
    };
    Ok((side, catalog.export()))
}

/// A completion script whose argument lists offer the embedded catalog's names.
fn completions(shell: clap_complete::Shell) -> String {
    let catalog = catalog::embedded();
    let mut services: Vec<String> = catalog.services.iter().map(|s| s.id.to_string()).collect();
    services.extend(
        catalog
            .all_targets()
            .into_iter()
            .filter(|t| t.variant.is_some())
            .map(|t| catalog.target_label(t)),
    );
    services.sort();
    let mut categories: Vec<String> = catalog
        .services
        .iter()
        .map(|s| s.category.to_string())
        .collect();
    categories.sort();
    categories.dedup();
    let names = crate::cli::CompletionValues {
        services,
        layers: catalog.layers.iter().map(|l| l.id.to_string()).collect(),
        categories,
    };
    let mut command = crate::cli::with_completion_values(Cli::command(), &names);
    let mut buffer = Vec::new();
    clap_complete::generate(shell, &mut command, "cloudsrm", &mut buffer);
    let mut script = String::from_utf8_lossy(&buffer).into_owned();
    if shell == clap_complete::Shell::Fish {
        // clap_complete's fish script completes option values only; these lines offer the
        // names that commands take as arguments (fish cannot tell SERVICE from LAYER, so
        // both lists are offered where a command takes both).
        let services = names.services.join(" ");
        let layers = names.layers.join(" ");
        for (sub, values) in [
            ("who-owns", format!("{services} {layers}")),
            ("assert", format!("{services} {layers} aws customer shared")),
            ("show", services.clone()),
            ("pentest", services.clone()),
            ("gaps", services.clone()),
            ("compare", services.clone()),
            ("diagram", services.clone()),
        ] {
            script.push_str(&format!(
                "complete -c cloudsrm -n \"__fish_cloudsrm_using_subcommand {sub}\" -f -a \"{values}\"\n"
            ));
        }
    }
    script
}

/// `man`: the main page, one command's page, or every page written into `dir`.
fn man(command: Option<&str>, dir: Option<&std::path::Path>) -> Result<Output, Error> {
    // `help` is no page of its own: `man cloudsrm-COMMAND` is the help. Building gives
    // each subcommand its page name (cloudsrm-check) and the global options.
    let mut root = Cli::command().disable_help_subcommand(true);
    root.build();
    let render = |page: clap::Command| -> Result<(String, String), Error> {
        let man = clap_mangen::Man::new(page)
            .source(format!("cloudsrm {}", env!("CARGO_PKG_VERSION")))
            .manual("cloudsrm manual");
        let mut buffer = Vec::new();
        man.render(&mut buffer)
            .map_err(|e| Error::Output(e.to_string()))?;
        Ok((
            man.get_filename(),
            String::from_utf8_lossy(&buffer).into_owned(),
        ))
    };
    let pages: Vec<clap::Command> = root
        .get_subcommands()
        .filter(|c| !c.is_hide_set())
        .cloned()
        .collect();
    if let Some(dir) = dir {
        std::fs::create_dir_all(dir).map_err(|e| Error::Write {
            path: dir.display().to_string(),
            reason: e.to_string(),
        })?;
        let mut written = String::new();
        for page in std::iter::once(root.clone()).chain(pages) {
            let (name, text) = render(page)?;
            let path = dir.join(name);
            write_file(&path, &text)?;
            written.push_str(&format!("{}\n", path.display()));
        }
        return Ok(Output::answered(written));
    }
    let page = match command {
        None => root,
        Some(name) => pages
            .into_iter()
            .find(|c| c.get_name() == name.to_lowercase())
            .ok_or_else(|| Error::UnknownCommand {
                name: name.to_string(),
                known: root
                    .get_subcommands()
                    .filter(|c| !c.is_hide_set())
                    .map(|c| c.get_name().to_string())
                    .collect(),
            })?,
    };
    Ok(Output::answered(render(page)?.1))
}

fn assert(cx: &Context, service: &str, layer: &str, owner: Owner) -> Result<Output, Error> {
    let catalog = cx.catalog;
    let target = catalog.resolve_service(service)?;
    let layer = catalog.resolve_layer(layer)?;
    let mut result = catalog.check(&check::Assumption {
        file: String::new(),
        line: 0,
        column: 0,
        target,
        layer,
        owner,
        why: None,
    });
    // Nothing was read from a file: say so rather than print an empty location.
    result.file = None;
    result.line = None;
    result.column = None;
    let exit = found(!result.passed);
    let stdout = emit_untabled("assert", &result, cx.format, || {
        text::check_result(&result, cx.style)
    })?;
    Ok(Output { stdout, exit })
}

/// Reads and parses every file, reporting all problems of all files before checking any.
/// Reads and checks every file. Input that cannot be read or parsed ends in a report
/// that carries each problem instead of results, so that machine formats still write a
/// document that CI can show.
fn check_files(catalog: &Catalog, files: &[std::path::PathBuf]) -> Result<CheckReport, Error> {
    if files.iter().filter(|p| p.as_os_str() == "-").count() > 1 {
        return Err(Error::StdinTwice);
    }
    let mut names = Vec::new();
    let mut assumptions = Vec::new();
    let mut problems = Vec::new();
    for path in files {
        let (name, text) = match read_input(path) {
            Ok(read) => read,
            Err(err) => {
                let name = path.display().to_string();
                let name = if name == "-" { "<stdin>".into() } else { name };
                problems.push(Problem {
                    file: name.clone(),
                    line: 0,
                    column: 0,
                    message: match err {
                        Error::Read { reason, .. } => format!("cannot read: {reason}"),
                        other => other.to_string(),
                    },
                });
                names.push(name);
                continue;
            }
        };
        match check::parse(&name, &text, catalog) {
            Ok(found) => assumptions.extend(found),
            Err(found) => problems.extend(found),
        }
        names.push(name);
    }
    if !problems.is_empty() {
        let rows = problems.iter().map(ProblemRow::from).collect();
        return Ok(CheckReport::unreadable(names, rows));
    }
    // Each assumption is dropped once checked, so the two lists never both stay whole.
    let results = assumptions.into_iter().map(|a| catalog.check(&a)).collect();
    Ok(CheckReport::new(names, results))
}

fn emit<T: Serialize>(
    value: &T,
    format: OutputFormat,
    text: impl FnOnce() -> String,
    table: impl FnOnce() -> Records,
) -> Result<String, Error> {
    match format {
        OutputFormat::Csv => records::csv(&table()),
        OutputFormat::Markdown => Ok(records::markdown(&table())),
        // The table formats are answered above, so no command name is needed.
        _ => emit_untabled("", value, format, text),
    }
}

fn emit_untabled<T: Serialize>(
    command: &'static str,
    value: &T,
    format: OutputFormat,
    text: impl FnOnce() -> String,
) -> Result<String, Error> {
    match format {
        OutputFormat::Text => Ok(text()),
        OutputFormat::Json => structured::json(value),
        OutputFormat::Yaml => structured::yaml(value),
        OutputFormat::Csv | OutputFormat::Markdown => Err(no_table(command, format)),
    }
}

fn no_table(command: &'static str, format: OutputFormat) -> Error {
    Error::NoTable {
        command,
        format: format.name(),
        works: match command {
            "scan" | "diff" => "text, json, yaml or markdown",
            "export" => "json (the exports are JSON documents)",
            _ => "text, json or yaml",
        },
    }
}
