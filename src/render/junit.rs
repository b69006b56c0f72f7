//! `check --format junit`: JUnit XML, one testsuite per file and one testcase per
//! assumption, as CI systems ingest test results.

use quick_junit::{NonSuccessKind, Report, TestCase, TestCaseStatus, TestSuite};

use crate::check::CheckReport;
use crate::error::Error;

pub fn report(report: &CheckReport) -> Result<String, Error> {
    let mut junit = Report::new("cloudsrm check");
    for file in &report.files {
        let mut suite = TestSuite::new(file.as_str());
        for result in report.results_of(file) {
            let name = format!(
                "{} {} is {}",
                target(&result.service, result.variant.as_deref()),
                result.layer,
                result.expected
            );
            let status = if result.passed {
                TestCaseStatus::success()
            } else {
                let mut status = TestCaseStatus::non_success(NonSuccessKind::Failure);
                status.set_message(result.message.as_str());
                status.set_type("ownership-mismatch");
                let mut description = format!(
                    "{}:{}:{}",
                    file,
                    result.line.unwrap_or(0),
                    result.column.unwrap_or(0)
                );
                for (label, text) in [
                    ("why", &result.why),
                    ("aws", &result.aws),
                    ("customer", &result.customer),
                ] {
                    if let Some(text) = text {
                        description.push_str(&format!("\n{label}: {text}"));
                    }
                }
                status.set_description(description);
                status
            };
            let mut case = TestCase::new(name, status);
            case.set_classname(file.as_str());
            suite.add_test_case(case);
        }
        junit.add_test_suite(suite);
    }
    let mut text = junit
        .to_string()
        .map_err(|e| Error::Output(e.to_string()))?;
    if !text.ends_with('\n') {
        text.push('\n');
    }
    Ok(text)
}

fn target(service: &str, variant: Option<&str>) -> String {
    match variant {
        Some(v) => format!("{service}:{v}"),
        None => service.to_string(),
    }
}
