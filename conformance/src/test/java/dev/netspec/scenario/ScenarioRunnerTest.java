package dev.netspec.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netspec.conform.Abstraction;
import dev.netspec.conform.RecordedStep;
import dev.netspec.conform.RecordedTrace;
import dev.netspec.conform.World;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The executor, statement kind by statement kind: what each does to the stack, and the problem
 * (with its file:line:col) when the stack disagrees with what is written or the input is bad.
 */
class ScenarioRunnerTest {
    static final Path TOPOLOGIES = Path.of("src/test/resources/scenarios/topologies").toAbsolutePath();

    @TempDir
    Path dir;

    static String include(String topology) {
        return "include \"" + TOPOLOGIES.resolve(topology) + "\"\n";
    }

    ScenarioResult run(String text) throws IOException {
        return run(text, RunOptions.defaults());
    }

    ScenarioResult run(String text, RunOptions options) throws IOException {
        Path f = dir.resolve("s.trace");
        Files.writeString(f, text);
        return ScenarioRunner.run(f, options);
    }

    static String problems(ScenarioResult r) {
        return r.problems().stream().map(Problem::render).collect(Collectors.joining("\n"));
    }

    static void assertPasses(ScenarioResult r) {
        assertTrue(r.passed(), () -> "expected a pass, got:\n" + problems(r));
    }

    /** The only problem of {@code r}, which must be at {@code line:col} and mention {@code text}. */
    static Problem assertOneProblem(ScenarioResult r, int line, int col, String text) {
        assertEquals(1, r.problems().size(), () -> problems(r));
        Problem p = r.problems().get(0);
        assertEquals(line + ":" + col, p.line() + ":" + p.column(), p::render);
        assertTrue(p.message().contains(text), () -> "'" + text + "' not in: " + p.render());
        return p;
    }

    // ------------------------------------------------------------------ the examples

    @Test
    void everyExampleRunsAndPassesOrIsHandedToTheReplayer() throws IOException {
        List<Path> examples;
        try (Stream<Path> s = Files.list(Path.of("../examples"))) {
            examples = s.filter(p -> p.toString().endsWith(".trace")).sorted().toList();
        }
        assertTrue(examples.size() >= 6);
        for (Path e : examples) {
            ScenarioResult r = ScenarioRunner.run(e, RunOptions.defaults());
            String n = e.getFileName().toString();
            if (n.equals("napi-model.trace")) {
                assertOneProblem(r, 9, 1, "event scenarios are replayed by the model replayer");
                assertTrue(r.skipped());
            } else if (n.equals("recorded-napi.trace")) {
                assertOneProblem(r, 6, 1, "validated against its spec by the trace validator");
                assertTrue(r.skipped());
            } else {
                assertTrue(r.passed(), () -> n + ":\n" + problems(r));
                assertTrue(r.statements() > 0, n);
            }
        }
    }

    // ------------------------------------------------------------------ inject and load

    static final String ONE_HOST = """
            host h {
              nic eth0 {
                mac 02:00:00:00:00:0a
                addr 192.168.1.10/24
                driver interrupt
              }
            }
            """;

    @Test
    void injectedFramesAreBuiltWithChecksumsUnlessGivenAndCounted() throws IOException {
        ScenarioResult r = run(ONE_HOST + """
                @0 h: s = socket(udp)
                +0 h: bind(s, 192.168.1.10:53) = 0
                +10us inject h.eth0 eth() / ipv4(src=192.168.1.11) / udp(sport=9, dport=53) / payload(len=100)
                +10us inject h.eth0 eth() / ipv4(src=192.168.1.11) / udp(dport=53, checksum=1) / payload(text="x")
                +10us inject h.eth0 eth() / ipv4(src=192.168.1.11, checksum=7) / udp(dport=53) / payload(len=1)
                +10us inject h.eth0 eth() / ipv4(src=192.168.1.11) / udp(dport=54) / payload(len=1)
                run 1ms
                expect h.eth0.rx_packets == 4
                expect h.udp.bad_checksum == 1
                expect h.ip.dropped[ipv4_bad_checksum] == 1
                expect h.udp.no_port == 1
                expect h.udp[s].queued == 1
                expect h.queue.balanced == TRUE
                h: recv(s, 2000) = 100
                """);
        assertPasses(r);
    }

    @Test
    void aFailedExpectationNamesItsLineAndTheActualValue() throws IOException {
        ScenarioResult r = run(ONE_HOST + """
                @0 inject h.eth0 eth() / ipv4() / udp(dport=53) / payload(len=4)
                run 1ms
                expect h.eth0.rx_packets == 3
                """);
        Problem p = assertOneProblem(r, 10, 1, "expectation failed: h.eth0.rx_packets == 3 (actual: 1)");
        assertEquals(Problem.Kind.EXPECTATION, p.kind());
        assertFalse(r.badInput());
    }

    @Test
    void anObservableComparedWithAnotherShowsBoth() throws IOException {
        ScenarioResult r = run(ONE_HOST + "expect h.eth0.rx_packets != h.eth0.tx_packets\n");
        assertOneProblem(r, 8, 1, "expectation failed: h.eth0.rx_packets != h.eth0.tx_packets (actual: 0)");
    }

    @Test
    void loadSendsFramesAtItsRateOntoTheLink() throws IOException {
        ScenarioResult r = run(include("two-hosts.trace") + """
                @0 load client.eth0 rate 10kpps count 50 template eth() / ipv4() / udp(dport=9) / payload(len=18)
                run 10ms
                expect server.eth0.rx_packets == 50
                expect server.eth0.rx_packets == server.udp.no_port
                expect server.eth0.rx_packets >= client.eth0.rx_packets
                expect client.eth0.rx_packets == server.icmp.errors_sent
                expect rate(server.eth0.rx_packets) over 1ms..4ms == 10kpps
                expect rate(server.eth0.rx_packets) over 6ms..9ms == 0pps
                expect server.udp.no_port == 50
                expect client.eth0.tx_packets == 0
                """);
        assertPasses(r);
    }

    @Test
    void poissonLoadSendsItsCountWithIrregularGaps() throws IOException {
        ScenarioResult r = run(include("two-hosts.trace") + """
                seed 11
                @0 load client.eth0 rate 10kpps count 300 arrivals poisson template eth() / ipv4() / udp(dport=9) / payload(len=18)
                run 100ms
                expect server.eth0.rx_packets == 300
                expect rate(server.eth0.rx_packets) over 1ms..4ms != 10kpps
                """);
        assertPasses(r);
    }

    // ------------------------------------------------------------------ socket calls

    @Test
    void udpCallsBetweenTwoHostsWithABlockingRecv() throws IOException {
        ScenarioResult r = run(include("two-hosts.trace") + """
                @0 server: s = socket(udp)
                +0 server: bind(s, 10.0.0.2:5000) = 0
                +0 client: c = socket(udp)
                +0 client: sendto(c, "hello", 10.0.0.2:5000) = 5
                +0 server: recvfrom(s, 100) = 5
                expect server.udp.rx_datagrams == 1
                expect client.udp.tx_datagrams == 1
                """);
        assertPasses(r);
        assertTrue(r.virtualTimeNs() > 10_000, "the blocking recv waited for the datagram to cross the link: " + r.virtualTimeNs());
    }

    @Test
    void tcpConnectAcceptSendRecvCloseBlockInVirtualTime() throws IOException {
        ScenarioResult r = run(include("two-hosts.trace") + """
                @0 server: l = socket(tcp)
                +0 server: bind(l, 10.0.0.2:80) = 0
                +0 server: listen(l, 4) = 0
                +0 client: c = socket(tcp)
                +0 client: connect(c, 10.0.0.2:80) = 0
                expect client.tcp[c].state == ESTABLISHED
                expect within 1ms server.tcp[l].accept_queue == 1
                expect server.tcp[l].half_open == 0
                +0 server: s = accept(l)
                expect server.tcp[l].accept_queue == 0
                +0 client: send(c, 3000) = 3000
                +0 server: recv(s, 10000) = 1448
                +0 client: close(c) = 0
                expect server.tcp[l].state == LISTEN
                +0 server: recv(s, 10000) = 1448
                +0 server: recv(s, 10000) = 104
                +0 server: recv(s, 10000) = 0
                expect server.tcp[s].state == CLOSE_WAIT
                +0 server: close(s) = 0
                expect within 1ms server.tcp[s].state == CLOSED
                expect client.tcp[c].state == TIME_WAIT
                expect eventually client.tcp[c].state == CLOSED
                """);
        assertPasses(r);
        assertTrue(r.virtualTimeNs() >= 240_000_000_000L, "TIME-WAIT lasted 2 MSL: " + r.virtualTimeNs());
    }

    @Test
    void aCallReturningSomethingElseIsAProblemAtItsResult() throws IOException {
        ScenarioResult r = run(include("two-hosts.trace") + """
                @0 client: c = socket(tcp)
                +0 client: connect(c, 10.0.0.2:9) = 0
                """);
        assertOneProblem(r, 3, 35, "connect returned -1 ECONNREFUSED, expected 0");
    }

    @Test
    void nonBlockingCallsReturnAtOnceAndABoundEndsABlockingOne() throws IOException {
        ScenarioResult r = run(include("two-hosts.trace") + """
                @0 server: s = socket(udp)
                +0 server: bind(s, 10.0.0.2:5000) = 0
                +0 server: setsockopt(s, O_NONBLOCK, 1) = 0
                +0 server: recv(s, 100) = -1 EAGAIN
                expect server.cpu.user_time == 0us
                +0 server: setsockopt(s, O_NONBLOCK, 0) = 0
                +0 server: setsockopt(s, SO_RCVTIMEO, 5ms) = 0
                +0 load client.eth0 rate 1kpps count 100 template eth() / ipv4() / udp(dport=9) / payload(len=1)
                +0 server: recv(s, 100) = -1 EAGAIN
                """);
        assertPasses(r);
        assertEquals(5_000_000L, r.virtualTimeNs(), "the blocking recv gave up at its 5 ms bound");
    }

    @Test
    void aBlockingCallNothingCanCompleteReturnsWithoutMovingTheClock() throws IOException {
        ScenarioResult r = run(ONE_HOST + """
                @0 h: s = socket(udp)
                +0 h: bind(s, 192.168.1.10:53) = 0
                +1ms h: recv(s, 100) = -1 EAGAIN
                """);
        assertPasses(r);
        assertEquals(1_000_000L, r.virtualTimeNs());
    }

    // ------------------------------------------------------------------ expect modes

    @Test
    void withinWaitsUpToItsBoundAndEventuallyRunsOnAfterTheLastStatement() throws IOException {
        String open = include("two-hosts.trace") + """
                @0 server: l = socket(tcp)
                +0 server: bind(l, 10.0.0.2:80) = 0
                +0 server: listen(l, 4) = 0
                +0 client: c = socket(tcp)
                +0 client: setsockopt(c, O_NONBLOCK, 1) = 0
                +0 client: connect(c, 10.0.0.2:80) = -1 EINPROGRESS
                """;
        assertPasses(run(open + "expect within 1ms client.tcp[c].state == ESTABLISHED\n"));
        assertPasses(run(open + "expect eventually client.tcp[c].state == ESTABLISHED\n"));
        assertOneProblem(run(open + "expect within 10us client.tcp[c].state == ESTABLISHED\n"), 8, 1,
                "did not hold within 10us: client.tcp[c].state == ESTABLISHED (at t=10000ns: SYN_SENT)");
        assertOneProblem(run(open + "expect eventually client.tcp[c].state == CLOSE_WAIT\n"), 8, 1,
                "expectation never held: client.tcp[c].state == CLOSE_WAIT");
        assertOneProblem(run(open + "expect client.tcp[c].state == ESTABLISHED\n"), 8, 1,
                "expectation failed: client.tcp[c].state == ESTABLISHED (actual: SYN_SENT)");
    }

    // ------------------------------------------------------------------ packetdrill segments

    static final String PASSIVE_OPEN = include("two-hosts.trace") + """
            flow c on server.eth0 from 10.0.0.1:40000 to 10.0.0.2:8080
            @0 server: l = socket(tcp)
            +0 server: bind(l, 10.0.0.2:8080) = 0
            +0 server: listen(l, 16) = 0
            +1ms c < S 0:0(0) win 65535 <mss 1000,sackOK,nop,wscale 7>
            """;

    @Test
    void segmentLinesInjectAndMatchTheStacksSegments() throws IOException {
        ScenarioResult r = run(PASSIVE_OPEN + """
                +0 c > S. 0:0(0) ack 1 <mss 1460,sackOK,nop,wscale 2>
                +10us c < . 1:1(0) ack 1 win 512
                +0 server: s = accept(l)
                +0 c < P. 1:1001(1000) ack 1 win 512
                +0 c < P. 1001:2001(1000) ack 1 win 512
                +0 c > . 1:1(0) ack 2001
                +0 server: send(s, 10) = 10
                +0 c > P. 1:11(10) ack 2001
                expect server.tcp[s].state == ESTABLISHED
                expect client.eth0.rx_packets == 0
                """);
        assertPasses(r);
    }

    @Test
    void aSegmentMismatchShowsExpectedAndActual() throws IOException {
        ScenarioResult r = run(PASSIVE_OPEN + "+0 c > R 0:0(0)\n");
        assertOneProblem(r, 7, 4, "segment differs in flags: expected R 0:0(0), the stack sent S. 0:0(0) ack 1 win ");
        ScenarioResult opts = run(PASSIVE_OPEN + "+0 c > S. 0:0(0) ack 1 <mss 536>\n");
        assertOneProblem(opts, 7, 4, "differs in options: expected S. 0:0(0) ack 1 <mss 536>");
        // An idle established connection sends nothing (no keep-alives by default); once its last
        // (stale) timer event has fired nothing is pending, so the line fails then, not at its bound.
        ScenarioResult none = run(PASSIVE_OPEN + "+0 c > S. 0:0(0) ack 1\n+10us c < . 1:1(0) ack 1 win 512\n+0 c > . 1:1(0) ack 1\n");
        assertOneProblem(none, 9, 4, "expected the stack to send . 1:1(0) ack 1, but it sent nothing on this flow (nothing left to happen");
        assertTrue(none.virtualTimeNs() < 2_000_000_000L, "stopped when the simulator went idle: " + none.virtualTimeNs());
    }

    // ------------------------------------------------------------------ faults

    @Test
    void aFaultInTheStackMakesTheExampleFailWhereTheRfcIsBroken() {
        Path handshake = Path.of("../examples/tcp-handshake.trace");
        assertPasses(ScenarioRunner.run(handshake, RunOptions.defaults()));
        ScenarioResult broken = ScenarioRunner.run(handshake,
                RunOptions.defaults().withFaults(java.util.EnumSet.of(dev.netspec.fault.Fault.FIN_NOT_ACKED)));
        // RFC 9293 3.10.7.4, eighth step: a FIN is acknowledged. With the fault on, the ACK never comes.
        assertOneProblem(broken, 28, 4, "expected the stack to send . 1:1(0) ack 102, but it sent nothing on this flow");
        assertEquals(Problem.Kind.EXPECTATION, broken.problems().get(0).kind());
        assertPasses(ScenarioRunner.run(handshake, RunOptions.defaults())); // the switch is off again after the run
    }

    // ------------------------------------------------------------------ bad input

    @Test
    void checkerErrorsComeBackAtTheirPositionAndNothingRuns() throws IOException {
        ScenarioResult r = run(ONE_HOST + "@0 hh: s = socket(udp)\n");
        Problem p = assertOneProblem(r, 8, 4, "unknown host hh");
        assertEquals(Problem.Kind.INPUT, p.kind());
        assertEquals(0, r.statements());
        assertTrue(r.badInput());
    }

    @Test
    void whatTheExecutorCannotDoIsAClearProblem() throws IOException {
        ScenarioResult frames = run("""
                host h {
                  nic eth0 {
                    addr 10.0.0.1/24
                    moderation_frames 8
                  }
                }
                """);
        assertOneProblem(frames, 4, 5, "not supported by the executor: moderation_frames");
        ScenarioResult path = run(ONE_HOST + "expect h.route.size == 1\n");
        assertOneProblem(path, 8, 8, "not supported by the executor: the path h.route.size");
        ScenarioResult opt = run(ONE_HOST + "@0 h: s = socket(udp)\n+0 h: setsockopt(s, SO_FOO, 1) = 0\n");
        assertOneProblem(opt, 9, 21, "not supported by the executor: socket option SO_FOO");
    }

    @Test
    void aFlowWhoseStackEndIsNotTheNicsAddressIsAnInputProblem() throws IOException {
        ScenarioResult r = run(include("two-hosts.trace") + "flow c on server.eth0 from 10.0.0.1:40000 to 10.0.0.9:80\n");
        assertOneProblem(r, 2, 46, "the flow's stack end 10.0.0.9:80 is not the address of server.eth0 (10.0.0.2)");
        assertTrue(r.badInput());
    }

    @Test
    void unknownSocketNamesAndUnitsAreInputProblems() throws IOException {
        ScenarioResult r = run(ONE_HOST + "expect h.cpu.user_time == 5\n");
        assertOneProblem(r, 8, 27, "cannot compare a time (write it with a unit, e.g. 10us) with 5");
    }

    @Test
    void aRunawayScenarioStopsAtTheStepLimit() throws IOException {
        ScenarioResult r = run(include("two-hosts.trace") + """
                @0 load client.eth0 rate 100kpps duration 1s template eth() / ipv4() / udp(dport=9)
                run 1s
                """, RunOptions.defaults().withStepLimit(1_000));
        assertOneProblem(r, 3, 1, "the run reached its limit of 1000 simulator events");
    }

    // ------------------------------------------------------------------ hooks

    @Test
    void eventScenariosGoToTheEventHandlerWhenThereIsOne() {
        ScenarioResult mine = new ScenarioResult(Path.of("x"), "replayed", List.of(), List.of(), 3, 0, List.of());
        ScenarioResult r = ScenarioRunner.run(Path.of("../examples/napi-model.trace"),
                RunOptions.defaults().withEventHandler((file, trace, options) -> mine));
        assertEquals(mine, r);
    }

    @Test
    void anAbstractionForTheSpecModuleIsAttachedAndFinishedWithTheScenarioName() throws IOException {
        List<String> sources = new ArrayList<>();
        Abstraction counting = new Abstraction() {
            @Override
            public String module() {
                return "Tcp";
            }

            @Override
            public Recording attach(World w) {
                w.host("server").tcp().addObserver((tcb, from, to, cause, now) -> sources.add(w.currentSource().line() + ":" + to));
                return name -> new RecordedTrace(name, "Tcp", w.specBindings(), Map.of(), List.of(
                        new RecordedStep(1, w.network().sim().now(), "Done", Map.of(), w.currentSource())));
            }
        };
        Abstraction other = new Abstraction() {
            @Override
            public String module() {
                return "ReceivePath";
            }

            @Override
            public Recording attach(World w) {
                throw new AssertionError("not this scenario's module");
            }
        };
        ScenarioResult r = run("scenario \"tagged\"\nspec Tcp with MSL = 2, Peer = \"b\"\n" + PASSIVE_OPEN
                + "+0 c > S. 0:0(0) ack 1\n", RunOptions.defaults().withAbstractions(List.of(counting, other)));
        assertPasses(r);
        assertEquals(1, r.traces().size());
        RecordedTrace t = r.traces().get(0);
        assertEquals("tagged", t.name());
        assertEquals(Map.of("MSL", "2", "Peer", "\"b\""), t.constants());
        assertTrue(sources.contains("9:SYN_RECEIVED") || sources.contains("10:SYN_RECEIVED"),
                "the state change is attributed to the statement that caused it: " + sources);
    }
}
