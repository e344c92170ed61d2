package dev.netspec.conform;

import java.util.List;
import java.util.Map;

/**
 * The diagnosis of a trace that diverges from its spec: the first step no spec action explains,
 * the spec state before it (as TLC reached it: recorded fields plus TLC's choice for the rest),
 * and for each spec action enabled there, its successor and how it differs from the recording.
 *
 * @param step the first unexplained step (its {@code source} is the scenario line that caused it)
 * @param before the spec state before the step (variable -> TLA+ value)
 * @param candidates the enabled spec actions and their successors (empty if none was enabled)
 */
public record Mismatch(RecordedStep step, Map<String, String> before, List<Candidate> candidates) {
    public Mismatch {
        before = Map.copyOf(before);
        candidates = List.copyOf(candidates);
    }

    /**
     * An enabled spec action at the failing point.
     *
     * @param action the spec action's name (e.g. {@code NapiPollRx})
     * @param successor the successor state it produces
     * @param differences one line per recorded field whose value differs: {@code "ring: recorded <<>>, spec <<2>>"}
     */
    public record Candidate(String action, Map<String, String> successor, List<String> differences) {
        public Candidate {
            successor = Map.copyOf(successor);
            differences = List.copyOf(differences);
        }
    }
}
