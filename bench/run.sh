#!/usr/bin/env bash
# Benchmark cloudsrm against the floor (a Rust binary that prints one line) and against
# jq over a JSON export of the same catalog. Prints wall-time ratios (hyperfine),
# instruction counts (callgrind: deterministic, comparable across runs) and peak memory,
# checks the targets, and appends the results to bench/RESULTS.md.
#
#   bash bench/run.sh            # everything (several minutes on two cores)
#   QUICK=1 bash bench/run.sh    # skip the 500-extra-services build
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

need() { command -v "$1" >/dev/null 2>&1; }
missing=()
need hyperfine || missing+=(hyperfine)
need valgrind || missing+=(valgrind)
need jq || missing+=(jq)
[ -x /usr/bin/time ] || missing+=(time)
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  (apt-get install -y "${missing[@]}" >/dev/null 2>&1) || { apt-get update >/dev/null && apt-get install -y "${missing[@]}" >/dev/null; }
fi

echo "== building"
cargo build --release --quiet
bin="$root/target/release/cloudsrm"
mkdir -p "$work/floor"
printf 'fn main() { println!("hello"); }\n' > "$work/floor/main.rs"
rustc -O -C codegen-units=1 -o "$work/floor/floor" "$work/floor/main.rs"
floor="$work/floor/floor"

# The same catalog as JSON, for jq.
for id in $("$bin" services -o json | jq -r '.[].id' | sort -u); do
  "$bin" show "$id" -o json
done | jq -s . > "$work/catalog.json"
jq_query='.[] | select(.service == "ec2") | .layers[] | select(.layer == "os-patching") | .owner'

# Assumptions files of 1,000, 10,000 and 100,000 entries, cycling through real pairs.
python3 - "$work" <<'PY'
import sys
pairs = [("rds", "os-patching", "aws"), ("ec2", "os-patching", "customer"), ("lambda", "runtime", "shared"),
         ("s3", "data", "customer"), ("ecs:fargate", "guest-os", "aws"), ("dynamodb", "backup", "customer")]
for n in (1000, 10000, 100000):
    with open(f"{sys.argv[1]}/assume-{n}.yaml", "w") as f:
        f.write("assumptions:\n")
        for i in range(n):
            s, l, o = pairs[i % len(pairs)]
            f.write(f"  - service: {s}\n    layer: {l}\n    owner: {o}\n")
PY

echo "== wall time (hyperfine)"
hyperfine --warmup 5 --min-runs 30 -N --export-json "$work/wall.json" \
  -n floor "$floor" \
  -n who-owns "$bin who-owns ec2 os-patching" \
  -n who-owns-json "$bin who-owns ec2 os-patching -o json" \
  -n jq "jq -r '$jq_query' $work/catalog.json" \
  -n matrix-json "$bin matrix -o json" \
  -n check-1k "$bin check $work/assume-1000.yaml" \
  -n check-10k "$bin check $work/assume-10000.yaml" \
  -n check-100k "$bin check $work/assume-100000.yaml" >/dev/null
mean() { jq -r --arg n "$1" '.results[] | select(.command == $n) | .mean' "$work/wall.json"; }

instructions() { # command... -> instruction count
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null | awk '/Collected/ { print $4 }'
}
peak_kib() { /usr/bin/time -f '%M' "$@" 2>&1 >/dev/null | tail -1; }

echo "== instructions (callgrind) and peak memory"
declare -A ins mem
run() { local name=$1; shift; ins[$name]=$(instructions "$@"); mem[$name]=$(peak_kib "$@"); }
run floor "$floor"
run who-owns "$bin" who-owns ec2 os-patching
run who-owns-json "$bin" who-owns ec2 os-patching -o json
run jq jq -r "$jq_query" "$work/catalog.json"
run matrix-json "$bin" matrix -o json
run check-1k "$bin" check "$work/assume-1000.yaml"
run check-10k "$bin" check "$work/assume-10000.yaml"
run check-100k "$bin" check "$work/assume-100000.yaml"

grown=""
if [ -z "${QUICK:-}" ]; then
  echo "== the same question on the catalog plus 500 generated services"
  copy="$work/grown"
  mkdir -p "$copy"
  (cd "$root" && git ls-files -z | xargs -0 -I{} cp --parents {} "$copy/")
  cp "$root"/data/services/*.yaml "$copy/data/services/"
  for i in $(seq 1 500); do
    sed -e "s/^id: ec2$/id: generated-$i/" -e "s/^aliases: .*/aliases: [generated-alias-$i]/" \
      "$root/data/services/ec2.yaml" > "$copy/data/services/generated-$i.yaml"
  done
  (cd "$copy" && UPDATE_GENERATED=1 CARGO_TARGET_DIR="$work/grown-target" cargo test --quiet --test codegen >/dev/null 2>&1 \
    && CARGO_TARGET_DIR="$work/grown-target" cargo build --release --quiet)
  grown_bin="$work/grown-target/release/cloudsrm"
  "$grown_bin" --version
  ins[who-owns-grown]=$(instructions "$grown_bin" who-owns ec2 os-patching)
  grown=yes
fi

ratio() { python3 -c "print(f'{$1 / $2:.2f}')"; }
floor_wall=$(mean floor)
per_assumption=$(( (ins[check-10k] - ins[check-1k]) / 9000 ))
per_assumption_large=$(( (ins[check-100k] - ins[check-10k]) / 90000 ))

report=$(mktemp)
{
  echo "## $(date -u +%Y-%m-%d) on $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
  echo
  echo "cloudsrm $("$bin" --version | cut -d' ' -f2-)"
  echo
  echo "| command | wall (ms) | x floor | instructions | peak RSS (KiB) |"
  echo "| --- | ---: | ---: | ---: | ---: |"
  for name in floor who-owns who-owns-json jq matrix-json check-1k check-10k check-100k; do
    m=$(mean "$name")
    printf '| %s | %.2f | %s | %s | %s |\n' "$name" "$(python3 -c "print($m * 1000)")" "$(ratio "$m" "$floor_wall")" "${ins[$name]}" "${mem[$name]}"
  done
  echo
  echo "check: $per_assumption instructions per assumption from 1k to 10k, $per_assumption_large from 10k to 100k."
  if [ -n "$grown" ]; then
    echo "who-owns with 500 extra services: ${ins[who-owns-grown]} instructions (embedded catalog: ${ins[who-owns]})."
  fi
  echo
  echo "Targets:"
  verdict() { if [ "$1" = 1 ]; then echo "- PASS $2"; else echo "- FAIL $2"; fi; }
  verdict "$(python3 -c "print(int($(mean who-owns) <= 1.5 * $floor_wall))")" "who-owns at most 1.5x the floor's wall time ($(ratio "$(mean who-owns)" "$floor_wall")x)"
  verdict "$(( ins[who-owns] <= 1500000 ))" "who-owns at most 1,500,000 instructions (${ins[who-owns]})"
  verdict "$(python3 -c "print(int($(mean matrix-json) <= 3 * $floor_wall))")" "matrix -o json at most 3x the floor's wall time ($(ratio "$(mean matrix-json)" "$floor_wall")x)"
  verdict "$(( per_assumption <= 20000 && per_assumption_large <= 20000 ))" "check at most 20,000 instructions per assumption beyond start-up ($per_assumption, $per_assumption_large)"
  verdict "$(( mem[check-100k] <= 100 * 1024 ))" "check of 100,000 assumptions within 100 MiB peak memory (${mem[check-100k]} KiB)"
  if [ -n "$grown" ]; then
    verdict "$(python3 -c "print(int(abs(${ins[who-owns-grown]} - ${ins[who-owns]}) <= 0.1 * ${ins[who-owns]}))")" "who-owns with 500 extra services within 10% in instructions"
  fi
  echo
} > "$report"
cat "$report"
cat "$report" >> "$root/bench/RESULTS.md"
echo "appended to bench/RESULTS.md"
