#!/usr/bin/env bash
# make bench, part 2: speed of the Java stack (JMH) next to a bare copy baseline and Linux's own
# UDP loopback (iperf3), all in one run, written to target/bench/stack.md.
#   bash bench/run.sh            # from the repository root; JAVA_HOME from the Makefile or bin/find-jdk
# Environment: BENCH_CORE (CPU to pin to, default the last one), BENCH_QUICK=1 (1 warmup + 1
# measurement iteration of 1 s: a smoke run, not a result), IPERF_PORT (default 5201).
set -euo pipefail
source "$(dirname "$0")/common.sh"

if [ "$QUICK" = 1 ]; then
  JMH_ARGS=(-f 1 -wi 1 -w 1s -i 1 -r 1s)
else
  JMH_ARGS=(-f 1 -wi 3 -w 2s -i 5 -r 2s)
fi
JMH_CMD=("${PIN[@]}" "$JAVA" -jar "$JAR" 'dev.netspec.bench.*Bench' "${JMH_ARGS[@]}" -prof gc -rf json -rff "$OUT/jmh.json")
echo "bench: ${JMH_CMD[*]}"
"${JMH_CMD[@]}" | tee "$OUT/jmh.txt"

IPERF_JSON=none
IPERF_CMD="(skipped)"
if command -v iperf3 >/dev/null 2>&1; then
  PORT=${IPERF_PORT:-5201}
  start_iperf_server "$PORT" "$OUT/iperf3-server.log"
  CLIENT=("${PIN[@]}" timeout 20 iperf3 -c 127.0.0.1 -p "$PORT" -u -l 64 -b 0 -t 5 --json)
  IPERF_CMD="${CLIENT[*]}"
  echo "bench: $IPERF_CMD"
  if "${CLIENT[@]}" >"$OUT/iperf3.json" 2>"$OUT/iperf3-client.log"; then
    IPERF_JSON="$OUT/iperf3.json"
  else
    echo "bench: iperf3 client failed (see $OUT/iperf3.json, $OUT/iperf3-client.log); Linux comparison skipped" >&2
  fi
  wait "$SERVER" 2>/dev/null || true
  trap - EXIT
else
  echo "bench: iperf3 not available and not installable here: the Linux loopback comparison is skipped" >&2
fi

# Thread-CPU-time rates of the same paths: on a shared machine JMH's wall-clock rates also
# measure the scheduler; this removes the time-slicing (see CpuTimeRates).
CPU_CMD=("${PIN[@]}" "$JAVA" -cp "$JAR" dev.netspec.bench.CpuTimeRates 9 300)
echo "bench: ${CPU_CMD[*]}"
"${CPU_CMD[@]}" | tee "$OUT/cputime.txt"

"$JAVA" -cp "$JAR" dev.netspec.bench.Report --jmh "$OUT/jmh.json" --iperf "$IPERF_JSON" --out "$OUT/stack.md" \
  --command "bash bench/run.sh   # ${JMH_CMD[*]}; $IPERF_CMD" --pinning "$PINNING; $JMH_PINNING"
echo "bench: wrote $OUT/stack.md"
