package dev.netspec.tcpbench;

import dev.netspec.net.NetInterface;
import dev.netspec.tcp.TcpConfig;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 6, bulk transfer: one established connection between two simulated hosts over an ideal
 * link ({@link TcpPair}). One operation sends {@link #CHUNK} bytes from A and reads them all at
 * B; everything runs on the benchmark's one thread. MB/s = ops/s x CHUNK / 1e6.
 *
 * <p>Two links, each compared with Linux's loopback at the matching segment size:
 * <ul>
 *   <li>{@code mtu=1500}: Ethernet, the default configuration (MSS 1460, 64 KiB buffers, window
 *       scaling, timestamps, SACK); against iperf3 {@code -M 1460}.
 *   <li>{@code mtu=65535}: a link like Linux's {@code lo} (MTU 65536; an IPv4 datagram is at
 *       most 65535 bytes), MSS 65495, 256 KiB buffers (window scale 2 covers them: Linux
 *       autotunes its loopback buffers to megabytes); against iperf3 with loopback's own MTU.
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TcpBulkBenchmark {
    /** Bytes per operation: 1 MiB. */
    public static final int CHUNK = 1 << 20;
    /** IPv4 (20) and TCP (20) headers: MSS = MTU - 40 (RFC 9293 3.7.1). */
    public static final int HEADERS = 40;
    /** Buffers on the 64 KiB link: four full segments in flight. */
    public static final int LARGE_MTU_BUFFERS = 256 * 1024;

    /** The link's MTU (1500: Ethernet; 65535: loopback-like). */
    @Param({"1500", "65535"})
    public int mtu = 1500;

    private TcpPair pair;
    private int client;
    private int server;
    private final byte[] data = new byte[CHUNK];
    private final byte[] into = new byte[64 * 1024];

    /** The TCP configuration used on a link of {@code mtu}. */
    public static TcpConfig config(int mtu) {
        if (mtu <= NetInterface.ETHERNET_MTU) {
            return TcpConfig.defaults().withMss(mtu - HEADERS);
        }
        return TcpConfig.defaults().withMss(mtu - HEADERS).withBuffers(LARGE_MTU_BUFFERS, LARGE_MTU_BUFFERS);
    }

    @Setup(Level.Trial)
    public void setup() {
        pair = new TcpPair(config(mtu), 4, 512, mtu);
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
