package dev.netspec.driver;

import java.util.Objects;

/**
 * A design and its parameters.
 *
 * @param quota packets of receive (and separately of transmit-complete) work per polling round;
 *     ignored by {@code interrupt}, {@code poll_noquota} and {@code napi}
 * @param napiWeight per-device packets per NAPI poll (Linux NAPI_POLL_WEIGHT)
 * @param rxBufferBytes size of the buffers posted to the RX ring
 */
public record DriverConfig(Design design, int quota, int napiWeight, int rxBufferBytes) {
    /** The paper's Figure 6-3 quota. */
    public static final int PAPER_QUOTA = 5;
    /** Linux's default NAPI weight. */
    public static final int LINUX_NAPI_WEIGHT = 64;

    public DriverConfig {
        Objects.requireNonNull(design, "design");
        if (quota < 1 || napiWeight < 1) {
            throw new IllegalArgumentException("quota and NAPI weight must be >= 1");
        }
        if (rxBufferBytes < 60) {
            throw new IllegalArgumentException("RX buffers must hold a minimum frame (60 bytes)");
        }
    }

    public static DriverConfig of(Design design) {
        return new DriverConfig(design, PAPER_QUOTA, LINUX_NAPI_WEIGHT, 1536);
    }

    public DriverConfig withQuota(int q) {
        return new DriverConfig(design, q, napiWeight, rxBufferBytes);
    }

    /** Effective per-round limit: unbounded for {@code poll_noquota}. */
    int roundLimit() {
        return design == Design.POLL_NOQUOTA ? Integer.MAX_VALUE : quota;
    }
}
