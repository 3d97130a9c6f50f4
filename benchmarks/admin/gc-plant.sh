#!/usr/bin/env bash
# gc of the generated plant (docs/benchmarks.md, "Server gc on the generated plant"): a fresh data directory
# filled by PlantGenerator (10,000 components, 50,000 versions, 200,000 runs, each run's snapshot real in the
# content store), the server product started on it over plain HTTP on loopback, the client product logged in
# as an administrator; then bench_gc.py sets the retention policy with `airgap admin retention set`, runs
# `airgap admin gc` (dry run, gc, gc again) and checks that a sample of kept versions' archives is unchanged.
# Build the products first: ./dev build (or ./mvnw -B -o verify -DskipTests).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
source "$root/benchmarks/admin/plant.sh"
client="$root/releng/org.airgap.repository/target/products/airgap.client/linux/gtk/x86_64/airgap/bin/airgap"
[ -x "$client" ] || { echo "no client product at $client: run ./dev build first" >&2; exit 1; }
plant_generate
plant_start_server
export AIRGAP_WORKSPACE="$work/workspace"
rm -rf "$AIRGAP_WORKSPACE" "$work/downloads"
printf '%s\n' 'benchmark password' | "$client" login --server "http://127.0.0.1:$port" --user admin > /dev/null
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
python3 "$root/benchmarks/admin/bench_gc.py" "$client" "$data" "$work/downloads" "$@"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
