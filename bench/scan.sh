#!/usr/bin/env bash
# Benchmark `cloudsrm scan` on a generated Terraform plan of 100,000 resources (about
# 100 MB, shaped like `terraform show -json` output: planned_values, resource_changes and
# configuration) beside jq counting the same file's resource types. Prints wall time and
# peak memory of each, checks the targets (scan at most 0.2x jq's wall time, peak memory at
# most 1.5x the file's size) and appends the results to bench/RESULTS.md.
#
#   bash bench/scan.sh                 # 100,000 resources
#   RESOURCES=300000 bash bench/scan.sh
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
resources=${RESOURCES:-100000}
runs=${RUNS:-3}

need() { command -v "$1" >/dev/null 2>&1; }
missing=()
need jq || missing+=(jq)
[ -x /usr/bin/time ] || missing+=(time)
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  (apt-get install -y "${missing[@]}" >/dev/null 2>&1) || { apt-get update >/dev/null && apt-get install -y "${missing[@]}" >/dev/null; }
fi

echo "== building"
cargo build --release --quiet
bin="$root/target/release/cloudsrm"

echo "== generating a plan of $resources resources"
plan="$work/plan.json"
python3 - "$resources" "$plan" <<'PY'
import json, sys
n, out = int(sys.argv[1]), sys.argv[2]
P = "registry.terraform.io/hashicorp/"
# Types from across the catalog, some with the attributes scan's rules read, and a few
# of other providers, which scan counts as ignored.
kinds = [
    ("aws_instance", {"ami": "ami-0123456789abcdef0", "instance_type": "t3.micro", "monitoring": False}),
    ("aws_s3_bucket", {"bucket": "bucket", "force_destroy": False}),
    ("aws_lambda_function", {"function_name": "f", "package_type": "Zip", "runtime": "python3.12", "memory_size": 128}),
    ("aws_ecs_service", {"name": "svc", "launch_type": "FARGATE", "desired_count": 2, "capacity_provider_strategy": []}),
    ("aws_iam_role", {"name": "r", "assume_role_policy": "{\"Version\":\"2012-10-17\",\"Statement\":[]}"}),
    ("aws_security_group", {"name": "sg", "ingress": [{"from_port": 443, "to_port": 443, "protocol": "tcp", "cidr_blocks": ["0.0.0.0/0"]}]}),
    ("aws_db_instance", {"engine": "postgres", "instance_class": "db.t3.micro", "allocated_storage": 20}),
    ("aws_rds_cluster", {"engine": "aurora-postgresql", "serverlessv2_scaling_configuration": [{"min_capacity": 0.5, "max_capacity": 4}]}),
    ("random_id", {"byte_length": 8}),
    ("aws_cloudwatch_log_group", {"name": "lg", "retention_in_days": 30}),
]
dump = lambda o: json.dumps(o, separators=(",", ":"))
with open(out, "w") as f:
    f.write('{"format_version":"1.2","terraform_version":"1.9.5","planned_values":{"root_module":{"resources":[')
    for i in range(n):
        t, attrs = kinds[i % len(kinds)]
        a = dict(attrs, tags={"Name": f"res-{i}", "team": "platform", "env": "prod"})
        a["tags_all"] = a["tags"]
        module = f"module.m{i % 50}." if i % 3 else ""
        f.write(("," if i else "") + dump({"address": f"{module}{t}.r{i}", "mode": "managed", "type": t, "name": f"r{i}",
                "provider_name": P + t.split("_")[0], "schema_version": 0, "values": a,
                "sensitive_values": {"tags": {}, "tags_all": {}}}))
    f.write(']}},"resource_changes":[')
    for i in range(n):
        t, attrs = kinds[i % len(kinds)]
        a = dict(attrs, tags={"Name": f"res-{i}", "team": "platform", "env": "prod"})
        a["tags_all"] = a["tags"]
        module = f"module.m{i % 50}." if i % 3 else ""
        f.write(("," if i else "") + dump({"address": f"{module}{t}.r{i}", "module_address": module[:-1] or None,
                "mode": "managed", "type": t, "name": f"r{i}", "provider_name": P + t.split("_")[0],
                "change": {"actions": ["create"], "before": None, "after": a,
                           "after_unknown": {"id": True, "arn": True, "tags": {}, "tags_all": {}},
                           "before_sensitive": False, "after_sensitive": {"tags": {}, "tags_all": {}}}}))
    f.write('],"configuration":{"provider_config":{"aws":{"name":"aws"}},"root_module":{}}}')
PY
bytes=$(stat -c %s "$plan")
echo "plan: $bytes bytes"

jq_query='[.resource_changes[].type] | group_by(.) | map({t: .[0], n: length})'
# Best of $runs: wall seconds and peak KiB, from GNU time.
measure() {
  local best_wall="" best_mem=""
  for _ in $(seq "$runs"); do
    read -r wall mem < <(/usr/bin/time -f '%e %M' "$@" 2>&1 >/dev/null | tail -1)
    if [ -z "$best_wall" ] || python3 -c "import sys; sys.exit(0 if $wall < $best_wall else 1)"; then best_wall=$wall; fi
    if [ -z "$best_mem" ] || [ "$mem" -lt "$best_mem" ]; then best_mem=$mem; fi
  done
  echo "$best_wall $best_mem"
}
echo "== jq"
read -r jq_wall jq_mem < <(measure jq "$jq_query" "$plan")
echo "== cloudsrm scan (text)"
read -r scan_wall scan_mem < <(measure "$bin" scan "$plan")
echo "== cloudsrm scan -o json"
read -r json_wall json_mem < <(measure "$bin" scan "$plan" -o json)
"$bin" scan "$plan" | tail -2

ratio() { python3 -c "print(f'{$1 / $2:.3f}')"; }
file_kib=$(( bytes / 1024 ))
report=$(mktemp)
{
  echo
  echo "## scan: $(date -u +%Y-%m-%d) on $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
  echo
  echo "cloudsrm $("$bin" --version | cut -d' ' -f2-); jq $(jq --version)"
  echo
  echo "A generated plan of $resources resources, $bytes bytes ($file_kib KiB); best of $runs runs."
  echo "jq runs \`jq '$jq_query' plan.json\`."
  echo
  echo "| command | wall (s) | x jq | peak RSS (KiB) | x file size |"
  echo "| --- | ---: | ---: | ---: | ---: |"
  echo "| jq | $jq_wall | 1.000 | $jq_mem | $(ratio "$jq_mem" "$file_kib") |"
  echo "| cloudsrm scan | $scan_wall | $(ratio "$scan_wall" "$jq_wall") | $scan_mem | $(ratio "$scan_mem" "$file_kib") |"
  echo "| cloudsrm scan -o json | $json_wall | $(ratio "$json_wall" "$jq_wall") | $json_mem | $(ratio "$json_mem" "$file_kib") |"
  echo
  echo "Targets:"
  verdict() { if [ "$1" = 1 ]; then echo "- PASS $2"; else echo "- FAIL $2"; fi; }
  verdict "$(python3 -c "print(int($scan_wall <= 0.2 * $jq_wall))")" "scan at most 0.2x jq's wall time ($(ratio "$scan_wall" "$jq_wall")x)"
  verdict "$(python3 -c "print(int($scan_mem <= 1.5 * $file_kib))")" "scan's peak memory at most 1.5x the file's size ($(ratio "$scan_mem" "$file_kib")x)"
  echo
} > "$report"
cat "$report"
cat "$report" >> "$root/bench/RESULTS.md"
echo "appended to bench/RESULTS.md"
