package dev.netspec.fault;

import java.util.EnumSet;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The test-only switch for {@link Fault}s. Faults are active for the current thread only, for the
 * duration of {@link #with}: a simulation runs on the thread that drives it, so parallel test
 * classes never see each other's faults. Checking costs one volatile read when no fault has ever
 * been switched on (the hot path's case), so the stack pays nothing measurable for having them.
 */
public final class Faults {
    private Faults() {
    }

    private static volatile boolean everUsed;
    private static final ThreadLocal<EnumSet<Fault>> ACTIVE = ThreadLocal.withInitial(() -> EnumSet.noneOf(Fault.class));

    /** True if {@code f} is switched on for this thread. */
    public static boolean active(Fault f) {
        return everUsed && ACTIVE.get().contains(f);
    }

    /** Runs {@code body} with exactly {@code faults} switched on for this thread, then restores the previous set. */
    public static <T> T with(Set<Fault> faults, Supplier<T> body) {
        EnumSet<Fault> previous = EnumSet.copyOf(ACTIVE.get());
        if (!faults.isEmpty()) {
            everUsed = true;
        }
        ACTIVE.set(faults.isEmpty() ? EnumSet.noneOf(Fault.class) : EnumSet.copyOf(faults));
        try {
            return body.get();
        } finally {
            ACTIVE.set(previous);
        }
    }

    /** The faults switched on for this thread (a copy). */
    public static Set<Fault> current() {
        return EnumSet.copyOf(ACTIVE.get());
    }
}
