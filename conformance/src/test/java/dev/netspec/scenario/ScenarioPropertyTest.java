package dev.netspec.scenario;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quicktheories.core.Gen;

/**
 * Any sequence of injected UDP datagrams (sizes, good and bad checksums, bound and unbound ports,
 * back to back or spaced out, any driver) gives counters that add up: every frame is counted once
 * at the NIC, each bad checksum once, each datagram to an unbound port once, the rest queued on
 * the socket, and the host's ledger stays balanced (ICMP port unreachables wait for ARP: no peer). The expectations are written into the
 * generated scenario, so the executor's reading of paths is under test too.
 */
class ScenarioPropertyTest {
    @TempDir
    Path dir;

    /** One datagram: payload size, 0 good / 1 bad UDP checksum / 2 to an unbound port, gap before it in us. */
    record Datagram(int size, int kind, int gapUs) { }

    static Gen<Datagram> datagram() {
        return integers().between(0, 1400).zip(integers().between(0, 2), integers().between(0, 50), Datagram::new);
    }

    static final List<String> DRIVERS = List.of("interrupt", "poll_noquota", "poll_quota", "poll_feedback", "napi");

    @Test
    void anyUdpInjectSequenceKeepsTheCountersAndTheLedgerBalanced() {
        qt().withExamples(40).withShrinkCycles(20).forAll(lists().of(datagram()).ofSizeBetween(1, 40), integers().between(0, 4))
                .checkAssert((ds, d) -> {
                    StringBuilder s = new StringBuilder("""
                            host h {
                              nic eth0 {
                                mac 02:00:00:00:00:0a
                                addr 192.168.1.10/24
                                rx_ring 64
                                driver %s
                              }
                            }
                            @0 h: s = socket(udp)
                            +0 h: bind(s, 192.168.1.10:53) = 0
                            +0 h: setsockopt(s, SO_RCVBUF, 1000000) = 0
                            """.formatted(DRIVERS.get(d)));
                    for (Datagram g : ds) {
                        s.append("+").append(g.gapUs()).append("us inject h.eth0 eth() / ipv4(src=192.168.1.11) / udp(dport=")
                                .append(g.kind() == 2 ? 54 : 53).append(g.kind() == 1 ? ", checksum=1" : "")
                                .append(") / payload(len=").append(g.size()).append(")\n");
                    }
                    long bad = ds.stream().filter(g -> g.kind() == 1).count();
                    long noPort = ds.stream().filter(g -> g.kind() == 2).count();
                    long good = ds.size() - bad - noPort;
                    s.append("run 50ms\n")
                            .append("expect h.eth0.rx_packets == ").append(ds.size()).append('\n')
                            .append("expect h.eth0.rx_dropped[ring_full] == 0\n")
                            .append("expect h.udp.bad_checksum == ").append(bad).append('\n')
                            .append("expect h.udp.no_port == ").append(noPort).append('\n')
                            .append("expect h.udp[s].queued == ").append(good).append('\n')
                            .append("expect h.udp.rx_datagrams == ").append(good).append('\n')
                            .append("expect h.queue.balanced == TRUE\n")
                            .append("expect h.queue.delivered == ").append(good).append('\n');
                    ScenarioResult r = run(s.toString());
                    assertTrue(r.passed(), () -> s + "\n" + r.problems().stream().map(Problem::render).collect(Collectors.joining("\n")));
                });
    }

    private ScenarioResult run(String text) {
        try {
            Path f = Files.createTempFile(dir, "gen", ".trace");
            Files.writeString(f, text);
            return ScenarioRunner.run(f, RunOptions.defaults());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
