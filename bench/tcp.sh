#!/usr/bin/env bash
# make bench, TCP part (issue 6): the Java TCP between two simulated hosts next to Linux's TCP on
# loopback, in one run, pinned to one core; writes target/bench/tcp.md (and the raw results).
#   bash bench/tcp.sh            # from the repository root
# Environment: BENCH_CORE (CPU to pin to, default the last one), BENCH_QUICK=1 (1 s iterations:
# a smoke run, not a result), IPERF_PORT (default 5202), TCP_CONNECTIONS (memory run, default 10000).
set -euo pipefail
source "$(dirname "$0")/common.sh"

if [ "$QUICK" = 1 ]; then
  JMH_ARGS=(-f 1 -wi 1 -w 1s -i 2 -r 1s)
else
  JMH_ARGS=(-f 1 -wi 5 -w 2s -i 5 -r 2s) # 5 warm-ups: on a busy core C2 needs them
fi
# The Java TCP and Linux's (through java.nio) in the same JMH run, on the same core.
JMH_CMD=("${PIN[@]}" "$JAVA" -jar "$JAR" 'dev.netspec.tcpbench.*Benchmark' "${JMH_ARGS[@]}" -rf json -rff "$OUT/tcp-jmh.json")
echo "tcp bench: ${JMH_CMD[*]}"
"${JMH_CMD[@]}" | tee "$OUT/tcp-jmh.txt"

# iperf3 over loopback, server and client on the same core: once with MSS 1460 (compared with the
# Java link of MTU 1500) and once with loopback's own MTU (64 KiB, what Linux gives any local
# connection; compared with the Java link of MTU 65535). Each run is tagged with the MTU of the
# Java run it is compared with: matched segment sizes only.
IPERF=()
IPERF_CMDS=""
if command -v iperf3 >/dev/null 2>&1; then
  PORT=${IPERF_PORT:-5202}
  SECS=5
  [ "$QUICK" = 1 ] && SECS=2
  for run in "1500:-M 1460 (lo MTU 65536, MSS 1460)=-M 1460" "65535:lo MTU 65536="; do
    tag=${run%%=*}
    mtu=${tag%%:*}
    label=${tag#*:}
    extra=${run#*=}
    file="$OUT/tcp-iperf3-mtu$mtu.json"
    start_iperf_server "$PORT" "$OUT/tcp-iperf3-server.log"
    # shellcheck disable=SC2086
    CLIENT=("${PIN[@]}" timeout 20 iperf3 -c 127.0.0.1 -p "$PORT" -t "$SECS" $extra --json)
    echo "tcp bench: ${CLIENT[*]}"
    if "${CLIENT[@]}" >"$file" 2>"$OUT/tcp-iperf3-client.log"; then
      IPERF+=(--iperf "$mtu:$label=$file")
      IPERF_CMDS="$IPERF_CMDS; ${CLIENT[*]}"
    else
      echo "tcp bench: iperf3 ($label) failed, see $file" >&2
    fi
    wait "$SERVER" 2>/dev/null || true
    trap - EXIT
  done
else
  echo "tcp bench: iperf3 not installed: the Linux bulk comparison is skipped" >&2
fi

"${PIN[@]}" "$JAVA" -cp "$JAR" dev.netspec.bench.TcpReport --jmh "$OUT/tcp-jmh.json" "${IPERF[@]}" \
  --connections "${TCP_CONNECTIONS:-10000}" --out "$OUT/tcp.md" \
  --command "bash bench/tcp.sh   # ${JMH_CMD[*]}$IPERF_CMDS"
echo "tcp bench: wrote $OUT/tcp.md"
