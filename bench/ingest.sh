#!/usr/bin/env bash
# Ingest benchmark (issue 3). Everything is measured in this run, on the same disk, next to its peer:
#  (a) 4 x 1 GiB: scopeflow ingest (verified from storage) and --verify none, vs rsync -a + sync,
#      cp + sync + sha256sum, and the dd limit for a copy verified from storage (direct write + direct read)
#      -- once with a cold source (read from this same disk), once with the source in the page cache
#  (b) 20,000 x 64 KiB: scopeflow agent --once (verified, catalogued; parallel 8, -Xmx96m -XX:+UseSerialGC) files/s vs
#      rsync -a + sync; agent peak RSS; CPU seconds (user + system) of both: on a shared 2-core machine the
#      agent's wall time follows the CPU it gets (about a quarter of its CPU is the JIT compiling during the run)
#  (c) last write -> catalogued latency with quiet_seconds 2 (20 files, median and max)
# Usage: [ONLY=abc] bench/ingest.sh [WORK_DIR]   (default /work/bench-ingest; needs ~12 GiB free; run as root to drop caches)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
work="${1:-/work/bench-ingest}"
only="${ONLY:-abc}"   # ONLY=a (or b, c, ab…) runs some sections
jar="$here/app/target/scopeflow.jar"
command -v rsync >/dev/null || { echo "rsync is missing: apt-get install -y rsync (scripts/install-deps.sh)" >&2; exit 2; }
"$here/bin/scopeflow" --version >/dev/null   # builds the jar when missing or older than the sources
sf() { java -Xmx1g -jar "$jar" "$@"; }
rm -rf "$work"; mkdir -p "$work"
drop() { sync; if [ -w /proc/sys/vm/drop_caches ]; then echo 3 > /proc/sys/vm/drop_caches; fi; }
now() { date +%s.%N; }
rate() { python3 -c "import sys; print(f'{float(sys.argv[1])/(float(sys.argv[3])-float(sys.argv[2])):.1f}')" "$@"; }
results=()
row() { results+=("$(printf '%-52s %12s %s' "$1" "$2" "$3")"); printf '%-52s %12s %s\n' "$1" "$2" "$3"; }

if [[ $only == *a* ]]; then
echo "== (a) 4 x 1 GiB on $(df --output=source "$work" | tail -1)"
mkdir -p "$work/big"
for i in 1 2 3 4; do head -c 1073741824 /dev/urandom > "$work/big/movie_$i.tiff"; done
bytes=$((4 * 1073741824))
mib=$((bytes / 1048576))

# Two source states, each with its own physical limit measured by dd in this run:
#  cold: page cache dropped, so the source is read from the same disk the copy writes to: a verified copy
#        moves the bytes three times (source read, write, read-back) and its limit is dd reading the source,
#        writing, reading back (all direct);
#  hot:  the source still in the page cache, as right after the instrument wrote it (live ingest); the disk
#        moves the bytes twice (write, read-back): the limit is dd writing then reading back (direct).
ddlimit() { # ddlimit cold|hot -> seconds for the disk work of a verified 4 GiB copy
  local t0 t1
  t0=$(now)
  if [ "$1" = cold ]; then for i in 1 2 3 4; do dd if="$work/big/movie_$i.tiff" of=/dev/null bs=8M iflag=direct status=none; done; fi
  for i in 1 2 3 4; do dd if=/dev/zero of="$work/dd_$i" bs=8M count=128 oflag=direct status=none; done
  for i in 1 2 3 4; do dd if="$work/dd_$i" of=/dev/null bs=8M iflag=direct status=none; done
  t1=$(now); rm -f "$work"/dd_*; python3 -c "print($t1 - $t0)"
}
ratio() { python3 -c "import sys; print(f'{float(sys.argv[1])/float(sys.argv[2]):.2f}x')" "$@"; }
for state in cold hot; do
  prep() { drop; if [ "$state" = hot ]; then cat "$work"/big/* > /dev/null; fi; }
  prep; t0=$(now); sf ingest "$work/big" "$work/a1" --parallel 4 >/dev/null; t1=$(now); verified=$(rate $mib $t0 $t1)
  rm -rf "$work/a1"
  prep; t0=$(now); sf ingest "$work/big" "$work/a2" --parallel 4 --verify none >/dev/null; sync; t1=$(now); none=$(rate $mib $t0 $t1)
  rm -rf "$work/a2"
  prep; t0=$(now); rsync -a "$work/big/" "$work/a3/"; sync; t1=$(now); rsync_rate=$(rate $mib $t0 $t1)
  rm -rf "$work/a3"
  prep; t0=$(now); cp -a "$work/big" "$work/a4"; sync; sha256sum "$work"/a4/* >/dev/null; t1=$(now); cp_rate=$(rate $mib $t0 $t1)
  rm -rf "$work/a4"
  prep; dd_s=$(ddlimit "$state"); dd_rate=$(python3 -c "print(f'{$mib / $dd_s:.1f}')")
  echo "-- source $state"
  row "[$state] scopeflow ingest (verify reread, xxh3-128)" "$verified" "MiB/s  $(ratio "$verified" "$dd_rate") of the $state dd limit"
  if [ "$state" = cold ]; then
    prep; dd2_s=$(ddlimit hot); dd2_rate=$(python3 -c "print(f'{$mib / $dd2_s:.1f}')")
    row "[$state]   same, against write + read-back only" "$verified" "MiB/s  $(ratio "$verified" "$dd2_rate") of $dd2_rate (dd, no source read)"
  fi
  row "[$state] scopeflow ingest --verify none" "$none" "MiB/s  $(ratio "$none" "$rsync_rate") of rsync + sync"
  row "[$state] rsync -a + sync" "$rsync_rate" "MiB/s"
  row "[$state] cp + sync + sha256sum" "$cp_rate" "MiB/s"
  if [ "$state" = cold ]; then
    row "[$state] dd limit: direct read src + write + read back" "$dd_rate" "MiB/s"
  else
    row "[$state] dd limit: direct write + direct read back" "$dd_rate" "MiB/s"
  fi
done
rm -f "$work"/dd_* ; rm -rf "$work/big"

fi

if [[ $only == *b* ]]; then
echo "== (b) 20,000 x 64 KiB"
mkdir -p "$work/small/src/session1"
python3 - "$work/small/src/session1" <<'PY'
import os, sys, random
d = sys.argv[1]; r = random.Random(7); blob = os.urandom(65536 + 20000)
for i in range(20000):
    sub = os.path.join(d, f"sq{i % 100:03d}")
    os.makedirs(sub, exist_ok=True)
    o = r.randrange(20000)
    with open(os.path.join(sub, f"f{i:05d}.tiff"), "wb") as f: f.write(blob[o:o + 65536])
PY
mkdir -p "$work/small/store/krios1" "$work/small/cat"
cat > "$work/small/agent.yaml" <<YAML
state_dir: $work/small/state
catalog: {jsonl_file: $work/small/cat/catalog.jsonl}
watches:
  - name: krios1
    source: $work/small/src
    destination: "$work/small/store/krios1/{path}"
    session_pattern: '^(?<session>[^/]+)/'
    complete: {quiet_seconds: 0}
    parallel: 8
YAML
drop; t0=$(now)
java -Xmx96m -XX:+UseSerialGC -jar "$jar" agent --config "$work/small/agent.yaml" --once 2>"$work/small/agent.log" &
pid=$!; peak=0; ticks=0
while kill -0 $pid 2>/dev/null; do
  r=$(awk '/VmRSS/{print $2}' /proc/$pid/status 2>/dev/null || echo 0); [ "${r:-0}" -gt "$peak" ] && peak=$r
  t=$(awk '{print $14 + $15}' /proc/$pid/stat 2>/dev/null || echo 0); [ "${t:-0}" -gt "$ticks" ] && ticks=$t; sleep 0.2
done
wait $pid; t1=$(now)
n=$(grep -c '"type":"file"' "$work/small/cat/catalog.jsonl")
[ "$n" -eq 20000 ] || { echo "agent catalogued $n of 20000 files" >&2; exit 1; }
row "scopeflow agent --once (verified + catalogued)" "$(rate 20000 $t0 $t1)" "files/s"
row "  agent peak resident memory" "$((peak / 1024))" "MiB"
row "  agent CPU (user + system, until its last 0.2 s)" "$(python3 -c "print(f'{$ticks / $(getconf CLK_TCK):.1f}')")" "s"
drop; t0=$(now); sf ingest "$work/small/src" "$work/small/b2" --parallel 8 >/dev/null; t1=$(now)
row "scopeflow ingest (verify reread)" "$(rate 20000 $t0 $t1)" "files/s"
drop; t0=$(now); cpu0=$(awk '{print $16 + $17}' /proc/$$/stat)
rsync -a "$work/small/src/" "$work/small/b3/"; sync; t1=$(now); cpu1=$(awk '{print $16 + $17}' /proc/$$/stat)
row "rsync -a + sync" "$(rate 20000 $t0 $t1)" "files/s"
row "  rsync CPU (user + system)" "$(python3 -c "print(f'{($cpu1 - $cpu0) / $(getconf CLK_TCK):.1f}')")" "s"
rm -rf "$work/small"

fi

if [[ $only == *c* ]]; then
echo "== (c) last write -> catalogued, quiet_seconds 2"
mkdir -p "$work/lat/src/s1" "$work/lat/store/krios1" "$work/lat/cat"
cat > "$work/lat/agent.yaml" <<YAML
state_dir: $work/lat/state
catalog: {jsonl_file: $work/lat/cat/catalog.jsonl}
watches:
  - name: krios1
    source: $work/lat/src
    destination: "$work/lat/store/krios1/{path}"
    complete: {quiet_seconds: 2}
YAML
java -Xmx512m -jar "$jar" agent --config "$work/lat/agent.yaml" 2>"$work/lat/agent.log" &
pid=$!
sleep 3
python3 - "$work/lat" <<'PY' | tee "$work/lat/result"
import os, sys, time, statistics
d = sys.argv[1]; cat = os.path.join(d, "cat/catalog.jsonl"); lat = []
for i in range(20):
    p = os.path.join(d, "src/s1", f"m{i}.tiff")
    with open(p, "wb") as f:
        for _ in range(4): f.write(os.urandom(262144)); f.flush(); time.sleep(0.05)
    last = time.time(); key = f'"relative_path":"s1/m{i}.tiff"'
    while True:
        if os.path.exists(cat) and key in open(cat).read(): break
        time.sleep(0.01)
    lat.append(time.time() - last)
print(f"{statistics.median(lat):.2f} {max(lat):.2f}")
PY
kill -TERM $pid; wait $pid || true
read med mx < "$work/lat/result"
row "latency last write -> catalogued, median (quiet 2 s)" "$med" "s"
row "latency last write -> catalogued, max" "$mx" "s"
fi
rm -rf "$work"

echo; echo "== summary"; printf '%s\n' "${results[@]}"
