package dev.netspec.tcpbench;

import dev.netspec.tcp.TcpConfig;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Issue 6, memory per established connection with empty buffers: opens {@code n} connections
 * (default 10,000) between the two hosts of {@link TcpPair}, nothing sent, and reports the heap
 * they hold (heap used after a full GC, minus the same before) per connection end, next to the
 * object size of Linux's TCP socket from {@code /proc/slabinfo} (the "TCP" row: {@code struct
 * tcp_sock}, one per socket). A connection end here is its {@code Tcb} with its buffers, its
 * entry in the TCP layer's tables and its socket descriptor: everything a socket costs.
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.netspec.tcpbench.TcpMemory [n]</pre>
 */
public final class TcpMemory {
    private TcpMemory() {}

    /** What one run found. */
    public record Result(int connections, long heapBytes, Optional<Integer> linuxTcpObjectBytes) {
        /** Bytes per connection end (each connection has two: client and server). */
        public double perEnd() {
            return heapBytes / (2.0 * connections);
        }
    }

    public static void main(String[] args) throws IOException {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        Result r = measure(n);
        System.out.printf(Locale.ROOT, "connections: %d established (2 ends each), buffers empty%n", n);
        System.out.printf(Locale.ROOT, "java heap held: %.1f MB, %.0f bytes per connection end%n", r.heapBytes() / 1e6, r.perEnd());
        if (r.linuxTcpObjectBytes().isPresent()) {
            int linux = r.linuxTcpObjectBytes().get();
            System.out.printf(Locale.ROOT, "linux /proc/slabinfo TCP objsize: %d bytes per socket; java / linux = %.2f%n",
                    linux, r.perEnd() / linux);
        } else {
            System.out.println("linux /proc/slabinfo: not readable here (no TCP row); no comparison");
        }
    }

    public static Result measure(int n) throws IOException {
        // Enough descriptors for every end; TcpSockets keeps one table per host.
        TcpPair pair = new TcpPair(TcpConfig.defaults(), n + 2, 512);
        int listener = pair.listen(80, n + 1);
        pair.connect(listener, 80); // warms up ARP and the class loading, outside the measurement
        long before = usedAfterGc();
        int[] fds = new int[2 * n];
        for (int i = 0; i < n; i++) {
            int[] pairFds = pair.connect(listener, 80);
            fds[2 * i] = pairFds[0];
            fds[2 * i + 1] = pairFds[1];
        }
        long after = usedAfterGc();
        if (pair.a.tcp.connectionCount() < n || pair.b.tcp.connectionCount() < n) {
            throw new IllegalStateException("not every connection is open: " + pair.a.tcp.connectionCount() + ", "
                    + pair.b.tcp.connectionCount());
        }
        java.lang.ref.Reference.reachabilityFence(pair);
        java.lang.ref.Reference.reachabilityFence(fds);
        return new Result(n, after - before, linuxTcpObjectSize(Path.of("/proc/slabinfo")));
    }

    private static long usedAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) { // a few rounds, until the number settles
            System.gc();
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    /** The objsize column of the "TCP" row of a slabinfo file, if the file is readable. */
    static Optional<Integer> linuxTcpObjectSize(Path slabinfo) {
        try {
            for (String line : Files.readAllLines(slabinfo)) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 3 && f[0].equals("TCP")) {
                    return Optional.of(Integer.parseInt(f[3]));
                }
            }
            return Optional.empty();
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }
}
