package dev.netspec.bench;

import dev.netspec.tcpbench.TcpBulkBenchmark;
import dev.netspec.tcpbench.TcpMemory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Issue 6's performance table from one {@code bench/tcp.sh} run: the JMH results of the Java TCP
 * and of Linux's TCP through java.nio ({@code -rf json}), iperf3's TCP loopback runs ({@code
 * --json}, one or more), and the memory per connection, measured here ({@link TcpMemory}) and
 * read from {@code /proc/slabinfo}. Writes Markdown with the ratios and which targets are met.
 *
 * <p>Bulk rows compare matched segment sizes only: each iperf3 run is given with the MTU of the
 * Java link it is compared with ({@code --iperf MTU:LABEL=FILE}; {@link TcpBulkBenchmark#mtu}):
 * 1500 for iperf3 {@code -M 1460}, 65535 for iperf3 over loopback's own 64 KiB MTU. Every row
 * states both sides' MTU.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.netspec.bench.TcpReport --jmh J [--iperf MTU:LABEL=FILE]...
 *     [--connections N] --out O --command C
 * </pre>
 */
public final class TcpReport {
    static final String BULK = "dev.netspec.tcpbench.TcpBulkBenchmark.bulk";
    static final String CONNECT = "dev.netspec.tcpbench.TcpConnectBenchmark.connection";
    static final String LINUX_CONNECT = "dev.netspec.tcpbench.LinuxConnectBenchmark.connection";

    /**
     * An iperf3 TCP run: the MTU of the Java link it is compared with, its label and receiver
     * throughput in bits per second.
     */
    record Iperf(int javaMtu, String label, double bitsPerSecond) {}

    private TcpReport() {}

    public static void main(String[] args) {
        try {
            System.out.print(run(args));
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("tcp report: " + e.getMessage());
            System.exit(2);
        }
    }

    static String run(String[] args) throws IOException {
        String jmh = null;
        String out = null;
        String command = "";
        int connections = 10_000;
        List<String[]> iperfs = new ArrayList<>();
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value after " + args[i]);
            }
            String v = args[i + 1];
            switch (args[i]) {
                case "--jmh" -> jmh = v;
                case "--out" -> out = v;
                case "--command" -> command = v;
                case "--connections" -> connections = Integer.parseInt(v);
                case "--iperf" -> {
                    int colon = v.indexOf(':');
                    int eq = v.indexOf('=');
                    if (colon <= 0 || eq <= colon + 1 || !v.substring(0, colon).matches("[0-9]{2,5}")) {
                        throw new IllegalArgumentException("--iperf wants MTU:LABEL=FILE (MTU: the Java link's), got " + v);
                    }
                    iperfs.add(new String[] {v.substring(0, colon), v.substring(colon + 1, eq), v.substring(eq + 1)});
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (want --jmh, --iperf, --connections, --out, --command)");
            }
        }
        if (jmh == null) {
            throw new IllegalArgumentException("--jmh is required");
        }
        Object results = Json.parse(Files.readString(Path.of(jmh)));
        List<Iperf> linuxBulk = new ArrayList<>();
        for (String[] f : iperfs) {
            linuxBulk.add(iperf(Integer.parseInt(f[0]), f[1], Json.parse(Files.readString(Path.of(f[2])))));
        }
        TcpMemory.Result memory = TcpMemory.measure(connections);
        String md = markdown(results, linuxBulk, memory, command);
        if (out != null) {
            Path p = Path.of(out);
            if (p.getParent() != null) {
                Files.createDirectories(p.getParent());
            }
            Files.writeString(p, md);
        }
        return md;
    }

    /** Receiver-side throughput of an iperf3 TCP client run. */
    static Iperf iperf(int javaMtu, String label, Object json) {
        Object error = Json.at(json, "error");
        if (error != null) {
            throw new IllegalArgumentException("iperf3 (" + label + ") failed: " + error);
        }
        Object bps = Json.at(json, "end", "sum_received", "bits_per_second");
        if (!(bps instanceof Double d) || !(d > 0)) {
            throw new IllegalArgumentException("iperf3 (" + label + ") JSON has no end.sum_received.bits_per_second"
                    + " (not a TCP client run?)");
        }
        return new Iperf(javaMtu, label, d);
    }

    /** The MTUs the bulk benchmark ran with (its {@code mtu} parameter; 1500 if it has none). */
    static List<Integer> bulkMtus(Object results) {
        List<Integer> mtus = new ArrayList<>();
        for (Object o : (List<?>) results) {
            if (BULK.equals(Json.at(o, "benchmark"))) {
                Object p = Json.at(o, "params", "mtu");
                int mtu = p == null ? 1500 : Integer.parseInt(p.toString());
                if (!mtus.contains(mtu)) {
                    mtus.add(mtu);
                }
            }
        }
        if (mtus.isEmpty()) {
            throw new IllegalArgumentException("no result for " + BULK + " in the JMH file");
        }
        return mtus;
    }

    /** MB/s and its error of the bulk benchmark at {@code mtu}. */
    static double[] bulk(Object results, int mtu) {
        for (Object o : (List<?>) results) {
            Object p = Json.at(o, "params", "mtu");
            int m = p == null ? 1500 : Integer.parseInt(p.toString());
            if (BULK.equals(Json.at(o, "benchmark")) && m == mtu) {
                double score = ((Number) Json.at(o, "primaryMetric", "score")).doubleValue();
                double error = Json.at(o, "primaryMetric", "scoreError") instanceof Number n ? n.doubleValue() : Double.NaN;
                return new double[] {score * TcpBulkBenchmark.CHUNK / 1e6, error * TcpBulkBenchmark.CHUNK / 1e6};
            }
        }
        throw new IllegalArgumentException("no result for " + BULK + " at mtu " + mtu);
    }

    static String markdown(Object results, List<Iperf> linuxBulk, TcpMemory.Result memory, String command) {
        Report.Score connect = Report.score(results, CONNECT);
        Report.Score linuxConnect = Report.score(results, LINUX_CONNECT);
        StringBuilder b = new StringBuilder();
        b.append("### TCP: the Java stack next to Linux loopback (issue 6)\n\n");
        b.append("Command: `").append(command).append("`\n\n");
        b.append("| measure | Java TCP (simulated pair, ideal link) | Linux TCP (loopback) | Java / Linux | target | met? |\n");
        b.append("|---|---:|---:|---:|---|---|\n");
        List<Integer> javaMtus = bulkMtus(results);
        for (int mtu : javaMtus) {
            double[] java = bulk(results, mtu);
            String javaSide = String.format(Locale.ROOT, "Java MTU %d, MSS %d", mtu, mtu - TcpBulkBenchmark.HEADERS);
            boolean matched = false;
            for (Iperf l : linuxBulk) {
                if (l.javaMtu() != mtu) {
                    continue; // matched segment sizes only
                }
                matched = true;
                double linuxMBps = l.bitsPerSecond() / 8e6;
                double ratio = java[0] / linuxMBps;
                b.append(String.format(Locale.ROOT, "| bulk transfer, MB/s (%s; Linux: iperf3, %s) | %.0f ± %.0f | %.0f | %.2f | >= 1 | %s |%n",
                        javaSide, l.label(), java[0], java[1], linuxMBps, ratio, ratio >= 1 ? "yes" : "no"));
            }
            if (!matched) {
                b.append(String.format(Locale.ROOT, "| bulk transfer, MB/s (%s) | %.0f ± %.0f | (no matched iperf3 run) | | >= 1 | unknown |%n",
                        javaSide, java[0], java[1]));
            }
        }
        double connRatio = connect.perSecond() / linuxConnect.perSecond();
        b.append(String.format(Locale.ROOT,
                "| connections/s (connect, 64 B request, 64 B response, close) | %,.0f ± %,.0f | %,.0f ± %,.0f | %.2f | >= 2 | %s |%n",
                connect.perSecond(), connect.error(), linuxConnect.perSecond(), linuxConnect.error(), connRatio,
                connRatio >= 2 ? "yes" : "no"));
        if (memory.linuxTcpObjectBytes().isPresent()) {
            int linux = memory.linuxTcpObjectBytes().get();
            double ratio = memory.perEnd() / linux;
            b.append(String.format(Locale.ROOT,
                    "| memory per established connection end, empty buffers, bytes (Linux: /proc/slabinfo TCP objsize) | %.0f | %d | %.2f | < 1 | %s |%n",
                    memory.perEnd(), linux, ratio, ratio < 1 ? "yes" : "no"));
        } else {
            b.append(String.format(Locale.ROOT,
                    "| memory per established connection end, empty buffers, bytes | %.0f | /proc/slabinfo not readable | | < 1 | unknown |%n",
                    memory.perEnd()));
        }
        b.append(String.format(Locale.ROOT, "%nMemory: heap held by %,d established connections (both ends in one JVM), "
                + "measured after full GCs, divided by %,d ends.%n", memory.connections(), 2 * memory.connections()));
        return b.toString();
    }
}
