package dev.netspec.conform;

import dev.netspec.fault.Faults;
import dev.netspec.scenario.EventHandler;
import dev.netspec.scenario.Problem;
import dev.netspec.scenario.RunOptions;
import dev.netspec.scenario.ScenarioResult;
import dev.netspec.trace.ast.Pos;
import dev.netspec.trace.ast.Trace;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The scenario runner's {@link EventHandler}: runs an {@link EventScenario} on the stack through its
 * module's {@link Replayer}. Each event is performed, the stack's abstract state after it is compared
 * with the scenario's expectations, and the replay is recorded as a trace whose steps any spec action
 * may explain (label {@value TlcTraceValidator#ANY_ACTION}) with the full replayed state, so the
 * validator also checks that the stack's states form a behaviour of the spec.
 */
public final class EventScenarioExecutor implements EventHandler {

    @Override
    public ScenarioResult replay(Path file, Trace trace, RunOptions options) {
        String fallback = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        EventScenario.Result read = EventScenario.from(trace, file);
        if (read.scenario().isEmpty()) {
            List<Problem> ps = read.errors().stream().map(e -> new Problem(Problem.Kind.INPUT, file.toString(), 0, 0, e)).toList();
            return new ScenarioResult(file, fallback, ps, List.of(), 0, 0, List.of());
        }
        EventScenario s = read.scenario().get();
        Optional<Conformance.Module> module = Conformance.module(s.module());
        if (module.isEmpty() || module.get().replayer() == null) {
            return new ScenarioResult(file, s.name(), List.of(new Problem(Problem.Kind.INPUT, file.toString(), 1, 1,
                    "no replayer for module " + s.module() + " (modules with one: " + String.join(", ", Conformance.names())
                            + ")")), List.of(), 0, 0, List.of());
        }
        Replayer replayer = module.get().replayer().get();
        Replayer.Replay replay;
        try {
            replay = Faults.with(options.faults(), () -> replayer.replay(s.constants(), s.behaviour()));
        } catch (RuntimeException e) {
            // A replayer that throws is broken or was handed nonsense: say so in one line, never a stack trace.
            return new ScenarioResult(file, s.name(), List.of(new Problem(Problem.Kind.INPUT, file.toString(), 1, 1,
                    "the " + s.module() + " replayer failed: " + e)), List.of(), 0, 0, List.of());
        }
        return new ScenarioResult(file, s.name(), problems(s, replay), List.of(trace(s, replay)), replay.states().size(),
                0, List.of());
    }

    private static Problem failed(Pos p, String message) {
        return new Problem(Problem.Kind.EXPECTATION, p.file(), p.line(), p.column(), message);
    }

    static List<Problem> problems(EventScenario s, Replayer.Replay replay) {
        List<Problem> problems = new ArrayList<>();
        for (int i = 0; i < replay.states().size() && i < s.steps().size(); i++) {
            EventScenario.Step step = s.steps().get(i);
            Map<String, String> actual = replay.states().get(i);
            int n = i + 1;
            step.expected().forEach((var, want) -> {
                String got = actual.get(var);
                if (got != null && !TlaText.same(want, got)) {
                    problems.add(failed(step.expectPos().get(var), "after event " + step.action() + " (step " + n
                            + ") expected " + var + " == " + want + ", the stack has " + got));
                }
            });
        }
        replay.stuck().ifPresent(why -> {
            int at = replay.states().size();
            if (at < s.steps().size()) {
                problems.add(failed(s.steps().get(at).pos(), "the stack cannot perform event " + s.steps().get(at).action()
                        + " (step " + (at + 1) + "): " + why));
            } else {
                problems.add(new Problem(Problem.Kind.EXPECTATION, s.file().toString(), 1, 1, "the replay stopped: " + why));
            }
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
