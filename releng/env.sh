# shellcheck shell=bash
# Sourced by the project's scripts: finds a JDK >= 21 and a Maven >= 3.9 (bootstrapped as an artifact).
AIRGAP_ROOT=${AIRGAP_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
AIRGAP_MAVEN_VERSION=3.9.16
AIRGAP_TOOLS="$AIRGAP_ROOT/.tools"

source "$AIRGAP_ROOT/features/org.airgap.runtime.feature/rootfiles/bin/airgap-java.sh"
airgap_find_java jdk || exit 1
export JAVA_HOME="$AIRGAP_JAVA_HOME"

# Tycho 5 needs Maven 3.9+: any installed Maven 3 fetches it once, as an ordinary artifact.
AIRGAP_MVN="$AIRGAP_TOOLS/apache-maven-$AIRGAP_MAVEN_VERSION/bin/mvn"
if [ ! -x "$AIRGAP_MVN" ]; then
  if ! command -v mvn >/dev/null; then
    echo "airgap: a Maven 3 is needed once, to fetch Maven $AIRGAP_MAVEN_VERSION: apt-get install maven" >&2
    exit 1
  fi
  echo "airgap: fetching Maven $AIRGAP_MAVEN_VERSION into .tools/ ..." >&2
  mkdir -p "$AIRGAP_TOOLS"
  mvn -q -B -N -f "$AIRGAP_ROOT/releng/bootstrap-pom.xml" \
      org.apache.maven.plugins:maven-dependency-plugin:3.8.1:unpack \
      -Dartifact="org.apache.maven:apache-maven:$AIRGAP_MAVEN_VERSION:zip:bin" \
      -DoutputDirectory="$AIRGAP_TOOLS" \
    || { echo "airgap: could not fetch Maven $AIRGAP_MAVEN_VERSION (is Maven Central reachable?)" >&2; exit 1; }
  chmod +x "$AIRGAP_MVN"
fi
