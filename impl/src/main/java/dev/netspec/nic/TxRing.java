package dev.netspec.nic;

import dev.netspec.buf.Mbuf;

/**
 * The transmit descriptor ring:
 *
 * <pre>
 *   FREE  --driver post(packet)-->  QUEUED  --NIC sends it-->  SENT  --driver reclaim()-->  FREE
 * (driver)                          (NIC)               (driver, DD=1)
 * </pre>
 *
 * {@code tail} (TDT) is where the driver posts, {@code head} (TDH) what the NIC sends next, and
 * {@code clean} the next SENT descriptor the driver reclaims (freeing its buffer). A ring whose
 * SENT descriptors are never reclaimed fills up: that is how starving transmit-complete processing
 * stops output (Mogul and Ramakrishnan, Figure 6-3, "polling (no quota)").
 */
public final class TxRing {
    enum State { FREE, QUEUED, SENT }

    private final Mbuf[] buffers;
    private final State[] state;
    private int head;
    private int tail;
    private int clean;
    private int queued;
    private int sent;

    public TxRing(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("ring size must be at least 1, got " + size);
        }
        buffers = new Mbuf[size];
        state = new State[size];
        java.util.Arrays.fill(state, State.FREE);
    }

    public int size() {
        return buffers.length;
    }

    public int head() {
        return head;
    }

    public int tail() {
        return tail;
    }

    /** Descriptors the NIC owns (queued for sending). */
    public int nicOwned() {
        return queued;
    }

    /** Sent descriptors awaiting reclaim. */
    public int sentCount() {
        return sent;
    }

    public boolean canPost() {
        return state[tail] == State.FREE;
    }

    public boolean hasSent() {
        return state[clean] == State.SENT;
    }

    /** Driver: queue {@code packet} for sending; the ring owns it until reclaimed. */
    public void post(Mbuf packet) {
        java.util.Objects.requireNonNull(packet, "packet");
        if (!canPost()) {
            throw new IllegalStateException("TX slot " + tail + " is " + state[tail] + ", not FREE");
        }
        buffers[tail] = packet;
        state[tail] = State.QUEUED;
        queued++;
        tail = advance(tail);
    }

    /** Driver: free the buffer of the oldest sent descriptor. */
    public void reclaim() {
        if (!hasSent()) {
            throw new IllegalStateException("TX slot " + clean + " is " + state[clean] + ", not SENT");
        }
        buffers[clean].close();
        buffers[clean] = null;
        state[clean] = State.FREE;
        sent--;
        clean = advance(clean);
    }

    /** NIC: the packet to send next, or null. The ring keeps ownership. */
    Mbuf peekQueued() {
        return state[head] == State.QUEUED ? buffers[head] : null;
    }

    /** NIC: the packet at head is on the wire; mark it done. */
    void markSent() {
        state[head] = State.SENT;
        queued--;
        sent++;
        head = advance(head);
    }

    /** Teardown: closes every buffer still in the ring. */
    public int drain() {
        int n = 0;
        for (int i = 0; i < buffers.length; i++) {
            if (buffers[i] != null) {
                buffers[i].close();
                buffers[i] = null;
                n++;
            }
            state[i] = State.FREE;
        }
        queued = 0;
        sent = 0;
        head = tail = clean = 0;
        return n;
    }

    /** The slot after {@code i}: a compare, not a division (this runs for every packet). */
    private int advance(int i) {
        return i + 1 == buffers.length ? 0 : i + 1;
    }
}
