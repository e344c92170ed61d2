package dev.netspec.driver;

import dev.netspec.buf.Mbuf;

/**
 * The driver's per-packet data-path work, called by the benchmarks outside the simulated CPU: the
 * same methods the polling thread and NAPI run inside their CPU steps, without the {@code Step}
 * and event objects that model CPU time. In the {@code driver} package only to reach them.
 */
public final class BenchDriverPort {
    private BenchDriverPort() {
    }

    /** Takes the next received frame off the RX ring and posts a fresh buffer (null if none). */
    public static Mbuf takeAndRefill(Driver d) {
        return d.takeAndRefill();
    }

    /**
     * if_start for one packet: head of the interface output queue to the TX ring. Returns false if
     * the queue is empty or the ring is full.
     */
    public static boolean startOne(Driver d) {
        if (!d.canStart()) {
            return false;
        }
        d.nic().txRing().post(d.ifq().poll());
        return true;
    }

    /** Reclaims one sent TX descriptor (frees its buffer); false if none is sent. */
    public static boolean reclaimOne(Driver d) {
        if (!d.nic().txRing().hasSent()) {
            return false;
        }
        d.nic().txRing().reclaim();
        return true;
    }
}
