package dev.netspec.driver;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** Drop counters by reason (sorted, for deterministic output). */
public final class Drops {
    private final TreeMap<String, Long> counts = new TreeMap<>();

    public void count(String reason) {
        counts.merge(reason, 1L, Long::sum);
    }

    public void add(String reason, long n) {
        if (n != 0) {
            counts.merge(reason, n, Long::sum);
        }
    }

    public long get(String reason) {
        return counts.getOrDefault(reason, 0L);
    }

    public long total() {
        long t = 0;
        for (long v : counts.values()) {
            t += v;
        }
        return t;
    }

    public Map<String, Long> asMap() {
        return Collections.unmodifiableMap(counts);
    }

    @Override
    public String toString() {
        return counts.toString();
    }
}
