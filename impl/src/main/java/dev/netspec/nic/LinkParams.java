package dev.netspec.nic;

/**
 * One direction of a link: speed, propagation delay and seeded faults. Probabilities are per frame
 * and independent; a duplicated frame arrives twice, a reordered frame is held back by
 * {@code reorderDelayNs} so frames sent after it overtake it, a corrupted frame has one bit flipped.
 *
 * @param bitsPerSecond line rate; transmission time of a frame is its wire bytes times 8 over this
 */
public record LinkParams(
        long bitsPerSecond,
        long delayNs,
        double lossRate,
        double duplicateRate,
        double reorderRate,
        long reorderDelayNs,
        double corruptRate) {

    public LinkParams {
        if (bitsPerSecond <= 0) {
            throw new IllegalArgumentException("link speed must be positive, got " + bitsPerSecond + " b/s");
        }
        if (delayNs < 0 || reorderDelayNs < 0) {
            throw new IllegalArgumentException("link delays must be >= 0");
        }
        for (double p : new double[] {lossRate, duplicateRate, reorderRate, corruptRate}) {
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("fault probabilities must be in [0, 1]: " + p);
            }
        }
    }

    /** A fault-free link. */
    public static LinkParams ideal(long bitsPerSecond, long delayNs) {
        return new LinkParams(bitsPerSecond, delayNs, 0, 0, 0, 0, 0);
    }

    public LinkParams withFaults(double loss, double duplicate, double reorder, long reorderDelay, double corrupt) {
        return new LinkParams(bitsPerSecond, delayNs, loss, duplicate, reorder, reorderDelay, corrupt);
    }

    /** Nanoseconds to put a frame of {@code frameBytes} (without FCS) on the wire. */
    public long transmitNs(int frameBytes) {
        long bits = (long) (Math.max(frameBytes, Frame.MIN_LENGTH) + Frame.WIRE_OVERHEAD) * 8;
        return Math.ceilDiv(bits * 1_000_000_000L, bitsPerSecond);
    }
}
