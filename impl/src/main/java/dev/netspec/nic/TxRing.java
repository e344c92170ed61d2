package dev.netspec.nic;

import dev.netspec.buf.Mbuf;
import dev.netspec.fault.Fault;
import dev.netspec.fault.Faults;

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
    private long reclaimedUnsent;

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

    /**
     * Driver: reclaim every sent descriptor, oldest first (one cleaning pass, as e1000's
     * clean_tx_irq and 4.4BSD's transmit-interrupt loop do: they walk the ring while the
     * descriptor-done bit is set). Returns how many were reclaimed.
     */
    public int reclaimAll() {
        int n = 0;
        while (true) {
            if (hasSent()) {
                reclaim();
                n++;
            } else if (Faults.active(Fault.TX_RECLAIM_UNSENT) && n > 0 && state[clean] == State.QUEUED) {
                // WRONG (fault): the pass stops at the first descriptor whose done bit is clear;
                // this one frees a descriptor the NIC still owns and has not sent (a real driver
                // would hand the buffer back while the NIC may still DMA from it).
                buffers[clean].close();
                buffers[clean] = null;
                state[clean] = State.FREE;
                queued--;
                clean = advance(clean);
                n++;
                reclaimedUnsent++;
            } else {
                return n;
            }
        }
    }

    /** Descriptors freed before they were sent (only with a fault switched on). */
    public long reclaimedUnsent() {
        return reclaimedUnsent;
    }

    /**
     * The packets on the ring, oldest first: the sent ones awaiting reclaim, then the queued ones
     * (for observers: the conformance layer's abstraction; the ring keeps ownership).
     */
    public java.util.List<Mbuf> frames() {
        java.util.List<Mbuf> l = new java.util.ArrayList<>(sent + queued);
        for (int k = 0, i = clean; k < buffers.length; k++, i = (i + 1) % buffers.length) {
            if (state[i] == State.FREE) {
                if (i == tail) {
                    break;
                }
                continue; // a hole left by a fault's early reclaim
            }
            l.add(buffers[i]);
        }
        return l;
    }

    /** NIC: the packet to send next, or null. The ring keeps ownership. */
    Mbuf peekQueued() {
        return state[head] == State.QUEUED ? buffers[head] : null;
    }

    /** NIC: the packet at head is on the wire; mark it done. */
    void markSent() {
        if (state[head] == State.QUEUED) {
            state[head] = State.SENT;
            queued--;
            sent++;
        } // else FREE: the driver reclaimed it early (a fault); nothing to mark
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
