#!/usr/bin/env bash
# The test command: starts the real services the tests talk to (PostgreSQL; Slurm when installed),
# runs every test with `mvn -B verify`, and stops what it started — also on failure or Ctrl-C.
# Install the services once with `scripts/install-deps.sh` (as root). Extra arguments go to Maven.
set -euo pipefail

here="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d -t scopeflow-test.XXXXXX)"
chmod 755 "$work"
started=()

stop_all() {
  for s in "${started[@]:-}"; do
    case "$s" in
      postgres) "$here/scripts/postgres.sh" stop "$work/pg" || true ;;
      slurm) "$here/scripts/slurm.sh" stop "$work/slurm" || true ;;
    esac
  done
  rm -rf "$work"
}
trap stop_all EXIT

echo "test.sh: starting PostgreSQL in $work/pg"
eval "$("$here/scripts/postgres.sh" start "$work/pg")"
started+=(postgres)

if [ -x "$here/scripts/slurm.sh" ]; then
  if command -v slurmctld >/dev/null 2>&1; then
    echo "test.sh: starting single-node Slurm"
    eval "$("$here/scripts/slurm.sh" start "$work/slurm")"
    started+=(slurm)
  else
    echo "test.sh: Slurm is not installed (scripts/install-deps.sh installs it); Slurm tests will be skipped" >&2
  fi
fi

# OpenMPI's mpirun refuses to start as root unless told to; the pipeline tests run MPI jobs (resources.mpi_ranks)
# and CI runs as root. A facility runs its pipelines as an ordinary user and needs neither.
if [ "$(id -u)" -eq 0 ]; then
  export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
fi

cd "$here"
mvn -B verify "$@"
