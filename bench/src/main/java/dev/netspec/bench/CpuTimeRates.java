package dev.netspec.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;

/**
 * Packets per CPU-second of the measuring thread for the same three paths the JMH benchmarks run
 * (same classes, same 64-packet bursts), measured round-robin so that all three see the same
 * machine. JMH reports wall-clock rates, which on a shared machine measure how often the
 * scheduler ran the benchmark as much as the code; thread CPU time removes the time-slicing
 * (not the cache and SMT interference of other work, which is why this reports the median and the
 * best round). A complement to JMH for shared machines, not a replacement.
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.netspec.bench.CpuTimeRates [rounds] [ms per slice]</pre>
 */
public final class CpuTimeRates {
    private static final int BATCH = 64;

    private CpuTimeRates() {
    }

    private interface Path {
        long runBatch();
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 9;
        long sliceNanos = (args.length > 1 ? Long.parseLong(args[1]) : 300) * 1_000_000L;
        if (rounds < 1 || sliceNanos <= 0) {
            System.err.println("usage: CpuTimeRates [rounds >= 1] [ms per slice > 0]");
            System.exit(2);
        }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        if (!mx.isCurrentThreadCpuTimeSupported()) {
            System.err.println("CpuTimeRates: this JVM cannot measure thread CPU time");
            System.exit(1);
        }
        BareCopy bare = new BareCopy(BATCH, BATCH);
        ReceivePath receive = new ReceivePath(BATCH);
        ForwardingPath forward = new ForwardingPath(BATCH);
        Path[] paths = {bare::runBatch, receive::runBatch, forward::runBatch};
        String[] names = {"bare copy", "receive", "forward"};
        long sink = 0;
        long warmUntil = System.nanoTime() + 5_000_000_000L; // C2 needs the warm-up, as in JMH
        while (System.nanoTime() < warmUntil) {
            for (Path p : paths) {
                for (int i = 0; i < 2000; i++) {
                    sink += p.runBatch();
                }
            }
        }
        double[][] rate = new double[paths.length][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < paths.length; k++) {
                long packets = 0;
                long start = mx.getCurrentThreadCpuTime();
                long used;
                do {
                    for (int i = 0; i < 1000; i++) {
                        sink += paths[k].runBatch();
                    }
                    packets += 1000L * BATCH;
                    used = mx.getCurrentThreadCpuTime() - start;
                } while (used < sliceNanos);
                rate[k][r] = packets / (used / 1e9);
            }
        }
        System.out.printf(Locale.ROOT, "packets per CPU-second of the benchmark thread, %d rounds of %d ms per path%n",
                rounds, sliceNanos / 1_000_000);
        for (int k = 0; k < paths.length; k++) {
            System.out.printf(Locale.ROOT, "%-10s median %,14.0f  best %,14.0f%n", names[k], median(rate[k]),
                    max(rate[k]));
        }
        for (int k = 1; k < paths.length; k++) {
            double[] ratio = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                ratio[r] = rate[k][r] / rate[0][r];
            }
            System.out.printf(Locale.ROOT, "%-10s / bare copy, median of per-round ratios: %.1f%%; best / best: %.1f%%%n",
                    names[k], 100 * median(ratio), 100 * max(rate[k]) / max(rate[0]));
        }
        if (receive.pool().inUse() > 2 * BATCH + 16 || sink == 42) { // keeps `sink` alive
            System.out.println("unexpected pool state " + receive.pool());
        }
    }

    private static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static double max(double[] xs) {
        return Arrays.stream(xs).max().orElseThrow();
    }
}
