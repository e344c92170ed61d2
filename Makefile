# netspec: the user's entry point. `make demo` runs the main job, `make test` runs every test.
# The JDK is found by bin/find-jdk (JAVA_HOME if it is 21+, else the standard JVM directories).
SHELL := /bin/bash
.DEFAULT_GOAL := help

JAVA_HOME := $(shell bin/find-jdk)
ifeq ($(JAVA_HOME),)
$(error No JDK 21 or newer found; see the message above)
endif
export JAVA_HOME
JAVA_MAJOR := $(shell sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$(JAVA_HOME)/release")
# Maven's own guava warns about sun.misc.Unsafe on JDK 24+; that noise is Maven's, not ours.
ifeq ($(shell [ "$(JAVA_MAJOR)" -ge 24 ] 2>/dev/null && echo y),y)
export MAVEN_OPTS := $(MAVEN_OPTS) --sun-misc-unsafe-memory-access=allow
endif
MVN := mvn -B -q -e
MVN_LOUD := mvn -B -ntp -e
JAR := conformance/target/netspec.jar
SOURCES := $(shell find pom.xml */pom.xml */src -type f 2>/dev/null)

.PHONY: help build demo test check check-deep bench fmt clean

help:
	@echo "make demo        run the main job: model-check the receive path (livelock found, NAPI proven)"
	@echo "make test        build and run every test (unit, property, fuzz-corpus, every small spec config)"
	@echo "make check       run TLC on every small spec configuration and print the outcome table"
	@echo "make check-deep  the large configurations (rings of 8, queues of 4, TCP with 2 segments and 3 in flight) and 100,000 generated TCP networks"
	@echo "make bench       measure: TLC throughput per configuration, written to target/bench/"
	@echo "make fmt         rewrite examples/*.trace in canonical form (netspec fmt)"
	@echo "make build       build the CLI (bin/netspec) without running tests"
	@echo "make clean       remove build output"

$(JAR): $(SOURCES)
	$(MVN) -DskipTests install
	@touch $(JAR)

build: $(JAR)

demo: $(JAR)
	bin/netspec demo

test:
	$(MVN_LOUD) install

check: $(JAR)
	bin/netspec check

check-deep: $(JAR)
	bin/netspec check --deep-only
	$(MVN_LOUD) -pl impl surefire:test -Dtest='StreamPropertyTest,TcpSocketsPropertyTest' -Dnetspec.tcp.examples=100000

bench: $(JAR)
	@mkdir -p target/bench
	bin/netspec check --deep --json target/bench/check.json --markdown target/bench/check.md
	bash bench/run.sh
	bash bench/tcp.sh
	"$(JAVA_HOME)/bin/java" -Xmx8g -XX:+UseParallelGC -cp bench/target/benchmarks.jar \
	  dev.netspec.trace.bench.RecordedTraceBench 1000000 3 | tee target/bench/trace-parse.txt
	"$(JAVA_HOME)/bin/java" -jar bench/target/benchmarks.jar ParseRecordedTraceBenchmark \
	  -p steps=1000000 -wi 2 -i 5 -f 1 -rf json -rff target/bench/trace-parse-jmh.json | tee target/bench/trace-parse-jmh.txt
	"$(JAVA_HOME)/bin/java" -XX:+UseParallelGC -cp $(JAR) dev.netspec.conform.ConformanceBench \
	  --long-module ReceivePath --long-config MC_ReceivePath_napi_router --out target/bench/conformance.md
	@echo "wrote target/bench/: conformance.md, check.md, check.json, stack.md, cputime.txt, tcp.md, trace-parse.txt, trace-parse-jmh.txt"

fmt: $(JAR)
	bin/netspec fmt examples

clean:
	$(MVN) clean
