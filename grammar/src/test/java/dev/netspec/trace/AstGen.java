package dev.netspec.trace;

import dev.netspec.trace.ast.Action;
import dev.netspec.trace.ast.Arg;
import dev.netspec.trace.ast.Binding;
import dev.netspec.trace.ast.CompareOp;
import dev.netspec.trace.ast.HostMember;
import dev.netspec.trace.ast.Item;
import dev.netspec.trace.ast.Layer;
import dev.netspec.trace.ast.NicRef;
import dev.netspec.trace.ast.Observable;
import dev.netspec.trace.ast.Path;
import dev.netspec.trace.ast.Pos;
import dev.netspec.trace.ast.Property;
import dev.netspec.trace.ast.TcpOption;
import dev.netspec.trace.ast.Time;
import dev.netspec.trace.ast.Trace;
import dev.netspec.trace.ast.Value;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.impl.Constraint;

/**
 * Generates arbitrary syntactically well-formed ASTs: every node kind, nested values,
 * comments and blank lines where the source could have them. Semantics (known names,
 * units) are deliberately ignored: the printer must round-trip what the grammar accepts.
 * Randomness comes from QuickTheories, so failures shrink and replay by seed.
 */
final class AstGen {
    private static final Pos P = Pos.NONE;
    private static final Set<String> KEYWORDS = Set.of("scenario", "description", "seed", "spec", "with", "include",
            "const", "host", "nic", "link", "route", "via", "dev", "cost", "flow", "on", "from", "to", "inject", "load",
            "template", "event", "run", "expect", "eventually", "within", "rate", "over", "step", "ack", "win", "TRUE",
            "FALSE");
    private static final String[] UNITS = {"ns", "us", "ms", "s", "bps", "Gbps", "kpps", "Mpps", "%", "x"};
    private static final String[] TIME_UNITS = {"", "ns", "us", "ms", "s"};
    private static final String TEXT_CHARS = "abcXYZ019 _-.,:;/\\\"'\t\n\r<>[]{}()|@#$éλ→";
    private static final int MAX_DEPTH = 3;

    private final RandomnessSource in;

    private AstGen(RandomnessSource in) {
        this.in = in;
    }

    static Gen<Trace> traces() {
        return in -> new AstGen(in).trace();
    }

    static Gen<Value> values() {
        return in -> new AstGen(in).value(0);
    }

    // ------------------------------------------------------------------ primitives

    private int between(int lo, int hi) {
        return (int) in.next(Constraint.between(lo, hi));
    }

    private boolean chance() {
        return between(0, 1) == 1;
    }

    private <T> T pick(T[] options) {
        return options[between(0, options.length - 1)];
    }

    private <T> List<T> list(int min, int max, Supplier<T> element) {
        int n = between(min, max);
        List<T> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(element.get());
        }
        return out;
    }

    private <T> Optional<T> maybe(Supplier<T> element) {
        return chance() ? Optional.of(element.get()) : Optional.empty();
    }

    /** A property key, argument name, record field or path field: any identifier or keyword. */
    String word() {
        return between(0, 4) == 0 ? pick(KEYWORDS.stream().filter(k -> !k.equals("TRUE") && !k.equals("FALSE"))
                .sorted().toArray(String[]::new)) : ident();
    }

    String ident() {
        String first = "abcdefxyzSFPRABCEZ_";
        String rest = "abcz0189_XYZ";
        StringBuilder s = new StringBuilder().append(first.charAt(between(0, first.length() - 1)));
        int n = between(0, 6);
        for (int i = 0; i < n; i++) {
            s.append(rest.charAt(between(0, rest.length() - 1)));
        }
        String id = s.toString();
        return KEYWORDS.contains(id) ? id + "_" : id;
    }

    private String text(boolean forComment) {
        int n = between(0, 12);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            char c = TEXT_CHARS.charAt(between(0, TEXT_CHARS.length() - 1));
            if (forComment && (c == '\n' || c == '\r')) {
                c = '~';
            }
            s.append(c);
        }
        return forComment ? s.toString().stripTrailing() : s.toString();
    }

    private BigInteger natural() {
        return switch (between(0, 3)) {
            case 0 -> BigInteger.ZERO;
            case 1 -> BigInteger.valueOf(between(0, 100));
            case 2 -> BigInteger.valueOf(in.next(Constraint.between(0, Long.MAX_VALUE)));
            default -> BigInteger.valueOf(in.next(Constraint.between(0, Long.MAX_VALUE))).multiply(BigInteger.TEN.pow(5));
        };
    }

    private BigDecimal decimal() {
        BigInteger unscaled = BigInteger.valueOf(in.next(Constraint.between(0, 10_000_000)));
        return new BigDecimal(unscaled, between(0, 3));
    }

    private String digits(int lo, int hi) {
        return Integer.toString(between(lo, hi));
    }

    private String hex2() {
        return String.format("%02x", between(0, 255));
    }

    private String octets() {
        return digits(0, 999) + "." + digits(0, 255) + "." + digits(0, 255) + "." + digits(0, 255);
    }

    // ------------------------------------------------------------------ values

    Value value(int depth) {
        int kinds = depth >= MAX_DEPTH ? 11 : 14;
        return switch (between(0, kinds - 1)) {
            case 0 -> {
                BigDecimal d = decimal();
                yield new Value.Num(P, chance() ? d : d.negate());
            }
            case 1 -> new Value.Quantity(P, decimal(), pick(UNITS));
            case 2 -> new Value.Str(P, text(false));
            case 3 -> new Value.Bool(P, chance());
            case 4 -> new Value.Ipv4(P, octets());
            case 5 -> new Value.Prefix(P, octets() + "/" + digits(0, 40));
            case 6 -> new Value.Endpoint(P, octets() + ":" + digits(0, 70000));
            case 7 -> new Value.Mac(P, hex2() + ":" + hex2() + ":" + hex2() + ":" + hex2() + ":" + hex2() + ":" + hex2());
            case 8 -> new Value.Bytes(P, "0x" + hex2() + (chance() ? hex2() : ""));
            case 9 -> new Value.Name(P, ident());
            case 10 -> new Value.Ref(P, path(depth, 1));
            case 11 -> new Value.RecordOf(P, list(1, 3, () -> new Value.Field(P, word(), value(depth + 1))));
            case 12 -> new Value.SequenceOf(P, list(0, 3, () -> value(depth + 1)));
            default -> new Value.SetOf(P, list(0, 3, () -> value(depth + 1)));
        };
    }

    private Path path(int depth, int minSegments) {
        return new Path(P, ident(), list(minSegments, 3, () -> depth < MAX_DEPTH && between(0, 3) == 0
                ? new Path.Segment.Index(P, value(depth + 1))
                : new Path.Segment.Field(P, word())));
    }

    private Arg arg() {
        return chance() ? Arg.positional(P, value(1)) : Arg.named(P, word(), value(1));
    }

    private Property property() {
        return new Property(P, word(), value(1));
    }

    private NicRef nicRef() {
        return new NicRef(P, ident(), ident());
    }

    private Time time() {
        return new Time(P, chance(), decimal(), pick(TIME_UNITS));
    }

    private List<Layer> layers() {
        return list(1, 3, () -> new Layer(P, ident(), list(0, 3, this::arg)));
    }

    // ------------------------------------------------------------------ items

    Trace trace() {
        List<Item> items = new ArrayList<>();
        int n = between(0, 12);
        for (int i = 0; i < n; i++) {
            Item last = items.isEmpty() ? null : items.get(items.size() - 1);
            int kind = between(0, 16);
            if (kind == 15) { // a blank line: never first, never twice in a row
                if (last != null && !(last instanceof Item.BlankLine)) {
                    items.add(new Item.BlankLine(P));
                }
            } else if (kind == 16) { // a comment, trailing only after a statement
                boolean canTrail = last != null && !(last instanceof Item.Comment) && !(last instanceof Item.BlankLine);
                items.add(new Item.Comment(P, text(true), canTrail && chance()));
            } else {
                items.add(item(kind));
            }
        }
        if (!items.isEmpty() && items.get(items.size() - 1) instanceof Item.BlankLine) {
            items.remove(items.size() - 1); // a file never ends in a kept blank line
        }
        return new Trace(P, items);
    }

    private Item item(int kind) {
        return switch (kind) {
            case 0 -> new Item.Scenario(P, text(false));
            case 1 -> new Item.Description(P, text(false));
            case 2 -> new Item.Seed(P, natural());
            case 3 -> new Item.SpecRef(P, ident(), list(0, 3, () -> new Binding(P, ident(), value(1))));
            case 4 -> new Item.Include(P, text(false));
            case 5 -> new Item.Const(P, ident(), value(0));
            case 6 -> new Item.Host(P, ident(), members());
            case 7 -> new Item.Link(P, nicRef(), nicRef(), list(0, 3, this::property));
            case 8 -> new Item.Flow(P, ident(), nicRef(), value(1), value(1));
            case 9 -> new Item.Cost(P, ident(), value(1));
            case 10, 11, 12, 13 -> new Item.Timed(P, maybe(this::time), action());
            default -> new Item.Step(P, natural(), time(), ident(), list(0, 2, this::arg), value(0));
        };
    }

    private List<HostMember> members() {
        List<HostMember> members = new ArrayList<>();
        int n = between(0, 5);
        for (int i = 0; i < n; i++) {
            HostMember last = members.isEmpty() ? null : members.get(members.size() - 1);
            switch (between(0, 3)) {
                case 0 -> members.add(new HostMember.Nic(P, ident(), list(0, 4, this::property)));
                case 1 -> members.add(new HostMember.Route(P, value(1), maybe(() -> value(1)), ident()));
                case 2 -> members.add(new Item.Cost(P, ident(), value(1)));
                default -> members.add(new Item.Comment(P, text(true),
                        last != null && !(last instanceof Item.Comment) && chance()));
            }
        }
        return members;
    }

    private Action action() {
        return switch (between(0, 6)) {
            case 0 -> new Action.Inject(P, nicRef(), layers());
            case 1 -> new Action.Load(P, nicRef(), list(0, 3, this::property), layers());
            case 2 -> new Action.Call(P, ident(), maybe(this::ident), ident(), list(0, 3, this::arg),
                    maybe(() -> new Action.CallResult(P, value(1), maybe(this::ident))));
            case 3 -> segment();
            case 4 -> new Action.Event(P, ident(), list(0, 3, this::arg));
            case 5 -> new Action.Run(P, value(1));
            default -> expect();
        };
    }

    private Action.Segment segment() {
        String flags = switch (between(0, 2)) {
            case 0 -> ".";
            case 1 -> pick(new String[] {"S", "F", "R", "P", "SEW"});
            default -> pick(new String[] {"S", "F", "R", "P"}) + ".";
        };
        List<TcpOption> options = list(0, 3, () -> new TcpOption(P, ident(),
                list(0, 3, () -> chance() ? digits(0, 100000) : ident())));
        return new Action.Segment(P, ident(), chance() ? Action.Direction.INBOUND : Action.Direction.OUTBOUND, flags,
                natural(), natural(), natural(), maybe(this::natural), maybe(this::natural), options);
    }

    private Action.Expect expect() {
        Action.Mode mode = pick(Action.Mode.values());
        Optional<Value> within = mode == Action.Mode.WITHIN ? Optional.of(value(1)) : Optional.empty();
        Observable observable = chance()
                ? new Observable.Current(P, path(1, 0))
                : new Observable.Rate(P, path(1, 0), value(1), value(1));
        return new Action.Expect(P, mode, within, observable, pick(CompareOp.values()), value(1));
    }
}
