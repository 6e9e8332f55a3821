# Shared definitions for every XtremWeb script (sourced, not run).
# Finds the installation directory and a JDK >= 21, whatever the default `java` is.

XW_HOME=${XW_HOME:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
export XW_HOME

# Prints the major version of the java binary given as $1 (e.g. 17, 21, 25).
xw_java_major() {
  "$1" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}

# Sets JAVA_HOME and JAVA to a JDK >= 21: JAVA_HOME if it qualifies, else the newest
# candidate under /usr/lib/jvm (Temurin, OpenJDK...), else `java` on the PATH.
xw_select_java() {
  local candidate major
  for candidate in "${JAVA_HOME:-}" $(ls -d /usr/lib/jvm/*/ /Library/Java/JavaVirtualMachines/*/Contents/Home/ 2>/dev/null | sort -rV) \
                   "$(dirname "$(dirname "$(readlink -f "$(command -v java 2>/dev/null || echo /nonexistent)")")")"; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    major=$(xw_java_major "$candidate/bin/java")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then
      JAVA_HOME=${candidate%/}
      JAVA="$JAVA_HOME/bin/java"
      export JAVA_HOME JAVA
      return 0
    fi
  done
  echo "XtremWeb needs a JDK 21 or newer and found none (looked at JAVA_HOME, /usr/lib/jvm and the PATH)." >&2
  echo "Install one (e.g. apt-get install openjdk-21-jdk or Temurin 21+) or set JAVA_HOME to it." >&2
  return 1
}

# Builds the project if the jars the scripts need are missing.
xw_ensure_built() {
  if [ ! -f "$XW_HOME/server/target/lib/.complete" ] || [ ! -f "$XW_HOME/worker/target/lib/.complete" ] \
     || [ ! -f "$XW_HOME/client/target/lib/.complete" ] || [ ! -x "$XW_HOME/apptest/target/apptest" ]; then
    echo "Building XtremWeb (first run; this takes a minute or two)..." >&2
    (cd "$XW_HOME" && mvn -B -q -DskipTests package) >&2 || { echo "Build failed; run bin/xwmvn package to see why." >&2; return 1; }
  fi
}

# Classpath of one module ($1 = server | worker | client): its jar and its dependencies.
xw_classpath() {
  echo "$XW_HOME/$1/target/lib/*"
}
