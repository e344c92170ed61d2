package dev.netspec.scenario;

import java.math.BigDecimal;

/**
 * A value read from the running stack: a number with its dimension (a count, nanoseconds, a rate
 * per second) or a word (a TCP state, TRUE/FALSE).
 */
sealed interface Observed {
    /** What a number measures, so that {@code 5us} compares with a CPU time and {@code 20kpps} with a rate. */
    enum Dimension { COUNT, DURATION_NS, PER_SECOND }

    record Number(BigDecimal value, Dimension dimension) implements Observed {
        @Override
        public String toString() {
            return switch (dimension) {
                case COUNT -> value.stripTrailingZeros().toPlainString();
                case DURATION_NS -> value.stripTrailingZeros().toPlainString() + "ns";
                case PER_SECOND -> value.setScale(1, java.math.RoundingMode.HALF_UP).toPlainString() + "/s";
            };
        }
    }

    record Word(String value) implements Observed {
        @Override
        public String toString() {
            return value;
        }
    }

    static Observed count(long n) {
        return new Number(BigDecimal.valueOf(n), Dimension.COUNT);
    }

    static Observed nanos(long n) {
        return new Number(BigDecimal.valueOf(n), Dimension.DURATION_NS);
    }

    static Observed bool(boolean b) {
        return new Word(b ? "TRUE" : "FALSE");
    }
}
