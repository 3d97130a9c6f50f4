# shellcheck shell=bash
# Finds a Java >= 21 for Airgap: $AIRGAP_JAVA_HOME, then $JAVA_HOME, then /usr/lib/jvm/*.
# Sourced by bin/airgap, bin/airgap-server and the build scripts; sets AIRGAP_JAVA_HOME.
# With "jdk" as first argument, a JDK (with javac) is required, as the build needs one.

# The major version of the Java at $1 (its home): from the home's `release` file, which every JDK and JRE
# since 9 carries — starting a JVM only to ask it costs ~50 ms per candidate on each start of Airgap.
airgap_java_major() {
  local version
  version=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" 2>/dev/null | head -n1)
  if [ -z "$version" ]; then
    version=$("$1/bin/java" -XshowSettings:properties -version 2>&1 \
      | sed -n 's/^ *java.specification.version = //p' | head -n1 | cut -d. -f1)
  fi
  echo "$version"
}

airgap_find_java() {
  local need=${1:-jre} candidate major
  for candidate in "${AIRGAP_JAVA_HOME:-}" "${JAVA_HOME:-}" /usr/lib/jvm/*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] || continue
    [ "$need" = jdk ] && [ ! -x "$candidate/bin/javac" ] && continue
    major=$(airgap_java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then
      AIRGAP_JAVA_HOME=$candidate
      return 0
    fi
  done
  echo "airgap: no Java 21 or newer found (looked at AIRGAP_JAVA_HOME, JAVA_HOME and /usr/lib/jvm/*)." >&2
  echo "        Install one (Debian: apt-get install openjdk-21-jdk-headless, or a Temurin 21+ JDK)" >&2
  echo "        or point JAVA_HOME at it." >&2
  return 1
}
