#!/usr/bin/env bash
# Builds the p2 repository of the release named in releng/baseline/release.properties, from git, into
# target/baseline/repository; the root pom runs it before the baseline step compares each bundle with
# it. Only the release's bundles that export packages are built (no features, products or tests), and
# only once: a later build finds the repository and returns at once.
# Usage: build-release-repository.sh [--offline[=true|false]]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
properties="$root/releng/baseline/release.properties"
version=$(sed -n 's/^version=//p' "$properties")
commit=$(sed -n 's/^commit=//p' "$properties")
work="$root/target/baseline"
repository="$work/repository"
# The file names the commit it was built from: after a new release.properties the repository is rebuilt.
stamp="$repository/built-from"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$commit" ]; then
  exit 0
fi
if ! git -C "$root" cat-file -e "$commit^{commit}" 2>/dev/null; then
  echo "baseline: commit $commit of release $version is not in this clone (a shallow clone? fetch the history)" >&2
  exit 1
fi
echo "baseline: building the p2 repository of release $version ($commit) into ${work#"$root"/} ..." >&2
start=$(date +%s)
rm -rf "$work"
mkdir -p "$work/source"
git -C "$root" archive "$commit" | tar -x -C "$work/source"

# The release's repository module, reduced to its bundles: no products, no third-party dependencies.
module="$work/source/releng/org.airgap.repository"
rm -rf "$module"
mkdir -p "$module"
cp "$root/releng/baseline/repository-pom.xml" "$module/pom.xml"
{
  echo '<?xml version="1.0" encoding="UTF-8"?>'
  echo '<site>'
  # Only bundles with exported packages have an API to compare (and their build pulls in what they need).
  for manifest in $(grep -l '^Export-Package:' "$work"/source/bundles/*/META-INF/MANIFEST.MF); do
    bsn=$(sed -n 's/^Bundle-SymbolicName: *\([^;[:space:]]*\).*/\1/p' "$manifest")
    echo "   <bundle id=\"$bsn\"/>"
  done
  echo '</site>'
} > "$module/category.xml"

offline=()
case "${1:-}" in --offline|--offline=true) offline=(-o) ;; esac
source "$root/releng/env.sh"
# The release's own build, tests skipped; nothing is installed into the local Maven repository.
(cd "$work/source" && nice "$AIRGAP_MVN" -B -q "${offline[@]}" package -DskipTests \
    -pl releng/org.airgap.repository -am -Dairgap.baseline.skip=true)
rm -rf "$repository"
cp -r "$module/target/repository" "$repository"
rm -rf "$work/source"
echo "$commit" > "$stamp"
echo "baseline: release $version built in $(( $(date +%s) - start )) s" >&2
