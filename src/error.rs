//! The errors a command can end with. Each becomes one message and one exit code in
//! `main`, and nowhere else.

use crate::exit_code::ExitCode;
use crate::problem::Problem;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("unknown service '{name}'{}", hint(suggestions, "cloudsrm services"))]
    UnknownService {
        name: String,
        suggestions: Vec<String>,
    },
    #[error(
        "service '{service}' has no variant '{name}'{}",
        hint_variants(suggestions, known)
    )]
    UnknownVariant {
        service: String,
        name: String,
        suggestions: Vec<String>,
        known: Vec<String>,
    },
    /// A name that something retired went by: say what happened instead of answering
    /// silently for its successor.
    #[error("'{name}' ({service}) is retired: {note}{}", successor_hint(successor))]
    Retired {
        name: String,
        service: String,
        note: String,
        successor: Option<String>,
    },
    #[error(
        "'{name}' is a variant of several services: say {}",
        or_list(candidates)
    )]
    VariantOfSeveral {
        name: String,
        candidates: Vec<String>,
    },
    #[error("service '{service}' has no variants, so '{name}' cannot be one")]
    NoVariants { service: String, name: String },
    #[error("unknown layer '{name}'{}", hint(suggestions, "cloudsrm layers"))]
    UnknownLayer {
        name: String,
        suggestions: Vec<String>,
    },
    #[error("layer name '{name}' is ambiguous: say {}", or_list(candidates))]
    AmbiguousLayer {
        name: String,
        candidates: Vec<String>,
    },
    #[error("unknown category '{name}'{}", hint_category(suggestions, known))]
    UnknownCategory {
        name: String,
        suggestions: Vec<String>,
        known: Vec<String>,
    },
    #[error("no duty is carried by team '{name}'{}", team_hint(suggestions))]
    UnknownTeam {
        name: String,
        suggestions: Vec<String>,
    },
    #[error("'{filter}' is not LAYER=OWNER (for example guest-os=customer)")]
    BadFilter { filter: String },
    #[error("unknown owner '{name}' in '{filter}': expected aws, customer or shared")]
    UnknownOwner { name: String, filter: String },
    /// Problems in input files (catalog or assumptions), one per line.
    #[error("{}", problems_line(.0))]
    Problems(Vec<Problem>),
    #[error("cannot read {path}: {reason}")]
    Read { path: String, reason: String },
    /// `status` was given a service or Region, which AWS's dashboards cannot be opened on.
    #[error(
        "status takes no service or Region: AWS documents no status address for one service or \
         Region; {public_dashboard} shows every service in every Region (run 'cloudsrm status')"
    )]
    StatusScope { public_dashboard: String },
    /// CSV or Markdown asked of an answer that is no table.
    #[error(
        "{command} answers with no table, so it has no {format} form; use -o {works} \
         (csv and markdown serve matrix, compare, services, show, who-owns, search, layers, gaps, pentest and status)"
    )]
    NoTable {
        command: &'static str,
        format: &'static str,
        /// The output formats the command has.
        works: &'static str,
    },
    #[error(
        "diagram --format draws a picture and -o {output} gives the stack as data; use one of them"
    )]
    DiagramFormats { output: &'static str },
    #[error("no manual page for '{name}': the commands are {}", known.join(", "))]
    UnknownCommand { name: String, known: Vec<String> },
    #[error("cannot write {path}: {reason}")]
    Write { path: String, reason: String },
    /// An environment variable the tool reads holds something it cannot use.
    #[error("{name} is '{value}', but {reason}")]
    Environment {
        name: &'static str,
        value: String,
        reason: String,
    },
    #[error("standard input ('-') can be read only once; name it once")]
    StdinTwice,
    #[error("--profile names what a system security plan imports; add --model ssp")]
    ProfileWithoutSsp,
    #[error("cannot write the output: {0}")]
    Output(String),
}

impl Error {
    /// Every error is exit code 2: the command could not answer. (1 is for a check that
    /// ran and found a problem, which is not an error.)
    pub fn exit_code(&self) -> ExitCode {
        ExitCode::Usage
    }
}

fn quoted(names: &[String]) -> Vec<String> {
    names.iter().map(|n| format!("'{n}'")).collect()
}

fn or_list(names: &[String]) -> String {
    let q = quoted(names);
    match q.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
    }
}

fn hint(suggestions: &[String], list_command: &str) -> String {
    if suggestions.is_empty() {
        format!(" (run '{list_command}' to list them)")
    } else {
        format!("; did you mean {}?", or_list(suggestions))
    }
}

fn hint_variants(suggestions: &[String], known: &[String]) -> String {
    if suggestions.is_empty() {
        format!("; its variants are {}", quoted(known).join(", "))
    } else {
        format!("; did you mean {}?", or_list(suggestions))
    }
}

fn hint_category(suggestions: &[String], known: &[String]) -> String {
    if suggestions.is_empty() {
        format!("; the categories are {}", known.join(", "))
    } else {
        format!("; did you mean {}?", or_list(suggestions))
    }
}

fn successor_hint(successor: &Option<String>) -> String {
    match successor {
        Some(s) => format!(" (ask about '{s}' instead)"),
        None => String::new(),
    }
}

fn team_hint(suggestions: &[String]) -> String {
    if suggestions.is_empty() {
        " (teams are named in catalog overlays; see 'cloudsrm gaps --help')".to_string()
    } else {
        format!("; did you mean {}?", or_list(suggestions))
    }
}

fn problems_line(problems: &[Problem]) -> String {
    problems
        .iter()
        .map(|p| p.to_string())
        .collect::<Vec<_>>()
        .join("\n")
}
