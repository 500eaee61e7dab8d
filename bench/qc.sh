#!/usr/bin/env bash
# Benchmark of the built-in quality processors, one run:
#  1. simulates movies (N1024 × 1024², and N4096 × 4096² when memory allows),
#  2. runs `scopeflow qc motion` and `relion_run_motioncorr --use_own --j 2` (global, 1×1 patches,
#     B 150, 5 iterations) on the same movies, and prints time per movie and shift RMS error vs truth,
#  3. times `scopeflow qc ctf` on the 4096² aligned sums on ONE core (taskset + ActiveProcessorCount=1).
# scopeflow runs through bin/scopeflow, as a user runs it (the launcher's JVM options included).
# Needs: JDK 17 + Maven (bin/scopeflow builds the jar), relion (scripts/install-deps.sh), python3.
# Environment: N1024 (16), N4096 (40; 0 skips), FRAMES (16), SEED (7), OUT (bench/out/qc),
#   PAIRS (3): the two tools run this many times on the 1024² movies, alternating (scopeflow, RELION,
#   scopeflow, …), and the table shows each tool's median; the shared VM's load changes from one
#   run to the next, and a single pair can swing the ratio by ±20 %. Each round also runs scopeflow on
#   the movies twice in one command, to split its time into start-up/warm-up and the cost per movie on
#   compiled code. The 4096² set runs once.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
sf="$here/bin/scopeflow"
out="${OUT:-$here/bench/out/qc}"
n1024="${N1024:-16}"
n4096="${N4096:-40}"
frames="${FRAMES:-16}"
seed="${SEED:-7}"
pairs="${PAIRS:-3}"
dose=40
dpf=$(python3 -c "print($dose/$frames)")

command -v relion_run_motioncorr >/dev/null || { echo "qc.sh: relion_run_motioncorr missing; run scripts/install-deps.sh" >&2; exit 2; }
# Build the jar once, outside the timed steps (bin/scopeflow does it when it is missing or stale); then
# every scopeflow command runs through bin/scopeflow, exactly as a user runs it (same launcher and JVM options).
"$sf" --version >/dev/null
sf() { "$sf" "$@"; }

# 4096² movies of 16 float32 frames take ~1 GiB each in memory while aligned; skip them on small machines.
mem_gib=$(awk '/MemAvailable/ {printf "%d", $2/1048576}' /proc/meminfo)
if [ "$n4096" -gt 0 ] && [ "$mem_gib" -lt 8 ]; then
  echo "qc.sh: only ${mem_gib} GiB available; skipping the 4096² movies" >&2
  n4096=0
fi

now() { date +%s.%N; }

# run_set LABEL SIZE COUNT → appends two table rows to $out/table.md
run_set() {
  local label=$1 size=$2 count=$3 dir="$out/$1"
  rm -rf "$dir" && mkdir -p "$dir/project/Movies"
  echo "qc.sh: simulating $count movies of ${size}² × $frames frames into $dir/project/Movies" >&2
  sf simulate --out "$dir/sim" --movies "$count" --frames "$frames" --size "$size" --pixel-size 1.0 \
    --dose "$dose" --rate max --layout flat --format mrc --seed "$seed" >/dev/null
  mv "$dir"/sim/movie_*.mrc "$dir/project/Movies/"

  local t0 t1 sf_walls=() sf_twice=() relion_walls=() runs=1 i
  if [ "$size" -le 1024 ]; then runs=$pairs; fi
  ( cd "$dir/project"
    { printf '# version 30001\n\ndata_optics\n\nloop_\n_rlnOpticsGroupName #1\n_rlnOpticsGroup #2\n'
      printf '_rlnMicrographOriginalPixelSize #3\n_rlnVoltage #4\n_rlnSphericalAberration #5\n_rlnAmplitudeContrast #6\n'
      printf 'opticsGroup1 1 1.000000 300.000000 2.700000 0.070000\n\n# version 30001\n\ndata_movies\n\nloop_\n'
      printf '_rlnMicrographMovieName #1\n_rlnOpticsGroup #2\n'
      for m in Movies/movie_*.mrc; do printf '%s 1\n' "$m"; done; } > movies.star )
  for i in $(seq "$runs"); do
    t0=$(now)
    sf qc motion "$dir"/project/Movies/movie_*.mrc --out "$dir/scopeflow" --dose-per-frame "$dpf" --json \
      > "$dir/scopeflow.json"
    t1=$(now); sf_walls+=("$(python3 -c "print($t1 - $t0)")")
    if [ "$runs" -gt 1 ]; then
      # The same movies twice in one command: the second pass runs on compiled code, so the difference
      # from the single pass is what a movie costs once the JVM has started and compiled its loops.
      t0=$(now)
      sf qc motion "$dir"/project/Movies/movie_*.mrc "$dir"/project/Movies/movie_*.mrc --out "$dir/scopeflow-twice" \
        --dose-per-frame "$dpf" --json > "$dir/scopeflow-twice.json"
      t1=$(now); sf_twice+=("$(python3 -c "print($t1 - $t0)")")
    fi
    ( cd "$dir/project"
      rm -rf MotionCorr/job002 && mkdir -p MotionCorr/job002
      t0=$(now)
      relion_run_motioncorr --i movies.star --o MotionCorr/job002/ --first_frame_sum 1 --last_frame_sum -1 \
        --use_own --j 2 --bin_factor 1 --bfactor 150 --patch_x 1 --patch_y 1 --angpix 1 --voltage 300 \
        --dose_per_frame "$dpf" --preexposure 0 > relion.log 2>&1
      t1=$(now); python3 -c "print($t1 - $t0)" > relion_wall.txt )
    relion_walls+=("$(cat "$dir/project/relion_wall.txt")")
  done
  local sf_wall relion_wall
  sf_wall=$(python3 -c "import statistics,sys; print(statistics.median(map(float, sys.argv[1:])))" "${sf_walls[@]}")
  relion_wall=$(python3 -c "import statistics,sys; print(statistics.median(map(float, sys.argv[1:])))" "${relion_walls[@]}")
  if [ "$runs" -gt 1 ]; then
    python3 - "$label" "$count" "${#sf_walls[@]}" "${sf_walls[@]}" "${relion_walls[@]}" "${sf_twice[@]}" \
      >> "$out/pairs.txt" <<'PY'
import statistics, sys
label, count, k = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
sf = [float(x) for x in sys.argv[4:4 + k]]
rl = [float(x) for x in sys.argv[4 + k:4 + 2 * k]]
twice = [float(x) for x in sys.argv[4 + 2 * k:]]
print(f"{label}: {k} alternating runs, s/movie scopeflow / RELION (ratio): "
      + "; ".join(f"{a / count:.3f} / {b / count:.3f} ({a / b:.2f})" for a, b in zip(sf, rl)))
once, both = statistics.median(sf), statistics.median(twice)
print(f"{label}: the same {count} movies twice in one scopeflow command: {both:.2f} s against {once:.2f} s once "
      f"(medians of {k}); the second pass costs {(both - once) / count:.3f} s/movie on compiled code, so "
      f"{once - (both - once):.2f} s of the single run is the JVM's start-up and warm-up "
      f"(RELION: {statistics.median(rl) / count:.3f} s/movie)")
PY
  fi
  python3 "$here/bench/qc_compare.py" "$count × ${size}²" "$dir/sim/truth" "$dir/scopeflow.json" "$sf_wall" \
    "$dir/project/MotionCorr/job002" "$relion_wall" "$count" >> "$out/table.md"
}

mkdir -p "$out"
: > "$out/pairs.txt"
{ echo "| movies           | tool                       | s / movie  | RMS err px mean | RMS err px worst |"
  echo "|------------------|----------------------------|------------|----------------|------------------|"; } > "$out/table.md"
run_set m1024 1024 "$n1024"
if [ "$n4096" -gt 0 ]; then
  run_set m4096 4096 "$n4096"
fi
echo
echo "Global motion correction, $frames frames, $dose e/Å², wall time per movie (2 cores) and shift error vs truth"
echo "(scopeflow run as a user runs it: bin/scopeflow, one command for all movies; 1024²: median of $pairs alternating runs):"
cat "$out/table.md"
cat "$out/pairs.txt"

ctf_dir="$out/m4096/scopeflow"; ctf_label="4096²"
if [ "$n4096" -eq 0 ]; then ctf_dir="$out/m1024/scopeflow"; ctf_label="1024²"; fi
echo
echo "CTF estimation on one core (taskset -c 0, -XX:ActiveProcessorCount=1), per $ctf_label aligned sum:"
taskset -c 0 env SCOPEFLOW_JAVA_OPTS="-XX:ActiveProcessorCount=1 ${SCOPEFLOW_JAVA_OPTS:-}" \
  "$sf" qc ctf "$ctf_dir"/*_aligned.mrc --out "$out/ctf" --json > "$out/ctf.json"
python3 - "$out/ctf.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
t = [x["elapsed_seconds"] for x in r]
steady = sorted(t[1:]) if len(t) > 1 else t
print(f"  first file (JIT warm-up) {t[0]:.3f} s; then median {steady[len(steady)//2]:.3f} s, max {max(steady):.3f} s over {len(steady)} files")
PY
# The pipeline starts one `scopeflow qc ctf` process per micrograph: the same on one core, a process per sum
# (the launcher's JVM options included), wall time of the whole command and the time inside it.
singles=()
for f in $(ls "$ctf_dir"/*_aligned.mrc | head -3); do
  t0=$(now)
  taskset -c 0 env SCOPEFLOW_JAVA_OPTS="-XX:ActiveProcessorCount=1 ${SCOPEFLOW_JAVA_OPTS:-}" \
    "$sf" qc ctf "$f" --out "$out/ctf-single" --json > "$out/ctf-single.json"
  t1=$(now)
  singles+=("$(python3 -c "import json; print(f'{$t1 - $t0:.2f} s ({json.load(open(\"$out/ctf-single.json\"))[\"results\"][0][\"elapsed_seconds\"]:.2f} s inside)')")")
done
echo "  one process per sum, as pipeline jobs run: $(IFS=';'; echo "${singles[*]}" | sed 's/;/, /g')"
