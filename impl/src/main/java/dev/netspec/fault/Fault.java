package dev.netspec.fault;

/**
 * Known bugs that can be switched on in the stack, for testing the conformance suite's teeth
 * (a suite that cannot tell a broken stack from a good one proves nothing). Each constant names
 * one deliberate deviation from the TLA+ model or the RFC; the code that honours it says where.
 * Never switched on outside tests and the mutation report.
 */
public enum Fault {
    /** NAPI: the interrupt is unmasked when the budget runs out, before the ring is empty. */
    NAPI_EARLY_REENABLE,
    /** RX ring: a slot is handed back to the NIC (refilled) before the driver read its frame. */
    RING_SLOT_REUSED_UNREAD,
    /** Queue-state feedback: input resumes below the high watermark instead of at the low one. */
    FEEDBACK_EARLY_RESUME,
    /** TX ring: descriptors are reclaimed before the NIC has sent them. */
    TX_RECLAIM_UNSENT,
    /** TCP: a FIN is consumed but not acknowledged (RFC 9293 3.10.7.4, eighth step). */
    FIN_NOT_ACKED,
    /** TCP: an RST is accepted whatever its sequence number (RFC 5961 section 3 says check the window). */
    RST_OUTSIDE_WINDOW_ACCEPTED,
    /** TCP: a SYN in a synchronized state resets the connection (RFC 5961 section 4 says challenge ACK). */
    SYN_IN_ESTABLISHED_RESETS,
    /** TCP: the active closer goes straight to CLOSED instead of TIME-WAIT (RFC 9293 3.3.2). */
    TIME_WAIT_SKIPPED,
    /** TCP: the retransmission timer is not restarted after its first expiry (RFC 6298 5.4-5.6). */
    RETRANSMIT_STOPS_AFTER_FIRST_TIMEOUT,
    /** TCP: data after a gap is delivered to the user as if in order (RFC 9293 3.10.7.4, seventh). */
    OUT_OF_ORDER_DELIVERED;

    /** The name used on command lines and in reports: lower case, as in {@code napi_early_reenable}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Parses {@link #label()} (or the constant name); null if there is no such fault. */
    public static Fault parse(String s) {
        for (Fault f : values()) {
            if (f.label().equals(s) || f.name().equals(s)) {
                return f;
            }
        }
        return null;
    }
}
