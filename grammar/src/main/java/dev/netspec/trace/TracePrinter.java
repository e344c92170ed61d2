package dev.netspec.trace;

import dev.netspec.trace.ast.Action;
import dev.netspec.trace.ast.Arg;
import dev.netspec.trace.ast.Binding;
import dev.netspec.trace.ast.HostMember;
import dev.netspec.trace.ast.Item;
import dev.netspec.trace.ast.Layer;
import dev.netspec.trace.ast.NicRef;
import dev.netspec.trace.ast.Observable;
import dev.netspec.trace.ast.Path;
import dev.netspec.trace.ast.Property;
import dev.netspec.trace.ast.TcpOption;
import dev.netspec.trace.ast.Time;
import dev.netspec.trace.ast.Trace;
import dev.netspec.trace.ast.Value;
import java.util.List;

/**
 * Writes an AST as canonical text: one statement per line, two-space indentation inside
 * host and NIC blocks, single spaces between words, at most one blank line where the
 * source had blank lines ({@link Item.BlankLine}). Comments stay where the AST has them:
 * on their own line before a statement, or trailing on its line.
 *
 * <p>The contract, checked by a property test: {@code parse(print(ast)).equals(ast)}.
 */
public final class TracePrinter {
    private static final String INDENT = "  ";

    private final StringBuilder out;

    private TracePrinter(int capacity) {
        out = new StringBuilder(capacity);
    }

    /** The canonical text of a trace; ends with a newline unless the trace is empty. */
    public static String print(Trace trace) {
        TracePrinter p = new TracePrinter(Math.max(256, trace.items().size() * 64));
        p.items(trace.items());
        return p.out.toString();
    }

    /** The canonical text of one value, as it would appear in a trace. */
    public static String print(Value value) {
        TracePrinter p = new TracePrinter(64);
        p.value(value);
        return p.out.toString();
    }

    // ------------------------------------------------------------------ layout

    private void items(List<Item> items) {
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            if (item instanceof Item.Comment c && c.trailing() && i > 0 && !(items.get(i - 1) instanceof Item.Comment)
                    && !(items.get(i - 1) instanceof Item.BlankLine)) {
                trailing(c);
            } else if (item instanceof Item.BlankLine) {
                newline();
            } else {
                item(item);
            }
        }
        if (!out.isEmpty()) {
            out.append('\n');
        }
    }

    private void newline() {
        if (!out.isEmpty()) {
            out.append('\n');
        }
    }

    private void trailing(Item.Comment c) {
        out.append(" //").append(c.text());
    }

    // ------------------------------------------------------------------ items

    private void item(Item item) {
        newline();
        switch (item) {
            case Item.Scenario s -> out.append("scenario ").append(quote(s.name()));
            case Item.Description d -> out.append("description ").append(quote(d.text()));
            case Item.Seed s -> out.append("seed ").append(s.value());
            case Item.SpecRef s -> {
                out.append("spec ").append(s.module());
                for (int i = 0; i < s.constants().size(); i++) {
                    Binding b = s.constants().get(i);
                    out.append(i == 0 ? " with " : ", ").append(b.name()).append(" = ");
                    value(b.value());
                }
            }
            case Item.Include inc -> out.append("include ").append(quote(inc.path()));
            case Item.Const c -> {
                out.append("const ").append(c.name()).append(" = ");
                value(c.value());
            }
            case Item.Host h -> host(h);
            case Item.Link l -> {
                out.append("link ");
                nicRef(l.left());
                out.append(" <-> ");
                nicRef(l.right());
                if (!l.properties().isEmpty()) {
                    out.append(" {");
                    for (Property p : l.properties()) {
                        out.append(' ');
                        property(p);
                    }
                    out.append(" }");
                }
            }
            case Item.Flow f -> {
                out.append("flow ").append(f.name()).append(" on ");
                nicRef(f.nic());
                out.append(" from ");
                value(f.from());
                out.append(" to ");
                value(f.to());
            }
            case Item.Cost c -> cost(c);
            case Item.Timed t -> {
                t.time().ifPresent(time -> {
                    time(time);
                    out.append(' ');
                });
                action(t.action());
            }
            case Item.Step s -> {
                out.append("step ").append(s.index()).append(' ');
                time(s.time());
                out.append(' ').append(s.label());
                if (!s.args().isEmpty()) {
                    args(s.args());
                }
                out.append(' ');
                value(s.state());
            }
            case Item.Comment c -> out.append("//").append(c.text());
            case Item.BlankLine b -> throw new AssertionError("printed by items()");
        }
    }

    private void host(Item.Host h) {
        out.append("host ").append(h.name()).append(" {");
        List<HostMember> members = h.members();
        for (int i = 0; i < members.size(); i++) {
            HostMember m = members.get(i);
            if (m instanceof Item.Comment c && c.trailing() && i > 0 && !(members.get(i - 1) instanceof Item.Comment)) {
                trailing(c);
                continue;
            }
            out.append('\n').append(INDENT);
            switch (m) {
                case HostMember.Nic nic -> {
                    out.append("nic ").append(nic.name());
                    if (!nic.properties().isEmpty()) {
                        out.append(" {");
                        for (Property p : nic.properties()) {
                            out.append('\n').append(INDENT).append(INDENT);
                            property(p);
                        }
                        out.append('\n').append(INDENT).append('}');
                    }
                }
                case HostMember.Route r -> {
                    out.append("route ");
                    value(r.destination());
                    r.via().ifPresent(v -> {
                        out.append(" via ");
                        value(v);
                    });
                    out.append(" dev ").append(r.device());
                }
                case Item.Cost c -> cost(c);
                case Item.Comment c -> out.append("//").append(c.text());
            }
        }
        out.append("\n}");
    }

    private void cost(Item.Cost c) {
        out.append("cost ").append(c.operation()).append(' ');
        value(c.cost());
    }

    // ------------------------------------------------------------------ actions

    private void action(Action action) {
        switch (action) {
            case Action.Inject inj -> {
                out.append("inject ");
                nicRef(inj.nic());
                out.append(' ');
                layers(inj.layers());
            }
            case Action.Load load -> {
                out.append("load ");
                nicRef(load.nic());
                for (Property p : load.parameters()) {
                    out.append(' ');
                    property(p);
                }
                out.append(" template ");
                layers(load.template());
            }
            case Action.Call call -> {
                out.append(call.host()).append(": ");
                call.binds().ifPresent(b -> out.append(b).append(" = "));
                out.append(call.function());
                args(call.args());
                call.result().ifPresent(r -> {
                    out.append(" = ");
                    value(r.value());
                    r.errno().ifPresent(e -> out.append(' ').append(e));
                });
            }
            case Action.Segment seg -> segment(seg);
            case Action.Event ev -> {
                out.append("event ").append(ev.name());
                if (!ev.args().isEmpty()) {
                    args(ev.args());
                }
            }
            case Action.Run run -> {
                out.append("run ");
                value(run.duration());
            }
            case Action.Expect exp -> {
                out.append("expect ");
                switch (exp.mode()) {
                    case NOW -> { }
                    case EVENTUALLY -> out.append("eventually ");
                    case WITHIN -> {
                        out.append("within ");
                        value(exp.within().orElseThrow());
                        out.append(' ');
                    }
                }
                switch (exp.observable()) {
                    case Observable.Current c -> path(c.path());
                    case Observable.Rate r -> {
                        out.append("rate(");
                        path(r.counter());
                        out.append(") over ");
                        value(r.from());
                        out.append("..");
                        value(r.to());
                    }
                }
                out.append(' ').append(exp.op().symbol()).append(' ');
                value(exp.expected());
            }
        }
    }

    private void segment(Action.Segment seg) {
        out.append(seg.flow()).append(' ').append(seg.direction().symbol()).append(' ').append(seg.flags()).append(' ')
                .append(seg.start()).append(':').append(seg.end()).append('(').append(seg.length()).append(')');
        seg.ack().ifPresent(a -> out.append(" ack ").append(a));
        seg.window().ifPresent(w -> out.append(" win ").append(w));
        if (!seg.options().isEmpty()) {
            out.append(" <");
            for (int i = 0; i < seg.options().size(); i++) {
                TcpOption o = seg.options().get(i);
                if (i > 0) {
                    out.append(',');
                }
                out.append(o.kind());
                for (String w : o.words()) {
                    out.append(' ').append(w);
                }
            }
            out.append('>');
        }
    }

    private void layers(List<Layer> layers) {
        for (int i = 0; i < layers.size(); i++) {
            if (i > 0) {
                out.append(" / ");
            }
            out.append(layers.get(i).protocol());
            args(layers.get(i).fields());
        }
    }

    // ------------------------------------------------------------------ small pieces

    private void time(Time t) {
        out.append(t.relative() ? '+' : '@').append(t.amount().toPlainString()).append(t.unit());
    }

    private void nicRef(NicRef ref) {
        out.append(ref.host()).append('.').append(ref.nic());
    }

    private void property(Property p) {
        out.append(p.key()).append(' ');
        value(p.value());
    }

    private void args(List<Arg> args) {
        out.append('(');
        for (int i = 0; i < args.size(); i++) {
            if (i > 0) {
                out.append(", ");
            }
            Arg a = args.get(i);
            a.name().ifPresent(n -> out.append(n).append('='));
            value(a.value());
        }
        out.append(')');
    }

    private void path(Path path) {
        out.append(path.head());
        for (Path.Segment s : path.segments()) {
            switch (s) {
                case Path.Segment.Field f -> out.append('.').append(f.name());
                case Path.Segment.Index idx -> {
                    out.append('[');
                    value(idx.index());
                    out.append(']');
                }
            }
        }
    }

    private void value(Value v) {
        switch (v) {
            case Value.Num n -> out.append(n.value().toPlainString());
            case Value.Quantity q -> out.append(q.amount().toPlainString()).append(q.unit());
            case Value.Str s -> out.append(quote(s.text()));
            case Value.Bool b -> out.append(b.value() ? "TRUE" : "FALSE");
            case Value.Ipv4 ip -> out.append(ip.text());
            case Value.Prefix p -> out.append(p.text());
            case Value.Endpoint e -> out.append(e.text());
            case Value.Mac m -> out.append(m.text());
            case Value.Bytes b -> out.append(b.text());
            case Value.Name n -> out.append(n.name());
            case Value.Ref r -> path(r.path());
            case Value.RecordOf r -> {
                out.append('[');
                for (int i = 0; i < r.fields().size(); i++) {
                    if (i > 0) {
                        out.append(", ");
                    }
                    out.append(r.fields().get(i).name()).append(" |-> ");
                    value(r.fields().get(i).value());
                }
                out.append(']');
            }
            case Value.SequenceOf s -> {
                out.append("<<");
                elements(s.elements());
                out.append(">>");
            }
            case Value.SetOf s -> {
                out.append('{');
                elements(s.elements());
                out.append('}');
            }
        }
    }

    private void elements(List<Value> elements) {
        for (int i = 0; i < elements.size(); i++) {
            if (i > 0) {
                out.append(", ");
            }
            value(elements.get(i));
        }
    }

    /** A string literal: quotes, with {@code \" \\ \n \r \t} escaped, the only escapes the lexer knows. */
    static String quote(String text) {
        StringBuilder q = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> q.append("\\\"");
                case '\\' -> q.append("\\\\");
                case '\n' -> q.append("\\n");
                case '\t' -> q.append("\\t");
                case '\r' -> q.append("\\r");
                default -> q.append(c);
            }
        }
        return q.append('"').toString();
    }
}
