# Shared definitions for every XtremWeb script (sourced, not run).
# Finds the installation directory and a JDK >= 21, whatever the default `java` is.

XW_HOME=${XW_HOME:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
export XW_HOME

# Prints the major version (e.g. 17, 21, 25) of the JDK whose home is $1: from its release file
# (JAVA_VERSION="25.0.3"), which every JDK since 9 has, else by asking its java (a JVM start, about
# 0.1 s of CPU: every script runs this, and the tests run thousands of scripts).
xw_java_major() {
  local version
  if [ -r "$1/release" ]; then
    version=$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$1/release" | head -n 1)
    version=${version#1.}
    version=${version%%[!0-9]*}
    if [ -n "$version" ]; then
      echo "$version"
      return 0
    fi
  fi
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}

# Sets JAVA_HOME and JAVA to a JDK >= 21: JAVA_HOME if it qualifies, else the newest
# candidate under /usr/lib/jvm (Temurin, OpenJDK...), else `java` on the PATH.
xw_select_java() {
  local candidate
  xw_use_java_if_new_enough "${JAVA_HOME:-}" && return 0
  for candidate in $(ls -d /usr/lib/jvm/*/ /Library/Java/JavaVirtualMachines/*/Contents/Home/ 2>/dev/null | sort -rV) \
                   "$(dirname "$(dirname "$(readlink -f "$(command -v java 2>/dev/null || echo /nonexistent)")")")"; do
    xw_use_java_if_new_enough "$candidate" && return 0
  done
  echo "XtremWeb needs a JDK 21 or newer and found none (looked at JAVA_HOME, /usr/lib/jvm and the PATH)." >&2
  echo "Install one (e.g. apt-get install openjdk-21-jdk or Temurin 21+) or set JAVA_HOME to it." >&2
  return 1
}

# Sets JAVA_HOME and JAVA to the JDK whose home is $1 if it is one, of version 21 or newer.
xw_use_java_if_new_enough() {
  local major
  [ -n "$1" ] && [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 1
  major=$(xw_java_major "${1%/}")
  if [ -n "$major" ] && [ "$major" -ge 21 ]; then
    JAVA_HOME=${1%/}
    JAVA="$JAVA_HOME/bin/java"
    export JAVA_HOME JAVA
    return 0
  fi
  return 1
}

# The modules among $@ (all those the scripts run, when none is given) whose sources, or those of a
# module they are built from, changed since their jar was built (a git pull, an edit), in a source
# checkout; nothing in an installed copy (no src/). A client command names only the client: an edit
# of the server is no news to it.
xw_stale_modules() {
  local module jar source paths modules=("$@")
  [ ${#modules[@]} -gt 0 ] || modules=(server worker client gui bridge)
  for module in "${modules[@]}"; do
    [ -d "$XW_HOME/$module/src/main" ] || continue
    jar=$(ls "$XW_HOME/$module/target/lib/xtremweb-$module-"*.jar 2>/dev/null | head -n 1)
    [ -n "$jar" ] || continue
    paths=()
    for source in $(xw_built_from "$module"); do
      paths+=("$XW_HOME/$source/src/main" "$XW_HOME/$source/pom.xml")
    done
    if [ -n "$(find "${paths[@]}" -newer "$jar" -print -quit 2>/dev/null)" ]; then
      printf '%s ' "$module"
    fi
  done
}

# The modules whose sources make the jars of module $1: itself and those it depends on (its pom.xml).
xw_built_from() {
  case "$1" in
    gui | bridge) echo "$1 client common" ;;
    *) echo "$1 common" ;;
  esac
}

# Maven's own JVM. On JDK 24+ the Guava inside Maven printed four lines of "WARNING: A terminally
# deprecated method in sun.misc.Unsafe has been called" at every build, the first thing bin/xwdemo
# showed a newcomer, as if something were broken: allowed explicitly, on JDK 24+ only (older JDKs do
# not know the option and would not start). And Maven 3.8's Jansi ended every run with ESC[0m colour
# resets, even in batch mode (-B -q) and into a file or a pipe: bin/xwdemo's build printed "[0m[0m"
# (style.color=never does not stop them; Jansi's own jansi.noreset does). Needs JAVA_HOME (xw_select_java).
xw_maven_opts() {
  local major
  case " ${MAVEN_OPTS:-} " in
    *" -Djansi.noreset="*) ;;
    *) MAVEN_OPTS="-Djansi.noreset=true${MAVEN_OPTS:+ $MAVEN_OPTS}" ;;
  esac
  major=$(xw_java_major "$JAVA_HOME")
  if [ -n "$major" ] && [ "$major" -ge 24 ]; then
    case " ${MAVEN_OPTS:-} " in
      *" --sun-misc-unsafe-memory-access="*) ;;
      *) MAVEN_OPTS="--sun-misc-unsafe-memory-access=allow $MAVEN_OPTS" ;;
    esac
  fi
  export MAVEN_OPTS
}

# Builds the project if the jars the scripts need are missing, or (with --fresh, as bin/xwdemo asks)
# older than their sources; otherwise says once that the jars are older than the sources.
#   xw_ensure_built [--fresh] [module...]: the modules the caller runs (all when none is given).
xw_ensure_built() {
  local module missing=0 stale fresh=
  if [ "${1:-}" = --fresh ]; then fresh=--fresh; shift; fi
  for module in server worker client gui bridge; do
    ls "$XW_HOME/$module/target/lib/xtremweb-$module-"*.jar >/dev/null 2>&1 || missing=1
  done
  [ -x "$XW_HOME/apptest/target/apptest" ] || missing=1
  stale=$([ "$missing" = 1 ] || xw_stale_modules "$@")
  if [ -n "$stale" ] && [ -z "$fresh" ]; then
    echo "note: the sources of ${stale% } changed since the last build; this runs the jars built before (bin/xwmvn -DskipTests package rebuilds)" >&2
  fi
  if [ "$missing" = 1 ] || { [ -n "$stale" ] && [ -n "$fresh" ]; }; then
    command -v mvn >/dev/null || { echo "Maven (mvn) 3.8+ is needed to build XtremWeb; install it (apt-get install maven)." >&2; return 1; }
    if [ "$missing" = 1 ]; then
      echo "Building XtremWeb (first run; this takes a few minutes)..." >&2
    else
      echo "Building XtremWeb again: the sources of ${stale% } changed since the last build..." >&2
    fi
    xw_maven_opts
    (cd "$XW_HOME" && mvn -B -q -DskipTests package) >&2 || { echo "Build failed; run bin/xwmvn package to see why." >&2; return 1; }
  fi
}

# Classpath of one module ($1 = server | worker | client | gui): its jar and its dependencies.
xw_classpath() {
  echo "$XW_HOME/$1/target/lib/*"
}

# Java names files in the charset of the locale it starts in (LC_ALL, else LC_CTYPE, else LANG).
# Under the C/POSIX locale of many services and init scripts that is ASCII: a worker could not name
# a file its job created with a non-ASCII name and abandoned the task (every worker, every retry,
# until the work ended in ERROR). On Linux a JVM always starts in a UTF-8 locale (macOS always
# names files in UTF-8).
xw_utf8_locale() {
  case "${OSTYPE:-}" in linux*) ;; *) return 0 ;; esac
  case "${LC_ALL:-${LC_CTYPE:-${LANG:-}}}" in
    *[Uu][Tt][Ff]-8* | *[Uu][Tt][Ff]8*) ;;
    *) export LC_ALL=C.UTF-8 ;;
  esac
}
xw_utf8_locale

# Where daemons keep their pid and console output (overridable, e.g. by tests).
XW_RUN_DIR=${XW_RUN_DIR:-$XW_HOME/var/run}

# Runs a process as a daemon or in the foreground.
#   xw_service <name> <module> <main class> <start|console|stop|restart|status> [args for main...]
# start waits until the process prints its ready line ($XW_READY_PATTERN) or dies.
xw_service() {
  local name=$1 module=$2 main=$3 action=${4:-}
  shift 4 || true
  local pidfile="$XW_RUN_DIR/$name.pid" out="$XW_RUN_DIR/$name.out"
  local opts_var="XW_$(echo "$module" | tr '[:lower:]' '[:upper:]')_JAVA_OPTS"
  local opts=${!opts_var:-}
  # The worker reads the machine's inventory through JNA (OSHI): native access is granted, or JDK 24+
  # prints four lines of "WARNING: A restricted method..." into every start's console.
  [ "$module" = worker ] && opts="--enable-native-access=ALL-UNNAMED $opts"
  mkdir -p "$XW_RUN_DIR"
  case "$action" in
    console)
      xw_select_java && xw_ensure_built "$module" || return 1
      exec "$JAVA" $opts -cp "$(xw_classpath "$module")" "$main" "$@"
      ;;
    start)
      if xw_running "$pidfile" "$main"; then
        echo "$name is already running (pid $(cat "$pidfile"))"
        return 0
      fi
      xw_select_java && xw_ensure_built "$module" || return 1
      # The previous run's output is kept (the reason of a crash must survive a restart), and the
      # new file exists, empty, before the process starts: the ready line looked for below can
      # only come from this run.
      xw_rotate_console "$out"
      : >"$out"
      nohup "$JAVA" $opts -cp "$(xw_classpath "$module")" "$main" "$@" >>"$out" 2>&1 </dev/null &
      echo $! >"$pidfile"
      local waited=0
      while [ "$waited" -lt 120 ]; do
        if ! xw_running "$pidfile"; then
          echo "$name failed to start; its last output ($out):" >&2
          tail -n 20 "$out" >&2
          rm -f "$pidfile"
          return 1
        fi
        if grep -q -- "${XW_READY_PATTERN:-ready}" "$out" 2>/dev/null; then
          echo "$name started (pid $(cat "$pidfile")), output in $out$([ -f "$out.1" ] && echo "; the previous run's in $out.1")"
          return 0
        fi
        sleep 0.5
        waited=$((waited + 1))
      done
      echo "$name did not report ready within 60 s; see $out" >&2
      return 1
      ;;
    stop)
      if ! xw_running "$pidfile" "$main"; then
        echo "$name is not running"
        rm -f "$pidfile"
        return 0
      fi
      local pid
      pid=$(cat "$pidfile")
      kill -TERM "$pid"
      for _ in $(seq 1 60); do
        xw_running "$pidfile" || { rm -f "$pidfile"; echo "$name stopped"; return 0; }
        sleep 0.5
      done
      echo "$name did not stop within 30 s; killing it" >&2
      kill -KILL "$pid" 2>/dev/null
      rm -f "$pidfile"
      ;;
    restart)
      xw_service "$name" "$module" "$main" stop "$@" && xw_service "$name" "$module" "$main" start "$@"
      ;;
    status)
      if xw_running "$pidfile" "$main"; then echo "$name is running (pid $(cat "$pidfile"))"; else echo "$name is not running"; return 3; fi
      ;;
    *)
      echo "usage: $name start|console|stop|restart|status [--xwconfig FILE]" >&2
      return 2
      ;;
  esac
}

# Keeps the console output of the last XW_CONSOLE_KEEP (5) runs: $1 becomes $1.1, $1.1 becomes $1.2...
xw_rotate_console() {
  local out=$1 keep=${XW_CONSOLE_KEEP:-5} i
  [ -s "$out" ] || return 0
  [ "$keep" -ge 1 ] 2>/dev/null || { rm -f "$out"; return 0; }
  rm -f "$out.$keep"
  for ((i = keep - 1; i >= 1; i--)); do
    [ ! -f "$out.$i" ] || mv -f "$out.$i" "$out.$((i + 1))"
  done
  mv -f "$out" "$out.1"
}

# Whether the pid file $1 names a live process, running the main class $2 if given. A pid file
# outlives its process (a reboot, a SIGKILL) and its pid is then given to any other process:
# start must not refuse because of it, and stop must not kill it.
xw_running() {
  local pid
  [ -f "$1" ] && pid=$(cat "$1") && [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
  [ -n "${2:-}" ] || return 0
  if [ -r "/proc/$pid/cmdline" ]; then
    tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$2"
  else
    ps -p "$pid" -o args= 2>/dev/null | grep -qF -- "$2"
  fi
}

# Runs one client command: xw_client <subcommand> [args...]. --xwconfig FILE may be given anywhere
# before a `--`; it is moved in front of the subcommand, where the client expects it.
xw_client() {
  local sub=$1
  shift
  local global=() rest=() seen_dashdash=0
  while [ $# -gt 0 ]; do
    if [ "$seen_dashdash" = 0 ] && [ "$1" = "--xwconfig" ] && [ $# -ge 2 ]; then
      global+=("$1" "$2"); shift 2; continue
    fi
    if [ "$seen_dashdash" = 0 ] && { [ "$1" = "--xwverbose" ] || [ "$1" = "--xwnoverbose" ]; }; then
      global+=("$1"); shift; continue
    fi
    [ "$1" = "--" ] && seen_dashdash=1
    rest+=("$1"); shift
  done
  xw_select_java && xw_ensure_built client || exit 1
  exec "$JAVA" ${XW_CLIENT_JAVA_OPTS:--Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto} \
    -cp "$(xw_classpath client)" xtremweb.client.ClientMain "${global[@]}" $sub "${rest[@]}"
}
