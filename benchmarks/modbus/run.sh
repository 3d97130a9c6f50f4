#!/usr/bin/env bash
# Modbus TCP benchmark: all 65,536 holding registers of a j2mod slave on 127.0.0.1, read by the Airgap
# driver (a plain java -cp on the built jars, concurrency 1 and 4) and by mbpoll (one process per 125
# registers), timed as whole processes. Details and results: docs/benchmarks.md, "Modbus TCP".
# Needs: the built driver (./mvnw -B -o verify -pl tests/org.airgap.driver.modbus.tests -am),
# mbpoll (apt-get install mbpoll), python3; hyperfine (apt-get install hyperfine) if present, else a
# plain loop. Usage: benchmarks/modbus/run.sh [RUNS]   (default 5 runs after 1 warm-up)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
here="$root/benchmarks/modbus"
runs=${1:-5}
source "$root/features/org.airgap.runtime.feature/rootfiles/bin/airgap-java.sh"
airgap_find_java jdk
command -v mbpoll >/dev/null || { echo "mbpoll is missing: apt-get install mbpoll" >&2; exit 2; }

m2="${HOME}/.m2/repository"
newest() { # newest jar of group path $1, artifact $2 in the local Maven repository
  find "$m2/$1/$2" -name "$2-[0-9]*.jar" ! -name '*-sources.jar' | sort -V | tail -n1
}
cp="$root/bundles/org.airgap.driver.modbus/target/classes:$root/bundles/org.airgap.driver.api/target/classes"
cp="$cp:$root/bundles/org.airgap.store/target/classes:$root/bundles/org.airgap.model/target/classes"
cp="$cp:$(newest com/ghgande j2mod):$(newest com/fazecast jSerialComm)"
cp="$cp:$(newest org/slf4j slf4j-api):$(newest org/slf4j slf4j-jdk14)"
cp="$cp:$(newest com/google/code/gson gson)" # the store writes its manifests with Gson
cp="$cp:$(newest org/eclipse/platform org.eclipse.equinox.common)"
for dir in org.airgap.driver.modbus org.airgap.driver.api org.airgap.store org.airgap.model; do
  [[ -d "$root/bundles/$dir/target/classes" ]] || { echo "bundles/$dir is not built: see the header of $0" >&2; exit 2; }
done
out="$here/target"
mkdir -p "$out"
"$AIRGAP_JAVA_HOME/bin/javac" -nowarn -d "$out" -cp "$cp" "$here/BenchmarkSlave.java" "$here/DriverBackup.java"
java="$AIRGAP_JAVA_HOME/bin/java"

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$java" -cp "$out:$cp" BenchmarkSlave "$port" > "$out/slave.log" 2>&1 &
slave=$!
trap 'kill "$slave" 2>/dev/null || true' EXIT
for _ in $(seq 100); do grep -q ready "$out/slave.log" && break; sleep 0.1; done
grep -q ready "$out/slave.log" || { echo "the benchmark slave did not start:" >&2; cat "$out/slave.log" >&2; exit 1; }

driver() { echo "$java -cp $out:$cp DriverBackup $port $1"; }
poll="$here/mbpoll-all.sh $port"

# Both must read every register right before they are timed.
$(driver 1)
$(driver 4)
$poll "$out/mbpoll.txt"
python3 - "$out/mbpoll.txt" <<'PY'
import re, sys
values = [tuple(map(int, m)) for m in re.findall(r"^\[(\d+)\]:\s+(-?\d+)", open(sys.argv[1]).read(), re.M)]
bad = [(a, v) for a, v in values if v & 0xFFFF != (a * 7919 + 3) & 0xFFFF]
assert len(values) == 65536 and not bad, (len(values), bad[:3])
print("mbpoll: 65536 registers, values as served")
PY

echo "Java: $("$java" -version 2>&1 | head -n1); $(nproc) cores; $runs runs after 1 warm-up"
if command -v hyperfine >/dev/null; then
  hyperfine -N --warmup 1 --runs "$runs" "$(driver 1)" "$(driver 4)" "$poll"
else
  median() { sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }
  for label in "airgap concurrency 1|$(driver 1)" "airgap concurrency 4|$(driver 4)" "mbpoll|$poll"; do
    name=${label%%|*}; cmd=${label#*|}
    $cmd > /dev/null
    for _ in $(seq "$runs"); do
      start=$(date +%s%N); $cmd > /dev/null; end=$(date +%s%N)
      echo $(( (end - start) / 1000000 ))
    done | median | xargs printf "%-22s median %s ms\n" "$name"
  done
fi
