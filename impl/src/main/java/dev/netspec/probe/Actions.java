package dev.netspec.probe;

/**
 * Action labels, shared with the TLA+ receive-path model (spec/ReceivePath.tla) so that the
 * conformance layer can map a recorded step to a spec action by name.
 */
public final class Actions {
    private Actions() {
    }

    /** A frame reached a NIC (stored by DMA, missed because the ring was full, or failed FCS). */
    public static final String ARRIVE = "Arrive";
    /** Interrupt entry for a receive cause (also the polling/NAPI handler that masks and schedules). */
    public static final String RX_INTERRUPT = "RxInterrupt";
    /** Interrupt entry for a transmit-only cause. */
    public static final String TX_INTERRUPT = "TxInterrupt";
    /** Return from the classic interrupt handler. */
    public static final String IRQ_EXIT = "IrqExit";
    /** Classic handler: one frame from the RX ring to ipintrq (or dropped, ipintrq_full). */
    public static final String DRIVER_RX = "DriverRx";
    /** Polling thread / NAPI: one frame taken from the RX ring and processed to completion (IP input, output). */
    public static final String POLL = "Poll";
    /** Polling thread / NAPI: quota or weight used up, CPU offered to others. */
    public static final String POLL_YIELD = "PollYield";
    /** Polling thread / NAPI: no work left, interrupts re-enabled, thread sleeps. */
    public static final String POLL_DONE = "PollDone";
    /** NAPI: softirq budget used up, remaining work deferred to ksoftirqd. */
    public static final String NAPI_DEFER = "NapiDefer";
    /** IP input and its consequence (forward to ifq, deliver to a socket, queue for screend, drop). */
    public static final String IP_INPUT = "IpInput";
    /** A user process handles one packet (screend's filter, an application's receive). */
    public static final String USER_STEP = "UserStep";
    /** Driver moves one packet from ifq to the TX ring. */
    public static final String TX_START = "TxStart";
    /** NIC finished sending a frame. */
    public static final String TRANSMIT = "Transmit";
    /** Driver reclaims the sent TX descriptors (one cleaning pass). */
    public static final String TX_COMPLETE = "TxComplete";
}
