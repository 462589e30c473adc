# Sourced by .ci/run and ./iam-janitor: Jenkins 2.555 (the plugin's build and tests) needs a JDK >= 21. Keeps a
# JAVA_HOME that is already new enough; otherwise takes the first JDK >= 21 under /usr/lib/jvm (Temurin 25 here).
iam_janitor_java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -n 1
}
iam_janitor_select_jdk() {
  local candidate major
  for candidate in "${JAVA_HOME:-}" "$(dirname "$(dirname "$(readlink -f "$(command -v java 2>/dev/null || echo /nonexistent)")")")" \
      /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-25-jdk* /usr/lib/jvm/*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    major=$(iam_janitor_java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge 21 ] 2>/dev/null; then
      export JAVA_HOME="$candidate"
      export PATH="$JAVA_HOME/bin:$PATH"
      return 0
    fi
  done
  echo "IAM Janitor needs a JDK >= 21 (Jenkins 2.555 runs on Java 21 or 25); none found: set JAVA_HOME." >&2
  return 1
}
iam_janitor_select_jdk
