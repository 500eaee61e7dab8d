#!/usr/bin/env bash
# Installs the system packages Scopeflow's tests and benchmarks use (Debian 12, run as root).
# Each helper adds its packages to the list below; keep it one package per line with its reason.
set -euo pipefail

packages=(
  relion          # bench/qc.sh compares relion_run_motioncorr --use_own; RELION interop tests
  python3-numpy   # python3-mrcfile needs it (MRC validation)
  python3-mrcfile # mrcfile.validate on MRC files we write
)

export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends "${packages[@]}"
