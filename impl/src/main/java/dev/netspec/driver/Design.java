package dev.netspec.driver;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The receive disciplines, named as in spec/ReceivePath.tla. */
public enum Design {
    INTERRUPT("interrupt"),
    POLL_NOQUOTA("poll_noquota"),
    POLL_QUOTA("poll_quota"),
    POLL_FEEDBACK("poll_feedback"),
    NAPI("napi");

    private final String label;

    Design(String label) {
        this.label = label;
    }

    /** The name used in the spec, CSV files and the CLI. */
    public String label() {
        return label;
    }

    /** The design called {@code label}; a clear error listing the choices otherwise. */
    public static Design parse(String label) {
        for (Design d : values()) {
            if (d.label.equals(label)) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown driver design '" + label + "'; choose one of "
                + Arrays.stream(values()).map(Design::label).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return label;
    }
}
