package dev.netspec.tcpbench;

import dev.netspec.tcp.TcpConfig;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 6, bulk transfer: one established connection between two simulated hosts over an ideal
 * link ({@link TcpPair}), default configuration (MSS 1460 on Ethernet's 1500-byte MTU, 64 KiB
 * buffers, window scaling, timestamps, SACK). One operation sends {@link #CHUNK} bytes from A and
 * reads them all at B; everything runs on the benchmark's one thread. MB/s = ops/s x CHUNK / 1e6.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TcpBulkBenchmark {
    /** Bytes per operation: 1 MiB, 16 full send buffers. */
    public static final int CHUNK = 1 << 20;

    private TcpPair pair;
    private int client;
    private int server;
    private final byte[] data = new byte[CHUNK];
    private final byte[] into = new byte[64 * 1024];

    @Setup(Level.Trial)
    public void setup() {
        pair = new TcpPair(TcpConfig.defaults(), 4, 512);
        int listener = pair.listen(80, 4);
        int[] fds = pair.connect(listener, 80);
        client = fds[0];
        server = fds[1];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31);
        }
    }

    @Benchmark
    public long bulk() {
        return pair.transfer(pair.a, client, pair.b, server, data, CHUNK, into);
    }

    /** For the smoke test: the pair, to check for leaks and counters. */
    TcpPair pair() {
        return pair;
    }
}
