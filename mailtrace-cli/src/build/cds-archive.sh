#!/usr/bin/env bash
# Builds the application class-data-sharing archive that the launchers hand to the JVM, so that a
# short command (trace, detail, user) maps the classes it needs instead of loading, verifying and
# parsing ~3,000 of them from the jars (docs/benchmark.md, "Cold start").
#   cds-archive.sh JAVA CLASSPATH ARCHIVE TRAINING_LOG
#   cds-archive.sh PREFIX      (the packages: PREFIX/lib/mailtrace.jsa for bin/mailtrace's class path,
#                               with $JAVA_HOME/bin/java or java on the PATH, as bin/mailtrace picks)
# CLASSPATH must be exactly the one the launcher will pass at run time: Java 17 maps the archive only
# when the run's class path is the dump's, path for path (a moved directory does not match), and
# the jars have the same size and time. So the packages cannot ship one built elsewhere: the .deb's
# postinst and the tarball's user run the PREFIX form where the jars are installed. A directory
# stands for every jar in it in byte order, the class path of the package's launcher.
# The archive also belongs to the exact JDK build that wrote it; on any other JDK the launchers'
# -Xshare:auto silently runs without it. Training: ingest TRAINING_LOG into a scratch store, then
# trace, detail and user on it; each run writes the classes it loaded, and one static dump
# (-Xshare:dump) archives their union with the JDK's own classes.
set -euo pipefail
if [ $# -eq 1 ]; then
  prefix="$(cd "$1" && pwd)"
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then java="$JAVA_HOME/bin/java"; else java=java; fi
  set -- "$java" "$prefix/lib" "$prefix/lib/mailtrace.jsa" "$prefix/lib/cds/training.log"
fi
if [ $# -ne 4 ]; then
  sed -n '5,8p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
fi
java="$1"; cp="$2"; archive="$3"; log="$4"
if [ -d "$cp" ]; then
  dir="$(cd "$cp" && pwd)"
  cp="$(cd "$dir" && LC_ALL=C ls | sed -n "s|^\(.*\.jar\)\$|$dir/\1|p" | paste -sd: -)"
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
run() { # NAME ARGS... : one training run of the CLI, its loaded classes in $work/NAME.classes
  local name="$1"; shift
  MAILTRACE_CONFIG= "$java" -Xshare:off -XX:DumpLoadedClassList="$work/$name.classes" -cp "$cp" \
    org.mailtrace.cli.Main "$@" >"$work/$name.out" 2>"$work/$name.err" || {
    echo "cds-archive: the training run '$name' failed (exit $?); its output:" >&2
    cat "$work/$name.err" >&2
    exit 1
  }
}
run ingest ingest --data "$work/store" --year 2026 --timezone UTC --retention-days 0 "$log"
run trace trace --data "$work/store" --recipient '*' --limit 5
run trace-json trace --data "$work/store" --recipient '*' --limit 5 --output json
first() { # JSON_KEY: its first string value in the training trace's JSON output, or nothing
  sed -n 's/^ *"'"$1"'" *: *"\([^"]*\)".*/\1/p' "$work/trace-json.out" | head -n 1
}
trace_id="$(first messageTraceId)"
recipient="$(first recipientAddress)"
if [ -z "$trace_id" ] || [ -z "$recipient" ]; then
  echo "cds-archive: the training trace found no rows in $log; a log with delivered mail is needed" >&2
  exit 1
fi
run trace-recipient trace --data "$work/store" --recipient "$recipient"
run detail detail --data "$work/store" "$trace_id"
run user-list user list --data "$work/store"
# The union, first occurrence first: a class list names a class's supertypes before it.
awk '!seen[$0]++' "$work"/*.classes >"$work/all.classes"
rm -f "$archive"
"$java" -Xshare:dump -XX:SharedClassListFile="$work/all.classes" -XX:SharedArchiveFile="$archive" \
  -cp "$cp" >"$work/dump.out" 2>&1 || {
  echo "cds-archive: the dump of $archive failed; its output:" >&2
  cat "$work/dump.out" >&2
  exit 1
}
# The dump leaves out an old-format class (picocli's are Java 5 class files) that something made it
# link, e.g. a lambda implementing a picocli interface (see Main.Handlers), and every class that
# depends on it; each run then loads and verifies those from the jars. Said here, so it is noticed.
left_out="$(sed -n 's/.*Skipping \([^:]*\): Old class has been linked.*/\1/p' "$work/dump.out" | paste -sd' ' -)"
if [ -n "$left_out" ]; then
  echo "cds-archive: left out of the archive, as linked old-format classes (and their subclasses): $left_out" >&2
fi
echo "cds-archive: $archive ($(grep -c -v '^[#@]' "$work/all.classes") classes listed, $(du -k "$archive" | cut -f1) KiB)"
