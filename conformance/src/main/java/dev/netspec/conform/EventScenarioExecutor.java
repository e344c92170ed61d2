package dev.netspec.conform;

import dev.netspec.fault.Fault;
import dev.netspec.fault.Faults;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Runs an {@link EventScenario} on the stack through its module's {@link Replayer}: each event is
 * performed, the stack's abstract state after it is compared with the scenario's expectations, and
 * the replay is recorded as a trace whose steps any spec action may explain (label
 * {@value TlcTraceValidator#ANY_ACTION}) with the full replayed state, so the validator also checks
 * that the stack's states form a behaviour of the spec.
 */
public final class EventScenarioExecutor implements ScenarioExecutor {

    @Override
    public Execution execute(Path file, Set<Fault> faults) {
        EventScenario.Result read = EventScenario.read(file);
        if (read.scenario().isEmpty()) {
            return Execution.inputError(file, read.errors());
        }
        EventScenario s = read.scenario().get();
        Optional<Conformance.Module> module = Conformance.module(s.module());
        if (module.isEmpty() || module.get().replayer() == null) {
            return Execution.inputError(file, List.of(file + ": no replayer for module " + s.module()
                    + " (modules with one: " + String.join(", ", Conformance.names()) + ")"));
        }
        Replayer replayer = module.get().replayer().get();
        Replayer.Replay replay;
        try {
            replay = Faults.with(faults, () -> replayer.replay(s.constants(), s.behaviour()));
        } catch (RuntimeException e) {
            // A replayer that throws is broken or was handed nonsense: say where, never a stack trace.
            return Execution.inputError(file, List.of(file + ": the " + s.module() + " replayer failed: " + e));
        }
        return new Execution(file, s.name(), problems(s, replay), List.of(trace(s, replay)), false);
    }

    static List<String> problems(EventScenario s, Replayer.Replay replay) {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < replay.states().size() && i < s.steps().size(); i++) {
            EventScenario.Step step = s.steps().get(i);
            Map<String, String> actual = replay.states().get(i);
            step.expected().forEach((var, want) -> {
                String got = actual.get(var);
                if (got != null && !TlaText.same(want, got)) {
                    problems.add(MismatchReport.where(step.expectPos().get(var)) + ": after event " + step.action()
                            + " (step " + (s.steps().indexOf(step) + 1) + ") expected " + var + " == " + want
                            + ", the stack has " + got);
                }
            });
        }
        replay.stuck().ifPresent(why -> {
            int at = replay.states().size();
            String where = at < s.steps().size() ? MismatchReport.where(s.steps().get(at).pos()) : s.file().toString();
            problems.add(where + ": the stack cannot perform event "
                    + (at < s.steps().size() ? s.steps().get(at).action() + " (step " + (at + 1) + ")" : "") + ": " + why);
        });
        return problems;
    }

    static RecordedTrace trace(EventScenario s, Replayer.Replay replay) {
        List<RecordedStep> steps = new ArrayList<>();
        for (int i = 0; i < replay.states().size() && i < s.steps().size(); i++) {
            steps.add(new RecordedStep(i + 1, i, TlcTraceValidator.ANY_ACTION, replay.states().get(i), s.steps().get(i).pos()));
        }
        return new RecordedTrace(s.name(), s.module(), s.constants(), s.initial(), steps);
    }
}
