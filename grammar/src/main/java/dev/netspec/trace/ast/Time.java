package dev.netspec.trace.ast;

import java.math.BigDecimal;

/**
 * A point on the timeline: absolute ({@code @1.5ms}) or relative to the previous
 * statement ({@code +10us}). The unit is empty when none was written; the checker
 * accepts that only for zero.
 */
public record Time(Pos pos, boolean relative, BigDecimal amount, String unit) implements Node {
    public Time {
        if (amount.signum() < 0) {
            throw new IllegalArgumentException("time amount must not be negative: " + amount);
        }
    }
}
