#!/usr/bin/env bash
# Installs the services the tests use (run as root on Debian 12). Each module adds its packages here.
#   pipeline: slurm-wlm + munge (single-node Slurm, scripts/slurm.sh), relion (RELION steps)
set -euo pipefail
apt-get update
DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
  postgresql \
  slurm-wlm munge \
  relion
