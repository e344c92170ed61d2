package dev.netspec.tcpbench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Linux's own TCP over loopback, the same connection as {@link TcpConnectBenchmark}: connect to
 * a listener on 127.0.0.1, accept, 64-byte request, 64-byte response, server closes, client reads
 * end of stream and closes. Blocking java.nio channels in one thread: each call is one system
 * call, so what is measured is the kernel's TCP (handshake, data, teardown, TIME-WAIT) plus the
 * system-call cost every real client and server pays, with no thread hand-off.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class LinuxConnectBenchmark {
    private ServerSocketChannel server;
    private InetSocketAddress address;
    private final ByteBuffer request = ByteBuffer.allocateDirect(TcpConnectBenchmark.REQUEST);
    private final ByteBuffer response = ByteBuffer.allocateDirect(TcpConnectBenchmark.RESPONSE);
    private final ByteBuffer into = ByteBuffer.allocateDirect(4096);

    @Setup(Level.Trial)
    public void setup() throws IOException {
        server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
        address = (InetSocketAddress) server.getLocalAddress();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        server.close();
    }

    @Benchmark
    public long connection() throws IOException {
        try (SocketChannel c = SocketChannel.open(address); SocketChannel s = server.accept()) {
            exchange(c, s, request, TcpConnectBenchmark.REQUEST);
            long got = exchange(s, c, response, TcpConnectBenchmark.RESPONSE);
            s.close();
            into.clear();
            if (c.read(into) != -1) {
                throw new IllegalStateException("data after the response");
            }
            return got;
        }
    }

    private long exchange(SocketChannel from, SocketChannel to, ByteBuffer data, int len) throws IOException {
        data.clear();
        while (data.hasRemaining()) {
            from.write(data);
        }
        long got = 0;
        while (got < len) {
            into.clear();
            int n = to.read(into);
            if (n < 0) {
                throw new IllegalStateException("end of stream after " + got + " bytes");
            }
            got += n;
        }
        return got;
    }
}
