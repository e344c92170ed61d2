package dev.netspec.bench;

/**
 * The bare baseline: what moving 64-byte frames through a ring costs with nothing else done.
 * A burst of frames is copied into a ring of preallocated byte arrays (the NIC's DMA) and each is
 * copied back out into a reader's buffer (the copy to user). The stack paths do both copies too,
 * plus everything a network stack does in between.
 */
public final class BareCopy {
    private final int batch;
    private final byte[][] ring;
    private final byte[] frame;
    private final byte[] into = new byte[2048];
    private int head;
    private int tail;

    public BareCopy(int batch, int ringSize) {
        if (batch < 1 || ringSize < batch) {
            throw new IllegalArgumentException("need 1 <= batch <= ring size");
        }
        this.batch = batch;
        ring = new byte[ringSize][Frames.FRAME_BYTES];
        frame = Frames.udp(dev.netspec.wire.MacAddr.parse("02:00:00:00:00:02"),
                dev.netspec.wire.MacAddr.parse("02:00:00:00:00:01"), dev.netspec.wire.Ipv4Addr.parse("10.0.0.2"),
                dev.netspec.wire.Ipv4Addr.parse("10.0.0.1"), 40000, ReceivePath.PORT);
    }

    /** One burst in and out; returns a byte of each frame read, summed (so nothing is dead code). */
    public long runBatch() {
        int n = ring.length;
        for (int i = 0; i < batch; i++) {
            System.arraycopy(frame, 0, ring[head], 0, Frames.FRAME_BYTES);
            head = head + 1 == n ? 0 : head + 1;
        }
        long sum = 0;
        for (int i = 0; i < batch; i++) {
            System.arraycopy(ring[tail], 0, into, 0, Frames.FRAME_BYTES);
            tail = tail + 1 == n ? 0 : tail + 1;
            sum += into[Frames.FRAME_BYTES - 1];
        }
        return sum;
    }
}
