#!/usr/bin/env bash
# HTTP benchmark of the Scopeflow server (wrk, Debian package `wrk`):
#  - GET /api/sessions/{id}/summary of a session with 100,000 movies (target ≥ 2,000 req/s, p99 < 50 ms),
#    next to its peer GET /api/health measured in the same run (routing + JSON, no catalog);
#  - the dashboard HTML of a 10,000-movie session (target < 1 s), timed with curl.
# Usage: bench/api.sh [BIG_MOVIES] [SMALL_MOVIES] [DURATION]   (defaults 100000 10000 20s)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
big="${1:-100000}"; small="${2:-10000}"; duration="${3:-20s}"
command -v wrk >/dev/null || { echo "bench/api.sh: wrk is missing; run 'scripts/install-deps.sh' as root" >&2; exit 2; }
work="$(mktemp -d -t scopeflow-bench.XXXXXX)"
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

cd "$here"
mvn -B -q -pl server -am test-compile -DskipTests >/dev/null
mvn -B -q -pl server dependency:build-classpath -Dmdep.outputFile="$work/cp.txt" -Dmdep.includeScope=test >/dev/null
# This worktree's modules, not whatever SNAPSHOT another build left in ~/.m2.
deps=$(tr ':' '\n' < "$work/cp.txt" | grep -v '/org/scopeflow/' | paste -sd: -)
cp="server/target/test-classes:server/target/classes:pipeline/target/classes:imaging/target/classes:catalog/target/classes:model/target/classes:$deps"
java -Xmx2g -cp "$cp" org.scopeflow.server.bench.ApiBenchServer "$work/ready" "$big" "$small" 2>"$work/server.log" &
pid=$!
echo "bench: seeding $big + $small movies (6 metrics each) into an in-memory H2 catalog…"
for _ in $(seq 1 900); do
  [ -s "$work/ready" ] && break
  kill -0 "$pid" 2>/dev/null || { cat "$work/server.log" >&2; exit 1; }
  sleep 1
done
read -r port token big_session small_session < "$work/ready"
grep '^seeded' "$work/server.log" || true
base="http://127.0.0.1:$port"
auth="Authorization: Bearer $token"

run_wrk() { # name path
  local out
  wrk -t2 -c16 -d"$duration" --latency -H "$auth" "$base$2" > "$work/wrk.txt"
  local rps p99
  rps=$(awk '/Requests\/sec/ {print $2}' "$work/wrk.txt")
  p99=$(awk '$1 == "99%" {print $2}' "$work/wrk.txt")
  printf '%-44s %10s req/s   p99 %s\n' "$1" "$rps" "$p99"
}
echo "wrk: 2 threads, 16 connections, $duration each"
curl -fsS -H "$auth" "$base/api/sessions/$big_session/summary" > /dev/null
run_wrk "peer: GET /api/health" "/api/health"
run_wrk "GET /api/sessions/{id}/summary ($big movies)" "/api/sessions/$big_session/summary"

for i in 1 2 3; do
  t=$(curl -fsS -o "$work/dash.html" -w '%{time_total}' -H "$auth" "$base/sessions/$small_session")
  printf 'dashboard HTML, %s movies (run %d): %.3f s, %s bytes\n' "$small" "$i" "$t" "$(stat -c %s "$work/dash.html")"
done
t=$(curl -fsS -o /dev/null -w '%{time_total}' -H "$auth" "$base/sessions")
printf 'peer: sessions list HTML: %.3f s\n' "$t"
