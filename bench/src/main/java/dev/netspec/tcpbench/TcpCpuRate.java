package dev.netspec.tcpbench;

import dev.netspec.tcp.TcpConfig;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;

/**
 * Bulk transfer in MB per CPU-second of the measuring thread: the same {@link TcpPair} and 1 MiB
 * operation as {@link TcpBulkBenchmark}, timed by thread CPU time instead of the wall clock. On a
 * shared machine JMH's wall-clock rate measures how often the scheduler ran the benchmark as much
 * as the code; CPU time removes the time-slicing (not the cache interference of other work, so it
 * reports the median and the best round). A development aid next to the JMH run, not its
 * replacement (Linux's iperf3 has no CPU-time counterpart here).
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.netspec.tcpbench.TcpCpuRate [rounds] [ms per round] [mtu: 1500 or 65535] [fixed operations]</pre>
 */
public final class TcpCpuRate {
    private TcpCpuRate() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 9;
        long sliceNanos = (args.length > 1 ? Long.parseLong(args[1]) : 500) * 1_000_000L;
        int mtu = args.length > 2 ? Integer.parseInt(args[2]) : 1500;
        if (rounds < 1 || sliceNanos <= 0) {
            System.err.println("usage: TcpCpuRate [rounds >= 1] [ms per round > 0]");
            System.exit(2);
        }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        if (!mx.isCurrentThreadCpuTimeSupported()) {
            System.err.println("TcpCpuRate: this JVM cannot measure thread CPU time");
            System.exit(1);
        }
        TcpBulkBenchmark b = new TcpBulkBenchmark();
        b.mtu = mtu;
        b.setup();
        long sink = 0;
        long warmUntil = System.nanoTime() + 8_000_000_000L; // C2 needs the warm-up, as in JMH
        while (System.nanoTime() < warmUntil) {
            sink += b.bulk();
        }
        com.sun.management.ThreadMXBean alloc = mx instanceof com.sun.management.ThreadMXBean m ? m : null;
        long allocStart = alloc == null ? 0 : alloc.getCurrentThreadAllocatedBytes();
        long moved = 0;
        if (args.length > 3) {
            // A fixed count of operations after the warm-up, for counting instructions with `perf
            // stat` (two counts, subtracted: the warm-up and the JIT cancel out), which a busy
            // machine does not disturb the way it disturbs time.
            long ops = Long.parseLong(args[3]);
            for (long i = 0; i < ops; i++) {
                sink += b.bulk();
            }
            System.out.printf(Locale.ROOT, "bulk, MTU %d: %d operations after the warm-up (sink %d)%n", mtu, ops, sink);
            return;
        }
        double[] rate = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            long bytes = 0;
            long start = mx.getCurrentThreadCpuTime();
            long used;
            do {
                bytes += b.bulk();
                used = mx.getCurrentThreadCpuTime() - start;
            } while (used < sliceNanos);
            rate[r] = bytes / 1e6 / (used / 1e9);
            moved += bytes;
        }
        long allocated = alloc == null ? -1 : alloc.getCurrentThreadAllocatedBytes() - allocStart;
        Arrays.sort(rate);
        System.out.printf(Locale.ROOT, "bulk, MTU %d: MB per CPU-second, %d rounds of %d ms: median %,.0f best %,.0f; heap allocated per MiB moved %,d bytes (sink %d)%n",
                mtu, rounds, sliceNanos / 1_000_000, rate[rounds / 2], rate[rounds - 1],
                allocated < 0 ? -1 : allocated * 1_048_576 / Math.max(1, moved), sink);
    }
}
