#!/usr/bin/env bash
# benchmarks/idle-memory.sh [N]: what the samples server spends per idle connection, heap and resident
# memory, with permessage-deflate negotiated and without, N connections each (default 10,000).
# Each connection has echoed one 1 KiB text first, so with deflate both directions have compressed once.
# Heap: live bytes after a full GC (jcmd GC.class_histogram), with N connections open minus after a
# 10-connection warm-up; resident: VmRSS the same way (the heap is pre-touched, so this is the native
# growth: zlib's state lives there). Not part of `mvn verify`; see benchmarks/README.md.
# MODES=plain measures one of the two. Each run also writes a table of the heap per connection by class.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
n=${1:-10000}
java=${JAVA:-java}
work=$root/benchmarks/target/idle-memory
mkdir -p "$work"
jcmd=$(dirname "$(readlink -f "$(command -v "$java")")")/jcmd
log() { printf '%s idle-memory: %s\n' "$(date +%H:%M:%S)" "$*"; }

log "building (log: benchmarks/target/idle-memory/build.log)"
classpath=$("$root/samples/build-classpath.sh" "$work/build.log")
(cd "$root" && mvn -B -q -pl benchmarks -am package -DskipTests) >>"$work/build.log" 2>&1
clients=$root/benchmarks/target/benchmarks.jar

# Live heap bytes after a full GC; the whole histogram is kept in $work/histogram-$2.txt.
heap() { timeout 120 "$jcmd" "$1" GC.class_histogram >"$work/histogram-$2.txt"; awk '$1 == "Total" { print $3 }' "$work/histogram-$2.txt"; }
# The classes whose instances grew most per connection between two histograms: bytes and instances per connection.
per_connection() {
    python3 - "$1" "$2" "$n" <<'PY'
import re, sys
def read(path):
    rows = {}
    for line in open(path):
        m = re.match(r"\s*\d+:\s+(\d+)\s+(\d+)\s+(\S+)", line)
        if m:
            rows[m.group(3)] = (int(m.group(1)), int(m.group(2)))
    return rows
before, after, n = read(sys.argv[1]), read(sys.argv[2]), int(sys.argv[3])
grown = []
for name, (count, size) in after.items():
    c0, s0 = before.get(name, (0, 0))
    grown.append(((size - s0) / n, (count - c0) / n, name))
grown.sort(reverse=True)
total = sum(g[0] for g in grown)
print(f"| class | B/conn | instances/conn |\n|---|---:|---:|")
for size, count, name in grown:
    if size < 16:
        break
    print(f"| `{name}` | {size:,.0f} | {count:.2f} |")
print(f"| all classes | {total:,.0f} | |")
PY
}
rss() { awk '/^VmRSS:/ { print $2 * 1024 }' "/proc/$1/status"; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

server=
cleanup() { [[ -n $server ]] && kill "$server" 2>/dev/null || true; exec 3>&- 2>/dev/null || true; }
trap cleanup EXIT

measure() {
    local mode=$1 port
    port=$(free_port)
    "$java" -Xms1g -Xmx1g -XX:+AlwaysPreTouch -Dhost=127.0.0.1 -cp "$classpath" dev.duplex.samples.SamplesServer \
        "$port" >"$work/server-$mode.log" 2>&1 &
    server=$!
    for _ in $(seq 1 300); do grep -q "Duplex samples at" "$work/server-$mode.log" && break; sleep 0.1; done
    local url=ws://127.0.0.1:$port/echo
    # Warm-up: classes and pools of a first few connections count in the baseline, not per connection.
    echo | "$java" -cp "$clients" dev.duplex.benchmarks.IdleClients "$url" 10 "$mode" >/dev/null
    local heap0 rss0 heap1 rss1
    heap0=$(heap "$server" "$mode-before"); rss0=$(rss "$server")
    rm -f "$work/hold"; mkfifo "$work/hold"
    "$java" -Xmx2g -cp "$clients" dev.duplex.benchmarks.IdleClients "$url" "$n" "$mode" \
        <"$work/hold" >"$work/clients-$mode.log" 2>&1 &
    local client=$!
    exec 3>"$work/hold"
    until grep -q READY "$work/clients-$mode.log"; do
        kill -0 "$client" 2>/dev/null || { cat "$work/clients-$mode.log" >&2; exit 1; }
        sleep 1
    done
    heap1=$(heap "$server" "$mode-open"); rss1=$(rss "$server")
    exec 3>&-
    wait "$client" || true
    kill "$server"; wait "$server" 2>/dev/null || true; server=
    log "$mode: $n connections: heap $(( (heap1 - heap0) / n )) B/conn, resident $(( (rss1 - rss0) / n )) B/conn" \
        "(heap $heap0 -> $heap1, RSS $rss0 -> $rss1)"
    per_connection "$work/histogram-$mode-before.txt" "$work/histogram-$mode-open.txt" >"$work/per-connection-$mode.md"
    log "$mode: heap per connection by class (at least 16 B) in benchmarks/target/idle-memory/per-connection-$mode.md"
}

modes=${MODES:-plain deflate}
for mode in $modes; do measure "$mode"; done
