#!/usr/bin/env bash
# samples/build-classpath.sh LOG: builds the samples and what they need, and prints the class path that
# runs them (SamplesServer, autobahn.AutobahnClient) with plain `java -cp`. The build's output goes to
# LOG; on failure its end is shown and the status is 1. Used by soak/run.sh and autobahn/run.sh.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
log=${1:?usage: samples/build-classpath.sh LOG}
list=$(mktemp)
trap 'rm -f "$list"' EXIT
# One reactor build, so that Duplex's own modules come from this tree (their target/ jars), never from
# whatever an earlier `mvn install` left in the local repository. Each module writes the list in turn;
# samples comes last in the reactor's order, so the list left is its own.
if ! (cd "$root" && mvn -B -pl samples -am package dependency:build-classpath -DskipTests \
      -Dmdep.includeScope=compile -Dmdep.outputFile="$list") >"$log" 2>&1; then
    tail -40 "$log" >&2
    echo "building the samples failed (log: $log)" >&2
    exit 1
fi
echo "$root/samples/target/classes:$(cat "$list")"
