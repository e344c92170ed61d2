package dev.netspec.driver;

import dev.netspec.buf.Mbuf;

/**
 * What a driver needs from the protocol stack above it. A host implements it; drivers and
 * {@link Softnet} call it from inside CPU steps.
 */
public interface Stack {
    /**
     * Cycles IP input of {@code frame} will take: its cost is known before the work runs, as the
     * operations it goes through (forward, deliver locally, queue for screend) follow from the
     * headers alone. Must not change any state.
     */
    long inputCycles(Mbuf frame, Driver from);

    /** Protocol input of one received Ethernet frame; takes ownership of {@code frame}. */
    void input(Mbuf frame, Driver from);

    /** True while queue-state feedback asks receive polling to stop (the paper's Figure 6-4 setup). */
    boolean inputInhibited();

    /**
     * A polling thread reclaimed transmitted descriptors (its TX-completion pass): a router's
     * queue-state feedback may resume input now that the output queue has drained.
     */
    default void transmitReclaimed() {
    }
}
