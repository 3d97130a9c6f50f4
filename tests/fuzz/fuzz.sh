#!/usr/bin/env bash
# Fuzzes each target of tests/fuzz for SECONDS (docs/build.md, "Fuzzing"); ./dev fuzz builds first.
# Usage: tests/fuzz/fuzz.sh SECONDS [Class#method ...]   (default: every @FuzzTest)
# Jazzer runs as its own command line here (not under Surefire), so that the duration is ours to set.
# Inputs that grow coverage go to target/corpus/; a crash stops its target and is written to
# target/findings/ — move it into the target's src/test/resources/…Inputs/<method>/ folder, where the
# normal build runs it as a regression test, and fix the parser.
set -uo pipefail
cd "$(dirname "$0")"
source ../../releng/env.sh
seconds=${1:?usage: fuzz.sh SECONDS [Class#method ...]}
shift
classpath="target/test-classes:$(cat target/fuzz-classpath.txt)"
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  # Every method annotated @FuzzTest, as Class#method.
  while IFS= read -r file; do
    class=$(sed -e 's|^src/test/java/||' -e 's|\.java$||' -e 's|/|.|g' <<<"$file")
    for method in $(grep -A1 '@FuzzTest' "$file" | grep -o 'void [a-zA-Z]*' | cut -d' ' -f2); do
      targets+=("$class#$method")
    done
  done < <(grep -rl '@FuzzTest' src/test/java | sort)
fi
mkdir -p target/findings
# Scratch files (stores, data directories) in memory when possible: the store syncs every blob it writes.
scratch=$(mktemp -d "$([ -d /dev/shm ] && [ -w /dev/shm ] && echo /dev/shm || echo "${TMPDIR:-/tmp}")/airgap-fuzz.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
failed=()
for target in "${targets[@]}"; do
  class=${target%#*} method=${target#*#}
  seeds="src/test/resources/${class//.//}Inputs/$method"
  corpus="target/corpus/${class##*.}/$method"
  mkdir -p "$corpus" "$seeds"
  dictionary=()
  case "$class" in *Archive*) ;; *Json*|*Import*|*Manifest*|*Laptop*|*Signature*) dictionary=(-dict=json.dict) ;; esac
  echo "fuzz: $target for $seconds s (corpus $corpus, seeds $seeds)"
  if ! "$JAVA_HOME/bin/java" -Xmx1g -Xss1m -XX:+EnableDynamicAgentLoading -Djava.io.tmpdir="$scratch" -cp "$classpath" \
      com.code_intelligence.jazzer.Jazzer --target_class="$class" --target_method="$method" \
      --instrumentation_includes='org.airgap.**:com.google.gson.**:org.apache.commons.compress.**' \
      -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 "${dictionary[@]}" \
      -artifact_prefix="target/findings/${class##*.}.$method-" "$corpus" "$seeds" \
      > "target/findings/${class##*.}.$method.log" 2>&1; then
    failed+=("$target")
    echo "fuzz: $target FOUND A PROBLEM: see target/findings/${class##*.}.$method.log"
  fi
  grep -E '^(#[0-9]+ +DONE|Done [0-9]+ runs)' "target/findings/${class##*.}.$method.log" | tail -2
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: problems found in ${failed[*]} (inputs in tests/fuzz/target/findings/)"
  exit 1
fi
echo "fuzz: no problems found in ${#targets[@]} targets, $seconds s each"
