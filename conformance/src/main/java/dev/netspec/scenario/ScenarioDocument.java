package dev.netspec.scenario;

import dev.netspec.trace.ast.Action;
import dev.netspec.trace.ast.Item;
import dev.netspec.trace.ast.Pos;
import dev.netspec.trace.ast.Trace;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A scenario with its includes expanded in place: the items the executor needs, sorted by kind,
 * in source order.
 */
record ScenarioDocument(String name, long seed, Optional<Item.SpecRef> spec, List<Item.Const> constants,
        List<Item.Host> hosts, List<Item.Link> links, List<Item.Flow> flows, List<Item.Cost> globalCosts,
        List<Item.Timed> timeline, List<Item.Step> steps, Pos firstPos) {

    /** The default seed when a scenario gives none. */
    static final long DEFAULT_SEED = 1;

    static ScenarioDocument of(String fallbackName, Trace main, List<Item> items) {
        String name = fallbackName;
        long seed = DEFAULT_SEED;
        Optional<Item.SpecRef> spec = Optional.empty();
        List<Item.Const> consts = new ArrayList<>();
        List<Item.Host> hosts = new ArrayList<>();
        List<Item.Link> links = new ArrayList<>();
        List<Item.Flow> flows = new ArrayList<>();
        List<Item.Cost> costs = new ArrayList<>();
        List<Item.Timed> timeline = new ArrayList<>();
        List<Item.Step> steps = new ArrayList<>();
        for (Item i : items) {
            switch (i) {
                case Item.Scenario s -> name = s.name();
                case Item.Seed s -> seed = s.value().longValue(); // 0..2^64-1: the same 64 bits
                case Item.SpecRef s -> spec = Optional.of(s);
                case Item.Const c -> consts.add(c);
                case Item.Host h -> hosts.add(h);
                case Item.Link l -> links.add(l);
                case Item.Flow f -> flows.add(f);
                case Item.Cost c -> costs.add(c);
                case Item.Timed t -> timeline.add(t);
                case Item.Step s -> steps.add(s);
                default -> { }
            }
        }
        Pos first = main.items().isEmpty() ? main.pos() : main.items().get(0).pos();
        return new ScenarioDocument(name, seed, spec, consts, hosts, links, flows, costs, timeline, steps, first);
    }

    /** The first {@code event} line, if the timeline has one. */
    Optional<Item.Timed> firstEvent() {
        return timeline.stream().filter(t -> t.action() instanceof Action.Event).findFirst();
    }
}
