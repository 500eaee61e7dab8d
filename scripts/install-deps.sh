#!/usr/bin/env bash
# Installs the system packages Scopeflow's integration tests use (run as root; Debian 12).
#   python3-mrcfile, python3-numpy: MRC validation of the files we write (imaging MrcValidationIT)
#   relion: RELION 3.1 (CPU) reads our STAR files (imaging StarRelionIT) and runs reference jobs;
#           bench/qc.sh compares relion_run_motioncorr --use_own with scopeflow qc motion
set -euo pipefail

apt-get update
DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
  python3-mrcfile \
  python3-numpy \
  relion
