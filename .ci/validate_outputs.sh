#!/usr/bin/env bash
# Validates cloudsrm's CI formats with the programs and schemas that real CI systems use:
# SARIF against the OASIS schema, JUnit against the Jenkins xUnit XSD, TAP through `prove`.
# Usage: .ci/validate_outputs.sh path/to/cloudsrm path/to/shared/schemas
set -euo pipefail
bin=$(realpath "$1")
schemas=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

valid=examples/assumptions.yaml
printf 'assumptions: [\n' > "$work/broken.yaml"
mkdir -p "$work/team:db"
cp "$valid" "$work/team:db/assume.yaml"

run() { # run FORMAT OUTFILE FILES... ; exit 1 or 2 are expected outcomes here
  local format=$1 out=$2; shift 2
  set +e; "$bin" check --format "$format" "$@" > "$out"; local rc=$?; set -e
  if [ "$rc" -gt 2 ]; then echo "cloudsrm crashed ($rc) on --format $format $*"; exit 1; fi
}

for case in valid broken colon; do
  case $case in
    valid) files=("$valid") ;;
    broken) files=("$work/broken.yaml") ;;
    colon) files=("team:db/assume.yaml") ;;
  esac
  if [ "$case" = colon ]; then pushd "$work" >/dev/null; fi
  run sarif "$work/$case.sarif" "${files[@]}"
  run junit "$work/$case.xml" "${files[@]}"
  run tap "$work/$case.tap" "${files[@]}"
  if [ "$case" = colon ]; then popd >/dev/null; fi
  python3 - "$schemas/sarif-schema-2.1.0.json" "$work/$case.sarif" <<'PY'
import json, sys
import jsonschema
schema = json.load(open(sys.argv[1]))
doc = json.load(open(sys.argv[2]))
jsonschema.Draft4Validator(schema).validate(doc)
uris = [l["physicalLocation"]["artifactLocation"]["uri"]
        for r in doc["runs"][0]["results"] for l in r.get("locations", [])]
assert all(not u.split("/")[0].count(":") or u.startswith(("./", "file:")) for u in uris), uris
if "broken" in sys.argv[2]:
    assert doc["runs"][0]["results"], "an unreadable file must still give a result"
print(f"sarif ok: {sys.argv[2]}")
PY
  xmllint --noout --schema "$schemas/jenkins-xunit-junit-10.xsd" "$work/$case.xml"
done

# A passing run must pass prove; a failing or unreadable one must fail it.
prove --exec cat "$work/valid.tap" >/dev/null 2>&1 && { echo "prove accepted a failing report"; exit 1; }
prove --exec cat "$work/broken.tap" >/dev/null 2>&1 && { echo "prove accepted an unreadable input"; exit 1; }
printf 'assumptions:\n  - service: rds\n    layer: os-patching\n    owner: aws\n' > "$work/passing.yaml"
"$bin" check --format tap "$work/passing.yaml" > "$work/passing.tap"
prove --exec cat "$work/passing.tap"
echo "CI formats: SARIF, JUnit and TAP outputs validate"

# scan's CI formats, on the fixtures of the scan tests: a plan, a template, a CDK assembly.
scan_inputs=(tests/fixtures/scan/plan.json tests/fixtures/scan/template.yaml tests/fixtures/scan/cdk.out)
"$bin" scan --format sarif "${scan_inputs[@]}" > "$work/scan.sarif"
"$bin" scan --format junit "${scan_inputs[@]}" > "$work/scan.xml"
"$bin" scan --format tap "${scan_inputs[@]}" > "$work/scan.tap"
python3 - "$schemas/sarif-schema-2.1.0.json" "$work/scan.sarif" <<'PY'
import json, sys
import jsonschema
jsonschema.Draft4Validator(json.load(open(sys.argv[1]))).validate(json.load(open(sys.argv[2])))
print(f"sarif ok: {sys.argv[2]}")
PY
xmllint --noout --schema "$schemas/jenkins-xunit-junit-10.xsd" "$work/scan.xml"
# Duties without a team are failures: prove must reject the report.
# Findings fail a report only where --fail-on says so, as they fail the exit code.
prove --exec cat "$work/scan.tap" >/dev/null 2>&1 || { echo "prove failed a scan run without --fail-on"; exit 1; }
"$bin" scan --format tap --fail-on gaps "${scan_inputs[@]}" > "$work/scan-gaps.tap" || true
prove --exec cat "$work/scan-gaps.tap" >/dev/null 2>&1 && { echo "prove accepted gaps under --fail-on gaps"; exit 1; }
"$bin" scan --format junit --fail-on gaps "${scan_inputs[@]}" > "$work/scan-gaps.xml" || true
xmllint --noout --schema "$schemas/jenkins-xunit-junit-10.xsd" "$work/scan-gaps.xml"
echo "scan: SARIF, JUnit and TAP outputs validate"
