#!/usr/bin/env bash
# Administration views on the generated plant (docs/benchmarks.md, "Administration views on the generated
# plant"): the plant of PlantGenerator (10,000 components, 50,000 versions, 200,000 runs), generated once into
# benchmarks/admin/target/paint and kept (delete that folder for a new one); the server product started on it
# (plain HTTP on 127.0.0.1); the server's answer time for the calls the views make (bench_admin.py, which also
# warms the server up); then the real client workbench product under a private Xvfb, logged in as the
# administrator by `airgap login`, with the paint probe (benchmarks/admin/paint/, a bundle installed into a copy
# of the product) opening the Administration perspective and each view N times afresh, timing each open from
# the part service's showPart to the first paint with every visible row's text set.
# The Overview also prints where each reading went (-Dairgap.paintTiming=true); the script shows those lines.
#
# Usage: benchmarks/admin/paint.sh [--parts PART_ID,...] [--opens N]
#   default parts: the Overview, Plant and Runs views (org.airgap.client.admin.overview.part,
#   org.airgap.client.admin.plant.part, org.airgap.client.admin.runs.part); default opens: 5.
# Build the products first: ./mvnw -B -o verify -DskipTests -pl releng/org.airgap.repository -am
# Needs Xvfb, xwininfo (x11-utils), python3, curl.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
parts=org.airgap.client.admin.overview.part,org.airgap.client.admin.plant.part,org.airgap.client.admin.runs.part
opens=5
while [ $# -gt 0 ]; do
  case $1 in
    --parts) parts=$2; shift 2 ;;
    --opens) opens=$2; shift 2 ;;
    *) echo "usage: $0 [--parts PART_ID,...] [--opens N]" >&2; exit 2 ;;
  esac
done
[[ $opens =~ ^[1-9][0-9]*$ ]] || { echo "paint.sh: --opens needs a positive number, not '$opens'" >&2; exit 2; }
[[ $parts =~ ^[A-Za-z0-9._-]+(,[A-Za-z0-9._-]+)*$ ]] || { echo "paint.sh: --parts: part ids, comma-separated" >&2; exit 2; }
for tool in Xvfb xwininfo python3 curl; do
  command -v "$tool" >/dev/null || { echo "paint.sh: $tool is missing" >&2; exit 1; }
done
export PLANT_WORK="$root/benchmarks/admin/target/paint"
source "$root/benchmarks/admin/plant.sh"
product="$root/releng/org.airgap.repository/target/products/airgap.client/linux/gtk/x86_64/airgap"
[ -x "$product/bin/airgap" ] || { echo "no client product at $product: build the products first" >&2; exit 1; }

plant_generate_once
plant_start_server
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"

# ---------------------------------------------------------------- the server's answer for the views' calls
# (the Runs view's first page is 50 runs, its default page size); this also warms the server up once.
python3 "$root/benchmarks/admin/bench_admin.py" "http://127.0.0.1:$port" admin 'benchmark password' \
  --rounds 11 --warmup 3 --path /api/admin/overview --path '/api/admin/runs?limit=50'

# ---------------------------------------------------------------- the client product with the probe
run="$work/run"
rm -rf "$run"
mkdir -p "$run/home" "$run/probe-classes"
cp -a "$product" "$run/client"
client="$run/client"
jar() { ls "$client"/plugins/"$1"_*.jar | sort -V | tail -n 1; }
cp=""
for bundle in org.eclipse.swt org.eclipse.swt.gtk.linux.x86_64 org.eclipse.core.commands org.eclipse.e4.core.commands \
    org.eclipse.e4.core.contexts org.eclipse.e4.core.services org.eclipse.e4.ui.model.workbench org.eclipse.e4.ui.workbench \
    org.eclipse.emf.ecore org.eclipse.emf.common org.eclipse.osgi org.osgi.service.event jakarta.annotation-api jakarta.inject.jakarta.inject-api; do
  cp="$cp:$(jar "$bundle")"
done
probe="$root/benchmarks/admin/paint"
"$AIRGAP_JAVA_HOME/bin/javac" -nowarn -d "$run/probe-classes" -cp "${cp#:}" "$probe"/src/org/airgap/benchmark/paint/*.java
cp "$probe/plugin.xml" "$probe/fragment.e4xmi" "$run/probe-classes/"
probe_jar="$run/org.airgap.benchmark.paint_1.0.0.jar"
"$AIRGAP_JAVA_HOME/bin/jar" --create --file "$probe_jar" --manifest "$probe/META-INF/MANIFEST.MF" -C "$run/probe-classes" .
echo "org.airgap.benchmark.paint,1.0.0,file:$probe_jar,4,false" \
  >> "$client/configuration/org.eclipse.equinox.simpleconfigurator/bundles.info"

# The workbench and the command line share the workspace, hence the session the login leaves there.
export HOME="$run/home" AIRGAP_WORKSPACE="$run/workspace" GDK_BACKEND=x11
printf '%s\n' 'benchmark password' | "$client/bin/airgap" login --server "http://127.0.0.1:$port" --user admin > /dev/null

display_number=""
for n in $(seq 140 180); do
  if [ ! -e "/tmp/.X$n-lock" ] && [ ! -e "/tmp/.X11-unix/X$n" ]; then display_number=$n; break; fi
done
[ -n "$display_number" ] || { echo "paint.sh: no free X display number in :140..:180" >&2; exit 1; }
Xvfb ":$display_number" -screen 0 1400x900x24 -nolisten tcp -noreset > "$run/xvfb.log" 2>&1 &
xvfb_pid=$!
workbench_pid=""
trap 'kill $workbench_pid $xvfb_pid $server_pid 2>/dev/null; wait $server_pid 2>/dev/null || true' EXIT
export DISPLAY=":$display_number"
for _ in $(seq 1 50); do xwininfo -root >/dev/null 2>&1 && break; sleep 0.1; done

results="$run/paint-results.txt"
AIRGAP_VMARGS="-Dairgap.login.atStartup=false -Dairgap.paintTiming=true -Dairgap.paintProbe.parts=$parts -Dairgap.paintProbe.opens=$opens -Dairgap.paintProbe.out=$results" \
  "$client/bin/airgap" -data "$run/workbench-data" > "$run/workbench.out" 2>&1 &
workbench_pid=$!
for _ in $(seq 1 1200); do
  grep -q '^done$\|^failed' "$results" 2>/dev/null && break
  kill -0 "$workbench_pid" 2>/dev/null || break
  sleep 0.5
done
kill "$workbench_pid" 2>/dev/null || true
wait "$workbench_pid" 2>/dev/null || true
workbench_pid=""
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
[ -f "$results" ] && grep -q '^done$' "$results" || {
  echo "paint.sh: the probe did not finish: $(cat "$results" 2>/dev/null)" >&2
  echo "workbench output: $(tail -20 "$run/workbench.out")" >&2
  exit 1
}
grep -v '^done$' "$results"
# Where each reading went, as the views log it with -Dairgap.paintTiming=true (first the perspective's open).
grep '^airgap.paintTiming' "$run/workbench.out" || true
# The median per view of the fresh opens (the perspective's first open is not among them).
python3 - "$results" <<'EOF'
import re, statistics, sys
opens = {}
for line in open(sys.argv[1]):
    m = re.match(r"(\S+) open \d+: painted ([0-9.]+) ms", line)
    if m:
        opens.setdefault(m.group(1), []).append(float(m.group(2)))
for part, times in opens.items():
    print(f"{part}: median {statistics.median(times):.1f} ms, min {min(times):.1f}, max {max(times):.1f}"
          f" over {len(times)} fresh opens")
EOF
