package dev.netspec.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netspec.net.NetStats;
import org.junit.jupiter.api.Test;

/**
 * Each benchmark's setup and a few operations, so that {@code make test} catches a benchmark that
 * no longer runs or that measures something other than what it claims (packets dropped instead of
 * delivered, buffers leaked). No timing: speed is measured by {@code make bench} only.
 */
class BenchmarkSmokeTest {
    private static final int ROUNDS = 3;

    @Test
    void receivePathDeliversEveryFrameToTheReaderWithoutLeaks() {
        ReceivePathBench b = new ReceivePathBench();
        b.setup();
        long bytes = 0;
        for (int i = 0; i < ROUNDS; i++) {
            bytes += b.receive();
        }
        assertEquals((long) ROUNDS * ReceivePathBench.BATCH * Frames.PAYLOAD_BYTES, bytes);
    }

    @Test
    void receivePathCountsEveryFrameAsDelivered() {
        ReceivePath p = new ReceivePath(8);
        int inUseBefore = p.pool().inUse(); // the RX ring's posted buffers
        p.runBatch();
        p.runBatch();
        NetStats s = p.stack().stats();
        assertEquals(16, s.framesReceived());
        assertEquals(16, s.framesDelivered());
        assertEquals(0, p.socket().queuedDatagrams());
        assertEquals(inUseBefore, p.pool().inUse(), "buffers leaked");
    }

    @Test
    void forwardingPathForwardsEveryFrameAndFreesItsBuffers() {
        ForwardingBench b = new ForwardingBench();
        b.setup();
        long bytes = 0;
        for (int i = 0; i < ROUNDS; i++) {
            bytes += b.forward();
        }
        assertEquals((long) ROUNDS * ForwardingBench.BATCH * Frames.FRAME_BYTES, bytes);

        ForwardingPath p = new ForwardingPath(8);
        int inUseBefore = p.pool().inUse();
        p.runBatch();
        assertEquals(8, p.stack().stats().framesForwarded());
        assertEquals(inUseBefore, p.pool().inUse(), "buffers leaked");
    }

    @Test
    void bareCopyReadsBackWhatItWrote() {
        BareCopyBench b = new BareCopyBench();
        b.setup();
        long sum = b.copy();
        // The frame's last payload byte, once per frame of the burst.
        byte last = Frames.udp(dev.netspec.wire.MacAddr.parse("02:00:00:00:00:02"),
                dev.netspec.wire.MacAddr.parse("02:00:00:00:00:01"), dev.netspec.wire.Ipv4Addr.parse("10.0.0.2"),
                dev.netspec.wire.Ipv4Addr.parse("10.0.0.1"), 40000, ReceivePath.PORT)[Frames.FRAME_BYTES - 1];
        assertTrue(last != 0);
        assertEquals((long) BareCopyBench.BATCH * last, sum);
    }
}
