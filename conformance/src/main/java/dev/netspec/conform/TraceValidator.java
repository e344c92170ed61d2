package dev.netspec.conform;

import java.util.List;

/**
 * Decides whether recorded traces are behaviours of their TLA+ spec (trace validation). An
 * implementation must check many traces per TLC start where it can: TLC's start-up costs
 * seconds, a suite has dozens of traces.
 */
public interface TraceValidator {
    /** One verdict per trace, in the order given. Never throws for a bad trace: that is an ERROR verdict. */
    List<Verdict> validate(List<RecordedTrace> traces);
}
