package dev.netspec.conform;

import java.util.Optional;

/**
 * What the validator decided about one recorded trace.
 *
 * @param trace the trace
 * @param status conforms, diverges (some step no spec action explains), or error (the check
 *     itself could not run: bad constants, TLC crash); {@code detail} says why
 * @param stepsValidated how many steps were explained (all of them when it conforms)
 * @param mismatch for {@link Status#DIVERGES}: the first unexplained step and its diagnosis
 * @param detail one line for reports
 */
public record Verdict(RecordedTrace trace, Status status, int stepsValidated, Optional<Mismatch> mismatch,
        String detail) {
    public enum Status { CONFORMS, DIVERGES, ERROR }

    public boolean conforms() {
        return status == Status.CONFORMS;
    }
}
