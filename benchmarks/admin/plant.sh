# Shared by the administration benchmarks (sourced, not run): a fresh data directory with the generated plant
# and the server product started on it over plain HTTP on loopback. The caller sets root (the checkout).
# Build the products first: ./dev build (or ./mvnw -B -o verify -DskipTests).
source "$root/features/org.airgap.runtime.feature/rootfiles/bin/airgap-java.sh"
airgap_find_java jdk
install="$root/releng/org.airgap.repository/target/products/airgap.server/linux/gtk/x86_64/airgap-server"
server="$install/bin/airgap-server"
[ -x "$server" ] || { echo "no server product at $install: run ./dev build first" >&2; exit 1; }
port=${PORT:-18473}
# PLANT_WORK: another work folder (a benchmark that keeps its plant uses its own).
work="${PLANT_WORK:-$root/benchmarks/admin/target}"
data="$work/data"

# A new data directory with an administrator "admin" (password "benchmark password"), filled by
# PlantGenerator (arguments: JVM options such as -Dwriters=N).
plant_generate() {
  rm -rf "$data"
  mkdir -p "$work"
  "$server" init --data "$data" > /dev/null
  sed -i -e "s/^host = .*/host = 127.0.0.1/" -e "s/^port = .*/port = $port/" -e "s/^plainHttp = .*/plainHttp = true/" \
      "$data/server.ini"
  printf '%s\n' 'benchmark password' | "$server" user add admin --role admin --data "$data" > /dev/null
  # The generator runs on the product's own bundles (the same H2, model and content store as the server).
  jar() { ls "$install"/plugins/"$1"_*.jar | head -n1; }
  local cp="$(jar org.airgap.model):$(jar org.airgap.store):$(jar com.google.gson):$(jar com.h2database)"
  cp="$cp:$(jar org.eclipse.equinox.common):$(jar org.eclipse.osgi)"
  mkdir -p "$work/classes"
  "$AIRGAP_JAVA_HOME/bin/javac" -nowarn -d "$work/classes" -cp "$cp" "$root/benchmarks/admin/PlantGenerator.java" \
      "$root/benchmarks/admin/PlantSnapshots.java"
  /usr/bin/time -f "generator: %e s wall, %U s user + %S s system CPU, %M KiB peak memory" \
      "$AIRGAP_JAVA_HOME/bin/java" "$@" -cp "$work/classes:$cp" PlantGenerator "$data"
  sync -f "$data/store"  # the generator does not sync each file; the benchmarks should not wait for it
  du -sh "$data/db" "$data/store" | sed 's/^/size: /'
}

# Starts the server product on the data directory in the background and waits until it answers; it is
# stopped when the calling script exits.
plant_start_server() {
  "$server" --data "$data" > "$work/server.out" 2>&1 &
  server_pid=$!
  trap 'kill $server_pid 2>/dev/null; wait $server_pid 2>/dev/null || true' EXIT
  for _ in $(seq 1 240); do
    curl -fs "http://127.0.0.1:$port/api/health" > /dev/null && return 0
    sleep 0.5
  done
  echo "the server did not answer within 120 s: see $work/server.out" >&2
  exit 1
}

# For benchmarks that only read the plant: keeps the plant a completed plant_generate left in this work folder
# (it takes minutes), otherwise generates it (arguments as plant_generate's).
plant_generate_once() {
  if [ -f "$data/plant-complete" ]; then
    echo "reusing the plant in $data (generated $(date -r "$data/plant-complete" '+%F %T'); delete it for a new one)"
    return 0
  fi
  plant_generate "$@"
  touch "$data/plant-complete"
}
