package dev.netspec.conform;

import dev.netspec.trace.ast.Pos;
import java.util.Map;

/**
 * The text a person reads when a trace does not conform: the verdict, the first unexplained step
 * with the scenario line that caused it, the recorded fields after it against the spec state
 * before it, and every spec action enabled there with how its successor differs from the recording.
 */
public final class MismatchReport {
    private MismatchReport() {
    }

    public static String render(Verdict v) {
        StringBuilder b = new StringBuilder();
        RecordedTrace t = v.trace();
        b.append(t.name()).append(": ").append(v.status()).append(" (").append(t.module()).append(", ")
                .append(v.stepsValidated()).append(" of ").append(t.steps().size()).append(" steps explained) ")
                .append(v.detail()).append('\n');
        v.mismatch().ifPresent(m -> mismatch(m, b));
        return b.toString();
    }

    static void mismatch(Mismatch m, StringBuilder b) {
        RecordedStep s = m.step();
        b.append("  failing step ").append(s.index()).append(": ").append(s.label());
        if (s.source().line() > 0) { // Pos.equals ignores coordinates: compare the line
            b.append("   (caused by ").append(where(s.source())).append(')');
        }
        b.append('\n');
        if (!m.before().isEmpty()) {
            b.append("  spec state before it (as TLC reached it):\n");
            table(m.before(), b);
        }
        b.append("  recorded after it:\n");
        table(s.fields(), b);
        if (m.candidates().isEmpty()) {
            b.append("  no spec action is enabled there\n");
        } else {
            b.append("  spec actions enabled there, and how each successor differs from the recording:\n");
            for (Mismatch.Candidate c : m.candidates()) {
                b.append("    ").append(c.action()).append(": ");
                if (c.differences().isEmpty()) {
                    b.append("matches every recorded field (so the label '").append(s.label())
                            .append("' does not allow it)\n");
                } else {
                    b.append(String.join("; ", c.differences())).append('\n');
                }
            }
        }
    }

    private static void table(Map<String, String> vars, StringBuilder b) {
        int w = vars.keySet().stream().mapToInt(String::length).max().orElse(0);
        vars.forEach((k, v) -> b.append("    ").append(k).append(" ".repeat(w - k.length())).append(" = ").append(v).append('\n'));
    }

    static String where(Pos p) {
        return p.file() + ":" + p.line() + ":" + p.column();
    }
}
