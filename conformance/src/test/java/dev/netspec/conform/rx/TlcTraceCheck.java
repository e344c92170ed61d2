package dev.netspec.conform.rx;

import dev.netspec.check.Outcome;
import dev.netspec.check.TlcResult;
import dev.netspec.check.TlcRunner;
import dev.netspec.conform.RecordedStep;
import dev.netspec.conform.RecordedTrace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.StringJoiner;

/**
 * A minimal trace validator for these tests (the project's batched validator is
 * dev.netspec.conform's TraceValidator): writes the module the plan describes (the trace as a
 * constant sequence of records, a cursor, each step explained by ReceivePathTrace's Explains
 * with the recorded fields matched) and runs TLC on it. The invariant {@code cursor < Len(Trace)}
 * is violated exactly when some behaviour explains the whole trace; otherwise the deepest level
 * TLC reached says which step nothing explains.
 */
final class TlcTraceCheck {
    /** @param failingStep 0 when the trace conforms, else the 1-based index of the first unexplained step */
    record Result(boolean conforms, int failingStep, TlcResult tlc) { }

    static Path specDir() {
        String root = System.getProperty("netspec.root");
        if (root == null) {
            throw new IllegalStateException("system property netspec.root is not set; run through Maven");
        }
        return Path.of(root, "spec");
    }

    static String module(RecordedTrace t) {
        StringBuilder b = new StringBuilder("---- MODULE RxTraceCheck ----\nEXTENDS ReceivePathTrace, TLC\nVARIABLE cursor\n");
        b.append("State == [ring |-> ring, rxIntrOn |-> rxIntrOn, txIntrOn |-> txIntrOn, irq |-> irq, ipintrq |-> ipintrq,\n")
                .append("  screendq |-> screendq, ifq |-> ifq, txRing |-> txRing, txSent |-> txSent, polling |-> polling,\n")
                .append("  rxLeft |-> rxLeft, napiTxDue |-> napiTxDue, inhibited |-> inhibited, arrived |-> arrived, out |-> out, dropped |-> dropped,\n")
                .append("  dropsSeen |-> dropsSeen]\n");
        b.append("Initial == ").append(record(null, t.initial())).append('\n');
        StringJoiner steps = new StringJoiner(",\n  ", "<<", ">>");
        for (RecordedStep s : t.steps()) {
            steps.add(record(s.label(), s.fields()));
        }
        b.append("Trace == ").append(t.steps().isEmpty() ? "<<>>" : steps.toString()).append('\n');
        b.append("Matches(r) == \\A f \\in DOMAIN r \\ {\"label\"} : State'[f] = r[f]\n");
        b.append("TraceInit == Init /\\ cursor = 0 /\\ \\A f \\in DOMAIN Initial : State[f] = Initial[f]\n");
        b.append("TraceNext == /\\ cursor < Len(Trace)\n  /\\ Explains(Trace[cursor + 1].label)\n")
                .append("  /\\ Matches(Trace[cursor + 1])\n  /\\ cursor' = cursor + 1\n");
        b.append("NotDone == cursor < Len(Trace)\n====\n");
        return b.toString();
    }

    private static String record(String label, Map<String, String> fields) {
        StringJoiner j = new StringJoiner(", ", "[", "]");
        if (label != null) {
            j.add("label |-> \"" + label + "\"");
        }
        fields.forEach((k, v) -> j.add(k + " |-> " + v));
        return j.toString();
    }

    static String config(RecordedTrace t) {
        StringBuilder b = new StringBuilder("INIT TraceInit\nNEXT TraceNext\nINVARIANT NotDone\nCHECK_DEADLOCK FALSE\nCONSTANTS\n");
        t.constants().forEach((k, v) -> b.append("  ").append(k).append(" = ").append(v).append('\n'));
        return b.toString();
    }

    static Result check(RecordedTrace t) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("rxtrace-");
        try {
            for (String m : new String[] {"ReceivePath.tla", "ReceivePathTrace.tla"}) {
                Files.copy(specDir().resolve(m), dir.resolve(m));
            }
            Files.writeString(dir.resolve("RxTraceCheck.tla"), module(t));
            Files.writeString(dir.resolve("RxTraceCheck.cfg"), config(t));
            TlcResult r = TlcRunner.ofThisJvm().check(dir, "RxTraceCheck", "RxTraceCheck");
            if (r.outcome() instanceof Outcome.InvariantViolated v && v.name().equals("NotDone")) {
                return new Result(true, 0, r);
            }
            if (r.outcome() instanceof Outcome.Pass) {
                return new Result(false, Math.max(1, r.depth()), r);
            }
            throw new AssertionError("TLC could not check the trace: " + r.outcome() + "\n" + r.output());
        } finally {
            try (var s = Files.walk(dir)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
