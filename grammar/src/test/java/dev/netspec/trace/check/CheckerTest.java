package dev.netspec.trace.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netspec.trace.Diagnostic;
import dev.netspec.trace.ParseResult;
import dev.netspec.trace.TraceParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each semantic rule, one at a time: a clean case passes, a broken one gets exactly its message. */
class CheckerTest {
    private static final String TOPOLOGY = """
            host a {
              nic eth0 {
                mac 02:00:00:00:00:01
                addr 10.0.0.1/24
              }
            }
            host b {
              nic eth0 {
                addr 10.0.0.2/24
              }
            }
            link a.eth0 <-> b.eth0 { delay 10us }
            flow c on a.eth0 from 10.0.0.2:4000 to 10.0.0.1:80
            """;

    private static List<String> messages(String text) {
        ParseResult r = TraceParser.parse(TOPOLOGY + text, "t.trace");
        assertTrue(r.trace().isPresent(), r::render);
        return r.diagnostics().stream().map(Diagnostic::message).toList();
    }

    private static void clean(String text) {
        assertEquals(List.of(), messages(text));
    }

    private static void onlyError(String text, String message) {
        assertEquals(List.of(message), messages(text));
    }

    @Test
    void theTopologyAloneIsClean() {
        clean("");
    }

    @Test
    void unknownHostsAndNicsAreNamedWithASuggestion() {
        onlyError("@0 inject x.eth0 eth()", "unknown host x");
        onlyError("@0 inject a.eth1 eth()", "unknown NIC eth1 on host a; did you mean 'eth0'?");
        onlyError("@0 inject bb.eth0 eth()", "unknown host bb");
        onlyError("expect a.eht0.rx_packets == 1", "unknown NIC eht0 on host a; did you mean 'eth0'?");
        clean("expect a.eth0.rx_dropped[ring_full] == 0");
        clean("expect a.cpu.idle >= 0");
    }

    @Test
    void socketsAreNamedWhereCreatedAndResolvedAfterwards() {
        clean("@0 a: fd = socket(tcp)\n+0 a: connect(fd, 10.0.0.2:80) = 0\nexpect a.tcp[fd].state == ESTABLISHED");
        onlyError("@0 a: connect(s, 10.0.0.2:80) = 0",
                "unknown socket s on host a; a socket is named where it is created: a: s = socket(tcp)");
        onlyError("@0 a: fd = socket(tcp)\nexpect b.tcp[fd].state == CLOSED",
                "unknown socket fd on host b; a socket is named where it is created: b: fd = socket(tcp)");
        onlyError("@0 a: fd = socket(tcp)\n+0 a: fd = socket(udp)",
                "socket name fd is already bound on host a at t.trace:14:4; close it first or pick another name");
        clean("@0 a: fd = socket(tcp)\n+0 a: close(fd) = 0\nexpect a.tcp[fd].state == CLOSED\n+0 a: fd = socket(udp)");
        onlyError("@0 a: fd = socket(sctp)", "socket takes one argument, tcp or udp: socket(tcp)");
        onlyError("@0 a: fd = socket(tcp)\n+0 a: conect(fd, 10.0.0.2:80)", "unknown socket call conect; did you mean 'connect'?");
    }

    @Test
    void errnoGoesWithMinusOne() {
        clean("@0 a: fd = socket(tcp)\n+0 a: connect(fd, 10.0.0.2:80) = -1 ECONNREFUSED");
        onlyError("@0 a: fd = socket(tcp)\n+0 a: connect(fd, 10.0.0.2:80) = 0 ECONNREFUSED",
                "an errno goes with the result -1: write = -1 ECONNREFUSED");
    }

    @Test
    void unitsMustFitTheirPlace() {
        onlyError("+10 run 1ms", "a time needs a unit: write +10ms or +10us (units: s, ms, us, ns)");
        clean("+0 run 1ms");
        onlyError("@1Mbps run 1ms", "Mbps is a bandwidth, but a time is needed (units: s, ms, us, ns)");
        onlyError("run 5", "run needs a unit: write 5us (units: s, ms, us, ns)");
        onlyError("run 5msc", "run: unknown unit msc; did you mean 'ms'? (units for a duration: s, ms, us, ns)");
        onlyError("run 5sec", "run: unknown unit sec (units for a duration: s, ms, us, ns)");
        onlyError("host z {\n  nic e\n}\nlink z.e <-> a.eth0", "a.eth0 is already linked at t.trace:12:6; a NIC has one link");
        onlyError("@0 load a.eth0 rate 10us template eth()",
                "rate: us is a duration, but a packet rate is needed (units: Mpps, kpps, pps)");
        clean("@0 load a.eth0 rate 1Gbps duration 1ms template eth()");
        onlyError("@0 load a.eth0 duration 1ms template eth()", "a load generator needs a rate, e.g. rate 100kpps");
    }

    @Test
    void valuesMustBeInRange() {
        onlyError("@0 inject a.eth0 ipv4(ttl=256)", "ipv4.ttl 256 is out of range: 0 to 255");
        onlyError("@0 inject a.eth0 ipv4(src=10.0.0.300)", "address 10.0.0.300 has an octet out of range: each is 0 to 255");
        onlyError("@0 inject a.eth0 udp(dport=1.5)", "udp.dport needs a whole number");
        onlyError("@0 inject a.eth0 eth(src=10.0.0.1)", "eth.src needs a MAC address such as 02:00:00:00:00:01");
        onlyError("@0 inject a.eth0 payload(bytes=0x123)", "bytes 0x123 have an odd number of hex digits; write two per byte");
        onlyError("@0 inject a.eth0 ipv4(tll=3)", "unknown ipv4 field tll; did you mean 'ttl'? (fields: checksum, df, dst, id, proto, src, tos, ttl)");
        onlyError("@0 inject a.eth0 ipv6()", "unknown layer ipv6; did you mean 'ipv4'? (layers: eth, arp, ipv4, icmp, udp, tcp, payload)");
        onlyError("@0 inject a.eth0 udp(1)", "layer fields are named: write udp(field=value)");
        onlyError("@0 inject a.eth0 eth(type=ipx)", "eth.type is a number or one of arp, ipv4");
        onlyError("@0 inject a.eth0 udp() / udp()", "layer udp appears twice in one frame");
        clean("@0 inject a.eth0 eth(type=ipv4) / ipv4(src=10.0.0.2, dst=10.0.0.1, df=TRUE) / udp(sport=1, dport=2) / payload(len=10)");
    }

    @Test
    void segmentsFollowPacketdrill() {
        clean("@0 c < S 0:0(0) win 65535 <mss 1460,sackOK,TS val 1 ecr 0,nop,wscale 7>\n+0 c > S. 0:0(0) ack 1");
        onlyError("@0 d < S 0:0(0)", "unknown flow d");
        onlyError("@0 c < S 0:10(5)", "segment 0:10(5) is inconsistent: the length in parentheses is end - start = 10");
        onlyError("@0 c < SX 0:0(0)", "unknown TCP flag 'X' in SX (flags: S F P R U E W, and . for ACK)");
        onlyError("@0 c < S 0:0(0) <wscale 15>", "wscale 15 is out of range: at most 14 (RFC 7323 section 2.3)");
        onlyError("@0 c < S 0:0(0) <mss>", "TCP option mss is written: mss N");
        onlyError("@0 c < S 4294967296:4294967296(0)", "sequence number 4294967296 is out of range: at most 4294967295");
    }

    @Test
    void duplicatesAreReportedWithTheFirstDefinition() {
        onlyError("host a { }", "host a is already defined at t.trace:1:1");
        onlyError("seed 1\nseed 2", "duplicate seed: already given at t.trace:14:1");
        onlyError("const X = 1\nconst X = 2", "constant X is already defined at t.trace:14:1");
        onlyError("flow c on b.eth0 from 10.0.0.1:1 to 10.0.0.2:2", "flow c is already defined at t.trace:13:1");
        onlyError("host z {\n nic e { mtu 1500 }\n nic e { mtu 1500 }\n}", "NIC e is already defined on host z at t.trace:15:2");
        onlyError("host z {\n nic e { mtu 1500 mtu 9000 }\n}", "mtu is already set at t.trace:15:10");
        onlyError("spec M with N = 1, N = 2", "constant N is bound twice in this spec clause");
        onlyError("const R = [a |-> 1, a |-> 2]", "record field a appears twice (first at t.trace:14:12)");
    }

    @Test
    void timeNeverRunsBackwards() {
        clean("@1ms run 1ms\n@2ms run 1ms\n+1ms expect a.cpu.busy == 0");
        onlyError("@1ms run 1ms\n@1.5ms run 1ms", "time goes backwards: @1.5ms is before the current time 2ms");
    }

    @Test
    void modelEventsAreTheReceivePathActions() {
        clean("""
                @0 event arrival(a.eth0)
                +0 event interrupt
                +0 event interrupt_handler
                +0 event poll(a.eth0, quota=4)
                +0 event softirq
                +0 event ip_input
                +0 event user_step
                +0 event transmit(a.eth0)
                +0 event tx_complete(a.eth0)
                +0 event schedule
                """);
        onlyError("@0 event poll(quota=0)", "quota 0 is out of range: 1 to 1048576");
        onlyError("@0 event poll(a.eth9)", "unknown NIC eth9 on host a; did you mean 'eth0'?");
    }

    @Test
    void anEventScenarioNamesTheSpecModulesActions() {
        // Written by `netspec explore`: spec actions (capitalised TLA+ names) with expected states.
        List<String> ok = TraceParser.parse("""
                spec Toy with Max = 3
                event Inc
                expect x == 1
                event Push(2)
                expect q == <<2>>
                """, "e.trace").diagnostics().stream().map(Diagnostic::message).toList();
        assertEquals(List.of(), ok);
        // Without a spec clause there is no module whose actions could be meant.
        List<String> noSpec = TraceParser.parse("event Inc\n", "e.trace").diagnostics().stream()
                .map(Diagnostic::message).toList();
        assertEquals(1, noSpec.size(), noSpec::toString);
        assertTrue(noSpec.get(0).startsWith("unknown model event Inc"), noSpec::toString);
    }

    @Test
    void ratesAreComparedWithRates() {
        clean("expect rate(b.eth0.rx_packets) over 1ms..5ms >= 90kpps");
        onlyError("expect rate(b.eth0.rx_packets) over 5ms..1ms >= 90kpps", "a rate interval's end must come after its start");
        onlyError("expect rate(b.eth0.rx_packets) over 1ms..5ms >= 9us",
                "a rate is compared with a packet rate (Mpps, kpps, pps) or a bandwidth (Gbps, Mbps, kbps, bps), not us");
    }

    @Test
    void includesResolveRelativeToTheFileAndMustNotCycle(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("topo"));
        Files.writeString(dir.resolve("topo/net.trace"), "host h {\n  nic eth0\n}\n");
        Files.writeString(dir.resolve("main.trace"), "include \"topo/net.trace\"\n@0 inject h.eth0 eth()\n");
        assertEquals(List.of(), TraceParser.parse(dir.resolve("main.trace")).diagnostics());

        Files.writeString(dir.resolve("x.trace"), "include \"y.trace\"\n");
        Files.writeString(dir.resolve("y.trace"), "include \"x.trace\"\n");
        ParseResult cyc = TraceParser.parse(dir.resolve("x.trace"));
        assertEquals(List.of("include cycle: x.trace -> y.trace -> x.trace"),
                cyc.diagnostics().stream().map(Diagnostic::message).toList());

        Files.writeString(dir.resolve("timeline.trace"), "@0 run 1ms\n");
        Files.writeString(dir.resolve("uses.trace"), "include \"timeline.trace\"\n");
        assertEquals(List.of("an included file holds topology, constants and includes, not timeline statements"),
                TraceParser.parse(dir.resolve("uses.trace")).diagnostics().stream().map(Diagnostic::message).toList());
    }

    @Test
    void specScenariosWithoutHostsNameModelVariablesFreely() {
        ParseResult r = TraceParser.parse("spec ReceivePath with Quota = 2\n@0 event arrival\nexpect ring_len == 1\n", "s.trace");
        assertEquals(List.of(), r.diagnostics());
    }

    @Test
    void suggestionsNeedAClosePlausibleName() {
        assertEquals("rx_ring", Suggest.closest("rx_rign", List.of("rx_ring", "tx_ring", "mac")).orElseThrow());
        assertTrue(Suggest.closest("tcp", List.of("udp")).isEmpty());
        assertEquals(1, Suggest.distance("ab", "ba"));
    }
}
