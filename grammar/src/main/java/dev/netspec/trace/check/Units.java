package dev.netspec.trace.check;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The units the language knows, grouped by dimension, each with its factor to the base unit. */
public enum Units {
    /** Base unit: nanoseconds. */
    DURATION("a duration", Map.of("s", "1000000000", "ms", "1000000", "us", "1000", "ns", "1")),
    /** Base unit: bits per second. */
    BANDWIDTH("a bandwidth", Map.of("bps", "1", "kbps", "1000", "Mbps", "1000000", "Gbps", "1000000000")),
    /** Base unit: packets per second. */
    PACKET_RATE("a packet rate", Map.of("pps", "1", "kpps", "1000", "Mpps", "1000000")),
    /** Base unit: percent. */
    PERCENT("a percentage", Map.of("%", "1"));

    private final String description;
    private final Map<String, BigDecimal> factors = new LinkedHashMap<>();

    Units(String description, Map<String, String> factors) {
        this.description = description;
        factors.entrySet().stream()
                .sorted(Map.Entry.comparingByValue((a, b) -> new BigDecimal(b).compareTo(new BigDecimal(a))))
                .forEach(e -> this.factors.put(e.getKey(), new BigDecimal(e.getValue())));
    }

    public String description() {
        return description;
    }

    /** The unit names, largest first, for messages: "s, ms, us, ns". */
    public String names() {
        return String.join(", ", factors.keySet());
    }

    public boolean has(String unit) {
        return factors.containsKey(unit);
    }

    /** The amount in this dimension's base unit. */
    public BigDecimal toBase(BigDecimal amount, String unit) {
        return amount.multiply(factors.get(unit));
    }

    /** The dimension a unit belongs to, if any. */
    public static Optional<Units> of(String unit) {
        for (Units u : values()) {
            if (u.has(unit)) {
                return Optional.of(u);
            }
        }
        return Optional.empty();
    }

    /** Every unit name of every dimension, for "did you mean". */
    public static java.util.List<String> allNames() {
        java.util.List<String> all = new java.util.ArrayList<>();
        for (Units u : values()) {
            all.addAll(u.factors.keySet());
        }
        return all;
    }
}
