package dev.netspec.nic;

/**
 * Sizes and options of a NIC.
 *
 * @param rxRingSize receive descriptors
 * @param txRingSize transmit descriptors
 * @param interruptModerationNs minimum time between two interrupts (the e1000's ITR); 0 = off
 */
public record NicConfig(int rxRingSize, int txRingSize, long interruptModerationNs) {
    public NicConfig {
        if (rxRingSize < 1 || txRingSize < 1) {
            throw new IllegalArgumentException("ring sizes must be >= 1: rx=" + rxRingSize + " tx=" + txRingSize);
        }
        if (interruptModerationNs < 0) {
            throw new IllegalArgumentException("interrupt moderation must be >= 0 ns");
        }
    }

    /** 32 descriptors each way, no moderation. */
    public static NicConfig defaults() {
        return new NicConfig(32, 32, 0);
    }
}
