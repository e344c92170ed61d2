package dev.netspec.trace.check;

import dev.netspec.trace.Diagnostic;
import dev.netspec.trace.ParseResult;
import dev.netspec.trace.SourceText;
import dev.netspec.trace.TraceParser;
import dev.netspec.trace.ast.Action;
import dev.netspec.trace.ast.Arg;
import dev.netspec.trace.ast.Binding;
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
import dev.netspec.trace.check.Vocabulary.Kind;
import dev.netspec.trace.check.Vocabulary.Spec;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Semantic checks, after a file has parsed: names resolve (hosts, NICs, flows, sockets),
 * units fit their place, numbers are in range, nothing is defined twice, includes exist
 * and do not cycle, times never run backwards and recorded steps are numbered in order.
 * Every problem is reported, none stops the check.
 *
 * <p>Declarations may come from included files, which are parsed here; their own errors
 * are reported against their own file name.
 */
public final class Checker {
    private static final Pattern ERRNO = Pattern.compile("E[A-Z0-9]+");
    private static final BigInteger UINT32_MAX = BigInteger.valueOf(0xffffffffL);
    private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private final List<Diagnostic> diagnostics = new ArrayList<>();
    private final Map<String, SourceText> sources = new HashMap<>();

    // Declarations, across the main file and its includes.
    private final Map<String, Pos> header = new HashMap<>();
    private final Map<String, Pos> constants = new HashMap<>();
    /** The module named by the scenario's {@code spec} clause, or null: its actions may be events. */
    private String specModule;
    private final Map<String, HostInfo> hosts = new LinkedHashMap<>();
    private final Map<String, Pos> flows = new HashMap<>();
    private final Map<String, Pos> linkedNics = new HashMap<>();

    // Timeline state.
    private BigDecimal clockNs = BigDecimal.ZERO;
    private BigDecimal stepClockNs = BigDecimal.ZERO;
    private BigInteger lastStep;

    /** Sockets are named where created; a closed socket's name stays resolvable (its state is CLOSED) and may be reused. */
    private record HostInfo(Pos pos, Map<String, Pos> nics, Map<String, Pos> sockets, Set<String> closed) {}

    /** Checks a parsed trace whose text is {@code source}; returns every diagnostic found. */
    public List<Diagnostic> check(Trace trace, SourceText source) {
        sources.put(source.name(), source);
        List<String> stack = new ArrayList<>();
        stack.add(canonical(source.name()));
        declare(trace, stack, true);
        for (Item item : trace.items()) {
            checkUse(item);
        }
        return diagnostics;
    }

    /**
     * Checks one recorded step of {@code source} on its own (numbering, time order, state
     * shape, literals), for a caller that streams steps instead of keeping them in the
     * trace; {@link #check} on the rest of the file afterwards returns these diagnostics too.
     */
    public void checkRecordedStep(Item.Step step, SourceText source) {
        sources.putIfAbsent(source.name(), source);
        checkStep(step);
    }

    // ====================================================================== declarations

    /** First pass: collects every declaration (so use may precede declaration in a file). */
    private void declare(Trace trace, List<String> includeStack, boolean isMain) {
        for (Item item : trace.items()) {
            switch (item) {
                case Item.Include inc -> include(inc, includeStack);
                case Item.Scenario s -> once("scenario", s.pos());
                case Item.Description d -> once("description", d.pos());
                case Item.Seed s -> {
                    once("seed", s.pos());
                    if (s.value().compareTo(UINT64_MAX) > 0) {
                        error(s.pos(), "seed " + s.value() + " is out of range: at most 2^64-1");
                    }
                }
                case Item.SpecRef spec -> {
                    once("spec", spec.pos());
                    specModule = spec.module();
                    Set<String> seen = new HashSet<>();
                    for (Binding b : spec.constants()) {
                        if (!seen.add(b.name())) {
                            error(b.pos(), "constant " + b.name() + " is bound twice in this spec clause");
                        }
                        checkLiterals(b.value());
                    }
                }
                case Item.Const c -> {
                    Pos first = constants.putIfAbsent(c.name(), c.pos());
                    if (first != null) {
                        error(c.pos(), "constant " + c.name() + " is already defined at " + where(first));
                    }
                    checkLiterals(c.value());
                }
                case Item.Host h -> declareHost(h);
                case Item.Flow f -> {
                    Pos first = flows.putIfAbsent(f.name(), f.pos());
                    if (first != null) {
                        error(f.pos(), "flow " + f.name() + " is already defined at " + where(first));
                    }
                }
                case Item.Timed t -> {
                    if (!isMain) {
                        error(t.pos(), "an included file holds topology, constants and includes, not timeline statements");
                    }
                }
                case Item.Step s -> {
                    if (!isMain) {
                        error(s.pos(), "an included file holds topology, constants and includes, not recorded steps");
                    }
                }
                case Item.Link l -> { }
                case Item.Cost c -> { }
                case Item.Comment c -> { }
                case Item.BlankLine b -> { }
            }
        }
    }

    private void once(String what, Pos pos) {
        Pos first = header.putIfAbsent(what, pos);
        if (first != null) {
            error(pos, "duplicate " + what + ": already given at " + where(first));
        }
    }

    private void declareHost(Item.Host h) {
        HostInfo existing = hosts.get(h.name());
        if (existing != null) {
            error(h.pos(), "host " + h.name() + " is already defined at " + where(existing.pos()));
            return;
        }
        HostInfo info = new HostInfo(h.pos(), new LinkedHashMap<>(), new HashMap<>(), new HashSet<>());
        hosts.put(h.name(), info);
        for (HostMember m : h.members()) {
            if (m instanceof HostMember.Nic nic) {
                Pos first = info.nics().putIfAbsent(nic.name(), nic.pos());
                if (first != null) {
                    error(nic.pos(), "NIC " + nic.name() + " is already defined on host " + h.name() + " at " + where(first));
                }
            }
        }
    }

    private void include(Item.Include inc, List<String> stack) {
        String includer = inc.pos().file();
        java.nio.file.Path base = java.nio.file.Path.of(includer).toAbsolutePath().getParent();
        java.nio.file.Path target;
        try {
            target = base == null ? java.nio.file.Path.of(inc.path()) : base.resolve(inc.path());
        } catch (java.nio.file.InvalidPathException bad) {
            error(inc.pos(), "cannot include '" + inc.path() + "': not a valid path");
            return;
        }
        if (!inc.path().endsWith(".trace")) {
            error(inc.pos(), "cannot include '" + inc.path() + "': only .trace files can be included");
            return;
        }
        String key = canonical(target.toString());
        if (stack.contains(key)) {
            List<String> cycle = new ArrayList<>(stack.subList(stack.indexOf(key), stack.size()));
            cycle.add(key);
            error(inc.pos(), "include cycle: " + String.join(" -> ", cycle.stream().map(this::shortName).toList()));
            return;
        }
        // Named as the includer would reach it, so messages point somewhere a user can open.
        String name = base == null ? inc.path() : java.nio.file.Path.of(includer).resolveSibling(inc.path()).normalize().toString();
        if (!Files.isRegularFile(target)) {
            error(inc.pos(), "cannot include '" + inc.path() + "': no such file (looked for " + name + ")");
            return;
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(target))).toString();
        } catch (IOException unreadable) {
            error(inc.pos(), "cannot include '" + inc.path() + "': the file cannot be read as UTF-8 text");
            return;
        }
        sources.put(name, new SourceText(name, text));
        ParseResult parsed = TraceParser.parseSyntax(text, name);
        diagnostics.addAll(parsed.diagnostics());
        if (parsed.trace().isEmpty()) {
            return;
        }
        stack.add(key);
        declare(parsed.trace().get(), stack, false);
        for (Item item : parsed.trace().get().items()) {
            if (!(item instanceof Item.Timed) && !(item instanceof Item.Step)) {
                checkUse(item);
            }
        }
        stack.remove(stack.size() - 1);
    }

    private String canonical(String file) {
        try {
            return java.nio.file.Path.of(file).toAbsolutePath().normalize().toString();
        } catch (java.nio.file.InvalidPathException bad) {
            return file;
        }
    }

    private String shortName(String absolute) {
        return java.nio.file.Path.of(absolute).getFileName().toString();
    }

    // ====================================================================== uses

    private void checkUse(Item item) {
        switch (item) {
            case Item.Host h -> checkHost(h);
            case Item.Link l -> checkLink(l);
            case Item.Flow f -> {
                nic(f.nic());
                endpoint(f.from(), "a flow's from");
                endpoint(f.to(), "a flow's to");
            }
            case Item.Cost c -> duration(c.cost(), "cost " + c.operation());
            case Item.Timed t -> checkTimed(t);
            case Item.Step s -> checkStep(s);
            default -> { }
        }
    }

    private void checkHost(Item.Host h) {
        HostInfo info = hosts.get(h.name());
        if (info == null || info.pos() != h.pos()) {
            return; // a duplicate host, already reported
        }
        for (HostMember m : h.members()) {
            switch (m) {
                case HostMember.Nic nic -> properties(nic.properties(), Vocabulary.NIC, "NIC");
                case HostMember.Route r -> {
                    if (!(r.destination() instanceof Value.Prefix)) {
                        error(r.destination().pos(), "a route's destination is a prefix such as 10.0.0.0/24");
                    } else {
                        checkLiterals(r.destination());
                    }
                    r.via().ifPresent(v -> {
                        if (!(v instanceof Value.Ipv4)) {
                            error(v.pos(), "a route's gateway (via) is an IPv4 address");
                        } else {
                            checkLiterals(v);
                        }
                    });
                    if (!info.nics().containsKey(r.device())) {
                        error(r.pos(), "unknown NIC " + r.device() + " on host " + h.name()
                                + Suggest.hint(r.device(), info.nics().keySet()));
                    }
                }
                case Item.Cost c -> duration(c.cost(), "cost " + c.operation());
                case Item.Comment c -> { }
            }
        }
    }

    private void checkLink(Item.Link l) {
        for (NicRef end : List.of(l.left(), l.right())) {
            if (nic(end)) {
                Pos first = linkedNics.putIfAbsent(end.toString(), end.pos());
                if (first != null) {
                    error(end.pos(), end + " is already linked at " + where(first) + "; a NIC has one link");
                }
            }
        }
        if (l.left().toString().equals(l.right().toString())) {
            error(l.right().pos(), "a link joins two different NICs");
        }
        properties(l.properties(), Vocabulary.LINK, "link");
    }

    // ---------------------------------------------------------------------- timeline

    private void checkTimed(Item.Timed t) {
        t.time().ifPresent(this::advance);
        switch (t.action()) {
            case Action.Inject inj -> {
                nic(inj.nic());
                layers(inj.layers());
            }
            case Action.Load load -> {
                nic(load.nic());
                properties(load.parameters(), Vocabulary.LOAD, "load generator");
                if (load.parameters().stream().noneMatch(p -> p.key().equals("rate"))) {
                    error(load.pos(), "a load generator needs a rate, e.g. rate 100kpps");
                }
                layers(load.template());
            }
            case Action.Call call -> checkCall(call);
            case Action.Segment seg -> checkSegment(seg);
            case Action.Event ev -> checkEvent(ev);
            case Action.Run run -> duration(run.duration(), "run").ifPresent(ns -> clockNs = clockNs.add(ns));
            case Action.Expect exp -> checkExpect(exp);
        }
    }

    private void advance(Time time) {
        Optional<BigDecimal> ns = timeNs(time);
        if (ns.isEmpty()) {
            return;
        }
        if (time.relative()) {
            clockNs = clockNs.add(ns.get());
        } else if (ns.get().compareTo(clockNs) < 0) {
            error(time.pos(), "time goes backwards: @" + time.amount().toPlainString() + time.unit()
                    + " is before the current time " + formatNs(clockNs));
        } else {
            clockNs = ns.get();
        }
    }

    private Optional<BigDecimal> timeNs(Time time) {
        if (time.unit().isEmpty()) {
            if (time.amount().signum() == 0) {
                return Optional.of(BigDecimal.ZERO);
            }
            String sign = time.relative() ? "+" : "@";
            error(time.pos(), "a time needs a unit: write " + sign + time.amount().toPlainString() + "ms or "
                    + sign + time.amount().toPlainString() + "us (units: " + Units.DURATION.names() + ")");
            return Optional.empty();
        }
        if (!Units.DURATION.has(time.unit())) {
            error(time.pos(), unitMessage(time.unit(), Units.DURATION, "a time"));
            return Optional.empty();
        }
        return Optional.of(Units.DURATION.toBase(time.amount(), time.unit()));
    }

    /** A time for messages, in the largest unit that keeps it at least 1: 2000000ns is "2ms". */
    private static String formatNs(BigDecimal ns) {
        String[] units = {"s", "ms", "us"};
        for (String unit : units) {
            BigDecimal inUnit = ns.divide(Units.DURATION.toBase(BigDecimal.ONE, unit));
            if (inUnit.compareTo(BigDecimal.ONE) >= 0) {
                return inUnit.stripTrailingZeros().toPlainString() + unit;
            }
        }
        return ns.stripTrailingZeros().toPlainString() + "ns";
    }

    private void checkCall(Action.Call call) {
        HostInfo host = host(call.host(), call.pos());
        if (!Vocabulary.CALLS.contains(call.function())) {
            error(call.pos(), "unknown socket call " + call.function() + Suggest.hint(call.function(), Vocabulary.CALLS));
        } else if (call.function().equals("socket")) {
            if (call.args().size() != 1 || !(call.args().get(0).value() instanceof Value.Name n)
                    || !Vocabulary.SOCKET_TYPES.contains(n.name())) {
                error(call.pos(), "socket takes one argument, tcp or udp: socket(tcp)");
            }
        } else if (call.args().isEmpty()) {
            error(call.pos(), call.function() + " takes the socket as its first argument");
        } else if (host != null) {
            Value first = call.args().get(0).value();
            if (first instanceof Value.Name n) {
                socketKnown(host, call.host(), n);
            } else if (!(first instanceof Value.Num)) {
                error(first.pos(), call.function() + " takes the socket as its first argument");
            }
        }
        for (Arg a : call.args()) {
            checkLiterals(a.value());
        }
        call.result().ifPresent(this::checkResult);
        if (host != null) {
            if (call.function().equals("close") && !call.args().isEmpty() && call.args().get(0).value() instanceof Value.Name n) {
                host.closed().add(n.name());
            }
            call.binds().ifPresent(name -> {
                Pos first = host.sockets().put(name, call.pos());
                if (first != null && !host.closed().remove(name)) {
                    error(call.pos(), "socket name " + name + " is already bound on host " + call.host() + " at "
                            + where(first) + "; close it first or pick another name");
                }
            });
        }
    }

    private void checkResult(Action.CallResult r) {
        if (r.errno().isPresent()) {
            String errno = r.errno().get();
            if (!ERRNO.matcher(errno).matches() || !Vocabulary.ERRNOS.contains(errno)) {
                error(r.pos(), "unknown errno " + errno + Suggest.hint(errno, Vocabulary.ERRNOS));
            }
            if (!(r.value() instanceof Value.Num n) || n.value().compareTo(BigDecimal.valueOf(-1)) != 0) {
                error(r.pos(), "an errno goes with the result -1: write = -1 " + errno);
            }
        }
    }

    private void checkSegment(Action.Segment seg) {
        if (!flows.containsKey(seg.flow())) {
            error(seg.pos(), "unknown flow " + seg.flow() + Suggest.hint(seg.flow(), flows.keySet())
                    + (flows.isEmpty() ? "; declare one with: flow " + seg.flow() + " on HOST.NIC from ADDR:PORT to ADDR:PORT" : ""));
        }
        String letters = seg.flags().endsWith(".") ? seg.flags().substring(0, seg.flags().length() - 1) : seg.flags();
        for (char c : letters.toCharArray()) {
            if (Vocabulary.TCP_FLAG_LETTERS.indexOf(c) < 0) {
                error(seg.pos(), "unknown TCP flag '" + c + "' in " + seg.flags() + " (flags: S F P R U E W, and . for ACK)");
                break;
            }
        }
        for (BigInteger n : List.of(seg.start(), seg.end())) {
            if (n.compareTo(UINT32_MAX) > 0) {
                error(seg.pos(), "sequence number " + n + " is out of range: at most 4294967295");
                break;
            }
        }
        if (seg.end().subtract(seg.start()).compareTo(seg.length()) != 0) {
            error(seg.pos(), "segment " + seg.start() + ":" + seg.end() + "(" + seg.length() + ") is inconsistent: "
                    + "the length in parentheses is end - start = " + seg.end().subtract(seg.start()));
        }
        seg.ack().ifPresent(ack -> {
            if (!seg.flags().endsWith(".")) {
                error(seg.pos(), "ack " + ack + " given but the ACK flag '.' is missing: write " + seg.flags() + ".");
            }
            if (ack.compareTo(UINT32_MAX) > 0) {
                error(seg.pos(), "ack " + ack + " is out of range: at most 4294967295");
            }
        });
        seg.window().ifPresent(w -> {
            if (w.compareTo(BigInteger.valueOf(0xffff)) > 0) {
                error(seg.pos(), "win " + w + " is out of range: the header field holds at most 65535 (scale with wscale)");
            }
        });
        for (TcpOption o : seg.options()) {
            List<String> shape = Vocabulary.TCP_OPTIONS.get(o.kind());
            if (shape == null) {
                error(o.pos(), "unknown TCP option " + o.kind() + Suggest.hint(o.kind(), Vocabulary.TCP_OPTIONS.keySet()));
                continue;
            }
            boolean fits = shape.size() == o.words().size();
            for (int i = 0; fits && i < shape.size(); i++) {
                String want = shape.get(i);
                String got = o.words().get(i);
                fits = want.equals("#") ? got.chars().allMatch(Character::isDigit) : want.equals(got);
            }
            if (!fits) {
                String usage = (o.kind() + " " + String.join(" ", shape).replace("#", "N")).trim();
                error(o.pos(), "TCP option " + o.kind() + " is written: " + usage);
            } else if (o.kind().equals("mss") && new BigInteger(o.words().get(0)).compareTo(BigInteger.valueOf(0xffff)) > 0) {
                error(o.pos(), "mss " + o.words().get(0) + " is out of range: at most 65535");
            } else if (o.kind().equals("wscale") && new BigInteger(o.words().get(0)).compareTo(BigInteger.valueOf(14)) > 0) {
                error(o.pos(), "wscale " + o.words().get(0) + " is out of range: at most 14 (RFC 7323 section 2.3)");
            }
        }
    }

    private void checkEvent(Action.Event ev) {
        // An event scenario (written by `netspec explore` or `netspec check --emit-scenario`) names
        // the spec module's own actions, which are capitalised TLA+ operator names such as
        // NapiPollRx; which ones exist is the module's business, checked when the scenario is
        // replayed, so here only the shape is checked.
        boolean specAction = specModule != null && !ev.name().isEmpty() && Character.isUpperCase(ev.name().charAt(0));
        if (!specAction && !Vocabulary.EVENTS.contains(ev.name())) {
            error(ev.pos(), "unknown model event " + ev.name() + Suggest.hint(ev.name(), Vocabulary.EVENTS)
                    + " (events: " + String.join(", ", Vocabulary.EVENTS.stream().sorted().toList()) + ")");
        }
        for (Arg a : ev.args()) {
            if (a.value() instanceof Value.Ref ref) {
                hostPath(ref.path());
            }
            if (a.name().filter(n -> n.equals("quota") || n.equals("budget")).isPresent()) {
                count(a.value(), a.name().get(), 1, 1 << 20);
            }
            checkLiterals(a.value());
        }
    }

    private void checkExpect(Action.Expect exp) {
        exp.within().ifPresent(w -> duration(w, "within"));
        switch (exp.observable()) {
            case Observable.Current c -> hostPath(c.path());
            case Observable.Rate r -> {
                hostPath(r.counter());
                Optional<BigDecimal> from = duration(r.from(), "a rate interval's start");
                Optional<BigDecimal> to = duration(r.to(), "a rate interval's end");
                if (from.isPresent() && to.isPresent() && from.get().compareTo(to.get()) >= 0) {
                    error(r.to().pos(), "a rate interval's end must come after its start");
                }
                if (exp.expected() instanceof Value.Quantity q && !Units.PACKET_RATE.has(q.unit()) && !Units.BANDWIDTH.has(q.unit())) {
                    error(q.pos(), "a rate is compared with a packet rate (" + Units.PACKET_RATE.names()
                            + ") or a bandwidth (" + Units.BANDWIDTH.names() + "), not " + q.unit());
                }
            }
        }
        checkLiterals(exp.expected());
    }

    // ---------------------------------------------------------------------- recorded steps

    private void checkStep(Item.Step s) {
        if (lastStep != null && !s.index().equals(lastStep.add(BigInteger.ONE))) {
            error(s.pos(), "step " + s.index() + " follows step " + lastStep + ": steps are numbered consecutively");
        }
        lastStep = s.index();
        if (s.time().relative()) {
            error(s.time().pos(), "a recorded step's time is absolute: write @" + s.time().amount().toPlainString() + s.time().unit());
        } else {
            timeNs(s.time()).ifPresent(ns -> {
                if (ns.compareTo(stepClockNs) < 0) {
                    error(s.time().pos(), "time goes backwards: step " + s.index() + " is before the previous step at "
                            + formatNs(stepClockNs));
                } else {
                    stepClockNs = ns;
                }
            });
        }
        if (!(s.state() instanceof Value.RecordOf)) {
            error(s.state().pos(), "a step's state is a record: [variable |-> value, ...]");
        }
        List<Arg> args = s.args();
        for (int i = 0; i < args.size(); i++) { // indexed loops here: this runs for every step of a recording
            checkLiterals(args.get(i).value());
        }
        checkLiterals(s.state());
    }

    // ====================================================================== names

    private HostInfo host(String name, Pos pos) {
        HostInfo info = hosts.get(name);
        if (info == null) {
            error(pos, "unknown host " + name + Suggest.hint(name, hosts.keySet())
                    + (hosts.isEmpty() ? "; no host is declared (host " + name + " { nic eth0 { ... } })" : ""));
        }
        return info;
    }

    /** Checks {@code host.nic}; true when both exist. */
    private boolean nic(NicRef ref) {
        HostInfo info = host(ref.host(), ref.pos());
        if (info == null) {
            return false;
        }
        if (!info.nics().containsKey(ref.nic())) {
            error(ref.pos(), "unknown NIC " + ref.nic() + " on host " + ref.host() + Suggest.hint(ref.nic(), info.nics().keySet()));
            return false;
        }
        return true;
    }

    /**
     * A path into a host's state: the head is a host, the next field a NIC or a host-level
     * object, and socket names used as indexes must be bound. Spec-only scenarios declare
     * no hosts; their paths name model variables and are left to the conformance module.
     */
    private void hostPath(Path path) {
        if (hosts.isEmpty()) {
            return;
        }
        HostInfo info = host(path.head(), path.pos());
        if (info == null || path.segments().isEmpty()) {
            return;
        }
        if (path.segments().get(0) instanceof Path.Segment.Field f && !info.nics().containsKey(f.name())
                && !Vocabulary.HOST_OBJECTS.contains(f.name())) {
            Set<String> known = new LinkedHashSet<>(info.nics().keySet());
            known.addAll(Vocabulary.HOST_OBJECTS);
            error(f.pos(), "unknown NIC " + f.name() + " on host " + path.head() + Suggest.hint(f.name(), known));
            return;
        }
        if (path.segments().get(0) instanceof Path.Segment.Field f && Set.of("tcp", "udp", "socket").contains(f.name())) {
            for (Path.Segment s : path.segments()) {
                if (s instanceof Path.Segment.Index idx && idx.index() instanceof Value.Name n) {
                    socketKnown(info, path.head(), n);
                }
            }
        }
    }

    private void socketKnown(HostInfo info, String hostName, Value.Name n) {
        if (!info.sockets().containsKey(n.name()) && !constants.containsKey(n.name())) {
            String hint = Suggest.hint(n.name(), info.sockets().keySet());
            error(n.pos(), "unknown socket " + n.name() + " on host " + hostName + (hint.isEmpty()
                    ? "; a socket is named where it is created: " + hostName + ": " + n.name() + " = socket(tcp)" : hint));
        }
    }

    // ====================================================================== values

    private void properties(List<Property> properties, Map<String, Spec> table, String owner) {
        Map<String, Pos> seen = new HashMap<>();
        for (Property p : properties) {
            Spec spec = table.get(p.key());
            if (spec == null) {
                error(p.pos(), "unknown " + owner + " property " + p.key() + Suggest.hint(p.key(), table.keySet())
                        + " (known: " + String.join(", ", table.keySet().stream().sorted().toList()) + ")");
                continue;
            }
            Pos first = seen.putIfAbsent(p.key(), p.pos());
            if (first != null && !spec.repeatable()) {
                error(p.pos(), p.key() + " is already set at " + where(first));
            }
            value(p.value(), spec, p.key());
        }
    }

    private void layers(List<Layer> layers) {
        Set<String> protocols = new HashSet<>();
        for (Layer layer : layers) {
            Map<String, Spec> table = Vocabulary.LAYERS.get(layer.protocol());
            if (table == null) {
                error(layer.pos(), "unknown layer " + layer.protocol() + Suggest.hint(layer.protocol(), Vocabulary.LAYERS.keySet())
                        + " (layers: eth, arp, ipv4, icmp, udp, tcp, payload)");
                continue;
            }
            if (!protocols.add(layer.protocol())) {
                error(layer.pos(), "layer " + layer.protocol() + " appears twice in one frame");
            }
            Map<String, Pos> seen = new HashMap<>();
            for (Arg a : layer.fields()) {
                if (a.name().isEmpty()) {
                    error(a.pos(), "layer fields are named: write " + layer.protocol() + "(field=value)");
                    continue;
                }
                String name = a.name().get();
                Spec spec = table.get(name);
                if (spec == null) {
                    error(a.pos(), "unknown " + layer.protocol() + " field " + name + Suggest.hint(name, table.keySet())
                            + " (fields: " + String.join(", ", table.keySet().stream().sorted().toList()) + ")");
                    continue;
                }
                Pos first = seen.putIfAbsent(name, a.pos());
                if (first != null) {
                    error(a.pos(), layer.protocol() + " field " + name + " is already set at " + where(first));
                }
                value(a.value(), spec, layer.protocol() + "." + name);
            }
        }
    }

    private void value(Value v, Spec spec, String what) {
        if (v instanceof Value.Name n && constants.containsKey(n.name())) {
            return; // a named constant; its own value was checked where it was defined
        }
        switch (spec.kind()) {
            case MAC -> expect(v, Value.Mac.class, what, "a MAC address such as 02:00:00:00:00:01");
            case PREFIX -> expect(v, Value.Prefix.class, what, "an address with prefix length such as 10.0.0.1/24");
            case IPV4 -> expect(v, Value.Ipv4.class, what, "an IPv4 address such as 10.0.0.1");
            case ENDPOINT -> endpoint(v, what);
            case BOOL -> expect(v, Value.Bool.class, what, "TRUE or FALSE");
            case BYTES -> expect(v, Value.Bytes.class, what, "bytes such as 0x48656c6c6f");
            case STRING -> expect(v, Value.Str.class, what, "a string");
            case COUNT -> count(v, what, spec.min(), spec.max());
            case INTEGER -> {
                if (v instanceof Value.Name n) {
                    if (!spec.words().contains(n.name())) {
                        error(v.pos(), what + " is a number or one of " + String.join(", ", spec.words().stream().sorted().toList())
                                + Suggest.hint(n.name(), spec.words()));
                    }
                } else {
                    count(v, what, spec.min(), spec.max());
                }
            }
            case WORD -> {
                if (!(v instanceof Value.Name n) || !spec.words().contains(n.name())) {
                    String got = v instanceof Value.Name n ? n.name() : "";
                    error(v.pos(), what + " is one of " + String.join(", ", spec.words().stream().sorted().toList())
                            + Suggest.hint(got, spec.words()));
                }
            }
            case DURATION -> duration(v, what);
            case BANDWIDTH -> unit(v, what, Units.BANDWIDTH);
            case RATE -> {
                if (v instanceof Value.Quantity q && Units.BANDWIDTH.has(q.unit())) {
                    return;
                }
                unit(v, what, Units.PACKET_RATE);
            }
            case PROBABILITY -> probability(v, what);
        }
        checkLiterals(v);
    }

    private void expect(Value v, Class<? extends Value> kind, String what, String example) {
        if (!kind.isInstance(v)) {
            error(v.pos(), what + " needs " + example);
        }
    }

    private void endpoint(Value v, String what) {
        if (!(v instanceof Value.Endpoint)) {
            error(v.pos(), what + " needs an address and port such as 10.0.0.2:80");
        } else {
            checkLiterals(v);
        }
    }

    private void count(Value v, String what, long min, long max) {
        if (!(v instanceof Value.Num n) || n.value().stripTrailingZeros().scale() > 0) {
            String hint = v instanceof Value.Quantity q ? " (without the unit " + q.unit() + ")" : "";
            error(v.pos(), what + " needs a whole number" + hint);
            return;
        }
        BigDecimal x = n.value();
        if (x.compareTo(BigDecimal.valueOf(min)) < 0 || x.compareTo(BigDecimal.valueOf(max)) > 0) {
            error(v.pos(), what + " " + x.toPlainString() + " is out of range: " + min + " to " + max);
        }
    }

    private Optional<BigDecimal> duration(Value v, String what) {
        return unit(v, what, Units.DURATION).map(q -> Units.DURATION.toBase(q.amount(), q.unit()));
    }

    private Optional<Value.Quantity> unit(Value v, String what, Units units) {
        if (v instanceof Value.Name n && constants.containsKey(n.name())) {
            return Optional.empty();
        }
        if (v instanceof Value.Num n) {
            error(v.pos(), what + " needs a unit: write " + n.value().toPlainString() + firstUnit(units)
                    + " (units: " + units.names() + ")");
            return Optional.empty();
        }
        if (!(v instanceof Value.Quantity q)) {
            error(v.pos(), what + " needs " + units.description() + " (units: " + units.names() + ")");
            return Optional.empty();
        }
        if (!units.has(q.unit())) {
            error(v.pos(), what + ": " + unitMessage(q.unit(), units, units.description()));
            return Optional.empty();
        }
        return Optional.of(q);
    }

    private static String firstUnit(Units units) {
        return switch (units) {
            case DURATION -> "us";
            case BANDWIDTH -> "Mbps";
            case PACKET_RATE -> "kpps";
            case PERCENT -> "%";
        };
    }

    private static String unitMessage(String unit, Units wanted, String what) {
        Optional<Units> actual = Units.of(unit);
        if (actual.isPresent()) {
            return unit + " is " + actual.get().description() + ", but " + what + " is needed (units: " + wanted.names() + ")";
        }
        return "unknown unit " + unit + Suggest.hint(unit, Units.allNames()) + " (units for " + wanted.description()
                + ": " + wanted.names() + ")";
    }

    private void probability(Value v, String what) {
        if (v instanceof Value.Num n) {
            if (n.value().signum() < 0 || n.value().compareTo(BigDecimal.ONE) > 0) {
                error(v.pos(), what + " " + n.value().toPlainString() + " is out of range: a probability is 0 to 1 (or 0% to 100%)");
            }
        } else if (v instanceof Value.Quantity q && q.unit().equals("%")) {
            if (q.amount().compareTo(BigDecimal.valueOf(100)) > 0) {
                error(v.pos(), what + " " + q.amount().toPlainString() + "% is out of range: at most 100%");
            }
        } else {
            error(v.pos(), what + " needs a probability: 0.01 or 1%");
        }
    }

    /**
     * Validates the network literals inside any value (octets, prefix lengths, ports, MAC
     * shape) and that no record names a field twice.
     */
    private void checkLiterals(Value v) {
        switch (v) {
            case Value.Ipv4 ip -> octets(ip.pos(), ip.text());
            case Value.Prefix p -> {
                int slash = p.text().indexOf('/');
                octets(p.pos(), p.text().substring(0, slash));
                bounded(p.pos(), p.text().substring(slash + 1), 32, "prefix length");
            }
            case Value.Endpoint e -> {
                int colon = e.text().indexOf(':');
                octets(e.pos(), e.text().substring(0, colon));
                bounded(e.pos(), e.text().substring(colon + 1), 65535, "port");
            }
            case Value.RecordOf r -> {
                // Recorded states hold a record per step: small ones are checked for duplicate
                // fields pairwise, with no map per record.
                List<Value.Field> fields = r.fields();
                Map<String, Pos> seen = fields.size() > 8 ? new HashMap<>() : null;
                for (int i = 0; i < fields.size(); i++) {
                    Value.Field f = fields.get(i);
                    Pos first = seen != null ? seen.putIfAbsent(f.name(), f.pos()) : firstField(fields, i);
                    if (first != null) {
                        error(f.pos(), "record field " + f.name() + " appears twice (first at " + where(first) + ")");
                    }
                    checkLiterals(f.value());
                }
            }
            case Value.SequenceOf s -> checkAll(s.elements());
            case Value.SetOf s -> checkAll(s.elements());
            case Value.Ref r -> r.path().segments().forEach(seg -> {
                if (seg instanceof Path.Segment.Index idx) {
                    checkLiterals(idx.index());
                }
            });
            case Value.Bytes b -> {
                if ((b.text().length() - 2) % 2 != 0) {
                    error(b.pos(), "bytes " + b.text() + " have an odd number of hex digits; write two per byte");
                }
            }
            default -> { }
        }
    }

    private void checkAll(List<Value> values) {
        for (int i = 0; i < values.size(); i++) {
            checkLiterals(values.get(i));
        }
    }

    /** The position of the first field before index {@code i} with the same name, or null. */
    private static Pos firstField(List<Value.Field> fields, int i) {
        String name = fields.get(i).name();
        for (int j = 0; j < i; j++) {
            if (fields.get(j).name().equals(name)) {
                return fields.get(j).pos();
            }
        }
        return null;
    }

    private void octets(Pos pos, String dotted) {
        for (String octet : dotted.split("\\.")) {
            if (octet.length() > 3 || Integer.parseInt(octet) > 255) {
                error(pos, "address " + dotted + " has an octet out of range: each is 0 to 255");
                return;
            }
        }
    }

    private void bounded(Pos pos, String digits, int max, String what) {
        if (digits.length() > 5 || Integer.parseInt(digits) > max) {
            error(pos, what + " " + digits + " is out of range: 0 to " + max);
        }
    }

    // ====================================================================== reporting

    private String where(Pos pos) {
        return pos.file() + ":" + pos.line() + ":" + pos.column();
    }

    private void error(Pos pos, String message) {
        SourceText source = sources.get(pos.file());
        diagnostics.add(source != null ? source.diagnostic(pos.line(), pos.column(), message)
                : new Diagnostic(pos.file(), pos.line(), pos.column(), message, ""));
    }
}
