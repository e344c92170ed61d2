package dev.netspec.nic;

import dev.netspec.buf.Mbuf;

/**
 * The benchmarks play the NIC hardware's part: they DMA frames into the RX ring and take sent
 * frames off the TX ring themselves, without the simulator's wire, clock and interrupt events
 * (those model hardware and time, and are not what a real stack's CPU spends its time on). This
 * class lives in the {@code nic} package only to reach the rings' hardware-side methods, which the
 * stack keeps package-private so that no driver can call them by mistake.
 */
public final class BenchNicPort {
    private BenchNicPort() {
    }

    /**
     * The NIC writes {@code frame} into the buffer at the RX ring's head and sets descriptor done.
     *
     * @return true if stored; false if the ring had no posted buffer (a real NIC's missed frame)
     */
    public static boolean dma(RxRing ring, byte[] frame) {
        return ring.dma(frame) == RxRing.Dma.STORED;
    }

    /**
     * The NIC sends the frame at the TX ring's head: reads its bytes into {@code wire} (the DMA out
     * of host memory), marks the descriptor done, and returns the frame length; -1 if nothing is
     * queued.
     */
    public static int send(TxRing ring, byte[] wire) {
        Mbuf m = ring.peekQueued();
        if (m == null) {
            return -1;
        }
        int len = m.readableBytes();
        m.getBytes(0, wire, 0, len);
        ring.markSent();
        return len;
    }
}
