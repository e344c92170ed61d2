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
 * Issue 6, connection rate: one operation is a whole short connection between the two simulated
 * hosts of {@link TcpPair}: connect (three-way handshake), accept, a {@link #REQUEST}-byte request
 * and a {@link #RESPONSE}-byte response, the server closes, the client reads end of stream and
 * closes (four segments of teardown), exactly what {@link LinuxConnectBenchmark} does against the
 * kernel. The server end then sits in TIME-WAIT; virtual time advances 1 ms per connection and
 * MSL is 1 s, so TIME-WAIT (2 MSL) ends after 2,000 connections and its timer runs inside the
 * measured loop, as it would on a real server. Ports recycle long after that (16,384 ephemeral
 * ports).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TcpConnectBenchmark {
    public static final int REQUEST = 64;
    public static final int RESPONSE = 64;
    static final int PORT = 80;
    static final long MS = 1_000_000L;

    private TcpPair pair;
    private int listener;
    private final byte[] request = new byte[REQUEST];
    private final byte[] response = new byte[RESPONSE];
    private final byte[] into = new byte[4096];

    @Setup(Level.Trial)
    public void setup() {
        pair = new TcpPair(TcpConfig.defaults().withMsl(1_000 * MS), 16, 512);
        listener = pair.listen(PORT, 16);
    }

    /** Returns the response bytes the client read (always {@link #RESPONSE}). */
    @Benchmark
    public long connection() {
        int[] fds = pair.connect(listener, PORT);
        int c = fds[0];
        int s = fds[1];
        pair.transfer(pair.a, c, pair.b, s, request, REQUEST, into);
        long got = pair.transfer(pair.b, s, pair.a, c, response, RESPONSE, into);
        pair.b.sockets.close(s, pair.now);
        pair.deliver();
        if (pair.drain(pair.a, c, into) != 0) {
            throw new IllegalStateException("data after the response");
        }
        pair.a.sockets.close(c, pair.now);
        pair.runUntil(pair.now + MS);
        return got;
    }

    TcpPair pair() {
        return pair;
    }
}
