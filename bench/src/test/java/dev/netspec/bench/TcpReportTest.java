package dev.netspec.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netspec.tcpbench.TcpMemory;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The TCP report compares each Java bulk run only with the iperf3 run of the same segment size. */
class TcpReportTest {
    private static String result(String benchmark, String params, double score, double error) {
        return "{\"benchmark\": \"" + benchmark + "\", " + params + "\"primaryMetric\": {\"score\": " + score
                + ", \"scoreError\": " + error + "}}";
    }

    private static final String JMH = "[" + String.join(", ",
            result(TcpReport.BULK, "\"params\": {\"mtu\": \"1500\"}, ", 1000, 10),
            result(TcpReport.BULK, "\"params\": {\"mtu\": \"65535\"}, ", 3000, 30),
            result(TcpReport.CONNECT, "", 100_000, 1000),
            result(TcpReport.LINUX_CONNECT, "", 10_000, 100)) + "]";

    private static Object iperf(double bitsPerSecond) {
        return Json.parse("{\"end\": {\"sum_received\": {\"bits_per_second\": " + bitsPerSecond + "}}}");
    }

    @Test
    void eachJavaMtuIsComparedWithItsMatchedLinuxRunOnly() {
        // 1,048,576 B per op: Java 1,049 MB/s at MTU 1500 and 3,146 MB/s at 65535.
        List<TcpReport.Iperf> linux = List.of(
                TcpReport.iperf(1500, "-M 1460", iperf(8 * 1000e6)),
                TcpReport.iperf(65535, "lo MTU 65536", iperf(8 * 2000e6)));
        String md = TcpReport.markdown(Json.parse(JMH), linux,
                new TcpMemory.Result(10, 20_000, Optional.of(2368)), "bash bench/tcp.sh");
        assertTrue(md.contains("| bulk transfer, MB/s (Java MTU 1500, MSS 1460; Linux: iperf3, -M 1460) | 1049 ± 10 | 1000 | 1.05 | >= 1 | yes |"), md);
        assertTrue(md.contains("| bulk transfer, MB/s (Java MTU 65535, MSS 65495; Linux: iperf3, lo MTU 65536) | 3146 ± 31 | 2000 | 1.57 | >= 1 | yes |"), md);
        assertEquals(2, md.lines().filter(l -> l.startsWith("| bulk")).count(), md);
        assertFalse(md.contains("MTU 65535, MSS 65495; Linux: iperf3, -M 1460"), md);
    }

    @Test
    void aJavaRunWithoutAMatchedLinuxRunSaysSo() {
        String md = TcpReport.markdown(Json.parse(JMH), List.of(TcpReport.iperf(1500, "-M 1460", iperf(8 * 2000e6))),
                new TcpMemory.Result(10, 20_000, Optional.empty()), "c");
        assertTrue(md.contains("| 1049 ± 10 | 2000 | 0.52 | >= 1 | no |"), md);
        assertTrue(md.contains("(Java MTU 65535, MSS 65495) | 3146 ± 31 | (no matched iperf3 run)"), md);
    }

    @Test
    void anIperfArgumentWithoutTheJavaMtuIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TcpReport.run(new String[] {"--jmh", "x.json", "--iperf", "loopback=f.json"}));
        assertTrue(e.getMessage().contains("MTU:LABEL=FILE"), e.getMessage());
    }
}
