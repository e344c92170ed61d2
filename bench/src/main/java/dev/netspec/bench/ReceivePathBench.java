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
 * Packets per second for 64-byte UDP frames from the NIC RX ring through the driver, IPv4 and UDP into a socket queue and out to the reader (see ReceivePath). One invocation is a burst of {@link #BATCH} packets (Linux's NAPI
 * weight), so the score is per packet.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ReceivePathBench {
    /** Packets per invocation. */
    public static final int BATCH = 64;

    private ReceivePath path;

    @Setup
    public void setup() {
        path = new ReceivePath(BATCH);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long receive() {
        return path.runBatch();
    }
}
