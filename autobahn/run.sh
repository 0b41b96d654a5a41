#!/usr/bin/env bash
# autobahn/run.sh: the Autobahn|Testsuite against Duplex, server and client. Not part of `mvn verify`;
# see autobahn/README.md.
#
#   autobahn/run.sh            both: fuzzingclient against the samples server's /echo, then the Duplex
#                              client (dev.duplex.samples.autobahn.AutobahnClient) against fuzzingserver
#   autobahn/run.sh server     only the server side
#   autobahn/run.sh client     only the client side
#   CASES='["1.*","12.1.*"]' autobahn/run.sh server     a subset of the cases
#
# Prints, per side, how many cases ended OK, NON-STRICT, INFORMATIONAL, UNIMPLEMENTED and FAILED, and
# exits non-zero when any case is FAILED, NON-STRICT or UNIMPLEMENTED. Reports: autobahn/target/reports/.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work=$root/autobahn/target
sides=${1:-both}
cases=${CASES:-'["*"]'}
java=${JAVA:-java}
mkdir -p "$work"
log() { printf '%s autobahn: %s\n' "$(date +%H:%M:%S)" "$*"; }

if ! command -v wstest >/dev/null 2>&1; then
    cat >&2 <<'MSG'
autobahn: wstest is not installed, so the Autobahn|Testsuite cannot run.
It is Python 2.7 and on no package registry reachable here; ../shared/autobahn/install-wstest.sh builds
it from public sources (its header lists the repositories to fetch first). Then run this again.
MSG
    exit 2
fi

log "building the samples (log: autobahn/target/build.log)"
classpath=$("$root/samples/build-classpath.sh" "$work/build.log")
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# Counts the behaviours in a report index: OK, NON-STRICT, INFORMATIONAL, UNIMPLEMENTED, FAILED.
summarize() {
    python3 - "$1" "$2" <<'PY'
import json, sys, collections
index, side = sys.argv[1], sys.argv[2]
results = json.load(open(index))
for agent, per_case in results.items():
    counts = collections.Counter(r["behavior"] for r in per_case.values())
    bad = sorted(c for c, r in per_case.items() if r["behavior"] in ("FAILED", "NON-STRICT", "UNIMPLEMENTED"))
    print("%s (%s): %d cases: %s" % (side, agent, len(per_case),
          ", ".join("%s %d" % (b, counts.get(b, 0)) for b in ("OK", "NON-STRICT", "INFORMATIONAL", "UNIMPLEMENTED", "FAILED"))))
    if bad:
        print("  not OK: " + " ".join(bad[:60]) + (" ..." if len(bad) > 60 else ""))
    sys.exit(1 if bad else 0)
PY
}

status=0
if [[ $sides == both || $sides == server ]]; then
    port=$(free_port)
    "$java" -Xmx1g -Dhost=127.0.0.1 -cp "$classpath" dev.duplex.samples.SamplesServer "$port" >"$work/server.log" 2>&1 &
    pids+=($!)
    for _ in $(seq 1 300); do grep -q "Duplex samples at" "$work/server.log" && break; sleep 0.1; done
    cat >"$work/fuzzingclient.json" <<JSON
{"options": {"failByDrop": false}, "outdir": "$work/reports/server",
 "servers": [{"agent": "Duplex", "url": "ws://127.0.0.1:$port/echo"}],
 "cases": $cases, "exclude-cases": [], "exclude-agent-cases": {}}
JSON
    log "fuzzingclient against the samples server on 127.0.0.1:$port (log: autobahn/target/fuzzingclient.log)"
    (cd "$work" && wstest -m fuzzingclient -s fuzzingclient.json >fuzzingclient.log 2>&1)
    summarize "$work/reports/server/index.json" server || status=1
fi
if [[ $sides == both || $sides == client ]]; then
    port=$(free_port)
    cat >"$work/fuzzingserver.json" <<JSON
{"url": "ws://127.0.0.1:$port", "outdir": "$work/reports/client",
 "cases": $cases, "exclude-cases": [], "exclude-agent-cases": {}}
JSON
    # --webport 0: no report web server on 8080, so runs side by side do not clash; exec: the pid is
    # wstest's own, for the cleanup to stop it.
    (cd "$work" && exec wstest -m fuzzingserver -s fuzzingserver.json --webport 0 >fuzzingserver.log 2>&1) &
    pids+=($!)
    for _ in $(seq 1 300); do
        python3 -c "import socket; socket.create_connection(('127.0.0.1', $port), 1)" 2>/dev/null && break
        sleep 0.2
    done
    log "the Duplex client against fuzzingserver on 127.0.0.1:$port (log: autobahn/target/client.log)"
    "$java" -Xmx1g -cp "$classpath" dev.duplex.samples.autobahn.AutobahnClient "ws://127.0.0.1:$port" Duplex \
        >"$work/client.log" 2>&1
    summarize "$work/reports/client/index.json" client || status=1
fi
exit $status
