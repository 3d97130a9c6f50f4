# shellcheck shell=bash
# Finds a Java >= 21 for Airgap: $AIRGAP_JAVA_HOME, then $JAVA_HOME, then /usr/lib/jvm/*.
# Sourced by bin/airgap, bin/airgap-server and the build scripts; sets AIRGAP_JAVA_HOME.
# With "jdk" as first argument, a JDK (with javac) is required, as the build needs one.

airgap_java_major() {
  "$1" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java.specification.version = //p' | head -n1 | cut -d. -f1
}

airgap_find_java() {
  local need=${1:-jre} candidate major
  for candidate in "${AIRGAP_JAVA_HOME:-}" "${JAVA_HOME:-}" /usr/lib/jvm/*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] || continue
    [ "$need" = jdk ] && [ ! -x "$candidate/bin/javac" ] && continue
    major=$(airgap_java_major "$candidate/bin/java")
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
