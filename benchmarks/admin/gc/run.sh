#!/usr/bin/env bash
# Compiles and runs the gc benchmark on the built bundle classes with a plain java -cp (outside OSGi).
# Build first: ./mvnw -B -o verify -pl tests/org.airgap.server.core.tests -am
# Size: -Dcomponents=N -Dversions=N in JAVA_OPTS (default 500 x 20).
set -euo pipefail
root=$(cd "$(dirname "$0")/../../.." && pwd)
source "$root/features/org.airgap.runtime.feature/rootfiles/bin/airgap-java.sh"
airgap_find_java jdk
newest() { # group path, artifact: the newest version of the jar in the local Maven repository
  find "${HOME}/.m2/repository/$1/$2" -name "$2-[0-9]*.jar" ! -name '*-sources.jar' | sort -V | tail -n1
}
cp=""
for bundle in server.core store model protocol audit; do
  cp="$cp:$root/bundles/org.airgap.$bundle/target/classes"
done
cp="${cp#:}:$(newest org/eclipse/platform org.eclipse.equinox.common):$(newest org/eclipse/platform org.eclipse.osgi)"
cp="$cp:$(newest com/h2database h2):$(newest com/google/code/gson gson)"
out="$root/benchmarks/admin/gc/target"
mkdir -p "$out"
"$AIRGAP_JAVA_HOME/bin/javac" -nowarn -proc:none -d "$out" -cp "$cp" "$root/benchmarks/admin/gc/GcBenchmark.java"
exec "$AIRGAP_JAVA_HOME/bin/java" ${JAVA_OPTS:-} -cp "$out:$cp" org.airgap.server.core.internal.GcBenchmark
