# Shared prelude of bench/run.sh and bench/tcp.sh (sourced, not run): paths, the JDK, the
# benchmarks jar (rebuilt when stale), CPU pinning, iperf3 and its loopback server.
# Sets: OUT, JAVA_HOME, JAVA, JAR, NCPU, CORE, PIN (array), PINNING, JMH_PINNING, QUICK.
cd "$(dirname "${BASH_SOURCE[0]}")/.."

OUT=target/bench
mkdir -p "$OUT"
JAVA_HOME=${JAVA_HOME:-$(bin/find-jdk)}
JAVA="$JAVA_HOME/bin/java"
JAR=bench/target/benchmarks.jar
QUICK=${BENCH_QUICK:-0}

# The benchmarks jar is built by `mvn install` (make build / make test); rebuild it if it is
# missing or older than any source it is made from.
if [ ! -f "$JAR" ] || [ -n "$(find pom.xml bench/pom.xml bench/src impl/pom.xml impl/src grammar/pom.xml grammar/src -newer "$JAR" -type f 2>/dev/null | head -1)" ]; then
  echo "bench: building $JAR"
  export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
  JAVA_HOME="$JAVA_HOME" mvn -B -q -pl bench -am -DskipTests install
fi

# One core for everything measured, so "on one core" means what it says.
NCPU=$(nproc)
CORE=${BENCH_CORE:-$((NCPU - 1))}
if command -v taskset >/dev/null 2>&1; then
  PIN=(taskset -c "$CORE")
  PINNING="both pinned to CPU $CORE with taskset"
  JMH_PINNING="JMH pinned to CPU $CORE with taskset"
else
  PIN=()
  PINNING="not pinned (no taskset)"
  JMH_PINNING="JMH not pinned (no taskset)"
fi

# iperf3 for the Linux peer: install it if we can; the callers say clearly when it is missing.
if ! command -v iperf3 >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "bench: installing iperf3 (apt-get)"
    if ! DEBIAN_FRONTEND=noninteractive apt-get install -y iperf3 >/dev/null 2>&1; then
      apt-get update >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y iperf3 >/dev/null 2>&1 || true
    fi
  fi
fi

# start_iperf_server PORT LOG: a pinned iperf3 server on 127.0.0.1:PORT that serves one client
# (-1) and is killed after 30 s regardless; sets SERVER to its pid and waits (at most 5 s) until
# it listens. The caller waits for it (or kills it) when its client is done.
start_iperf_server() {
  "${PIN[@]}" timeout 30 iperf3 -s -B 127.0.0.1 -p "$1" -1 >"$2" 2>&1 &
  SERVER=$!
  trap 'kill "$SERVER" 2>/dev/null || true' EXIT
  for _ in $(seq 50); do
    if command -v ss >/dev/null 2>&1; then
      ss -ltn 2>/dev/null | grep -q "127.0.0.1:$1 " && return 0
      sleep 0.1
    else
      sleep 1
      return 0
    fi
  done
}
