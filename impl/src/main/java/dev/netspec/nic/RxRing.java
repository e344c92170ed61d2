package dev.netspec.nic;

import dev.netspec.buf.Mbuf;
import dev.netspec.fault.Fault;
import dev.netspec.fault.Faults;

/**
 * The receive descriptor ring. Each slot is in one of three states, and the state says who owns it:
 *
 * <pre>
 *   EMPTY  --driver post(buffer)-->  READY  --NIC DMA of a frame-->  DONE  --driver take()-->  EMPTY
 *  (driver)                          (NIC)                        (driver, DD=1)
 * </pre>
 *
 * Three indices walk the ring in the same direction: {@code head} (the RDH register) is the next
 * slot the NIC fills, {@code tail} (RDT) the next slot the driver posts a fresh buffer into, and
 * {@code next} the next slot the driver takes a finished frame from. The NIC never touches a slot
 * it does not own: when the slot at {@code head} is not READY the ring is full from the NIC's point
 * of view and an arriving frame is missed (the e1000's MPC register; drop reason {@code ring_full}).
 */
public final class RxRing {
    enum State { EMPTY, READY, DONE }

    private final Mbuf[] buffers;
    private final State[] state;
    private final int[] length;
    private int head;
    private int tail;
    private int next;
    private int ready;
    private int done;
    private long overwritten;

    public RxRing(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("ring size must be at least 1, got " + size);
        }
        buffers = new Mbuf[size];
        state = new State[size];
        length = new int[size];
        java.util.Arrays.fill(state, State.EMPTY);
    }

    public int size() {
        return buffers.length;
    }

    /** RDH: next slot the NIC will fill. */
    public int head() {
        return head;
    }

    /** RDT: next slot the driver will post a buffer into. */
    public int tail() {
        return tail;
    }

    /** Slots owned by the NIC (READY, waiting for a frame). */
    public int nicOwned() {
        return ready;
    }

    /** Slots holding a received frame the driver has not taken (descriptor done). */
    public int doneCount() {
        return done;
    }

    /** True if the driver has a finished frame to take. */
    public boolean hasDone() {
        return state[next] == State.DONE;
    }

    /**
     * True if the driver may post a buffer now: the slot at the tail is EMPTY (the driver has
     * read its frame, or it never had one).
     */
    public boolean canPost() {
        State s = state[tail];
        if (s == State.EMPTY) {
            return true;
        }
        // WRONG (fault): any slot the NIC does not own counts as free, including a DONE slot
        // whose frame the driver has not read yet; posting there loses that frame. Asked only
        // for a DONE slot: the fault switch is a volatile read, which the JIT may not move loads
        // across, and the driver asks this twice per received packet.
        return s == State.DONE && Faults.active(Fault.RING_SLOT_REUSED_UNREAD);
    }

    /** The finished frame the driver would take next (the ring keeps it), or null. */
    public Mbuf peekDone() {
        return state[next] == State.DONE ? buffers[next] : null;
    }

    /**
     * The finished frames not yet taken, oldest first (for observers: the conformance layer's
     * abstraction reads the ring's contents; the ring keeps ownership).
     */
    public java.util.List<Mbuf> doneFrames() {
        java.util.List<Mbuf> l = new java.util.ArrayList<>(done);
        for (int k = 0, i = next; k < done; k++, i = (i + 1) % buffers.length) {
            l.add(buffers[i]);
        }
        return l;
    }

    /**
     * Driver: give an empty buffer to the NIC at {@code tail}. The ring takes ownership.
     *
     * @throws IllegalStateException if the slot at tail is not EMPTY (a driver bug)
     */
    public void post(Mbuf buffer) {
        java.util.Objects.requireNonNull(buffer, "buffer");
        if (!canPost()) {
            throw new IllegalStateException("RX slot " + tail + " is " + state[tail] + ", not EMPTY");
        }
        if (state[tail] == State.DONE) { // only under Fault.RING_SLOT_REUSED_UNREAD: the unread frame is lost
            buffers[tail].close();
            done--;
            next = (next + 1) % buffers.length;
            overwritten++;
        }
        buffers[tail] = buffer;
        state[tail] = State.READY;
        ready++;
        tail = advance(tail);
    }

    /**
     * Driver: take the finished frame at {@code next}; the caller owns the returned buffer, whose
     * readable bytes are the frame.
     *
     * @throws IllegalStateException if no descriptor is done
     */
    public Mbuf take() {
        if (!hasDone()) {
            throw new IllegalStateException("RX slot " + next + " is " + state[next] + ", not DONE");
        }
        Mbuf m = buffers[next];
        buffers[next] = null;
        state[next] = State.EMPTY;
        done--;
        next = advance(next);
        return m;
    }

    /** Unread frames lost because a buffer was posted over them (only with a fault switched on). */
    public long overwritten() {
        return overwritten;
    }

    /** Outcome of a DMA attempt. */
    enum Dma { STORED, RING_FULL, TOO_LONG }

    /** NIC: DMA {@code frame} into the buffer at {@code head} and set descriptor done. */
    Dma dma(byte[] frame) {
        if (state[head] != State.READY) {
            return Dma.RING_FULL;
        }
        Mbuf m = buffers[head];
        if (m.readableBytes() != 0 || m.tailroom() < frame.length) {
            return Dma.TOO_LONG;
        }
        m.appendBytes(frame);
        length[head] = frame.length;
        state[head] = State.DONE;
        ready--;
        done++;
        head = advance(head);
        return Dma.STORED;
    }

    /** Driver teardown: returns every buffer still in the ring to its owner (closes them). */
    public int drain() {
        int n = 0;
        for (int i = 0; i < buffers.length; i++) {
            if (buffers[i] != null) {
                buffers[i].close();
                buffers[i] = null;
                n++;
            }
            state[i] = State.EMPTY;
        }
        ready = 0;
        done = 0;
        head = tail = next = 0;
        return n;
    }

    /** The slot after {@code i}: a compare, not a division (this runs for every packet). */
    private int advance(int i) {
        return i + 1 == buffers.length ? 0 : i + 1;
    }
}
