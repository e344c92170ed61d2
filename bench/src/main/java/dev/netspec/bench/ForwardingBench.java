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
 * Packets per second for 64-byte UDP frames from eth0's RX ring through IPv4 forwarding (TTL, checksum, route, ARP) to eth1's TX ring and TX reclaim (see ForwardingPath). One invocation is a burst of {@link #BATCH} packets (Linux's NAPI
 * weight), so the score is per packet.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ForwardingBench {
    /** Packets per invocation. */
    public static final int BATCH = 64;

    private ForwardingPath path;

    @Setup
    public void setup() {
        path = new ForwardingPath(BATCH);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long forward() {
        return path.runBatch();
    }
}
