#!/usr/bin/env bash
# Installs, with apt, everything Scopeflow's tests and benchmarks need on a fresh Debian 12 machine.
# Idempotent; run as root. The Java build itself needs only a JDK 17 and Maven.
set -euo pipefail
if [ "$(id -u)" -ne 0 ]; then
  echo "$0: apt needs root; run it as root (sudo $0 where sudo is installed)" >&2
  exit 2
fi

packages=(
  # build
  openjdk-17-jdk-headless maven git
  # catalog: a real PostgreSQL 15 for the tests (started by scripts/postgres.sh)
  postgresql postgresql-client
  # scripts: free-port lookup, MRC validation against the reference implementation
  python3 python3-numpy python3-mrcfile
  # ingest benchmarks and tests
  rsync
  # pipeline: single-node Slurm, RELION (CPU) and OpenMPI's mpirun for steps with resources.mpi_ranks;
  # bench/qc.sh runs relion_run_motioncorr next to scopeflow qc motion
  slurm-wlm munge relion openmpi-bin
  # server: browser tests (Playwright for Java drives Debian's Chromium through the system node)
  # and the HTTP benchmark bench/api.sh
  chromium nodejs wrk
)

if [ "$(id -u)" != 0 ]; then
  echo "$0: run as root (apt-get install needs it)" >&2
  exit 2
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
echo "dependencies installed"
