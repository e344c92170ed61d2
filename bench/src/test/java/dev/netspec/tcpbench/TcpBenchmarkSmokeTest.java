package dev.netspec.tcpbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netspec.tcp.TcpState;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each TCP benchmark's setup and a few operations: they must move the bytes and open and close
 * the connections they claim to, without leaking buffers. No timing: `make bench` measures.
 */
class TcpBenchmarkSmokeTest {

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(ints = {1500, 65535})
    void bothLinksCarryTheBytesUnchangedInSegmentsOfTheirMss(int mtu) {
        // The bytes themselves, through the segment views (send buffer to packet, packet to
        // receive buffer) and, at 65535, the unpooled 64 KiB segment buffers.
        TcpPair pair = new TcpPair(TcpBulkBenchmark.config(mtu), 4, 512, mtu);
        int[] fds = pair.connect(pair.listen(80, 4), 80);
        byte[] data = new byte[3 * 100_000 + 7];
        new java.util.SplittableRandom(mtu).nextBytes(data);
        java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
        byte[] into = new byte[10_000];
        int sent = 0;
        long segmentsBefore = pair.a.tcp.segmentsOut();
        while (got.size() < data.length) {
            var r = pair.a.sockets.send(fds[0], data, sent, data.length - sent, pair.now);
            if (r.isOk()) {
                sent += r.orThrow();
            }
            pair.deliver();
            var n = pair.b.sockets.recv(fds[1], into, 0, into.length, pair.now);
            if (n.isOk() && n.orThrow() > 0) {
                got.write(into, 0, n.orThrow());
            } else if (!pair.deliver()) {
                pair.runNextTimer(Long.MAX_VALUE);
            }
        }
        org.junit.jupiter.api.Assertions.assertArrayEquals(data, got.toByteArray());
        long segments = pair.a.tcp.segmentsOut() - segmentsBefore;
        int mss = mtu - TcpBulkBenchmark.HEADERS - 12; // timestamps take 12 bytes of each segment
        assertTrue(segments >= data.length / mss, segments + " segments");
        assertTrue(segments <= 2L * data.length / mss + 10, segments + " segments: not full-sized");
        pair.runUntil(pair.now + 1_000_000_000L);
        assertEquals(0, pair.pool.inUse(), "every pooled buffer went back");
    }

    @Test
    void bulkMovesEveryByteAndKeepsTheConnectionOpen() {
        TcpBulkBenchmark b = new TcpBulkBenchmark();
        b.setup();
        for (int i = 0; i < 3; i++) {
            assertEquals(TcpBulkBenchmark.CHUNK, b.bulk());
        }
        TcpPair pair = b.pair();
        assertEquals(1, pair.a.tcp.connectionCount());
        assertEquals(0, pair.a.sockets.tcbOf(0).unacknowledged(), "everything sent was acknowledged");
        assertEquals(TcpState.ESTABLISHED, pair.a.sockets.tcbOf(0).state());
    }

    @Test
    void aConnectionOpensCarriesRequestAndResponseAndCloses() {
        TcpConnectBenchmark b = new TcpConnectBenchmark();
        b.setup();
        int inUse = b.pair().pool.inUse();
        for (int i = 0; i < 50; i++) {
            assertEquals(TcpConnectBenchmark.RESPONSE, b.connection());
        }
        TcpPair pair = b.pair();
        assertEquals(0, pair.a.tcp.connectionCount(), "the client ends are closed");
        assertTrue(pair.b.tcp.connectionCount() <= 50, "only TIME-WAIT ends remain on the server");
        pair.runUntil(pair.now + 3_000 * TcpConnectBenchmark.MS); // 2 MSL later
        assertEquals(0, pair.b.tcp.connectionCount(), "TIME-WAIT ended");
        assertEquals(inUse, pair.pool.inUse(), "buffers leaked");
    }

    @Test
    void linuxConnectionRunsOverLoopback() throws Exception {
        LinuxConnectBenchmark b = new LinuxConnectBenchmark();
        b.setup();
        try {
            for (int i = 0; i < 5; i++) {
                assertEquals(TcpConnectBenchmark.RESPONSE, b.connection());
            }
        } finally {
            b.tearDown();
        }
    }

    @Test
    void memoryIsMeasuredOverEstablishedConnections() throws Exception {
        TcpMemory.Result r = TcpMemory.measure(200);
        assertEquals(200, r.connections());
        assertTrue(r.perEnd() > 0, "connections hold some heap");
    }

    @Test
    void slabinfoTcpRowIsRead(@TempDir Path dir) throws Exception {
        Path slab = Files.writeString(dir.resolve("slabinfo"), """
                slabinfo - version: 2.1
                # name            <active_objs> <num_objs> <objsize> <objperslab> <pagesperslab> : tunables
                TCPv6                 26     26   2496   13    8 : tunables    0    0    0 : slabdata      2      2      0
                request_sock_TCP      24     24    320   12    1 : tunables    0    0    0 : slabdata      2      2      0
                TCP                   26     26   2368   13    8 : tunables    0    0    0 : slabdata      2      2      0
                """);
        assertEquals(java.util.Optional.of(2368), TcpMemory.linuxTcpObjectSize(slab));
        assertEquals(java.util.Optional.empty(), TcpMemory.linuxTcpObjectSize(dir.resolve("missing")));
    }
}
