package dev.netspec.driver;

/**
 * Named reasons for dropping a packet, shared with the TLA+ model where it has the same drop.
 * Protocol layers add their own reasons (as strings) through {@link Drops#count(String)}.
 */
public final class DropReason {
    private DropReason() {
    }

    /** The RX ring had no free descriptor (NIC missed-packet counter). */
    public static final String RING_FULL = "ring_full";
    /** Receive frame check sequence wrong (link corruption). */
    public static final String BAD_FCS = "bad_fcs";
    /** Frame longer than the posted receive buffer. */
    public static final String TOO_LONG = "too_long";
    /** No buffer to refill the RX ring: the received frame's buffer is reused and the frame lost. */
    public static final String NO_MBUF = "no_mbuf";
    /** The IP input queue was full (4.4BSD IF_DROP on ipintrq). */
    public static final String IPINTRQ_FULL = "ipintrq_full";
    /** The queue to the user-level screening process was full. */
    public static final String SCREENDQ_FULL = "screendq_full";
    /** The interface output queue was full. */
    public static final String IFQ_FULL = "ifq_full";
    /** A socket receive queue was full. */
    public static final String SOCKET_FULL = "socket_full";
}
