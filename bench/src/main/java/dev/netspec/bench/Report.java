package dev.netspec.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns one {@code make bench} run into a Markdown report: reads JMH's JSON results and iperf3's
 * JSON (Linux's own UDP loopback, measured in the same run) and writes the comparison table with
 * the machine, the date and the command. Used by {@code bench/run.sh}:
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.netspec.bench.Report --jmh J --iperf I --out O
 *     [--command C] [--pinning P]
 * </pre>
 *
 * {@code --iperf none} (iperf3 not available) leaves the Linux columns empty and says so.
 */
public final class Report {
    /** Targets of issue 4: a stack path at least this share of the bare copy rate ... */
    static final double BARE_TARGET = 0.25;
    /** ... and at least this many times Linux's UDP loopback rate. */
    static final double LINUX_TARGET = 10.0;

    private static final String RECEIVE = "dev.netspec.bench.ReceivePathBench.receive";
    private static final String FORWARD = "dev.netspec.bench.ForwardingBench.forward";
    private static final String BARE = "dev.netspec.bench.BareCopyBench.copy";

    /** One benchmark's score (ops/s, one op = one packet), its error and allocation per op. */
    record Score(double perSecond, double error, double bytesPerOp) { }

    /** Linux loopback: datagrams the client sent and the server received, per second. */
    record Loopback(double sentPerSecond, double receivedPerSecond, double seconds, double lostPercent) { }

    private Report() {
    }

    public static void main(String[] args) {
        try {
            System.out.print(run(args));
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("bench report: " + e.getMessage());
            System.exit(2);
        }
    }

    static String run(String[] args) throws IOException {
        String jmh = null;
        String iperf = "none";
        String out = null;
        String command = "make bench";
        String pinning = "not pinned";
        for (int k = 0; k < args.length; k++) {
            String a = args[k];
            if (k + 1 >= args.length) {
                throw new IllegalArgumentException("missing value after " + a);
            }
            String v = args[++k];
            switch (a) {
                case "--jmh" -> jmh = v;
                case "--iperf" -> iperf = v;
                case "--out" -> out = v;
                case "--command" -> command = v;
                case "--pinning" -> pinning = v;
                default -> throw new IllegalArgumentException("unknown option " + a
                        + " (want --jmh, --iperf, --out, --command, --pinning)");
            }
        }
        if (jmh == null) {
            throw new IllegalArgumentException("--jmh FILE is required");
        }
        Object results = Json.parse(Files.readString(Path.of(jmh)));
        Loopback linux = "none".equals(iperf) ? null : loopback(Json.parse(Files.readString(Path.of(iperf))));
        String md = markdown(results, linux, command, pinning, machine(results));
        if (out != null) {
            Path p = Path.of(out);
            if (p.getParent() != null) {
                Files.createDirectories(p.getParent());
            }
            Files.writeString(p, md);
        }
        return md;
    }

    /** The JMH score of {@code benchmark} from the results array. */
    static Score score(Object results, String benchmark) {
        if (!(results instanceof List<?> list)) {
            throw new IllegalArgumentException("JMH results are not a JSON array");
        }
        for (Object o : list) {
            if (benchmark.equals(Json.at(o, "benchmark"))) {
                double alloc = number(Json.at(o, "secondaryMetrics", "gc.alloc.rate.norm", "score"));
                return new Score(number(Json.at(o, "primaryMetric", "score")),
                        number(Json.at(o, "primaryMetric", "scoreError")), alloc);
            }
        }
        throw new IllegalArgumentException("no result for " + benchmark + " in the JMH file");
    }

    private static double number(Object v) {
        if (v instanceof Double d) {
            return d;
        }
        return Double.NaN; // absent (no -prof gc) or written as the string "NaN"
    }

    static Loopback loopback(Object iperf) {
        Object error = Json.at(iperf, "error");
        if (error != null) {
            throw new IllegalArgumentException("iperf3 failed: " + error);
        }
        Object sent = Json.at(iperf, "end", "sum_sent");
        Object received = Json.at(iperf, "end", "sum_received");
        Object sum = Json.at(iperf, "end", "sum");
        if (sent == null || sum == null) {
            throw new IllegalArgumentException("iperf3 JSON has no end.sum_sent / end.sum (not a UDP client run?)");
        }
        double seconds = number(Json.at(sum, "seconds"));
        double packets = number(Json.at(sum, "packets"));
        double lost = number(Json.at(sum, "lost_packets"));
        // end.sum holds the server's view for UDP: packets the client sent and how many of them
        // never arrived (socket buffer overflow on loopback).
        double sentPackets = number(Json.at(sent, "packets"));
        double receivedBytes = received == null ? Double.NaN : number(Json.at(received, "bytes"));
        double delivered = packets - lost;
        if (!(seconds > 0) || Double.isNaN(delivered)) {
            throw new IllegalArgumentException("iperf3 JSON lacks packets or duration");
        }
        if (Double.isNaN(sentPackets)) {
            sentPackets = packets;
        }
        if (!Double.isNaN(receivedBytes) && receivedBytes <= 0) {
            throw new IllegalArgumentException("iperf3 server received nothing");
        }
        return new Loopback(sentPackets / seconds, delivered / seconds, seconds,
                number(Json.at(sum, "lost_percent")));
    }

    private static String machine(Object results) throws IOException {
        String model = "unknown";
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (Files.isReadable(cpuinfo)) {
            for (String line : Files.readAllLines(cpuinfo)) {
                if (line.startsWith("model name")) {
                    model = line.substring(line.indexOf(':') + 1).trim();
                    break;
                }
            }
        }
        String jdk = "unknown";
        if (results instanceof List<?> l && !l.isEmpty()) {
            Object v = Json.at(l.get(0), "vmName");
            Object jv = Json.at(l.get(0), "jdkVersion");
            Object vv = Json.at(l.get(0), "vmVersion");
            jdk = jv + " (" + v + " " + vv + ")";
        }
        String load = "unknown";
        Path loadavg = Path.of("/proc/loadavg");
        if (Files.isReadable(loadavg)) {
            String[] f = Files.readString(loadavg).trim().split("\\s+");
            if (f.length >= 3) {
                load = f[0] + " / " + f[1] + " / " + f[2];
            }
        }
        return "- CPU: " + model + ", " + Runtime.getRuntime().availableProcessors() + " logical CPUs (nproc)\n"
                + "- Kernel: " + System.getProperty("os.name") + " " + System.getProperty("os.version") + "\n"
                + "- JDK: " + jdk + "\n"
                + "- Load average (1 / 5 / 15 min) when the report was written: " + load
                + " (other work on the machine makes the error bars wide)\n";
    }

    private static String pps(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%,.0f", v);
    }

    static String markdown(Object results, Loopback linux, String command, String pinning, String machine) {
        Score bare = score(results, BARE);
        StringBuilder b = new StringBuilder();
        String date = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
        b.append("## Java stack: packets per second on one core\n\n");
        b.append(machine);
        b.append("- Date: ").append(date).append('\n');
        b.append("- Command: `").append(command).append("`\n");
        b.append("- Linux peer: ");
        if (linux == null) {
            b.append("skipped (iperf3 not available)\n");
        } else {
            b.append(String.format(Locale.ROOT,
                    "`iperf3 -c 127.0.0.1 -u -l 64 -b 0 -t 5` against `iperf3 -s` on 127.0.0.1, %s; "
                            + "%.1f s: client sent %s datagrams/s, server received %s/s (%.1f%% lost in the socket buffer)\n",
                    pinning, linux.seconds(), pps(linux.sentPerSecond()), pps(linux.receivedPerSecond()),
                    linux.lostPercent()));
        }
        b.append(String.format(Locale.ROOT, "- Bare copy baseline: %s pkts/s (± %s), %.0f B/op\n\n",
                pps(bare.perSecond()), pps(bare.error()), bare.bytesPerOp()));
        b.append("| path | pkts/s | B/op | bare-copy pkts/s | ratio to bare | Linux loopback pkts/s | ratio to Linux | target met |\n");
        b.append("|---|---|---|---|---|---|---|---|\n");
        for (String[] row : new String[][] {{"receive (RX ring -> driver -> IPv4 -> UDP -> socket -> reader)", RECEIVE},
            {"forward (RX ring -> IPv4 forward -> TX ring -> reclaim)", FORWARD}}) {
            Score s = score(results, row[1]);
            double toBare = s.perSecond() / bare.perSecond();
            String linuxCell = "skipped";
            String toLinuxCell = "n/a";
            boolean linuxOk = false;
            if (linux != null) {
                // Against the higher of Linux's two rates (sent), so the comparison is the strict one.
                double ref = Math.max(linux.sentPerSecond(), linux.receivedPerSecond());
                double toLinux = s.perSecond() / ref;
                linuxCell = pps(ref);
                toLinuxCell = String.format(Locale.ROOT, "%.1fx", toLinux);
                linuxOk = toLinux >= LINUX_TARGET;
            }
            boolean bareOk = toBare >= BARE_TARGET;
            String met = (bareOk ? "yes" : "no") + " (>= 25% bare), "
                    + (linux == null ? "not checked" : linuxOk ? "yes" : "no") + " (>= 10x Linux)";
            b.append(String.format(Locale.ROOT, "| %s | %s ± %s | %.0f | %s | %.1f%% | %s | %s | %s |\n",
                    row[0], pps(s.perSecond()), pps(s.error()), s.bytesPerOp(), pps(bare.perSecond()),
                    100 * toBare, linuxCell, toLinuxCell, met));
        }
        b.append("\nB/op: bytes allocated per packet in steady state (JMH `-prof gc`, gc.alloc.rate.norm).\n");
        return b.toString();
    }
}
