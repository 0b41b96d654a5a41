#!/usr/bin/env bash
# soak/run.sh: holds many busy WebSocket connections to the samples server for a long time and
# checks every echo. Not part of `mvn verify`; see soak/README.md.
#
#   soak/run.sh                     2,000 connections for 600 s (the issue-11 soak, ~12 min)
#   soak/run.sh -n 200 -d 60        a shorter one
#   soak/run.sh -n 10000 -r 2       the issue-16 soak: 10,000 connections for 600 s, 2 msg/s each
#
# Options: -n connections (2000), -d measured seconds (600), -s message bytes (512),
#          -k messages in flight per connection (1), -w warm-up seconds (10),
#          -r messages per second per connection (open loop, at most -k in flight; default 0:
#             closed loop, each connection sends its next message when the echo arrives).
# Environment: PERF_DIR (the shared harness, default ../shared/perf beside the repository),
#              JAVA (java), SERVER_OPTS (JVM options of the server, default -Xmx1g).
# Exit status: 0 when every connection came up, nothing was lost, out of order or malformed,
# no connection was closed by the server before the end, and every one closed with 1000.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
perf=${PERF_DIR:-$root/../shared/perf}
java=${JAVA:-java}
server_opts=${SERVER_OPTS:--Xmx1g}
conns=2000 duration=600 size=512 inflight=1 warmup=10 rate=0
while getopts "n:d:s:k:w:r:" opt; do
    case $opt in
        n) conns=$OPTARG ;;
        d) duration=$OPTARG ;;
        s) size=$OPTARG ;;
        k) inflight=$OPTARG ;;
        w) warmup=$OPTARG ;;
        r) rate=$OPTARG ;;
        *) sed -n '2,16p' "$0"; exit 2 ;;
    esac
done

work=$root/soak/target
mkdir -p "$work"
log() { printf '%s soak: %s\n' "$(date +%H:%M:%S)" "$*"; }

# The load generator of the shared harness: C, epoll, sequence-checked echo (its README).
if [[ ! -f $perf/loadgen.c ]]; then
    echo "soak: no $perf/loadgen.c; set PERF_DIR to the shared perf harness" >&2
    exit 2
fi
if [[ ! -x $work/loadgen || $perf/loadgen.c -nt $work/loadgen || $perf/wsproto.h -nt $work/loadgen ]]; then
    log "building loadgen"
    gcc -O2 -Wall -I"$perf" -o "$work/loadgen" "$perf/loadgen.c" -lpthread
fi

log "building the samples (log: soak/target/build.log)"
classpath=$("$root/samples/build-classpath.sh" "$work/build.log")

server_log=$work/server.log
# shellcheck disable=SC2086
"$java" $server_opts -Dhost=127.0.0.1 -cp "$classpath" dev.duplex.samples.SamplesServer 0 >"$server_log" 2>&1 &
server=$!
sampler=
cleanup() {
    [[ -n $sampler ]] && kill "$sampler" 2>/dev/null || true
    kill "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
}
trap cleanup EXIT

port=
for _ in $(seq 1 300); do
    port=$(sed -n 's|^Duplex samples at http://localhost:\([0-9]*\)/.*|\1|p' "$server_log")
    [[ -n $port ]] && break
    kill -0 "$server" 2>/dev/null || { cat "$server_log" >&2; exit 1; }
    sleep 0.1
done
[[ -n $port ]] || { echo "soak: the samples server did not start" >&2; exit 1; }
log "samples server pid $server on 127.0.0.1:$port; $conns connections, $size-byte text, $inflight in flight each, $( [[ $rate == 0 ]] && echo "closed loop" || echo "$rate msg/s each"), ${warmup}s + ${duration}s"

# Every minute: the server's threads and resident memory, from /proc, and its heap in use (jcmd; garbage
# included, as it stands between collections).
jcmd=$(dirname "$(readlink -f "$(command -v "$java")")")/jcmd
(
    while sleep 60; do
        threads=$(awk '/^Threads:/ {print $2}' "/proc/$server/status" 2>/dev/null) || break
        rss=$(awk '/^VmRSS:/ {print $2 " " $3}' "/proc/$server/status" 2>/dev/null) || break
        heap=$("$jcmd" "$server" GC.heap_info 2>/dev/null | sed -n 's/.*heap.*total \([0-9]*K\), used \([0-9]*K\).*/\2 of \1/p' | head -1)
        log "server threads $threads, RSS $rss, heap used ${heap:-?}"
    done
) &
sampler=$!

# -r only when asked: a loadgen.c from before the option still runs the closed loop.
rate_flag=()
[[ $rate == 0 ]] || rate_flag=(-r "$rate")
result=$("$work/loadgen" -m echo -H 127.0.0.1 -p "$port" -u /echo -n "$conns" -k "$inflight" "${rate_flag[@]}" -s "$size" \
    -w "$warmup" -d "$duration" -V -P "$server" | tee "$work/result.txt" | grep '^RESULT' || true)
[[ -n $result ]] || { echo "soak: the load generator printed no result" >&2; exit 1; }

field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$result"; }
connected=$(field connected) msgs=$(field msgs_total) lost=$(field lost) ooo=$(field out_of_order)
bad=$(field bad_msgs) proto=$(field proto_errors) closes=$(field unexpected_closes)
clean=$(field clean_closes) errors=$(field errors) late=$(field late_sends)
log "connected $connected/$conns, sent $((msgs + lost)), echoes checked $msgs ($(field msgs_per_s) msg/s measured)," \
    "lost $lost, out of order $ooo, bad $bad, protocol errors $proto, unexpected closes $closes," \
    "clean closes $clean/$conns; round trip p50 $(field p50_us) us, p99 $(field p99_us) us," \
    "max $(field max_us) us; server CPU $(field server_cpu_s) s; late sends ${late:-0} (rate mode: a tick found -k in flight)"
if [[ $connected == "$conns" && $errors == 0 && $lost == 0 && $ooo == 0 && $clean == "$conns" ]]; then
    log "PASSED"
else
    log "FAILED (server log: $server_log)"
    exit 1
fi
