#!/usr/bin/env bash
# Fuzzes the imaging parsers with Jazzer, one target per JVM (Jazzer fuzzes one test at a time).
# Each target runs for the maxDuration in its @FuzzTest (90 s). Findings are written as crash-*
# inputs under imaging/src/test/resources/<package>/<Class>Inputs/<method>/ and then replay in every
# `mvn verify`; the working corpus goes to .cifuzz-corpus/ (git-ignored).
# Usage: scripts/fuzz-imaging.sh [Class#method ...]   (default: all six targets)
set -euo pipefail
cd "$(dirname "$0")/.."

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(MrcHeaderFuzzTest#decodeHeader MrcHeaderFuzzTest#readFile
           TiffHeaderFuzzTest#parseHeader TiffHeaderFuzzTest#readFile
           StarParserFuzzTest#parse)
fi
mvn -B -q -o -pl imaging -am install -DskipTests
status=0
for target in "${targets[@]}"; do
  echo "== fuzzing $target"
  if ! JAZZER_FUZZ=1 mvn -B -o -pl imaging test -Dtest="$target" -Dsurefire.failIfNoSpecifiedTests=false \
      -DtrimStackTrace=false > "imaging/target/fuzz-${target//#/-}.log" 2>&1; then
    echo "   FINDING (see imaging/target/fuzz-${target//#/-}.log)"; status=1
  else
    echo "   no finding"
  fi
  grep -h -E "^Done [0-9]+ runs" "imaging/target/fuzz-${target//#/-}.log" | sed 's/^/   /' || true
done
exit $status
