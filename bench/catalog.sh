#!/usr/bin/env bash
# Catalog benchmark: batch registration (files/s) and keyset page fetch latency (100 rows at random
# positions of one session holding all the files), on the embedded H2 file database and on
# PostgreSQL, in the same run, side by side.
#
#   bench/catalog.sh [FILES] [BATCH] [PAGES]      defaults: 1000000 1000 2000
#
# PostgreSQL: uses $SCOPEFLOW_TEST_PG_ADMIN_URL's server when set (a fresh database is created and
# dropped); otherwise starts a throw-away one with scripts/postgres.sh and stops it afterwards.
# Targets: ≥ 10,000 files/s registration, page p99 < 50 ms. Results are also appended to bench/out/.
set -euo pipefail
cd "$(dirname "$0")/.."

files="${1:-1000000}"; batch="${2:-1000}"; pages="${3:-2000}"
out_dir=bench/out; mkdir -p "$out_dir"
work="$(mktemp -d /tmp/scopeflow-bench.XXXXXX)"
chmod 755 "$work"   # scripts/postgres.sh runs the server as the postgres user when we are root
started_pg=""
cleanup() {
  if [ -n "$started_pg" ]; then scripts/postgres.sh stop "$work/pg" || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

mvn -B -q -pl catalog -am test-compile >/dev/null
mvn -B -q -pl catalog dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$work/cp.txt" >/dev/null
# The model classes come from this checkout, not from a possibly different snapshot in ~/.m2.
cp="catalog/target/test-classes:catalog/target/classes:model/target/classes:$(tr ':' '\n' <"$work/cp.txt" | grep -v 'scopeflow-model' | paste -sd:)"

if [ -z "${SCOPEFLOW_TEST_PG_ADMIN_URL:-}" ]; then
  started_pg=1
  pg_env="$(scripts/postgres.sh start "$work/pg")"
  eval "$pg_env"
fi
pg_db="scopeflow_bench_$$"
pg_admin="$SCOPEFLOW_TEST_PG_ADMIN_URL"
pg_url="$(printf '%s' "$pg_admin" | sed -E "s#(//[^/]+/)[^?]*#\1$pg_db#")"
java -cp "$cp" org.scopeflow.catalog.bench.AdminSql "$pg_admin" "CREATE DATABASE $pg_db ENCODING 'UTF8'"

java_opts=(-Xmx1g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn)
{
  echo "# $(date -u +%FT%TZ) catalog benchmark, $(nproc) cores, load average: $(cut -d' ' -f1-3 /proc/loadavg)"
  printf '%-10s %9s %6s %10s %12s %12s %12s %12s %10s\n' database files batch register_s files_per_s page_p50_ms page_p99_ms page_max_ms jvm_cpu_s
  java "${java_opts[@]}" -cp "$cp" org.scopeflow.catalog.bench.CatalogBenchmark h2 \
    "jdbc:h2:file:$work/h2/scopeflow;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH" \
    "$files" "$batch" "$pages"
  java "${java_opts[@]}" -cp "$cp" org.scopeflow.catalog.bench.CatalogBenchmark postgresql "$pg_url" \
    "$files" "$batch" "$pages"
  echo "# targets: files_per_s >= 10000, page_p99_ms < 50; load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee -a "$out_dir/catalog.txt"
java -cp "$cp" org.scopeflow.catalog.bench.AdminSql "$pg_admin" "DROP DATABASE $pg_db WITH (FORCE)"
