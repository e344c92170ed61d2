package dev.netspec.bench;

import java.io.File;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Arrays;
import java.util.Locale;

/**
 * Before/after comparison of two builds of the benchmarks jar in one JVM: each jar is loaded by
 * its own class loader (so each build's classes are compiled separately), and the three paths of
 * both builds run round-robin on this thread, each slice timed in thread CPU time. On a shared
 * machine, two separate runs minutes apart see different load; here every round of "before" and
 * "after" sees the same, and the median of the per-round ratios is the comparison.
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.netspec.bench.CompareBuilds before.jar after.jar [rounds]</pre>
 */
public final class CompareBuilds {
    private static final String[] PATHS = {"BareCopy", "ReceivePath", "ForwardingPath"};
    private static final int BATCH = 64;
    private static final long SLICE_NANOS = 150_000_000L;

    private CompareBuilds() {
    }

    public static void main(String[] args) throws Throwable {
        if (args.length < 2) {
            System.err.println("usage: CompareBuilds before.jar after.jar [rounds >= 1]");
            System.exit(2);
        }
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 9;
        String[] jars = {args[0], args[1]};
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        MethodHandle[][] run = new MethodHandle[2][PATHS.length];
        for (int j = 0; j < 2; j++) {
            File f = new File(jars[j]);
            if (!f.isFile()) {
                System.err.println("CompareBuilds: no such jar: " + jars[j]);
                System.exit(2);
            }
            ClassLoader loader = new URLClassLoader(new URL[] {f.toURI().toURL()},
                    ClassLoader.getPlatformClassLoader());
            for (int k = 0; k < PATHS.length; k++) {
                Class<?> c = loader.loadClass("dev.netspec.bench." + PATHS[k]);
                Object path = k == 0
                        ? c.getConstructor(int.class, int.class).newInstance(BATCH, BATCH)
                        : c.getConstructor(int.class).newInstance(BATCH);
                run[j][k] = MethodHandles.publicLookup()
                        .findVirtual(c, "runBatch", MethodType.methodType(long.class)).bindTo(path);
            }
        }
        long sink = 0;
        long warmUntil = System.nanoTime() + 8_000_000_000L; // C2 for both builds, as in JMH
        while (System.nanoTime() < warmUntil) {
            for (MethodHandle[] build : run) {
                for (MethodHandle m : build) {
                    for (int i = 0; i < 2000; i++) {
                        sink += (long) m.invokeExact();
                    }
                }
            }
        }
        double[][][] nsPerPacket = new double[2][PATHS.length][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < PATHS.length; k++) {
                for (int j = 0; j < 2; j++) {
                    MethodHandle m = run[j][k];
                    long packets = 0;
                    long start = mx.getCurrentThreadCpuTime();
                    long used;
                    do {
                        for (int i = 0; i < 500; i++) {
                            sink += (long) m.invokeExact();
                        }
                        packets += 500L * BATCH;
                        used = mx.getCurrentThreadCpuTime() - start;
                    } while (used < SLICE_NANOS);
                    nsPerPacket[j][k][r] = (double) used / packets;
                }
            }
        }
        System.out.printf(Locale.ROOT, "ns per packet (thread CPU time), %d rounds; before = %s, after = %s%n",
                rounds, jars[0], jars[1]);
        for (int k = 0; k < PATHS.length; k++) {
            double[] ratio = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                ratio[r] = nsPerPacket[1][k][r] / nsPerPacket[0][k][r];
            }
            System.out.printf(Locale.ROOT, "%-15s before median %6.1f best %6.1f | after median %6.1f best %6.1f"
                    + " | after/before, median of per-round ratios %.3f%n", PATHS[k], median(nsPerPacket[0][k]),
                    min(nsPerPacket[0][k]), median(nsPerPacket[1][k]), min(nsPerPacket[1][k]), median(ratio));
        }
        for (int j = 0; j < 2; j++) {
            for (int k = 1; k < PATHS.length; k++) {
                double[] share = new double[rounds];
                for (int r = 0; r < rounds; r++) {
                    share[r] = nsPerPacket[j][0][r] / nsPerPacket[j][k][r];
                }
                System.out.printf(Locale.ROOT, "%-6s %-15s rate / bare copy rate, median of per-round ratios %.1f%%%n",
                        j == 0 ? "before" : "after", PATHS[k], 100 * median(share));
            }
        }
        if (sink == 42) { // keeps the results alive
            System.out.println();
        }
    }

    private static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static double min(double[] xs) {
        return Arrays.stream(xs).min().orElseThrow();
    }
}
