package dev.netspec.conform.tcp;

import dev.netspec.check.TlcRunner;
import dev.netspec.conform.RecordedStep;
import dev.netspec.conform.RecordedTrace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Test-only trace validation of Tcp traces with TLC, as the conformance plan's Contract 1
 * describes (the generic validator is another part's): one generated module holds every trace as
 * a constant; a trace index and a cursor walk them; each recorded step must be explained by
 * {@code Explains(label)} with the recorded fields equal to the successor's variables, and
 * {@code Silent} steps may come between. TLC prints how far each trace got; a trace conforms when
 * its cursor gets past its end. All traces must share constants.
 */
final class TcpTraceCheck {
    private TcpTraceCheck() {
    }

    /** How far each trace was explained: the number of steps (all of them when it conforms). */
    record Outcome(List<Integer> explained, String tlcOutput) {
        boolean conforms(int trace, RecordedTrace t) {
            return explained.get(trace) == t.steps().size();
        }
    }

    /** Checks traces with any constants: one TLC run per set of constants. */
    static Outcome check(List<RecordedTrace> traces) throws IOException, InterruptedException {
        Map<Map<String, String>, List<Integer>> groups = new java.util.LinkedHashMap<>();
        for (int i = 0; i < traces.size(); i++) {
            groups.computeIfAbsent(traces.get(i).constants(), k -> new ArrayList<>()).add(i);
        }
        List<Integer> explained = new ArrayList<>(java.util.Collections.nCopies(traces.size(), 0));
        StringBuilder out = new StringBuilder();
        for (List<Integer> g : groups.values()) {
            Outcome o = checkSameConstants(g.stream().map(traces::get).toList());
            for (int k = 0; k < g.size(); k++) {
                explained.set(g.get(k), o.explained().get(k));
            }
            out.append(o.tlcOutput());
        }
        return new Outcome(explained, out.toString());
    }

    private static Outcome checkSameConstants(List<RecordedTrace> traces)
            throws IOException, InterruptedException {
        Path spec = Path.of(System.getProperty("netspec.root", ".."), "spec");
        Path dir = Files.createTempDirectory("tcp-trace-check-");
        try {
            Files.copy(spec.resolve("Tcp.tla"), dir.resolve("Tcp.tla"));
            Files.copy(spec.resolve("TcpTrace.tla"), dir.resolve("TcpTrace.tla"));
            Files.writeString(dir.resolve("TcpTraceCheck.tla"), module(traces),
                    StandardCharsets.UTF_8);
            StringBuilder cfg = new StringBuilder("INIT TInit\nNEXT TNext\nCONSTANTS\n");
            for (Map.Entry<String, String> c : traces.get(0).constants().entrySet()) {
                cfg.append("    ").append(c.getKey()).append(" = ").append(c.getValue()).append('\n');
            }
            cfg.append("INVARIANT Progress\nCHECK_DEADLOCK FALSE\n");
            Files.writeString(dir.resolve("TcpTraceCheck.cfg"), cfg.toString(),
                    StandardCharsets.UTF_8);
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            Process p = new ProcessBuilder(java.toString(), "-XX:+UseParallelGC", "-cp",
                    TlcRunner.tlaToolsJar().toString(), "tlc2.TLC", "-workers", "1", "-metadir",
                    dir.resolve("meta").toString(), "-config", "TcpTraceCheck.cfg",
                    "TcpTraceCheck.tla").directory(dir.toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            List<Integer> explained = new ArrayList<>();
            for (int i = 0; i < traces.size(); i++) {
                explained.add(0);
            }
            Matcher m = Pattern.compile("<<\"reached\", (\\d+), (\\d+)>>").matcher(out);
            boolean any = false;
            while (m.find()) {
                int t = Integer.parseInt(m.group(1)) - 1;
                explained.set(t, Math.max(explained.get(t), Integer.parseInt(m.group(2)) - 1));
                any = true;
            }
            if (!out.contains("Model checking completed") && !any) {
                throw new IllegalStateException("TLC failed:\n" + out);
            }
            return new Outcome(explained, out);
        } finally {
            if (System.getProperty("tcpcheck.keep") == null) { // keep it to debug a check
                try (Stream<Path> w = Files.walk(dir)) {
                    w.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                }
            }
        }
    }

    static String module(List<RecordedTrace> traces) {
        StringBuilder s = new StringBuilder("---- MODULE TcpTraceCheck ----\n");
        s.append("EXTENDS TcpTrace, TLC\nVARIABLES ti, cursor\n");
        s.append("Traces == <<\n");
        for (int t = 0; t < traces.size(); t++) {
            s.append(t == 0 ? "  " : " ,").append("<<");
            List<RecordedStep> steps = traces.get(t).steps();
            for (int i = 0; i < steps.size(); i++) {
                RecordedStep st = steps.get(i);
                s.append(i == 0 ? "" : ",\n    ").append("[label |-> \"").append(st.label())
                        .append('"');
                for (Map.Entry<String, String> f : st.fields().entrySet()) {
                    s.append(", ").append(f.getKey()).append(" |-> ").append(f.getValue());
                }
                s.append(']');
            }
            s.append(">>\n");
        }
        s.append(">>\n");
        s.append("TInit == Init /\\ ti \\in 1 .. Len(Traces) /\\ cursor = 1\n");
        s.append("Rec == Traces[ti][cursor]\n");
        s.append("Match == /\\ \"state\" \\in DOMAIN Rec => state' = Rec.state\n");
        s.append("         /\\ \"tcb\" \\in DOMAIN Rec => tcb' = Rec.tcb\n");
        s.append("TNext == \\/ /\\ cursor <= Len(Traces[ti])\n");
        s.append("            /\\ Explains(Rec.label) /\\ Match\n");
        s.append("            /\\ cursor' = cursor + 1 /\\ UNCHANGED ti\n");
        s.append("         \\/ Silent /\\ UNCHANGED <<ti, cursor>>\n");
        s.append("ASSUME \\A t \\in 1 .. Len(Traces) : TLCSet(t, 0)\n");
        s.append("Progress == IF cursor > TLCGet(ti) THEN TLCSet(ti, cursor)"
                + " /\\ PrintT(<<\"reached\", ti, cursor>>) ELSE TRUE\n");
        s.append("====\n");
        return s.toString();
    }
}
