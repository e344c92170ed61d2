package dev.netspec.trace.bench;

import dev.netspec.trace.ParseResult;
import dev.netspec.trace.TraceParser;
import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Measures parsing a long recorded trace: writes a trace of N steps (default 1,000,000)
 * shaped like the stack's receive-path recordings to a temporary file, parses it a few
 * times keeping the whole AST ({@code run} lines) and as many times streaming the steps
 * ({@code stream} lines, {@link TraceParser#streamSteps}), and prints throughput (MB/s of
 * file), allocation, GC time and peak heap. Not a unit test and not part
 * of {@code mvn test}: it is run by hand or from {@code make bench}:
 *
 * <pre>
 * mvn -B -q -pl grammar test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -Xmx8g -cp grammar/target/classes:grammar/target/test-classes:$(cat grammar/target/cp.txt) \
 *     dev.netspec.trace.bench.RecordedTraceBench [steps] [runs]
 * </pre>
 *
 * Peak heap is the sum of the heap pools' peak usage during one parse (after a GC and a
 * peak reset), so it includes garbage not yet collected: an upper bound on what the parse
 * needs. The JMH benchmark in src/jmh/java measures throughput more carefully.
 */
public final class RecordedTraceBench {
    /** CPU time of the parsing thread: on a shared machine wall time measures the neighbours too. */
    private static final java.lang.management.ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private RecordedTraceBench() {}

    public static void main(String[] args) throws IOException {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path file = Files.createTempFile("recorded-", ".trace");
        try {
            write(file, steps);
            double mb = Files.size(file) / 1e6;
            System.out.printf(Locale.ROOT, "file: %d steps, %.1f MB%n", steps, mb);
            // Warm-up on a small trace, so the JIT has compiled the lexer and parser.
            Path warm = Files.createTempFile("warm-", ".trace");
            write(warm, 50_000);
            for (int i = 0; i < 3; i++) {
                TraceParser.parse(warm);
            }
            Files.delete(warm);
            for (int run = 1; run <= runs; run++) {
                System.gc();
                long before = heapUsed();
                resetPeaks();
                long start = System.nanoTime();
                long cpuStart = THREADS.getCurrentThreadCpuTime();
                long allocStart = allocated();
                long gcStart = gcMillis();
                ParseResult result = TraceParser.parse(file);
                long cpu = THREADS.getCurrentThreadCpuTime() - cpuStart;
                long elapsed = System.nanoTime() - start;
                long alloc = allocated() - allocStart;
                long gc = gcMillis() - gcStart;
                long peak = heapPeak();
                if (!result.ok()) {
                    throw new IllegalStateException("generated trace did not parse:\n" + result.render());
                }
                System.gc();
                long retained = heapUsed() - before;
                System.out.printf(Locale.ROOT,
                        "run %d: %.2f s wall, %.1f MB/s wall, %.1f MB/s per CPU-second of the parsing thread, "
                                + "GC %.2f s, allocated %.0f MB (%.1f x file), "
                                + "peak heap %.0f MB (%.1f x file), AST retained %.0f MB, items %d%n",
                        run, elapsed / 1e9, mb / (elapsed / 1e9), mb / (cpu / 1e9), gc / 1e3, alloc / 1e6, alloc / 1e6 / mb,
                        peak / 1e6, peak / 1e6 / mb, retained / 1e6,
                        result.trace().orElseThrow().items().size());
            }
            for (int run = 1; run <= runs; run++) {
                System.gc();
                resetPeaks();
                long start = System.nanoTime();
                long cpuStart = THREADS.getCurrentThreadCpuTime();
                long allocStart = allocated();
                long gcStart = gcMillis();
                long[] streamed = {0};
                ParseResult result = TraceParser.streamSteps(file, step -> streamed[0]++);
                long cpu = THREADS.getCurrentThreadCpuTime() - cpuStart;
                long elapsed = System.nanoTime() - start;
                long alloc = allocated() - allocStart;
                long gc = gcMillis() - gcStart;
                long peak = heapPeak();
                if (!result.ok()) {
                    throw new IllegalStateException("generated trace did not parse:\n" + result.render());
                }
                System.out.printf(Locale.ROOT,
                        "stream %d: %.2f s wall, %.1f MB/s wall, %.1f MB/s per CPU-second of the parsing thread, "
                                + "GC %.2f s, allocated %.0f MB (%.1f x file), peak heap %.0f MB (%.1f x file), steps %d%n",
                        run, elapsed / 1e9, mb / (elapsed / 1e9), mb / (cpu / 1e9), gc / 1e3, alloc / 1e6, alloc / 1e6 / mb,
                        peak / 1e6, peak / 1e6 / mb, streamed[0]);
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** A recording as the probe writes it: header, then one step per line with a record state. */
    public static void write(Path file, int steps) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("scenario \"recorded receive path\"\nspec ReceivePath with Variant = napi, RingSize = 4, Quota = 2\n\n");
            int ring = 0;
            long delivered = 0;
            long drops = 0;
            for (int i = 0; i < steps; i++) {
                String label;
                switch (i % 4) {
                    case 0 -> { label = "Arrival(1)"; if (ring < 4) ring++; else drops++; }
                    case 1 -> label = "Interrupt";
                    case 2 -> { label = "Poll(2)"; ring = Math.max(0, ring - 2); }
                    default -> { label = "IpInput"; delivered++; }
                }
                w.write("step " + i + " @" + (i * 250L) + "ns " + label + " [ring |-> <<");
                for (int k = 0; k < ring; k++) {
                    w.write(k == 0 ? "" : ", ");
                    w.write(Integer.toString(k + 1));
                }
                w.write(">>, intr |-> " + (i % 4 == 1 ? "FALSE" : "TRUE") + ", polling |-> " + (i % 4 == 2 ? "TRUE" : "FALSE")
                        + ", ipq |-> <<" + (i % 4 == 3 ? "" : "7") + ">>, delivered |-> " + delivered
                        + ", drops |-> [ring_full |-> " + drops + ", ipq_full |-> 0]]\n");
            }
        }
    }

    /**
     * Bytes the parsing thread allocated so far: unlike time, this does not depend on what
     * else the shared machine is doing, so it compares two versions of the parser fairly.
     */
    private static long allocated() {
        return ((com.sun.management.ThreadMXBean) THREADS).getCurrentThreadAllocatedBytes();
    }

    /** Total time of all collections so far (pauses and, for concurrent collectors, cycles). */
    private static long gcMillis() {
        long sum = 0;
        for (java.lang.management.GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            sum += Math.max(0, gc.getCollectionTime());
        }
        return sum;
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
    }

    private static long heapPeak() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    private static long heapUsed() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }
}
