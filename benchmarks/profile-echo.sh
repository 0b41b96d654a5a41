#!/usr/bin/env bash
# benchmarks/profile-echo.sh [SECONDS]: where the samples server spends its CPU and how much it allocates
# per echoed message, under the shared harness's small-message load (100 connections, 8 messages in flight
# each, 64-byte text; 5 s warm-up, then SECONDS measured, default 15). The server runs with Java Flight
# Recorder (built into the JDK); the script prints the 25 frames most often on CPU (self time), the 25
# methods most often on the stack (total time), and heap bytes allocated per echoed message (JFR's
# allocation samples over the measured window, divided by the loadgen's echo count). Needs gcc and the
# shared harness (../shared/perf, or PERF_DIR). Not part of `mvn verify`; see benchmarks/README.md.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
seconds=${1:-15}
perf=${PERF_DIR:-$root/../shared/perf}
java=${JAVA:-java}
work=$root/benchmarks/target/profile-echo
mkdir -p "$work"
bin=$(dirname "$(readlink -f "$(command -v "$java")")")
log() { printf '%s profile-echo: %s\n' "$(date +%H:%M:%S)" "$*"; }

[[ -f $perf/loadgen.c ]] || { echo "profile-echo: no $perf/loadgen.c; set PERF_DIR to the shared perf harness" >&2; exit 2; }
if [[ ! -x $work/loadgen || $perf/loadgen.c -nt $work/loadgen ]]; then
    gcc -O2 -Wall -I"$perf" -o "$work/loadgen" "$perf/loadgen.c" -lpthread
fi
log "building (log: benchmarks/target/profile-echo/build.log)"
classpath=$("$root/samples/build-classpath.sh" "$work/build.log")
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')

"$java" -Xms1g -Xmx1g -XX:+AlwaysPreTouch -Dhost=127.0.0.1 -cp "$classpath" dev.duplex.samples.SamplesServer \
    "$port" >"$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 300); do grep -q "Duplex samples at" "$work/server.log" && break; sleep 0.1; done

# The warm-up runs without the recorder, so that the recording holds the measured window only.
"$work/loadgen" -m echo -p "$port" -u /echo -n 100 -k 8 -s 64 -w 0 -d 5 >/dev/null
# JFR's profile settings, with Java execution sampled every millisecond instead of every 10.
sed 's|<setting name="period" control="method-sampling-java-interval">[^<]*</setting>|<setting name="period">1 ms</setting>|' \
    "$bin/../lib/jfr/profile.jfc" >"$work/profile-1ms.jfc"
"$bin/jcmd" "$server" JFR.start name=echo settings="$work/profile-1ms.jfc" filename="$work/echo.jfr" >/dev/null
"$work/loadgen" -m echo -p "$port" -u /echo -n 100 -k 8 -s 64 -w 0 -d "$seconds" -P "$server" >"$work/loadgen.out"
"$bin/jcmd" "$server" JFR.stop name=echo >/dev/null
result=$(grep '^RESULT' "$work/loadgen.out" | head -1)
log "loadgen: $result"

"$bin/jfr" print --events jdk.ExecutionSample --stack-depth 64 "$work/echo.jfr" >"$work/samples.txt"
"$bin/jfr" print --events jdk.ObjectAllocationSample --stack-depth 8 "$work/echo.jfr" >"$work/allocations.txt"
python3 - "$work/samples.txt" "$work/allocations.txt" "$result" <<'PY'
import collections, re, sys
samples_path, allocations_path, result = sys.argv[1:4]
frame = re.compile(r"^\s+([\w.$/<>\[\]]+)\(.*line:")
self_time, total_time, stacks = collections.Counter(), collections.Counter(), 0
current = []
def flush():
    global stacks
    if current:
        stacks += 1
        self_time[current[0]] += 1
        for method in set(current):
            total_time[method] += 1
for line in open(samples_path):
    if line.startswith("jdk.ExecutionSample"):
        flush(); current = []
    else:
        m = frame.match(line)
        if m:
            current.append(m.group(1))
flush()
print(f"\n{stacks} CPU samples; self time (the frame on CPU):")
for method, count in self_time.most_common(25):
    print(f"  {100 * count / stacks:5.1f} %  {method}")
print("\ntotal time (the method anywhere on the stack):")
for method, count in total_time.most_common(25):
    print(f"  {100 * count / stacks:5.1f} %  {method}")
weight, by_class = 0, collections.Counter()
klass = None
for line in open(allocations_path):
    m = re.match(r"\s+objectClass = (\S+)", line)
    if m:
        klass = m.group(1)
    m = re.match(r"\s+weight = ([\d.]+) (bytes|kB|MB|GB)", line)
    if m:
        size = float(m.group(1)) * {"bytes": 1, "kB": 1024, "MB": 1024 ** 2, "GB": 1024 ** 3}[m.group(2)]
        weight += size
        by_class[klass] += size
echoes = int(re.search(r"\bmsgs=(\d+)", result).group(1)) if re.search(r"\bmsgs=(\d+)", result) else 0
if echoes:
    print(f"\nallocated: {weight / echoes:,.0f} B per echoed message ({weight / 2**20:,.0f} MiB over {echoes:,} echoes); by class:")
    for name, size in by_class.most_common(15):
        print(f"  {size / echoes:8,.0f} B  {name}")
PY
