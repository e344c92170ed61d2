package dev.netspec.check;

/** One configuration checked: its manifest row and what TLC found. */
public record CheckRow(ManifestEntry entry, TlcResult result) {

    /** How a row compares with the manifest. */
    public enum Verdict {
        /** The expected outcome, and the recorded state count if there is one. */
        OK,
        /** The expected outcome, but a distinct-state count other than the recorded one. */
        STATES_DIFFER,
        /** A different outcome than the manifest expects. */
        UNEXPECTED,
        /** TLC could not check the configuration (parse, config or evaluation error, crash). */
        ERROR
    }

    public boolean outcomeAsExpected() {
        return entry.expected().matches(result.outcome());
    }

    /** True when no count is recorded, or TLC's distinct-state count equals it. */
    public boolean statesAsRecorded() {
        return entry.states().isEmpty() || entry.states().getAsLong() == result.distinctStates();
    }

    public Verdict verdict() {
        if (result.outcome() instanceof Outcome.Error) {
            return Verdict.ERROR;
        }
        if (!outcomeAsExpected()) {
            return Verdict.UNEXPECTED;
        }
        return statesAsRecorded() ? Verdict.OK : Verdict.STATES_DIFFER;
    }

    /**
     * Whether this row fails the check. A state-count difference fails only when {@code strictStates}:
     * counts move with every harmless refactoring of a spec, while the outcome is what the manifest is
     * for; the table always shows a difference.
     */
    public boolean failed(boolean strictStates) {
        return switch (verdict()) {
            case OK -> false;
            case STATES_DIFFER -> strictStates;
            case UNEXPECTED, ERROR -> true;
        };
    }

    /** Distinct states per second of wall-clock time (JVM start-up included), 0 when unknown. */
    public double statesPerSecond() {
        double seconds = result.duration().toNanos() / 1e9;
        return result.distinctStates() <= 0 || seconds <= 0 ? 0 : result.distinctStates() / seconds;
    }
}
