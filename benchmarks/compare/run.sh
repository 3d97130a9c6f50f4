#!/usr/bin/env bash
# Compiles and runs the compare benchmark on the built bundle classes with a plain java -cp.
# Build first: ./mvnw -B -o verify -pl tests/org.airgap.compare.tests -am
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
source "$root/features/org.airgap.runtime.feature/rootfiles/bin/airgap-java.sh"
airgap_find_java jdk
# equinox.common (IProgressMonitor, SubMonitor) and org.eclipse.osgi (SubMonitor's tracing) from the local
# Maven repository, newest version there.
newest() {
  find "${HOME}/.m2/repository/org/eclipse/platform/$1" -name "$1-[0-9]*.jar" ! -name '*-sources.jar' | sort -V | tail -n1
}
cp="$root/bundles/org.airgap.compare/target/classes:$root/bundles/org.airgap.store/target/classes"
cp="$cp:$root/bundles/org.airgap.model/target/classes:$(newest org.eclipse.equinox.common):$(newest org.eclipse.osgi)"
out="$root/benchmarks/compare/target"
mkdir -p "$out"
"$AIRGAP_JAVA_HOME/bin/javac" -nowarn -d "$out" -cp "$cp" "$root/benchmarks/compare/CompareBenchmark.java"
exec "$AIRGAP_JAVA_HOME/bin/java" -cp "$out:$cp" CompareBenchmark
