package dev.netspec.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report reads JMH's and iperf3's JSON shapes and judges the targets from the numbers. */
class ReportTest {
    private static String jmhEntry(String bench, double score, double alloc) {
        return """
            {"jmhVersion" : "1.37", "benchmark" : "dev.netspec.bench.%s", "mode" : "thrpt",
             "jdkVersion" : "25", "vmName" : "OpenJDK 64-Bit Server VM", "vmVersion" : "25+1",
             "primaryMetric" : {"score" : %s, "scoreError" : "NaN", "scoreUnit" : "ops/s"},
             "secondaryMetrics" : {"gc.alloc.rate.norm" : {"score" : %s, "scoreUnit" : "B/op"}}}
            """.formatted(bench, score, alloc);
    }

    private static final String JMH = "[" + jmhEntry("BareCopyBench.copy", 40e6, 0) + ","
            + jmhEntry("ReceivePathBench.receive", 12e6, 0) + ","
            + jmhEntry("ForwardingBench.forward", 4e6, 48) + "]";

    // The UDP client's shape: end.sum is the server's view (packets sent, lost), end.sum_sent the client's.
    private static final String IPERF = """
        {"start": {}, "intervals": [],
         "end": {"sum": {"seconds": 5.0, "packets": 1000000, "lost_packets": 400000, "lost_percent": 40.0},
                 "sum_sent": {"seconds": 5.0, "packets": 1000000, "bytes": 64000000},
                 "sum_received": {"seconds": 5.0, "packets": 1000000, "bytes": 38400000}}}
        """;

    @Test
    void judgesEachPathAgainstBareCopyAndLinuxSentRate(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("jmh.json"), JMH);
        Files.writeString(dir.resolve("iperf.json"), IPERF);
        Path out = dir.resolve("sub/stack.md");
        String md = Report.run(new String[] {"--jmh", dir.resolve("jmh.json").toString(),
            "--iperf", dir.resolve("iperf.json").toString(), "--out", out.toString(), "--command", "make bench"});
        assertEquals(md, Files.readString(out));
        // Linux: 200,000 sent/s (the stricter reference), 120,000 received/s.
        assertTrue(md.contains("client sent 200,000 datagrams/s, server received 120,000/s"), md);
        // receive: 12M = 30% of bare and 60x Linux -> both met; forward: 10% and 20x -> bare missed.
        assertTrue(md.contains("| 12,000,000 ± n/a | 0 | 40,000,000 | 30.0% | 200,000 | 60.0x | yes (>= 25% bare), yes (>= 10x Linux) |"), md);
        assertTrue(md.contains("| 4,000,000 ± n/a | 48 | 40,000,000 | 10.0% | 200,000 | 20.0x | no (>= 25% bare), yes (>= 10x Linux) |"), md);
        assertTrue(md.contains("Command: `make bench`"), md);
    }

    @Test
    void withoutIperfTheLinuxColumnsSaySkipped(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("jmh.json"), JMH);
        String md = Report.run(new String[] {"--jmh", dir.resolve("jmh.json").toString(), "--iperf", "none"});
        assertTrue(md.contains("Linux peer: skipped (iperf3 not available)"), md);
        assertTrue(md.contains("| skipped | n/a | yes (>= 25% bare), not checked (>= 10x Linux) |"), md);
    }

    @Test
    void aMissingBenchmarkOrAFailedIperfIsAClearError(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("jmh.json"), "[" + jmhEntry("BareCopyBench.copy", 1, 0) + "]");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Report.run(new String[] {"--jmh", dir.resolve("jmh.json").toString()}));
        assertTrue(e.getMessage().contains("no result for dev.netspec.bench.ReceivePathBench.receive"), e.getMessage());
        IllegalArgumentException f = assertThrows(IllegalArgumentException.class,
                () -> Report.loopback(Json.parse("{\"error\": \"unable to connect to server\"}")));
        assertTrue(f.getMessage().contains("unable to connect"), f.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Report.run(new String[] {"--bogus", "x"}));
    }

    @Test
    void jsonReaderHandlesTheValueKinds() {
        Object v = Json.parse(" {\"a\": [1, -2.5e3, true, false, null, \"x\\\"\\u0041\\n\"], \"b\": {}} ");
        List<?> a = (List<?>) ((Map<?, ?>) v).get("a");
        assertEquals(List.of(1.0, -2500.0, true, false), a.subList(0, 4));
        assertEquals(null, a.get(4));
        assertEquals("x\"A\n", a.get(5));
        assertEquals(Map.of(), Json.at(v, "b"));
        assertEquals(null, Json.at(v, "b", "c"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\": }"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("[1, 2"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("1 2"));
    }
}
