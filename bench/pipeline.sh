#!/usr/bin/env bash
# Engine overhead per job on the local executor: N trivial jobs (`true`) through `scopeflow pipeline run`
# with one CPU slot (jobs run one after another), embedded H2 catalog. Prints, from the catalog's own
# job timestamps:
#   span            first job start → last job end (wall clock, engine + tool)
#   tool            sum of (end − start) of every job as the executor saw it (process spawn + `true`)
#   overhead/job    (span − tool) / N: claim, input checksum, render, submit, poll, output check, record
# next to its peer measured in the same run: a bash loop spawning `bash -c true` N times (the tool alone).
#   bench/pipeline.sh [N] [LIVE_MOVIES]   (defaults 10000 30; needs the app jar: bin/scopeflow builds it)
# then sustained movies/hour of the live pipeline fed by the simulated microscope, backlog over time.
set -euo pipefail
n="${1:-10000}"
here="$(cd "$(dirname "$0")/.." && pwd)"
out="$here/bench/out/pipeline"
rm -rf "$out"; mkdir -p "$out/data/items"
"$here/bin/scopeflow" --version >/dev/null
# A private copy: rebuilding the project during the run must not swap classes under the running JVM.
cp "$here/app/target/scopeflow.jar" "$out/scopeflow.jar"
jar="$out/scopeflow.jar"

for ((i = 0; i < n; i++)); do printf '%d\n' "$i" >"$out/data/items/i$i.dat"; done
cat >"$out/trivial.yaml" <<'YAML'
name: trivial
steps:
  - id: noop
    command: "true"
    inputs: "items/*.dat"
    resources: {cpus: 1, memory_mb: 16, time_limit_minutes: 5}
YAML
db="jdbc:h2:file:$out/db/scopeflow"

t0=$(date +%s.%N)
java -jar "$jar" pipeline run "$out/trivial.yaml" --input "$out/data" --db-url "$db" --cpus 1 --json >"$out/run.json"
t1=$(date +%s.%N)

python3 - "$out" "$n" "$t0" "$t1" <<'PY'
import json, subprocess, sys
out, n, t0, t1 = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
summary = json.load(open(out + "/run.json"))
ok = summary["steps"]["noop"].get("succeeded", 0)
print(f"jobs succeeded: {ok}/{n}; whole command (JVM start, cataloguing {n} files, jobs): {t1 - t0:.1f} s")
PY
java -cp "$jar" org.h2.tools.Shell -url "$db;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE" -sql \
  "SELECT COUNT(*), DATEDIFF('MILLISECOND', MIN(started_at), MAX(ended_at)), SUM(DATEDIFF('MICROSECOND', started_at, ended_at)) / 1000 FROM pipeline_jobs WHERE state = 'succeeded'" \
  | awk -v n="$n" 'NR==2 { split($0, f, "|"); jobs=f[1]; span=f[2]; tool=f[3];
      printf "span %.1f s, tool %.1f s → engine overhead %.2f ms/job (target < 20 ms)\n", span/1000, tool/1000, (span-tool)/jobs }'

t2=$(date +%s.%N)
for ((i = 0; i < n; i++)); do bash -c true; done
t3=$(date +%s.%N)
awk -v a="$t2" -v b="$t3" -v n="$n" 'BEGIN { printf "peer: bash loop spawning `bash -c true` %d times: %.1f s = %.2f ms per spawn\n", n, b-a, (b-a)*1000/n }'

# Live throughput: the demo's pipeline (the built-in live template's motion → ctf → thumbnail → pick) fed by
# the simulated microscope writing LIVE_MOVIES movies of 1024² × 16 frames as fast as it can, on this
# machine's local executor. The microscope's own rate is the peer: the pipeline keeps up when it
# processes movies at least as fast as an instrument acquires them (a Krios with EPU: ~150–300/h).
live_movies="${2:-30}"
echo "live: $live_movies movies of 1024² × 16 frames, microscope at full speed; backlog = landed − processed"
java -jar "$jar" demo --port 0 --data "$out/live" --movies "$live_movies" --rate max --until-done --report-seconds 20 \
  2>"$out/live.err" | tee "$out/live.log" | grep '^\[demo\]'
python3 - "$out/live.log" <<'PY'
import re, sys
lines = [l for l in open(sys.argv[1]) if l.startswith("[demo]") and "processed" in l]
if lines:
    m = re.search(r"(\d+) s: .* processed (\d+) \((\d+) movies/h\)", lines[-1])
    if m:
        print(f"sustained: {m.group(2)} movies processed in {m.group(1)} s = {m.group(3)} movies/h on this machine")
PY
