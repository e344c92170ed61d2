package dev.netspec.conform;

import dev.netspec.check.Trace;
import dev.netspec.check.TraceState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A TLC counterexample as an event scenario, so the behaviour the model checker found can be replayed
 * on the stack ({@code netspec check --emit-scenario}). A lasso (liveness counterexample) is infinite:
 * the scenario holds the stem and then the loop unrolled {@code loops} times, each turn marked by a
 * comment, which is enough to see the stack repeat it (e.g. the interrupt-driven router's livelock:
 * the loop of arrivals and interrupts in which the transmit side never runs).
 */
public final class CounterexampleScenario {
    private CounterexampleScenario() {
    }

    public static String write(String name, String module, Map<String, String> constants, Trace trace,
            String what, int loops) {
        List<TraceState> states = trace.states();
        List<Replayer.SpecStep> steps = new ArrayList<>();
        Map<Integer, String> marks = new LinkedHashMap<>();
        for (int i = 1; i < states.size(); i++) {
            steps.add(new Replayer.SpecStep(states.get(i).action(), states.get(i).variables()));
        }
        List<String> comments = new ArrayList<>();
        comments.add("Counterexample of " + what + ", written by netspec check --emit-scenario.");
        switch (trace.end()) {
            case Trace.End.BackTo back -> {
                int last = states.size();
                comments.add("A lasso: states 1-" + last + " then back to state " + back.state() + " by " + back.action()
                        + ", forever; here the loop is unrolled " + loops + " times.");
                for (int turn = 1; turn <= loops; turn++) {
                    marks.put(steps.size(), "loop, turn " + turn + " of " + loops + " (back to state " + back.state() + ")");
                    steps.add(new Replayer.SpecStep(back.action(), states.get(back.state() - 1).variables()));
                    for (int s = back.state(); s < last; s++) {
                        steps.add(new Replayer.SpecStep(states.get(s).action(), states.get(s).variables()));
                    }
                }
            }
            case Trace.End.Stuttering st -> comments.add("A lasso that stutters: after its last step nothing happens, forever.");
            case Trace.End.Finite f -> comments.add("The property fails in the last state.");
        }
        return EventScenario.write(name, module, constants, states.get(0).variables(), steps, comments, marks);
    }
}
