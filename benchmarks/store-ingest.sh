#!/usr/bin/env bash
# Store ingest benchmark: a generated tree (10,000 small files + 4 large ones, ~1 GB) ingested into a
# fresh snapshot store, against sha256sum over the same files in the same run, then ingested again
# (which must add 0 bytes). Page cache warm for both. Results: docs/benchmarks.md.
# Usage: benchmarks/store-ingest.sh [WORK_DIR]   (default: a new temporary folder, removed afterwards)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

# shellcheck source=../features/org.airgap.runtime.feature/rootfiles/bin/airgap-java.sh
. features/org.airgap.runtime.feature/rootfiles/bin/airgap-java.sh
airgap_find_java jre
java="$AIRGAP_JAVA_HOME/bin/java"

store_jar=$(ls bundles/org.airgap.store/target/org.airgap.store-*.jar 2>/dev/null | grep -v sources | head -n1 || true)
if [ -z "$store_jar" ]; then
  ./mvnw -B -o -q package -DskipTests -pl bundles/org.airgap.store -am
  store_jar=$(ls bundles/org.airgap.store/target/org.airgap.store-*.jar | grep -v sources | head -n1)
fi
m2=${MAVEN_REPO:-$HOME/.m2/repository}
gson=$(ls "$m2"/com/google/code/gson/gson/2.13.2/gson-2.13.2.jar)
common=$(ls "$m2"/org/eclipse/platform/org.eclipse.equinox.common/*/org.eclipse.equinox.common-*.jar | sort -V | tail -n1)
classpath="$store_jar:$gson:$common"

if [ $# -gt 0 ]; then work=$1; mkdir -p "$work"; else work=$(mktemp -d); trap 'rm -rf "$work"' EXIT; fi
tree="$work/tree"
store="$work/store"
rm -rf "$tree" "$store"

echo "generating the tree in $tree ..."
python3 - "$tree" <<'PY'
import os, random, sys
root = sys.argv[1]
rnd = random.Random(20260301)          # fixed seed: the same tree on every run
for i in range(10_000):                # small files, 1 B .. 32 KiB, 100 per folder
    folder = os.path.join(root, "small", f"{i // 100:03d}")
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, f"f{i:05d}.bin"), "wb") as f:
        f.write(rnd.randbytes(rnd.randint(1, 32 * 1024)))
os.makedirs(os.path.join(root, "large"), exist_ok=True)
for i in range(4):                     # large files, 210 MiB each, written in 1 MiB pieces
    with open(os.path.join(root, "large", f"image{i}.bin"), "wb") as f:
        for _ in range(210):
            f.write(rnd.randbytes(1 << 20))
PY
files=$(find "$tree" -type f | wc -l)
bytes=$(find "$tree" -type f -printf '%s\n' | awk '{ s += $1 } END { print s }')
echo "tree: $files files, $bytes bytes"
find "$tree" -type f -print0 | xargs -0 cat > /dev/null   # warm the page cache for both contenders

start=$(date +%s.%N)
sha_cpu=$( { TIMEFORMAT='%U %S'; time find "$tree" -type f -print0 | sort -z | xargs -0 sha256sum > /dev/null; } 2>&1 )
end=$(date +%s.%N)
sha_s=$(echo "$end - $start" | bc -l)
sha_cpu_s=$(echo "$sha_cpu" | awk '{ print $1 + $2 }')   # user + system: moves less with the load
sha_mbs=$(echo "$bytes / 1000000 / $sha_s" | bc -l)

first=$("$java" -cp "$classpath" benchmarks/StoreIngest.java "$tree" "$store")
second=$("$java" -cp "$classpath" benchmarks/StoreIngest.java "$tree" "$store")
ingest_mbs=$(echo "$first" | sed 's/.*mb_per_s=\([0-9.]*\).*/\1/')
# The laptop's store is sealed (AES-256-GCM, HMAC names): the same tree into a fresh sealed store.
sealed_store="$work/sealed-store"
rm -rf "$sealed_store"
sealed=$("$java" -cp "$classpath" benchmarks/StoreIngest.java "$tree" "$sealed_store" sealed)
sealed_again=$("$java" -cp "$classpath" benchmarks/StoreIngest.java "$tree" "$sealed_store" sealed)
sealed_mbs=$(echo "$sealed" | sed 's/.*mb_per_s=\([0-9.]*\).*/\1/')

printf 'sha256sum:   %.2f s, %.1f MB/s, cpu_s=%.2f\n' "$sha_s" "$sha_mbs" "$sha_cpu_s"
echo "ingest:      $first"
echo "re-ingest:   $second"
printf 'ratio ingest/sha256sum: %.2f\n' "$(echo "$ingest_mbs / $sha_mbs" | bc -l)"
echo "sealed:      $sealed"
echo "re-sealed:   $sealed_again"
printf 'ratio sealed ingest/sha256sum: %.2f\n' "$(echo "$sealed_mbs / $sha_mbs" | bc -l)"
new=$(echo "$second" | sed 's/.*new_blob_bytes=\([0-9]*\).*/\1/')
[ "$new" = 0 ] || { echo "store-ingest: re-ingest added $new bytes, expected 0" >&2; exit 1; }
new=$(echo "$sealed_again" | sed 's/.*new_blob_bytes=\([0-9]*\).*/\1/')
[ "$new" = 0 ] || { echo "store-ingest: sealed re-ingest added $new bytes, expected 0" >&2; exit 1; }
