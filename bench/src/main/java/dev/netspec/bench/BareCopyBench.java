package dev.netspec.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Packets per second for the bare baseline, 64-byte frames copied into a ring of preallocated arrays and back out (see BareCopy). One invocation is a burst of {@link #BATCH} packets (Linux's NAPI
 * weight), so the score is per packet.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class BareCopyBench {
    /** Packets per invocation. */
    public static final int BATCH = 64;

    private BareCopy path;

    @Setup
    public void setup() {
        path = new BareCopy(BATCH, BATCH);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long copy() {
        return path.runBatch();
    }
}
