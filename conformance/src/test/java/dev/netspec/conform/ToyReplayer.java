package dev.netspec.conform;

import dev.netspec.fault.Fault;
import dev.netspec.fault.Faults;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A toy "stack" for the toy module (src/test/resources/conform/spec/Toy.tla) and its replayer, so the
 * engine is tested without the real network stack. Its one bug, switched on with
 * {@link Fault#OUT_OF_ORDER_DELIVERED} (the nearest real fault in spirit), pops the newest item
 * instead of the oldest.
 */
public final class ToyReplayer implements Replayer {
    static final Conformance.Module MODULE = new Conformance.Module("Toy", null, ToyReplayer::new, Map.of("Max", "2"));

    public static void register() {
        Conformance.register(MODULE);
    }

    private int x;
    private final Deque<Integer> q = new ArrayDeque<>();
    private int lost;

    @Override
    public String module() {
        return "Toy";
    }

    @Override
    public Replay replay(Map<String, String> constants, List<SpecStep> behaviour) {
        int max = Integer.parseInt(constants.getOrDefault("Max", "2").strip());
        List<Map<String, String>> states = new ArrayList<>();
        for (SpecStep s : behaviour) {
            Optional<String> stuck = step(s, max);
            if (stuck.isPresent()) {
                return new Replay(states, stuck);
            }
            states.add(state());
        }
        return new Replay(states, Optional.empty());
    }

    private Optional<String> step(SpecStep s, int max) {
        switch (s.action()) {
            case "Inc" -> {
                if (x >= max) {
                    return Optional.of("x is already " + max);
                }
                x++;
            }
            case "Push" -> {
                if (q.size() >= 2) {
                    return Optional.of("the queue is full");
                }
                // TLC does not print Push's parameter: the state after it says which value was pushed.
                String after = s.stateAfter().getOrDefault("q", "<<1>>");
                String[] items = after.replaceAll("[<> ]", "").split(",");
                q.addLast(Integer.parseInt(items[items.length - 1]));
            }
            case "Pop" -> {
                if (q.isEmpty()) {
                    return Optional.of("the queue is empty");
                }
                if (Faults.active(Fault.OUT_OF_ORDER_DELIVERED)) {
                    q.removeLast();
                } else {
                    q.removeFirst();
                }
            }
            case "Reset" -> {
                if (x == 0) {
                    return Optional.of("x is 0");
                }
                x = 0;
            }
            case "Lose" -> {
                if (q.isEmpty() || lost >= 1) {
                    return Optional.of("nothing to lose");
                }
                q.removeFirst();
                lost++;
            }
            default -> {
                return Optional.of("Toy has no action " + s.action());
            }
        }
        return Optional.empty();
    }

    private Map<String, String> state() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("x", Integer.toString(x));
        m.put("q", q.stream().map(String::valueOf).collect(Collectors.joining(", ", "<<", ">>")));
        m.put("lost", Integer.toString(lost));
        return m;
    }
}
