//! `-o csv` and `-o markdown`: tabular answers as a header row and rows of fields, for
//! auditors' spreadsheets and documents.
//!
//! The header names are the JSON field names, and every row stands alone (it repeats its
//! service), so a spreadsheet can filter and sort it. Lists (sources, aliases) are one
//! field, their items separated by a space (no item holds one); `null` is an empty field;
//! booleans are `true` and `false`. The shapes are documented in the README ("CSV and
//! Markdown") and are part of the public contract, like the JSON.

use crate::error::Error;
use crate::query::{
    DutySummary, Gap, LayerAnswer, LayerRow, OwnerAnswer, OwnerColumn, PentestAnswer,
    PentestPolicyView, SearchHit, ServiceRow, ServiceView, StatusAnswer, WhoOwns,
};

use super::safe::neutral;

/// A header row and the rows under it, each as long as the header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Records {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

impl Records {
    fn new<S: Into<String>>(header: impl IntoIterator<Item = S>) -> Self {
        Records {
            header: header.into_iter().map(Into::into).collect(),
            rows: Vec::new(),
        }
    }
}

fn opt(value: Option<&str>) -> String {
    value.unwrap_or_default().to_string()
}

fn list<S: AsRef<str>>(items: &[S]) -> String {
    items
        .iter()
        .map(AsRef::as_ref)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The columns of `who-owns` and `show`: one row per layer, or per variant of a layer
/// whose variants disagree (then `variant` names each and `owner` is never `varies`).
const LAYER_HEADER: [&str; 12] = [
    "service", "variant", "layer", "owner", "team", "aws", "customer", "note", "sources", "origin",
    "reviewed", "stale",
];

/// What a row of `who-owns` or `show` repeats about its service.
struct ServiceFields<'a> {
    service: &'a str,
    variant: Option<&'a str>,
    reviewed: &'a str,
    stale: bool,
}

fn push_layer(records: &mut Records, of: &ServiceFields, layer: &LayerAnswer) {
    let tail = |origin: &str| {
        vec![
            origin.to_string(),
            of.reviewed.to_string(),
            of.stale.to_string(),
        ]
    };
    match (&layer.variants, layer.owner) {
        (Some(variants), OwnerAnswer::Varies) => {
            for v in variants {
                let mut row = vec![
                    of.service.to_string(),
                    v.variant.to_string(),
                    layer.layer.to_string(),
                    v.owner.as_str().to_string(),
                    opt(v.team.as_deref()),
                    v.aws.to_string(),
                    v.customer.to_string(),
                    opt(v.note.as_deref()),
                    list(&v.sources),
                ];
                row.extend(tail(&v.origin));
                records.rows.push(row);
            }
        }
        _ => {
            let mut row = vec![
                of.service.to_string(),
                opt(of.variant),
                layer.layer.to_string(),
                layer.owner.as_str().to_string(),
                opt(layer.team.as_deref()),
                opt(layer.aws.as_deref()),
                opt(layer.customer.as_deref()),
                opt(layer.note.as_deref()),
                list(&layer.sources),
            ];
            row.extend(tail(&layer.origin));
            records.rows.push(row);
        }
    }
}

/// `who-owns SERVICE LAYER`: the layer's row (a row per variant when they disagree), and
/// a row for each layer a topic word names (`encryption`).
pub fn who_owns(answers: &[WhoOwns]) -> Records {
    let mut records = Records::new(LAYER_HEADER);
    for answer in answers {
        let of = ServiceFields {
            service: &answer.service,
            variant: answer.variant.as_deref(),
            reviewed: &answer.reviewed,
            stale: answer.stale,
        };
        push_layer(&mut records, &of, &answer.answer);
    }
    records
}

/// `who-owns SERVICE` with no layer: `service,variant,layer,owner,team,customer`, the
/// customer's and shared duties in stack order, then the layers AWS carries alone (with
/// `customer` empty).
pub fn duties(summary: &DutySummary) -> Records {
    let mut records = Records::new(["service", "variant", "layer", "owner", "team", "customer"]);
    let variant = opt(summary.variant.as_deref());
    for duty in &summary.duties {
        records.rows.push(vec![
            summary.service.to_string(),
            variant.clone(),
            duty.layer.to_string(),
            duty.owner.as_str().to_string(),
            opt(duty.team.as_deref()),
            opt(duty.customer.as_deref()),
        ]);
    }
    for layer in &summary.aws {
        records.rows.push(vec![
            summary.service.to_string(),
            variant.clone(),
            layer.to_string(),
            "aws".to_string(),
            String::new(),
            String::new(),
        ]);
    }
    records
}

/// `search`: `service,variant,layer,owner,customer,score`, best first.
pub fn search(hits: &[SearchHit]) -> Records {
    let mut records = Records::new(["service", "variant", "layer", "owner", "customer", "score"]);
    for hit in hits {
        records.rows.push(vec![
            hit.service.to_string(),
            opt(hit.variant.as_deref()),
            hit.layer.to_string(),
            hit.owner.as_str().to_string(),
            opt(hit.customer.as_deref()),
            hit.score.to_string(),
        ]);
    }
    records
}

/// `show`: a row per layer, in stack order (a row per variant where they disagree).
pub fn show(view: &ServiceView) -> Records {
    let mut records = Records::new(LAYER_HEADER);
    let of = ServiceFields {
        service: &view.service,
        variant: view.variant.as_deref(),
        reviewed: &view.reviewed,
        stale: view.stale,
    };
    for layer in &view.layers {
        push_layer(&mut records, &of, layer);
    }
    records
}

/// `services`: `id,variant,name,category,managed,model`.
pub fn services(rows: &[ServiceRow]) -> Records {
    let mut records = Records::new(["id", "variant", "name", "category", "managed", "model"]);
    for row in rows {
        records.rows.push(vec![
            row.id.to_string(),
            opt(row.variant.as_deref()),
            row.name.to_string(),
            row.category.to_string(),
            row.managed.to_string(),
            row.model.as_str().to_string(),
        ]);
    }
    records
}

/// `layers`: `id,name,description,aliases`, in stack order.
pub fn layers(rows: &[LayerRow]) -> Records {
    let mut records = Records::new(["id", "name", "description", "aliases"]);
    for row in rows {
        records.rows.push(vec![
            row.id.to_string(),
            row.name.to_string(),
            row.description.to_string(),
            list(&row.aliases),
        ]);
    }
    records
}

/// `matrix` and `compare`: `service,variant`, then one column per layer id in stack
/// order holding its owner: the JSON array of `{"service", "variant", "owners"}`, flat.
pub fn owners(columns: &[OwnerColumn], layer_ids: &[&str]) -> Records {
    let mut records = Records::new(
        ["service", "variant"]
            .into_iter()
            .chain(layer_ids.iter().copied()),
    );
    for column in columns {
        let mut row = vec![column.service.to_string(), opt(column.variant.as_deref())];
        row.extend(column.owners.0.iter().map(|(_, o)| o.as_str().to_string()));
        records.rows.push(row);
    }
    records
}

/// `gaps`: `service,variant,layer,owner`.
pub fn gaps(gaps: &[Gap]) -> Records {
    let mut records = Records::new(["service", "variant", "layer", "owner"]);
    for gap in gaps {
        records.rows.push(vec![
            gap.service.to_string(),
            opt(gap.variant.as_deref()),
            gap.layer.to_string(),
            gap.owner.as_str().to_string(),
        ]);
    }
    records
}

/// `pentest` with no service: the services that may be tested, `service,name,scope`.
pub fn pentest_policy(view: &PentestPolicyView) -> Records {
    let mut records = Records::new(["service", "name", "scope"]);
    for row in &view.permitted {
        records.rows.push(vec![
            row.service.to_string(),
            row.name.to_string(),
            row.scope.to_string(),
        ]);
    }
    records
}

/// `pentest SERVICE`: one row,
/// `service,variant,name,permitted,scope,untestable,policy,checked`.
pub fn pentest(answer: &PentestAnswer) -> Records {
    let mut records = Records::new([
        "service",
        "variant",
        "name",
        "permitted",
        "scope",
        "untestable",
        "policy",
        "checked",
    ]);
    records.rows.push(vec![
        answer.service.to_string(),
        opt(answer.variant.as_deref()),
        answer.name.to_string(),
        answer.permitted.to_string(),
        opt(answer.scope.as_deref()),
        opt(answer.untestable.as_deref()),
        answer.policy.to_string(),
        answer.checked.to_string(),
    ]);
    records
}

/// `status`: one row, `public_dashboard,account_dashboard,note,sources`.
pub fn status(answer: &StatusAnswer) -> Records {
    let mut records = Records::new(["public_dashboard", "account_dashboard", "note", "sources"]);
    records.rows.push(vec![
        answer.public_dashboard.to_string(),
        answer.account_dashboard.to_string(),
        answer.note.to_string(),
        list(&answer.sources),
    ]);
    records
}

/// RFC 4180 CSV (quoted where needed, CRLF-free: rows end in `\n`). Control characters
/// are neutralised, and a field that a spreadsheet would run as a formula (starting with
/// `=`, `+`, `-` or `@`) is written after a `'`, as OWASP advises for CSV that people open.
pub fn csv(records: &Records) -> Result<String, Error> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    let field = |text: &str| {
        let text = neutral(text);
        if text.starts_with(['=', '+', '-', '@']) {
            format!("'{text}")
        } else {
            text.into_owned()
        }
    };
    let fail = |e: csv::Error| Error::Output(e.to_string());
    writer.write_record(&records.header).map_err(fail)?;
    for row in &records.rows {
        writer
            .write_record(row.iter().map(|f| field(f)))
            .map_err(fail)?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| Error::Output(e.to_string()))?;
    String::from_utf8(bytes).map_err(|e| Error::Output(e.to_string()))
}

/// A GitHub-flavoured Markdown table. In fields, `|` and `\` are escaped, `<`, `>` and
/// `&` written as entities (no text becomes HTML), newlines as `<br>`, and control
/// characters neutralised.
pub fn markdown(records: &Records) -> String {
    let line = |fields: &mut dyn Iterator<Item = String>| {
        let fields: Vec<String> = fields.collect();
        format!("| {} |\n", fields.join(" | "))
    };
    let mut out = line(&mut records.header.iter().map(|h| markdown_field(h)));
    out.push_str(&line(&mut records.header.iter().map(|_| "---".to_string())));
    for row in &records.rows {
        out.push_str(&line(&mut row.iter().map(|f| markdown_field(f))));
    }
    out
}

fn markdown_field(text: &str) -> String {
    let text = neutral(text.trim());
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '|' => out.push_str("\\|"),
            '\\' => out.push_str("\\\\"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\n' => out.push_str("<br>"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Records {
        Records {
            header: vec!["id".into(), "text".into()],
            rows: vec![vec![
                "a".into(),
                "one, \"two\"\nthree | four <b> & \\".into(),
            ]],
        }
    }

    #[test]
    fn csv_quotes_what_needs_it() {
        assert_eq!(
            csv(&sample()).unwrap(),
            "id,text\na,\"one, \"\"two\"\"\nthree | four <b> & \\\"\n"
        );
        let formula = Records {
            header: vec!["f".into()],
            rows: vec![vec!["=HYPERLINK(\"x\")".into()], vec!["-1".into()]],
        };
        assert_eq!(
            csv(&formula).unwrap(),
            "f\n\"'=HYPERLINK(\"\"x\"\")\"\n'-1\n"
        );
    }

    #[test]
    fn markdown_escapes_pipes_newlines_and_html() {
        assert_eq!(
            markdown(&sample()),
            "| id | text |\n| --- | --- |\n| a | one, \"two\"<br>three \\| four &lt;b&gt; &amp; \\\\ |\n"
        );
    }
}
