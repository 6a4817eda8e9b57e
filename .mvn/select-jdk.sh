# Sourced by ./mvnw and the project's scripts: makes JAVA_HOME point at a JDK 25.
# Order: $JAVA_HOME if it is a JDK 25, then well-known install locations, then `java` on PATH.
# Fails with a message that says what to install when no JDK 25 is found.
twasm_java_feature() {
  # prints the feature release (e.g. 25) of the JDK at $1, or nothing
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 0
  "$1/bin/java" -XshowSettings:properties -version 2>&1 |
    sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}
twasm_select_jdk() {
  for candidate in "${JAVA_HOME-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-25-jdk-arm64 \
      /usr/lib/jvm/temurin-25* /usr/lib/jvm/java-25* /usr/lib/jvm/jdk-25* /opt/java/jdk-25* \
      /Library/Java/JavaVirtualMachines/*25*/Contents/Home \
      "$(dirname "$(dirname "$(readlink -f "$(command -v java 2>/dev/null || echo /nonexistent)")")")"; do
    [ -n "$candidate" ] && [ -d "$candidate" ] || continue
    if [ "$(twasm_java_feature "$candidate")" = 25 ]; then
      JAVA_HOME="$candidate"; export JAVA_HOME
      return 0
    fi
  done
  echo "error: this project needs JDK 25 (found none)." >&2
  echo "       Install one (for example Temurin 25: apt-get install temurin-25-jdk) and set JAVA_HOME to it." >&2
  [ -n "${JAVA_HOME-}" ] && echo "       JAVA_HOME=$JAVA_HOME is JDK '$(twasm_java_feature "$JAVA_HOME")'." >&2
  return 1
}
