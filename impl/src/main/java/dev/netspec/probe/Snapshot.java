package dev.netspec.probe;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** An abstract state: named integer variables, sorted by name so printing is deterministic. */
public record Snapshot(Map<String, Long> vars) {
    public Snapshot {
        vars = Collections.unmodifiableMap(new TreeMap<>(vars));
    }

    /** The value of {@code name}; throws if the state has no such variable. */
    public long get(String name) {
        Long v = vars.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no state variable '" + name + "'; have " + vars.keySet());
        }
        return v;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("[");
        vars.forEach((k, v) -> b.append(b.length() > 1 ? ", " : "").append(k).append('=').append(v));
        return b.append(']').toString();
    }
}
