#!/usr/bin/env bash
# The administration benchmarks (docs/benchmarks.md, "Administration: overview and compare on a large plant"):
# a fresh data directory filled by PlantGenerator (10,000 components, 50,000 versions, 200,000 runs, fixed
# seed), the server product started on it over plain HTTP on loopback, then bench_admin.py times
# GET /api/admin/overview and the compare of two 10,000-file versions.
# Build the products first: ./dev build (or ./mvnw -B -o verify -DskipTests).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
source "$root/features/org.airgap.runtime.feature/rootfiles/bin/airgap-java.sh"
airgap_find_java jdk
install="$root/releng/org.airgap.repository/target/products/airgap.server/linux/gtk/x86_64/airgap-server"
server="$install/bin/airgap-server"
[ -x "$server" ] || { echo "no server product at $install: run ./dev build first" >&2; exit 1; }
port=${PORT:-18473}
work="$root/benchmarks/admin/target"
data="$work/data"
rm -rf "$data"
mkdir -p "$work"

"$server" init --data "$data" > /dev/null
sed -i -e "s/^host = .*/host = 127.0.0.1/" -e "s/^port = .*/port = $port/" -e "s/^plainHttp = .*/plainHttp = true/" \
    "$data/server.ini"
printf '%s\n' 'benchmark password' | "$server" user add admin --role admin --data "$data" > /dev/null

# The generator runs on the product's own bundles (the same H2 and model as the server).
jar() { ls "$install"/plugins/"$1"_*.jar | head -n1; }
cp="$(jar org.airgap.model):$(jar org.airgap.store):$(jar com.google.gson):$(jar com.h2database)"
cp="$cp:$(jar org.eclipse.equinox.common):$(jar org.eclipse.osgi)"
mkdir -p "$work/classes"
"$AIRGAP_JAVA_HOME/bin/javac" -nowarn -d "$work/classes" -cp "$cp" "$root/benchmarks/admin/PlantGenerator.java"
/usr/bin/time -f "generator: %e s wall, %M KiB peak memory" \
    "$AIRGAP_JAVA_HOME/bin/java" -cp "$work/classes:$cp" PlantGenerator "$data"
du -sh "$data/db" "$data/store" | sed 's/^/size: /'

"$server" --data "$data" > "$work/server.out" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$port/api/health" > /dev/null && break
  sleep 0.5
done
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
python3 "$root/benchmarks/admin/bench_admin.py" "http://127.0.0.1:$port" admin 'benchmark password' "$@"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
