#!/usr/bin/env bash
# Format throughput: Scopeflow's MRC and TIFF writers/readers on one simulated counting-mode movie,
# next to Python mrcfile (the reference MRC library, numpy) on the same file, in the same run.
# Usage: bench/formats.sh [SIZE=4096] [FRAMES=16]   (needs python3-mrcfile for the peer figures)
set -euo pipefail
cd "$(dirname "$0")/.."
size=${1:-4096}
frames=${2:-16}
out=bench/out/formats
rm -rf "$out" && mkdir -p "$out"

mvn -B -q -pl imaging -am install -DskipTests
mvn -B -q -pl imaging dependency:build-classpath -Dmdep.outputFile="$PWD/$out/cp.txt" >/dev/null
java -Xmx8g -cp "imaging/target/classes:$(cat "$out/cp.txt")" bench/FormatsBench.java "$out" "$size" "$frames"

py=/usr/bin/python3
if "$py" -c "import mrcfile" 2>/dev/null; then
  "$py" - "$out" "$size" "$frames" <<'PY'
import sys, time, mrcfile, numpy as np
out, size, frames = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
mb = size * size * frames * 4 / 1e6
for mode, dtype in (("FLOAT32", np.float32), ("UINT16", np.uint16)):
    t0 = time.perf_counter()
    data = mrcfile.read(f"{out}/movie-{mode}.mrc")
    t1 = time.perf_counter()
    with mrcfile.new(f"{out}/py-{mode}.mrc", overwrite=True) as m:
        m.set_data(np.asarray(data, dtype=dtype)); m.voxel_size = 1.0
    t2 = time.perf_counter()
    print(f"{'mrcfile (python) MRC ' + mode:32s} {'':17s}  write {t2 - t1:6.2f} s ({mb / (t2 - t1):5.0f} MB/s float data)  read {t1 - t0:6.2f} s ({mb / (t1 - t0):5.0f} MB/s)")
PY
else
  echo "mrcfile (python): not installed (scripts/install-deps.sh) - no peer figure"
fi
