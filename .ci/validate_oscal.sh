#!/usr/bin/env bash
# Validates `cloudsrm export oscal` with compliance-trestle, an OSCAL tool that reads each
# document into its OSCAL models and runs its validators (unique identifiers, roles of
# responsible parties, rule parameters). The system security plan's profile is resolved
# from tests/fixtures/oscal/, so nothing is fetched but trestle itself.
# Usage: .ci/validate_oscal.sh path/to/cloudsrm
set -euo pipefail
bin=$(realpath "$1")
root=$(cd "$(dirname "$0")/.." && pwd)

# trestle 5 reads OSCAL 1.1.2 documents with its OSCAL 1.2 models (the oscal-version is not
# enforced). Its 3.x releases, on OSCAL 1.1 models, reject a prop namespace that is a URN
# (pydantic 1 takes every URI for a URL with a host), although OSCAL allows any absolute URI.
trestle_version=5.2.0
venv=${CLOUDSRM_OSCAL_VENV:-$root/target/oscal-venv}
trestle=$venv/bin/trestle
if ! "$trestle" version 2>/dev/null | grep -q "v$trestle_version"; then
  if ! python3 -m venv --clear "$venv" >/dev/null 2>&1; then
    apt-get update -qq && apt-get install -y -qq python3-venv >/dev/null
    python3 -m venv --clear "$venv"
  fi
  "$venv/bin/pip" install -q --disable-pip-version-check "compliance-trestle==$trestle_version"
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
"$trestle" init >/dev/null
place() { # place FOLDER NAME MODEL: where trestle expects a model of that kind
  mkdir -p "$1/$2"
  echo "$1/$2/$3.json"
}
cp "$root/tests/fixtures/oscal/catalog.json" "$(place catalogs srm catalog)"
cp "$root/tests/fixtures/oscal/profile.json" "$(place profiles srm profile)"

teams=$root/tests/fixtures/oscal/teams.yaml
all=$(place component-definitions all component-definition)
some=$(place component-definitions some component-definition)
plan=$(place system-security-plans teams system-security-plan)
plain=$(place system-security-plans plain system-security-plan)
"$bin" export oscal > "$all"
"$bin" export oscal ecs rds lambda --catalog "$teams" > "$some"
"$bin" export oscal rds s3 ecs --model ssp --catalog "$teams" \
  --profile trestle://profiles/srm/profile.json > "$plan"
"$bin" export oscal ec2 --model ssp --profile trestle://profiles/srm/profile.json > "$plain"

for model in catalogs/srm/catalog.json profiles/srm/profile.json "$all" "$some" "$plan" "$plain"; do
  "$trestle" validate -f "$model"
  echo
done

# What trestle does not check: the plan's chain. Every responsibility points at what AWS
# provides (when AWS has a part), every satisfied entry at a responsibility, and only the
# teams' duties are satisfied; the rest are the gaps.
"$venv/bin/python" - "$plan" <<'PY'
import json, sys
plan = json.load(open(sys.argv[1]))["system-security-plan"]
components = {c["uuid"] for c in plan["system-implementation"]["components"]}
parties = {p["uuid"]: p["name"] for p in plan["metadata"]["parties"]}
satisfied = gaps = 0
for req in plan["control-implementation"]["implemented-requirements"]:
    provided, responsibilities = set(), {}
    for by in req["by-components"]:
        assert by["component-uuid"] in components, by["component-uuid"]
        export = by.get("export", {})
        provided |= {p["uuid"] for p in export.get("provided", [])}
        team = next((p["value"] for p in by.get("props", []) if p["name"] == "team"), None)
        for r in export.get("responsibilities", []):
            assert r.get("provided-uuid") in provided | {None}, r
            responsibilities[r["uuid"]] = team
    met = set()
    for by in req["by-components"]:
        for i in by.get("inherited", []):
            assert i["provided-uuid"] in provided, i
        for s in by.get("satisfied", []):
            team = responsibilities[s["responsibility-uuid"]]
            party = s["responsible-roles"][0]["party-uuids"][0]
            assert team is not None and parties[party] == team, s
            met.add(s["responsibility-uuid"])
    assert all(r in met for r, team in responsibilities.items() if team), req["control-id"]
    satisfied += len(met)
    gaps += sum(1 for r, team in responsibilities.items() if team is None and r not in met)
assert satisfied and gaps, (satisfied, gaps)
print(f"ssp chain ok: {satisfied} responsibilities satisfied by teams, {gaps} gaps")
PY
echo "OSCAL: component definitions and system security plans validate with trestle $trestle_version"
