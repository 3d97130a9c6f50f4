#!/usr/bin/env bash
# The administration benchmarks (docs/benchmarks.md, "Administration: overview and compare on a large plant"):
# a fresh data directory filled by PlantGenerator (10,000 components, 50,000 versions, 200,000 runs, fixed
# seed), the server product started on it over plain HTTP on loopback, then bench_admin.py times
# GET /api/admin/overview and the compare of two 10,000-file versions.
# Build the products first: ./dev build (or ./mvnw -B -o verify -DskipTests).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
source "$root/benchmarks/admin/plant.sh"
plant_generate
plant_start_server
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
python3 "$root/benchmarks/admin/bench_admin.py" "http://127.0.0.1:$port" admin 'benchmark password' "$@"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
