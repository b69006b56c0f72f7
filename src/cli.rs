//! The command line: clap definitions only.

use clap::{Args, Parser, Subcommand, ValueEnum, ValueHint};

#[derive(Debug, Parser)]
#[command(
    name = "cloudsrm",
    version,
    about = "Who owns what under the AWS Shared Responsibility Model, with the AWS documentation that says so",
    long_about = "Who owns what under the AWS Shared Responsibility Model, with the AWS documentation that says so.\n\n\
Every AWS service splits security and operations between AWS and the customer at a different \
line. cloudsrm answers, for a service and a responsibility layer, whether AWS, the customer, or \
both (shared) carry it, what each side does, and which AWS pages say so.",
    after_help = "Examples:\n  \
cloudsrm who-owns ec2 os-patching          Who patches the OS of an EC2 instance?\n  \
cloudsrm who-owns ecs:fargate guest-os     A variant is written SERVICE:VARIANT\n  \
cloudsrm show rds                          Every layer of one service\n  \
cloudsrm services --where guest-os=customer   Which services make me run an OS?\n  \
cloudsrm compare ec2 lambda s3             Layers side by side\n  \
cloudsrm who-owns lambda runtime -o json   Machine-readable answer\n\n\
Exit codes: 0 answered, 1 a check found a problem, 2 usage error or unknown name."
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Output format (any case). csv and markdown are for tabular answers
    #[arg(
        short,
        long,
        value_enum,
        default_value_t = OutputFormat::Text,
        global = true,
        ignore_case = true,
        value_name = "FORMAT"
    )]
    pub output: OutputFormat,

    /// Catalog overlay to load on top of the embedded catalog (repeatable; later files win).
    /// CLOUDSRM_CATALOG may list more, separated like PATH; they load first.
    #[arg(long = "catalog", value_name = "FILE", global = true, value_hint = ValueHint::FilePath)]
    pub catalogs: Vec<std::path::PathBuf>,

    /// When to colour owners in text output (NO_COLOR and CLICOLOR_FORCE are honoured under auto).
    #[arg(long, value_enum, ignore_case = true, default_value_t = ColorChoice::Auto, global = true, value_name = "WHEN")]
    pub color: ColorChoice,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// Tables for people
    Text,
    /// JSON, the documented contract for scripts
    Json,
    /// YAML, the same shape as JSON
    Yaml,
    /// CSV with a header row, for spreadsheets (tabular answers only)
    Csv,
    /// A Markdown table, for documents (tabular answers only)
    Markdown,
}

impl OutputFormat {
    /// The value as typed on the command line.
    pub fn name(self) -> &'static str {
        match self {
            OutputFormat::Text => "text",
            OutputFormat::Json => "json",
            OutputFormat::Yaml => "yaml",
            OutputFormat::Csv => "csv",
            OutputFormat::Markdown => "markdown",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// One line per assumption and a closing `N passed, M failed`
    Text,
    /// Results and a summary
    Json,
    /// The same shape as JSON
    Yaml,
    /// JUnit XML: a testsuite per file, a testcase per assumption
    Junit,
    /// GitHub Actions workflow commands that annotate the failing lines
    Github,
    /// TAP version 14
    Tap,
    /// SARIF 2.1.0 for code-scanning dashboards
    Sarif,
}

/// An owner as `assert` takes it; the values are the catalog's owners.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OwnerArg {
    /// AWS does it and the customer has nothing to do
    Aws,
    /// Nothing happens unless the customer does it
    Customer,
    /// Both sides have a concrete duty
    Shared,
}

impl From<OwnerArg> for crate::catalog::Owner {
    fn from(owner: OwnerArg) -> Self {
        match owner {
            OwnerArg::Aws => Self::Aws,
            OwnerArg::Customer => Self::Customer,
            OwnerArg::Shared => Self::Shared,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ScanFormat {
    /// Each service in use with its duties, then a summary line
    Text,
    /// The documented contract for scripts
    Json,
    /// The same shape as JSON
    Yaml,
    /// GitHub-flavoured Markdown for a job summary or a pull-request comment
    Markdown,
    /// SARIF 2.1.0: one result per duty without a team and per unknown type
    Sarif,
    /// GitHub Actions workflow commands: an annotation per service with duties lacking a team, and per unknown type
    Github,
    /// JUnit XML: a testsuite per service in use, a testcase per duty
    Junit,
    /// TAP version 13: a test point per duty and per unknown type
    Tap,
}

/// Findings that make `scan` exit 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ScanFinding {
    /// A customer-side, shared or varying duty of a service in use that no team carries
    Gaps,
    /// A resource of a type that maps to no service
    Unknown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiagramFormat {
    /// A self-contained SVG picture
    Svg,
    /// Blocks in the terminal
    Text,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SchemaKind {
    /// Files read by `cloudsrm check`
    Assumptions,
    /// Catalog overlay files, read by --catalog and `validate`
    Catalog,
}

/// The OSCAL model `export oscal` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OscalModel {
    /// A component definition: one service component per service or variant, its duties as
    /// implemented requirements
    ComponentDefinition,
    /// A system security plan's responsibility chain: what AWS provides, what the customer
    /// must do, and which team satisfies it
    Ssp,
}

/// What `export` writes.
#[derive(Debug, Subcommand)]
pub enum ExportKind {
    /// OSCAL 1.1.2 JSON against NIST SP 800-53 rev5, for compliance tools
    #[command(after_help = "Examples:\n  \
cloudsrm export oscal rds lambda --out srm.component-definition.json\n  \
cloudsrm export oscal                        Every service and variant in the catalog\n  \
cloudsrm export oscal rds s3 --model ssp --catalog teams.yaml   Teams satisfy the customer's part\n  \
cloudsrm export oscal ecs --model ssp --profile profile.json\n\n\
The layer-to-control mapping is data/controls.yaml. The same catalog always gives the same\n\
document: identifiers are UUID v5 names and last-modified is the newest review date.")]
    Oscal {
        /// Services or SERVICE:VARIANT names; every service and variant when none is given
        services: Vec<String>,
        /// Which OSCAL model to write
        #[arg(long, value_enum, ignore_case = true, default_value_t = OscalModel::ComponentDefinition)]
        model: OscalModel,
        /// The profile (or catalog) the system security plan imports [default: NIST SP
        /// 800-53 rev5 moderate baseline]
        #[arg(long, value_name = "HREF")]
        profile: Option<String>,
        /// Write to this file instead of standard output
        #[arg(long, value_name = "FILE")]
        out: Option<std::path::PathBuf>,
    },
    /// The whole catalog as JSON: what `cloudsrm diff` compares
    #[command(after_help = "Examples:\n  \
cloudsrm export catalog --out catalog-before.json\n  \
cloudsrm export catalog --catalog teams.yaml     With an overlay applied\n  \
cloudsrm export catalog | jq '.services[] | select(.layers.backup.owner == \"shared\") | .id'")]
    Catalog {
        /// Write to this file instead of standard output
        #[arg(long, value_name = "FILE")]
        out: Option<std::path::PathBuf>,
    },
}

/// The report formats of `diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// One line per change
    Text,
    /// JSON, the documented contract
    Json,
    /// YAML, the same shape as JSON
    Yaml,
    /// Markdown, for a changelog or a pull request
    Markdown,
}

/// Changes that make `diff` exit 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    /// A layer's owner moved
    OwnerChange,
    /// A service or variant was removed
    Removed,
    /// Any difference
    Any,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Who owns one layer of one service, what each side does, and the sources
    #[command(after_help = "Examples:\n  \
cloudsrm who-owns ec2 os-patching\n  \
cloudsrm who-owns rds patching           Layer aliases work too\n  \
cloudsrm who-owns ecs guest-os           Variants that disagree are listed one by one\n  \
cloudsrm who-owns eks:fargate os-patching -o json")]
    WhoOwns {
        /// Service id or alias, or SERVICE:VARIANT (e.g. ec2, lambda, ecs:fargate)
        service: String,
        /// Layer id, alias or topic word (e.g. os-patching, iam, mfa, encryption); see
        /// `cloudsrm layers`. Leave it out for a summary of the customer's duties
        layer: Option<String>,
    },

    /// Find (service, layer) entries by words, best first
    #[command(after_help = "Examples:\n  \
cloudsrm search mfa                      Who owns MFA, service by service\n  \
cloudsrm search rds backup retention\n  \
cloudsrm search key rotation -o json\n\n\
Every word must match: a word naming the service or the layer (an id, alias or topic word\n\
such as mfa or patching) counts most, a word found only in what each side does counts less.")]
    Search {
        /// Words to look for
        #[arg(required = true, num_args = 1..)]
        words: Vec<String>,
        /// The most entries to show (at least 1)
        #[arg(long, default_value_t = 20, value_parser = clap::value_parser!(u32).range(1..))]
        limit: u32,
    },

    /// Every layer of one service or variant
    #[command(
        after_help = "Examples:\n  cloudsrm show s3\n  cloudsrm show ecs:fargate\n  cloudsrm show lambda -o json"
    )]
    Show {
        /// Service id or alias, or SERVICE:VARIANT
        service: String,
    },

    /// List services, optionally filtered by management, category or owners
    #[command(after_help = "Examples:\n  \
cloudsrm services --managed\n  \
cloudsrm services --category database\n  \
cloudsrm services --where guest-os=customer            Which services make me run an OS?\n  \
cloudsrm services --where os-patching=aws --where backup=shared\n\n\
Where a service's variants differ on the filter, the matching variants are listed as SERVICE:VARIANT.")]
    Services {
        /// Only managed services
        #[arg(long, conflicts_with = "unmanaged")]
        managed: bool,
        /// Only unmanaged services
        #[arg(long)]
        unmanaged: bool,
        /// Only services in this category (compute, storage, database, ...)
        #[arg(long, value_name = "CATEGORY")]
        category: Option<String>,
        /// Only services where LAYER has OWNER (aws, customer or shared); repeat to require several
        #[arg(long = "where", value_name = "LAYER=OWNER")]
        filters: Vec<String>,
        /// Only services where this team (named by an overlay) carries some duty
        #[arg(long, value_name = "TEAM")]
        team: Option<String>,
    },

    /// List the customer-side and shared duties that no team carries (exit 1 if any)
    #[command(
        after_help = "Teams are named in catalog overlays (see --catalog):\n\n  \
override:\n    \
- service: rds\n      \
team: platform-db            # the default for rds\n      \
layers:\n        \
backup: { team: dba }      # this layer only\n\n\
Examples:\n  \
cloudsrm gaps rds lambda s3 --catalog teams.yaml\n  \
cloudsrm gaps ecs -o json\n\n\
Exit codes: 0 every such duty has a team, 1 some do not, 2 unknown name or bad overlay."
    )]
    Gaps {
        /// Services or SERVICE:VARIANT names
        #[arg(required = true, num_args = 1..)]
        services: Vec<String>,
    },

    /// Check catalog overlay files, or the embedded catalog when none is given
    #[command(after_help = "Examples:\n  \
cloudsrm validate teams.yaml our-services.yaml\n  \
cloudsrm validate                        The embedded catalog\n  \
cloudsrm validate my-catalog/            A folder laid out like data/ (layers.yaml, services/)\n\n\
Files are checked in order, each on top of the ones before, as --catalog would load them.\n\
A folder is checked as a catalog of its own.\n\
Exit codes: 0 valid, 1 problems found (each listed with file:line:column), 2 a file cannot be read.")]
    Validate {
        /// Overlay files, or catalog folders laid out like data/
        #[arg(value_hint = ValueHint::AnyPath)]
        files: Vec<std::path::PathBuf>,
    },

    /// The responsibility layers, bottom of the stack to the top
    #[command(
        after_help = "Examples:\n  cloudsrm layers\n  cloudsrm layers -o json\n  cloudsrm layers -o markdown"
    )]
    Layers,

    /// Layers as rows, services as columns (a row per service when that is too wide)
    #[command(after_help = "Examples:\n  \
cloudsrm compare ec2 lambda\n  \
cloudsrm compare ecs                     A service with variants gives one column per variant\n  \
cloudsrm compare rds aurora dynamodb -o json\n  \
cloudsrm compare ec2 rds -o csv > owners.csv\n\n\
When the columns do not fit the width, the answer takes the compact form of matrix:\n\
a row per service and a letter per layer.")]
    Compare {
        /// Services or SERVICE:VARIANT names
        #[arg(required = true, num_args = 1..)]
        services: Vec<String>,
    },

    /// Exit 1 unless the catalog agrees that OWNER owns LAYER of SERVICE
    #[command(after_help = "Examples:\n  \
cloudsrm assert rds os-patching aws           exit 0: AWS patches the RDS host OS\n  \
cloudsrm assert ec2 os-patching aws           exit 1, saying the catalog has customer\n  \
cloudsrm assert ecs:fargate guest-os aws\n\n\
A service whose variants disagree fails and names each variant's owner.\n\
Exit codes: 0 the catalog agrees, 1 it does not, 2 unknown name or usage error.")]
    Assert {
        /// Service id or alias, or SERVICE:VARIANT
        service: String,
        /// Layer id or alias
        layer: String,
        /// Who you believe owns it
        #[arg(value_enum, ignore_case = true)]
        owner: OwnerArg,
    },

    /// Check every assumption in one or more assumptions files (`-` reads standard input)
    #[command(after_help = "An assumptions file:\n\n  \
assumptions:\n    \
- service: rds\n      \
layer: os-patching\n      \
owner: aws\n      \
why: We rely on RDS maintenance windows for OS patching.   # optional\n\n\
Examples:\n  \
cloudsrm check assumptions.yaml\n  \
cloudsrm check team-a.yaml team-b.yaml --format junit > cloudsrm-junit.xml\n  \
cloudsrm check assumptions.yaml --format github     Annotate a pull request\n  \
cat assumptions.yaml | cloudsrm check -\n\n\
Exit codes: 0 every assumption holds, 1 one or more fail, 2 a file cannot be read or is invalid\n\
(every problem is listed with file:line:column).")]
    Check {
        /// Assumptions files; `-` for standard input
        #[arg(required = true, num_args = 1.., value_name = "FILE", value_hint = ValueHint::FilePath)]
        files: Vec<std::path::PathBuf>,
        /// Report format; defaults to the --output format (text, json or yaml)
        #[arg(long, value_enum, ignore_case = true)]
        format: Option<CheckFormat>,
    },

    /// Which services your infrastructure code uses, the duties they leave you, and who carries each
    #[command(after_help = "Reads, telling each from its content:\n  \
terraform show -json output      a saved plan (resource_changes) or state (values)\n  \
CloudFormation and SAM templates JSON or YAML, short-form tags (!Ref, !GetAtt, !Sub...) included\n  \
CDK cloud assemblies             a cdk.out folder (its manifest.json names the stacks)\n\n\
Examples:\n  \
terraform show -json tfplan > plan.json && cloudsrm scan plan.json\n  \
cloudsrm scan template.yaml cdk.out --catalog teams.yaml   Teams from an overlay\n  \
cloudsrm scan plan.json --format markdown >> \"$GITHUB_STEP_SUMMARY\"\n  \
cloudsrm scan plan.json --fail-on gaps,unknown             Fail CI on a duty without a team\n  \
terraform show -json | cloudsrm scan - -o json\n\n\
Exit codes: 0 scanned (and nothing --fail-on names was found), 1 a finding --fail-on names,\n\
2 an input cannot be read or is not infrastructure code (file:line:column where known).")]
    Scan {
        /// Terraform JSON, CloudFormation or SAM templates, CDK cloud assembly folders; `-` for standard input
        #[arg(required = true, num_args = 1.., value_name = "PATH")]
        paths: Vec<std::path::PathBuf>,
        /// Report format; defaults to the --output format
        #[arg(long, value_enum, ignore_case = true)]
        format: Option<ScanFormat>,
        /// Exit 1 on these findings (repeatable, or separated by commas)
        #[arg(
            long = "fail-on",
            value_enum,
            ignore_case = true,
            value_delimiter = ',',
            value_name = "FINDING"
        )]
        fail_on: Vec<ScanFinding>,
    },

    /// May you penetration-test a service without asking AWS first? (AWS's testing policy)
    #[command(after_help = "Examples:\n  \
cloudsrm pentest                 The services you may test, and what is never allowed\n  \
cloudsrm pentest rds             One service\n  \
cloudsrm pentest -o json\n\n\
The answer comes from the catalog's copy of the policy, with the date it was checked;\n\
read the policy page before you test.")]
    Pentest {
        /// Service id or alias
        service: Option<String>,
    },

    /// AWS's Acceptable Use Policy: what is not allowed, what AWS may do, what you must do
    #[command(after_help = "Examples:\n  \
cloudsrm aup\n  \
cloudsrm aup -o json\n\n\
How you and your users use AWS is yours to answer for. The answer is a summary in\n\
cloudsrm's words with the date it was checked; read the policy page before you rely on it.")]
    Aup,

    /// Where AWS publishes the health of its services (prints addresses; fetches nothing)
    #[command(after_help = "Examples:\n  \
cloudsrm status\n  \
cloudsrm status -o json\n\n\
AWS documents no address of either dashboard for one service or one Region, so status\n\
takes neither: the public dashboard covers every service in every Region.")]
    Status {
        /// Refused with an explanation: AWS documents no per-service status address
        #[arg(hide = true)]
        service: Option<String>,
        /// Refused with an explanation: AWS documents no per-Region status address
        #[arg(long, hide = true)]
        region: Option<String>,
    },

    /// Draw the responsibility stack of services side by side (terminal text or SVG)
    #[command(after_help = "Examples:\n  \
cloudsrm diagram rds aurora              Text on a terminal\n  \
cloudsrm diagram ec2 ecs:fargate lambda s3 --out stack.svg\n  \
cloudsrm diagram ec2 lambda > stack.svg  SVG when redirected\n  \
cloudsrm diagram eks                     A service with variants gives one column per variant\n  \
cloudsrm diagram ec2 s3 -o json          The stack as data\n\n\
Without --format: text on a terminal, SVG when standard output is redirected or with --out.\n\
-o json and -o yaml give the stack as data (never SVG).")]
    Diagram {
        /// Services or SERVICE:VARIANT names, one column each
        #[arg(required = true, num_args = 1..)]
        services: Vec<String>,
        /// Picture format [default: text on a terminal, else svg]
        #[arg(long, value_enum, ignore_case = true)]
        format: Option<DiagramFormat>,
        /// Write to this file instead of standard output (SVG unless --format says otherwise)
        #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath)]
        out: Option<std::path::PathBuf>,
    },

    /// Export the catalog as JSON, or services' duties as OSCAL
    #[command(after_help = "Examples:\n  \
cloudsrm export oscal rds lambda > srm.component-definition.json\n  \
cloudsrm export oscal rds --model ssp --catalog teams.yaml\n  \
cloudsrm export catalog --out catalog.json")]
    Export {
        #[command(subcommand)]
        what: ExportKind,
    },

    /// What changed between two catalogs: services, variants, owners, texts, sources, reviews
    #[command(
        after_help = "OLD and NEW may each be a catalog export (`cloudsrm export catalog`), an\n\
overlay file (applied to the embedded catalog) or a folder laid out like data/; NEW defaults\n\
to the catalog in use (the embedded one, with any --catalog overlays).\n\n\
Examples:\n  \
cloudsrm diff catalog-before.json                      Against the catalog of this version\n  \
cloudsrm diff catalog-before.json --only rds lambda --fail-on owner-change\n  \
cloudsrm diff catalog-before.json teams.yaml --format markdown\n\n\
Exit codes: 0 compared (1 with --fail-on when such a change is found), 2 unreadable input or\n\
unknown service."
    )]
    Diff {
        /// The catalog before: an export, an overlay file, or a catalog folder
        old: std::path::PathBuf,
        /// The catalog after, of the same kinds; the catalog in use when omitted
        new: Option<std::path::PathBuf>,
        /// Report format; defaults to the --output format
        #[arg(long, value_enum, ignore_case = true)]
        format: Option<DiffFormat>,
        /// Exit 1 when the diff has such a change (repeatable)
        #[arg(
            long = "fail-on",
            value_enum,
            ignore_case = true,
            value_name = "CHANGE"
        )]
        fail_on: Vec<FailOn>,
        /// Only these services (ids, aliases or SERVICE:VARIANT)
        #[arg(long, num_args = 1.., value_name = "SERVICE")]
        only: Vec<String>,
    },

    /// Print a shell completion script
    #[command(after_help = "Examples:\n  \
cloudsrm completions bash > ~/.local/share/bash-completion/completions/cloudsrm\n  \
cloudsrm completions zsh > ~/.zfunc/_cloudsrm      (with ~/.zfunc in $fpath)\n  \
cloudsrm completions fish > ~/.config/fish/completions/cloudsrm.fish")]
    Completions {
        /// Which shell
        #[arg(value_enum, ignore_case = true)]
        shell: clap_complete::Shell,
    },

    /// Print a manual page (roff), or write every page into a folder
    #[command(after_help = "Examples:\n  \
cloudsrm man > ~/.local/share/man/man1/cloudsrm.1 && man cloudsrm\n  \
cloudsrm man check                       The page cloudsrm-check(1)\n  \
cloudsrm man --dir ~/.local/share/man/man1   cloudsrm.1 and a page per command\n\n\
The main page lists the commands as cloudsrm-COMMAND(1); --dir writes all of them.")]
    Man {
        /// The command whose page to print (cloudsrm-COMMAND(1)); the main page without one
        #[arg(value_name = "COMMAND", conflicts_with = "dir")]
        command: Option<String>,
        /// Write every page (cloudsrm.1 and cloudsrm-COMMAND.1) into this folder
        #[arg(long, value_name = "DIR", value_hint = ValueHint::DirPath)]
        dir: Option<std::path::PathBuf>,
    },

    /// Print a JSON Schema (draft-07) for editors and validators
    #[command(after_help = "Examples:\n  cloudsrm schema assumptions > assumptions.schema.json")]
    Schema {
        /// Which file kind
        #[arg(value_enum, ignore_case = true)]
        kind: SchemaKind,
    },

    /// The whole catalog: every service and variant against every layer
    #[command(
        after_help = "Examples:\n  cloudsrm matrix\n  cloudsrm matrix -o csv > matrix.csv\n  cloudsrm matrix -o json | jq '.[] | select(.owners[\"guest-os\"] == \"customer\")'\n\n\
When the full table does not fit the width, the layers' short names stand in a staircase\n\
above one letter each: A = aws, C = customer, S = shared."
    )]
    Matrix,
}

/// The names that completion scripts offer, taken from the embedded catalog.
#[derive(Debug, Clone, Default)]
pub struct CompletionValues {
    /// Service ids and SERVICE:VARIANT names.
    pub services: Vec<String>,
    /// Layer ids, in stack order.
    pub layers: Vec<String>,
    pub categories: Vec<String>,
}

/// `command` with the catalog's names as the possible values of every argument that
/// takes one, for generating completion scripts only: the command that parses arguments
/// keeps them free text, so that names resolve case-insensitively, by alias, and with
/// "did you mean" for a typo.
pub fn with_completion_values(command: clap::Command, names: &CompletionValues) -> clap::Command {
    use clap::builder::PossibleValuesParser;
    let offer = |values: &[String]| {
        let values = values.to_vec();
        move |arg: clap::Arg| {
            arg.value_parser(PossibleValuesParser::new(values))
                .hide_possible_values(true)
        }
    };
    let owners = ["aws", "customer", "shared"];
    let filters: Vec<String> = names
        .layers
        .iter()
        .flat_map(|layer| owners.map(|owner| format!("{layer}={owner}")))
        .collect();
    let mut command = command;
    for (sub, arg) in [
        ("who-owns", "service"),
        ("show", "service"),
        ("assert", "service"),
        ("pentest", "service"),
        ("gaps", "services"),
        ("compare", "services"),
        ("diagram", "services"),
    ] {
        command = command.mut_subcommand(sub, |c| c.mut_arg(arg, offer(&names.services)));
    }
    for sub in ["who-owns", "assert"] {
        command = command.mut_subcommand(sub, |c| c.mut_arg("layer", offer(&names.layers)));
    }
    command.mut_subcommand("services", |c| {
        c.mut_arg("category", offer(&names.categories))
            .mut_arg("filters", offer(&filters))
    })
}
