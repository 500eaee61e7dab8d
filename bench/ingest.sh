#!/usr/bin/env bash
# Ingest benchmark (issue 3). Everything is measured in this run, on the same disk, next to its peer:
#  (a) 4 x 1 GiB: scopeflow ingest (verified from storage) and --verify none, vs rsync -a + sync,
#      cp + sync + sha256sum, and the dd limit for a copy verified from storage (direct write + direct read)
#      -- once with a cold source (read from this same disk), once with the source in the page cache;
#      then PAIRS (3) back-to-back pairs of hot verified copy and hot dd limit, and the median ratio
#  (b) 20,000 x 64 KiB: files/s of rsync -a + sync (the peer) and, verified and catalogued (parallel 8, 96 MiB heap),
#      of a fresh `scopeflow agent --once` process (JVM start and JIT warm-up included) and of a running agent
#      (its normal mode) as a first and then a second 20,000-file session is moved into its watched folder;
#      peak RSS and CPU seconds (user + system) of each; and `scopeflow ingest` on the same files; and the
#      floor of any verified copy here (bench/SmallFileFloor.java: copy, one sync, O_DIRECT re-read, nothing else)
#  (c) last write -> catalogued latency with quiet_seconds 2 (20 files, median and max)
# Usage: [ONLY=abc] bench/ingest.sh [WORK_DIR]   (default /work/bench-ingest; needs ~12 GiB free; run as root to drop caches)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
work="${1:-/work/bench-ingest}"
only="${ONLY:-abc}"   # ONLY=a (or b, c, ab…) runs some sections
command -v rsync >/dev/null || { echo "rsync is missing: apt-get install -y rsync (scripts/install-deps.sh)" >&2; exit 2; }
"$here/bin/scopeflow" --version >/dev/null   # builds the jar when missing or older than the sources
# Scopeflow runs through bin/scopeflow: the JVM options a user gets (per command), plus the heap size given here.
sf() { SCOPEFLOW_JAVA_OPTS="-Xmx1g" "$here/bin/scopeflow" "$@"; }
rm -rf "$work"; mkdir -p "$work"
trap 'kill $(jobs -p) 2>/dev/null || true' EXIT   # no agent left running when the script stops early
drop() { sync; if [ -w /proc/sys/vm/drop_caches ]; then echo 3 > /proc/sys/vm/drop_caches; fi; }
now() { date +%s.%N; }
rate() { python3 -c "import sys; print(f'{float(sys.argv[1])/(float(sys.argv[3])-float(sys.argv[2])):.1f}')" "$@"; }
results=()
ratio() { python3 -c "import sys; print(f'{float(sys.argv[1])/float(sys.argv[2]):.2f}x')" "$@"; }
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
# The disk of a shared VM is noisy: the target row (hot, verified vs its dd limit) again as PAIRS
# back-to-back pairs, each ratio from one pair, and their median.
pairs="${PAIRS:-3}"; ratios=()
for ((p = 1; p <= pairs; p++)); do
  drop; cat "$work"/big/* > /dev/null
  t0=$(now); sf ingest "$work/big" "$work/a1" --parallel 4 >/dev/null; t1=$(now); v=$(rate $mib $t0 $t1); rm -rf "$work/a1"
  drop; d=$(python3 -c "print(f'{$mib / $(ddlimit hot):.1f}')")
  ratios+=("$(ratio "$v" "$d")"); echo "  pair $p: verified $v MiB/s, dd limit $d MiB/s"
done
median=$(printf '%s\n' "${ratios[@]}" | tr -d x | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
row "[hot] verified / dd limit, $pairs pairs: ${ratios[*]}" "${median}x" "median"
rm -f "$work"/dd_* ; rm -rf "$work/big"

fi

if [[ $only == *b* ]]; then
echo "== (b) 20,000 x 64 KiB"
python3 - "$work/small/stage" <<'PY'
import os, sys, random
root = sys.argv[1]; r = random.Random(7); blob = os.urandom(65536 + 20000)
for s in ("session1", "session2"):
    for i in range(20000):
        sub = os.path.join(root, s, f"sq{i % 100:03d}")
        os.makedirs(sub, exist_ok=True)
        o = r.randrange(20000)
        with open(os.path.join(sub, f"f{i:05d}.tiff"), "wb") as f: f.write(blob[o:o + 65536])
PY
mkdir -p "$work/small/src" "$work/small/store/krios1" "$work/small/cat"
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
# The agent runs through bin/scopeflow, i.e. with the JVM options a user gets, plus a 96 MiB heap.
# (exec: started with &, $! is then the agent's JVM itself, whose memory and CPU are read from /proc)
agent() { SCOPEFLOW_JAVA_OPTS="-Xmx96m" exec "$here/bin/scopeflow" agent --config "$work/small/agent.yaml" "$@"; }
reset_small() { rm -rf "$work/small/state" "$work/small/store/krios1" "$work/small/cat"; mkdir -p "$work/small/store/krios1" "$work/small/cat"; }
# waits for agent process $1 to have catalogued $2 files; prints nothing
catalogued() {
  python3 - "$work/small/cat/catalog.jsonl" "$1" "$2" <<'PY'
import os, sys, time
cat, pid, want = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]); off = n = 0
while n < want:
    if not os.path.exists(f"/proc/{pid}"): sys.exit(f"the agent stopped after cataloguing {n} of {want} files")
    if os.path.exists(cat):
        with open(cat, "rb") as f:
            f.seek(off); b = f.read(); k = b.rfind(b"\n") + 1
            n += b[:k].count(b'"type":"file"'); off += k
    time.sleep(0.02)
PY
}
peak_rss() { awk '/VmHWM/{print int($2 / 1024)}' "/proc/$1/status"; }
cpu_s() { awk -v hz="$(getconf CLK_TCK)" '{printf "%.1f", ($14 + $15) / hz}' "/proc/$1/stat"; }

# 1. a fresh agent process, --once over the first session (JVM start and JIT warm-up included)
mv "$work/small/stage/session1" "$work/small/src/"
drop; t0=$(now)
agent --once 2>"$work/small/agent-once.log" &
pid=$!; peak=0; ticks=0
while kill -0 $pid 2>/dev/null; do
  r=$(awk '/VmHWM/{print $2}' /proc/$pid/status 2>/dev/null || echo 0); [ "${r:-0}" -gt "$peak" ] && peak=$r
  t=$(awk '{print $14 + $15}' /proc/$pid/stat 2>/dev/null || echo 0); [ "${t:-0}" -gt "$ticks" ] && ticks=$t; sleep 0.1
done
wait $pid; t1=$(now)
n=$(grep -c '"type":"file"' "$work/small/cat/catalog.jsonl")
[ "$n" -eq 20000 ] || { echo "agent catalogued $n of 20000 files" >&2; exit 1; }
once_rate=$(rate 20000 $t0 $t1); once_peak=$((peak / 1024)); once_cpu=$(python3 -c "print(f'{$ticks / $(getconf CLK_TCK):.1f}')")

# 2. the peer, on the same 20,000 files
drop; t0=$(now); cpu0=$(awk '{print $16 + $17}' /proc/$$/stat)
rsync -a "$work/small/src/" "$work/small/b3/"; sync; t1=$(now); cpu1=$(awk '{print $16 + $17}' /proc/$$/stat)
rsync_rate=$(rate 20000 $t0 $t1); rsync_cpu=$(python3 -c "print(f'{($cpu1 - $cpu0) / $(getconf CLK_TCK):.1f}')")
rm -rf "$work/small/b3"

# 2b. the floor of any copy verified from storage, same files, same disk (bench/SmallFileFloor.java): read and
#     write each file (8 threads), one sync -f, then an O_DIRECT read-back of each; no hash, rename, journal or catalog
javac -d "$work/floor" "$here/bench/SmallFileFloor.java"
drop; floor=$(java -cp "$work/floor" SmallFileFloor "$work/small/src" "$work/small/b4" 8)
floor_copy=$(awk '/^copy\+sync/{print $2}' <<<"$floor"); floor_reread=$(awk '/^reread/{print $2}' <<<"$floor")
floor_none=$(python3 -c "print(f'{20000 / $floor_copy:.1f}')")
floor_verified=$(python3 -c "print(f'{20000 / ($floor_copy + $floor_reread):.1f}')")
# even with copy and re-read overlapped perfectly, the machine's busy CPU seconds of both phases must fit on its cores
floor_busy=$(awk '/^busy-/{s += $2} END {print s}' <<<"$floor"); floor_cores=$(awk '/^cores/{print $2}' <<<"$floor")
floor_cpu_bound=$(python3 -c "print(f'{20000 * $floor_cores / $floor_busy:.1f}')")
rm -rf "$work/small/b4"

# 3. a running agent (its normal mode): session1 lands in the watched folder (first after start), then
#    session2 (an agent that has already worked); each timed from the move into the folder to its 20,000th catalog record
reset_small; mv "$work/small/src/session1" "$work/small/stage/"
agent 2>"$work/small/agent-run.log" &
pid=$!
sleep 3
drop; t0=$(now); mv "$work/small/stage/session1" "$work/small/src/"; catalogued $pid 20000; t1=$(now)
first_rate=$(rate 20000 $t0 $t1)
drop; t0=$(now); mv "$work/small/stage/session2" "$work/small/src/"; catalogued $pid 40000; t1=$(now)
warm_rate=$(rate 20000 $t0 $t1); run_peak=$(peak_rss $pid); run_cpu=$(cpu_s $pid)
kill -TERM $pid; wait $pid || true

drop; t0=$(now); sf ingest "$work/small/src/session1" "$work/small/b2" --parallel 8 >/dev/null; t1=$(now)
ingest_rate=$(rate 20000 $t0 $t1)

row "rsync -a + sync" "$rsync_rate" "files/s  (CPU $rsync_cpu s)"
row "floor: copy + one sync (SmallFileFloor)" "$floor_none" "files/s  $(ratio "$floor_none" "$rsync_rate") of rsync + sync: no hash, rename, journal, catalog"
row "floor: copy + sync + O_DIRECT re-read" "$floor_verified" "files/s  $(ratio "$floor_verified" "$rsync_rate") of rsync + sync, phases one after the other"
row "floor: same work, phases overlapped (CPU bound)" "$floor_cpu_bound" "files/s  $(ratio "$floor_cpu_bound" "$rsync_rate") of rsync + sync: $floor_busy CPU s busy on $floor_cores cores"
row "scopeflow agent --once, fresh process" "$once_rate" "files/s  $(ratio "$once_rate" "$rsync_rate") of rsync + sync (CPU $once_cpu s, peak RSS $once_peak MiB)"
row "running agent, first session after start" "$first_rate" "files/s  $(ratio "$first_rate" "$rsync_rate") of rsync + sync"
row "running agent, next session" "$warm_rate" "files/s  $(ratio "$warm_rate" "$rsync_rate") of rsync + sync"
row "  running agent, both sessions" "$run_peak" "MiB peak RSS (CPU $run_cpu s)"
row "scopeflow ingest (verify reread)" "$ingest_rate" "files/s  $(ratio "$ingest_rate" "$rsync_rate") of rsync + sync"
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
SCOPEFLOW_JAVA_OPTS="-Xmx512m" "$here/bin/scopeflow" agent --config "$work/lat/agent.yaml" 2>"$work/lat/agent.log" &
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
