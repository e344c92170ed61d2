package dev.netspec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code netspec run}: one line per scenario, problems as file:line:col, exit codes 0 / 1 / 2. */
class RunCommandTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    static final String HOST = """
            scenario "one host"
            host h {
              nic eth0 {
                addr 192.168.1.10/24
              }
            }
            @0 inject h.eth0 eth() / ipv4() / udp(dport=53) / payload(len=4)
            run 1ms
            """;

    @Test
    void passingExamplesExitZeroWithOneLineEach() {
        CliRun r = CliRun.of("run", "../examples/udp-inject.trace", "../examples/connect-refused.trace");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("PASS ../examples/udp-inject.trace \"udp datagrams, one with a bad checksum\" (1.020ms virtual"), r.out());
        assertTrue(r.out().contains("PASS ../examples/connect-refused.trace \"connect to a closed port\""), r.out());
    }

    @Test
    void allExamplesPassOrAreSkippedAsMeantForTheModelTools() {
        CliRun r = CliRun.of("run", "../examples/napi-model.trace", "../examples/recorded-napi.trace", "../examples/rx-livelock.trace");
        assertEquals(0, r.exit(), r.out());
        // An event scenario is replayed on the stack by the model replayer that netspec run installs.
        assertTrue(r.out().contains("PASS ../examples/napi-model.trace"), r.out());
        assertTrue(r.out().contains("SKIP ../examples/recorded-napi.trace"), r.out());
        assertTrue(r.out().contains("PASS ../examples/rx-livelock.trace"), r.out());
    }

    @Test
    void aFailedExpectationExitsOneAndPrintsItsPosition() throws IOException {
        Path f = write("fail.trace", HOST + "expect h.eth0.rx_packets == 2\n");
        CliRun r = CliRun.of("run", f.toString());
        assertEquals(1, r.exit(), r.out());
        assertTrue(r.out().contains("FAIL " + f + " \"one host\""), r.out());
        assertTrue(r.out().contains(f + ":9:1: expectation failed: h.eth0.rx_packets == 2 (actual: 1)"), r.out());
    }

    @Test
    void badInputAndUnknownFaultsExitTwo() throws IOException {
        Path f = write("bad.trace", HOST + "expect hx.eth0.rx_packets == 2\n");
        CliRun r = CliRun.of("run", f.toString());
        assertEquals(2, r.exit(), r.out());
        assertTrue(r.out().contains(f + ":9:8: unknown host hx"), r.out());
        CliRun fault = CliRun.of("run", "--fault", "no_such_bug", f.toString());
        assertEquals(2, fault.exit());
        assertTrue(fault.err().contains("unknown fault 'no_such_bug'; known: napi_early_reenable"), fault.err());
        assertEquals(2, CliRun.of("run", dir.resolve("missing.trace").toString()).exit());
    }

    @Test
    void aFaultSwitchedOnMakesAPassingScenarioFail() {
        assertEquals(0, CliRun.of("run", "../examples/tcp-handshake.trace").exit());
        CliRun r = CliRun.of("run", "--fault", "fin_not_acked", "../examples/tcp-handshake.trace");
        assertEquals(1, r.exit(), r.out());
        assertTrue(r.out().contains("FAIL ../examples/tcp-handshake.trace"), r.out());
        assertTrue(r.out().contains("../examples/tcp-handshake.trace:28:4: flow c: expected the stack to send . 1:1(0) ack 102"), r.out());
    }

    @Test
    void pcapWritesOneFilePerNicWithTheFramesItSaw() throws IOException {
        Path out = dir.resolve("pcaps");
        CliRun r = CliRun.of("run", "--pcap", out.toString(), "../examples/connect-refused.trace");
        assertEquals(0, r.exit(), r.out());
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(2, files.count());
        }
        Path client = out.resolve("connect-refused.client.eth0.pcap");
        // 24-byte file header, then per frame a 16-byte record header and the frame: SYN out, RST in.
        long size = Files.size(client);
        assertTrue(size > 24 + 2 * (16 + 54), "two frames recorded: " + size);
    }
}
