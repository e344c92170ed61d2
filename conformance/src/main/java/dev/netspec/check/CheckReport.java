package dev.netspec.check;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code --json} form of a check: every row, its numbers and its counterexample if it has one. */
public final class CheckReport {

    private CheckReport() {}

    public static String json(Path specDir, boolean strictStates, List<CheckRow> rows) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("specDir", specDir.toString());
        root.put("strictStates", strictStates);
        List<Object> list = new ArrayList<>();
        int failed = 0;
        int errors = 0;
        for (CheckRow row : rows) {
            list.add(row(row, strictStates));
            if (row.verdict() == CheckRow.Verdict.ERROR) {
                errors++;
            } else if (row.failed(strictStates)) {
                failed++;
            }
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("configurations", rows.size());
        summary.put("asExpected", rows.size() - failed - errors);
        summary.put("unexpected", failed);
        summary.put("errors", errors);
        root.put("summary", summary);
        root.put("rows", list);
        return Json.write(root);
    }

    private static Map<String, Object> row(CheckRow row, boolean strictStates) {
        TlcResult r = row.result();
        ManifestEntry e = row.entry();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("module", e.module());
        m.put("config", e.config());
        m.put("tier", e.tier().label());
        m.put("expected", e.expected().describe());
        m.put("actual", r.outcome().describe());
        m.put("status", ResultTable.status(row, strictStates));
        m.put("failed", row.failed(strictStates));
        m.put("distinctStates", r.distinctStates() < 0 ? null : r.distinctStates());
        m.put("recordedStates", e.states().isPresent() ? e.states().getAsLong() : null);
        m.put("generatedStates", r.generatedStates() < 0 ? null : r.generatedStates());
        m.put("depth", r.depth() < 0 ? null : r.depth());
        m.put("seconds", r.duration().toNanos() / 1e9);
        m.put("statesPerSecond", row.statesPerSecond());
        m.put("tlcExitCode", r.exitCode());
        if (!r.violatedTemporal().isEmpty()) {
            m.put("violatedTemporalProperties", r.violatedTemporal());
        }
        r.trace().ifPresent(t -> m.put("counterexample", trace(t)));
        return m;
    }

    private static Map<String, Object> trace(Trace t) {
        Map<String, Object> m = new LinkedHashMap<>();
        List<Object> states = new ArrayList<>();
        for (TraceState s : t.states()) {
            Map<String, Object> sm = new LinkedHashMap<>();
            sm.put("number", s.number());
            sm.put("action", s.action());
            sm.put("location", s.location().isEmpty() ? null : s.location());
            sm.put("variables", new LinkedHashMap<>(s.variables()));
            states.add(sm);
        }
        m.put("states", states);
        switch (t.end()) {
            case Trace.End.Finite f -> m.put("end", "finite");
            case Trace.End.BackTo b -> {
                m.put("end", "loop");
                m.put("backToState", b.state());
                m.put("loopAction", b.action());
            }
            case Trace.End.Stuttering s -> m.put("end", "stuttering");
        }
        return m;
    }
}
