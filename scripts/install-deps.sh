#!/usr/bin/env bash
# Installs the system packages Scopeflow's tests and benchmarks need (Debian 12, run as root).
set -euo pipefail
apt-get update
# rsync: bench/ingest.sh compares the ingest agent with rsync -a + sync.
apt-get install -y --no-install-recommends rsync
