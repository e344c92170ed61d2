package dev.netspec.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Topology properties reach the stack, and every layer kind builds a frame the stack understands. */
class TopologyAndFramesTest {
    @TempDir
    Path dir;

    ScenarioResult run(String text) throws IOException {
        Path f = dir.resolve("t.trace");
        Files.writeString(f, text);
        return ScenarioRunner.run(f, RunOptions.defaults());
    }

    static void assertPasses(ScenarioResult r) {
        assertTrue(r.passed(), () -> String.join("\n", r.problems().stream().map(Problem::render).toList()));
    }

    @Test
    void arpAndIcmpLayersGetAnswers() throws IOException {
        assertPasses(run("""
                host h {
                  nic eth0 {
                    mac 02:00:00:00:00:0a
                    addr 10.0.0.1/24
                  }
                }
                @0 inject h.eth0 eth(src=02:00:00:00:00:0b, dst=ff:ff:ff:ff:ff:ff) / arp(op=request, sha=02:00:00:00:00:0b, spa=10.0.0.2, tpa=10.0.0.1)
                +10us inject h.eth0 eth(src=02:00:00:00:00:0b) / ipv4(src=10.0.0.2) / icmp(type=echo_request, id=7, seq=1) / payload(text="ping")
                run 1ms
                expect h.arp.replies_sent == 1
                expect h.eth0.tx_packets == 2
                expect h.ip.delivered == 2
                expect h.queue.balanced == TRUE
                """));
    }

    @Test
    void ringSizeDriverCostsAndLinkFaultsAreApplied() throws IOException {
        String topology = """
                seed 9
                host a {
                  nic eth0 {
                    addr 10.0.0.1/24
                  }
                }
                host b {
                  nic eth0 {
                    addr 10.0.0.2/24
                    rx_ring 2
                    driver interrupt
                  }
                  cost ip_input 100us
                }
                link a.eth0 <-> b.eth0 { bandwidth 100Mbps loss LOSS }
                @0 load a.eth0 rate 1Mpps count 200 template eth() / ipv4() / udp(dport=9) / payload(len=18)
                run 50ms
                """;
        // An overrun 2-slot ring misses frames; the 100 us IP input shows in the CPU's kernel time.
        assertPasses(run("const LOSS = 0\n" + topology + """
                expect b.eth0.rx_packets == 200
                expect b.eth0.rx_dropped[ring_full] > 150
                expect b.cpu.kernel_time >= 200us
                expect b.queue.balanced == TRUE
                """));
        // A link that loses everything delivers nothing, seeded or not.
        assertPasses(run("const LOSS = 100%\n" + topology + "expect b.eth0.rx_packets == 0\n"));
    }

    @Test
    void theSameSeedGivesTheSameRunAndAnotherSeedAnotherOne() throws IOException {
        String body = """
                host a {
                  nic eth0 {
                    addr 10.0.0.1/24
                  }
                }
                host b {
                  nic eth0 {
                    addr 10.0.0.2/24
                  }
                }
                link a.eth0 <-> b.eth0 { loss 30% }
                @0 load a.eth0 rate 10kpps count 100 template eth() / ipv4() / udp(dport=9)
                run 20ms
                """;
        ScenarioResult one = run("seed 1\n" + body);
        ScenarioResult again = run("seed 1\n" + body);
        ScenarioResult other = run("seed 2\n" + body);
        assertEquals(one.hostSummaries(), again.hostSummaries());
        assertTrue(!one.hostSummaries().equals(other.hostSummaries()), one.hostSummaries() + " vs " + other.hostSummaries());
    }

    @Test
    void routesAreObservable() throws IOException {
        assertPasses(run("""
                host r {
                  nic eth0 {
                    addr 10.1.0.1/24
                  }
                  nic eth1 {
                    addr 10.2.0.1/24
                  }
                  route 10.2.0.0/24 dev eth1
                  route 10.9.0.0/16 via 10.1.0.254 dev eth0
                }
                expect r.route.count == 3
                expect r.route[10.9.1.1].dev == eth0
                expect r.route[10.9.1.1].via == "10.1.0.254"
                expect r.route[10.2.0.7].via == DIRECT
                expect r.route[192.168.0.1].dev == NONE
                """));
    }

    @Test
    void anUnknownCostOperationIsNotSupported() throws IOException {
        ScenarioResult r = run("""
                host a {
                  nic eth0 {
                    addr 10.0.0.1/24
                  }
                  cost warp_drive 1us
                }
                """);
        assertEquals(1, r.problems().size());
        assertEquals("5:3", r.problems().get(0).line() + ":" + r.problems().get(0).column());
        assertTrue(r.problems().get(0).message().startsWith("not supported by the executor: cost operation warp_drive"));
    }
}
