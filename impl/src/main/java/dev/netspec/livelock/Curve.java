package dev.netspec.livelock;

import dev.netspec.driver.Design;
import java.util.Objects;

/**
 * One curve of the plot: a driver design, with or without screend in the forwarding path.
 * Its name is the design label, plus {@code +screend}.
 */
public record Curve(Design design, boolean screend) {
    public Curve {
        Objects.requireNonNull(design, "design");
    }

    public String name() {
        return design.label() + (screend ? "+screend" : "");
    }

    /** The curve called {@code name} (e.g. {@code poll_feedback+screend}). */
    public static Curve parse(String name) {
        boolean s = name.endsWith("+screend");
        return new Curve(Design.parse(s ? name.substring(0, name.length() - "+screend".length()) : name), s);
    }

    @Override
    public String toString() {
        return name();
    }
}
