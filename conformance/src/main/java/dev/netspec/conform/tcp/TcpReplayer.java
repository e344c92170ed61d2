package dev.netspec.conform.tcp;

import dev.netspec.conform.Replayer;
import dev.netspec.tcp.Segment;
import dev.netspec.tcp.SeqNum;
import dev.netspec.tcp.Tcb;
import dev.netspec.tcp.TcpConfig;
import dev.netspec.tcp.TcpResult;
import dev.netspec.tcp.TcpState;
import dev.netspec.trace.ast.Pos;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Replays a Tcp behaviour (as TLC prints it: action names and the state after each step) on two
 * Java TCBs joined by a controlled channel ({@link TcpPair}), and returns after each step the
 * stack's abstract state ({@code state}, {@code tcb}, {@code losses}, {@code dups}) through the
 * same abstraction function as trace validation ({@link TcpRecorder}).
 *
 * <p>TLC does not print action parameters, so the endpoint and the channel index of each step are
 * read off the model's states: the end whose state or TCB changed (or, for Retransmit, towards
 * whose peer a segment was added), and the position at which a channel lost (Receive, Lose) or
 * gained (Duplicate) a segment. The model segment at that position is then found among the
 * segments the Java stack has in flight that way, by its abstraction (flags, renumbered SEQ and
 * ACK, the octet it carries; a pure ACK's SEQ is not compared, because the Java stack may have
 * already queued data behind it that the model transmits later).
 *
 * <p>The model's SEND only queues and its Transmit sends; the Java TCB sends at once. Fresh data
 * and FINs the stack sends are therefore held back, invisible to the peer and not counted in
 * {@code sndNxt}, until the model's Transmit releases them (oldest first). Everything else the
 * stack sends (SYNs, ACKs, RSTs, retransmissions) travels at once.
 *
 * <p>Stuck: a step the stack cannot take (a call it refuses, no such segment in flight, nothing
 * new to transmit, no retransmission timer running, TIME-WAIT not entered).
 */
public final class TcpReplayer implements Replayer {
    private final TcpConfig config;

    /** Replays on {@link TcpPair#modelLike()} endpoints. */
    public TcpReplayer() {
        this(TcpPair.modelLike());
    }

    public TcpReplayer(TcpConfig config) {
        this.config = config;
    }

    @Override
    public String module() {
        return TcpModel.MODULE;
    }

    @Override
    public Replay replay(Map<String, String> constants, List<SpecStep> behaviour) {
        Map<String, String> c = TcpRecorder.constants(constants);
        Session s = new Session(c);
        return Replayer.steps(behaviour, step -> {
            try {
                return s.apply(step);
            } catch (IllegalArgumentException | IllegalStateException e) {
                return Optional.of(e.getMessage());
            }
        }, s::abstractState);
    }

    /** One replay in progress. */
    private final class Session {
        private final TcpPair pair;
        private final TcpRecorder rec;
        private final int maxData;
        private final Set<Segment> unreleased = Collections.newSetFromMap(new IdentityHashMap<>());
        private final Map<String, List<Segment>> pendingOrder = new HashMap<>();
        private final Set<Segment> classified = Collections.newSetFromMap(new IdentityHashMap<>());
        private final Map<String, Integer> highest = new HashMap<>();
        private int losses;
        private int dups;
        private TlaValue.Rec prevState;
        private TlaValue.Rec prevTcb;
        private TlaValue.Rec prevChan;

        Session(Map<String, String> constants) {
            pair = new TcpPair(config, 1);
            maxData = Integer.parseInt(constants.get("MaxData").trim());
            rec = new TcpRecorder(constants, () -> Pos.NONE, pair::now);
            rec.attach("A", pair.tcb("A"));
            rec.attach("B", pair.tcb("B"));
            for (String e : TcpModel.ENDS) {
                pendingOrder.put(e, new ArrayList<>());
            }
            prevState = TlaValue.parse(TcpModel.perEnd("\"CLOSED\"", "\"CLOSED\"")).asRec();
            prevTcb = TlaValue.parse(TcpModel.perEnd(TcpModel.AbstractTcb.none(0).toTla(),
                    TcpModel.AbstractTcb.none(0).toTla())).asRec();
            prevChan = TlaValue.parse("[A |-> <<>>, B |-> <<>>]").asRec();
        }

        Map<String, String> abstractState() {
            Map<String, String> m = new LinkedHashMap<>(rec.fields());
            m.put("losses", Integer.toString(losses));
            m.put("dups", Integer.toString(dups));
            return m;
        }

        Optional<String> apply(SpecStep step) {
            Map<String, String> after = step.stateAfter();
            TlaValue.Rec state = TlaValue.parse(required(after, "state")).asRec();
            TlaValue.Rec tcb = TlaValue.parse(required(after, "tcb")).asRec();
            TlaValue.Rec chan = TlaValue.parse(required(after, "chan")).asRec();
            Optional<String> r = switch (step.action()) {
                case "PassiveOpen", "ActiveOpen", "Send", "Close", "Abort", "Transmit",
                        "Retransmit", "TimeWaitTimeout" -> call(step.action(),
                        actor(state, tcb, chan));
                case "Receive", "Lose" -> {
                    int[] where = removed(chan);
                    if (where == null) {
                        yield Optional.of("cannot tell which segment the model took");
                    }
                    String e = TcpModel.ENDS.get(where[0]);
                    yield channel(step.action(), e, prevChan.get(e).asSeq().get(where[1] - 1));
                }
                case "Duplicate" -> {
                    String e = grown(chan);
                    if (e == null) {
                        yield Optional.of("cannot tell which segment the model duplicated");
                    }
                    List<TlaValue> q = chan.get(e).asSeq();
                    yield channel("Duplicate", e, q.get(q.size() - 1));
                }
                default -> Optional.of("Tcp has no action " + step.action());
            };
            if (r.isPresent()) {
                return r;
            }
            scanSent();
            for (String e : TcpModel.ENDS) {
                rec.refresh(e);
            }
            prevState = state;
            prevTcb = tcb;
            prevChan = chan;
            return Optional.empty();
        }

        private String required(Map<String, String> m, String v) {
            String x = m.get(v);
            if (x == null) {
                throw new IllegalArgumentException("the behaviour's state has no variable " + v);
            }
            return x;
        }

        /** The end a user call or timer acted on: the one whose state or TCB changed. */
        private String actor(TlaValue.Rec state, TlaValue.Rec tcb, TlaValue.Rec chan) {
            for (String e : TcpModel.ENDS) {
                if (!state.get(e).equals(prevState.get(e)) || !tcb.get(e).equals(prevTcb.get(e))) {
                    return e;
                }
            }
            String towards = grown(chan);
            if (towards != null) {
                return TcpModel.peer(towards); // Retransmit adds a segment and changes nothing else
            }
            throw new IllegalArgumentException("no endpoint changed");
        }

        /** {end index, 1-based position} of the segment removed from a channel, or null. */
        private int[] removed(TlaValue.Rec chan) {
            for (int k = 0; k < 2; k++) {
                String e = TcpModel.ENDS.get(k);
                List<TlaValue> before = prevChan.get(e).asSeq();
                List<TlaValue> now = chan.get(e).asSeq();
                if (now.size() != before.size() - 1) {
                    continue;
                }
                for (int i = 0; i < before.size(); i++) {
                    List<TlaValue> without = new ArrayList<>(before);
                    without.remove(i);
                    if (without.equals(now)) {
                        return new int[] {k, i + 1};
                    }
                }
            }
            return null;
        }

        private String grown(TlaValue.Rec chan) {
            for (String e : TcpModel.ENDS) {
                if (chan.get(e).asSeq().size() > prevChan.get(e).asSeq().size()) {
                    return e;
                }
            }
            return null;
        }

        private Optional<String> call(String action, String e) {
            Tcb t = pair.tcb(e);
            long now = pair.now();
            switch (action) {
                case "PassiveOpen" -> {
                    return ok(t.openPassive(now), "passive OPEN");
                }
                case "ActiveOpen" -> {
                    return ok(t.openActive(now), "active OPEN");
                }
                case "Send" -> {
                    byte octet = (byte) (rec.tcb(e).queued() + 1);
                    Tcb.Sent sent = t.send(new byte[] {octet}, 0, 1, now);
                    if (sent.result() != TcpResult.OK || sent.bytes() != 1) {
                        return Optional.of("SEND in " + t.state() + " returned " + sent.result()
                                + " accepting " + sent.bytes() + " octets");
                    }
                    pair.runDueTimers();
                    return Optional.empty();
                }
                case "Close" -> {
                    return ok(t.close(now), "CLOSE");
                }
                case "Abort" -> {
                    if (t.state() == TcpState.CLOSED) {
                        return Optional.of("ABORT on a CLOSED connection does nothing");
                    }
                    t.abort(now);
                    return Optional.empty();
                }
                case "Transmit" -> {
                    scanSent();
                    List<Segment> q = pendingOrder.get(e);
                    if (q.isEmpty()) {
                        return Optional.of("the stack has nothing new to send from " + e
                                + " (in " + t.state() + ")");
                    }
                    Segment s = q.remove(0);
                    unreleased.remove(s);
                    if (s.ackFlag() && t.rcvNxt() != null && !s.ack().equals(t.rcvNxt())) {
                        // Sent now, in Tcp's timeline: it acknowledges what the end has now.
                        Segment now2 = new Segment(s.seq(), t.rcvNxt(), s.flags(), s.window(),
                                s.options(), s.data());
                        pair.resegment(TcpModel.peer(e), s, List.of(now2));
                        classified.add(now2);
                    }
                    rec.release(e, s, now);
                    return Optional.empty();
                }
                case "Retransmit" -> {
                    scanSent();
                    Set<Segment> before = Collections.newSetFromMap(new IdentityHashMap<>());
                    before.addAll(pair.inFlight(TcpModel.peer(e)));
                    if (t.state() == TcpState.CLOSED || !pair.fireTimer(e)) {
                        return Optional.of("no retransmission timer is running at " + e);
                    }
                    boolean resent = false;
                    for (Segment s : pair.inFlight(TcpModel.peer(e))) {
                        resent |= !before.contains(s) && s.len() > 0 && !s.rst();
                    }
                    if (!resent) {
                        return Optional.of("the timer that expired at " + e
                                + " resent nothing");
                    }
                    return Optional.empty();
                }
                case "TimeWaitTimeout" -> {
                    if (t.state() != TcpState.TIME_WAIT) {
                        return Optional.of("the stack's end " + e + " is in " + t.state()
                                + ", not TIME-WAIT");
                    }
                    while (t.state() == TcpState.TIME_WAIT && pair.fireTimer(e)) {
                        // the 2 MSL timer is the only one running in TIME-WAIT
                    }
                    return Optional.empty();
                }
                default -> {
                    return Optional.of("Tcp has no action " + action);
                }
            }
        }

        private Optional<String> ok(TcpResult r, String what) {
            pair.runDueTimers();
            return r == TcpResult.OK ? Optional.empty()
                    : Optional.of(what + " returned " + r);
        }

        private Optional<String> channel(String action, String e, TlaValue model) {
            scanSent();
            List<Segment> q = pair.inFlight(e);
            for (int i = 0; i < q.size(); i++) {
                Segment s = q.get(i);
                if (!unreleased.contains(s) && matches(model.asRec(), s, e)) {
                    int early = rec.held(TcpModel.peer(e));
                    if (action.equals("Receive") && s.rst() && !s.ackFlag() && early > 0
                            && renumber(TcpModel.peer(e), s.seq()) != model.asRec().get("seq").asInt()) {
                        // An ABORT's RST: its SND.NXT counts what the stack sent before Tcp's
                        // Transmit; in Tcp's timeline that was never sent, so neither is it here.
                        pair.lose(e, i + 1);
                        pair.tcb(e).segmentArrives(Segment.control(s.seq().plus(-early), s.ack(),
                                s.flags(), s.window()), pair.now());
                        pair.runDueTimers();
                        return Optional.empty();
                    }
                    switch (action) {
                        case "Receive" -> pair.deliver(e, i + 1);
                        case "Lose" -> {
                            pair.lose(e, i + 1);
                            losses++;
                        }
                        default -> {
                            pair.duplicate(e, i + 1);
                            dups++;
                        }
                    }
                    return Optional.empty();
                }
            }
            if (isPureAck(model.asRec())) {
                // The stack piggybacked this ACK on data or a FIN it sent and Tcp has not
                // transmitted yet (Tcp sends the ACK on its own): deliver that ACK part alone.
                for (Segment s : q) {
                    if (unreleased.contains(s) && s.ackFlag()
                            && renumber(e, s.ack()) == model.asRec().get("ackNo").asInt()) {
                        if (action.equals("Receive")) {
                            pair.tcb(e).segmentArrives(Segment.control(s.seq(), s.ack(),
                                    dev.netspec.wire.TcpView.ACK, s.window()), pair.now());
                            pair.runDueTimers();
                        } else if (action.equals("Lose")) {
                            losses++;
                        } else {
                            dups++;
                        }
                        return Optional.empty();
                    }
                }
            }
            List<String> have = new ArrayList<>();
            for (Segment s : q) {
                have.add((unreleased.contains(s) ? "(not yet transmitted) " : "") + abstracted(s, e));
            }
            return Optional.of("no segment like " + model + " in flight towards " + e
                    + "; the stack has " + have);
        }

        /** Java ISS of {@code x} and the model ISS of its current incarnation. */
        private int renumber(String x, SeqNum n) {
            Tcb t = pair.tcb(x);
            if (t.iss() == null) {
                return n.value();
            }
            int opens = Math.max(1, rec.tcb(x).opens());
            return n.minus(t.iss()) + TcpModel.issOf(x, opens, maxData);
        }

        private Map<String, Object> abstracted(Segment s, String to) {
            String from = TcpModel.peer(to);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("syn", s.syn());
            m.put("ack", s.ackFlag());
            m.put("fin", s.fin());
            m.put("rst", s.rst());
            Integer synIss = s.syn() ? rec.abstractIss(s.seq().value()) : null;
            // A SYN carries its ISS: Tcp keeps one ISS per incarnation (ListenTcb keeps it across
            // a return to LISTEN) where the stack picks a new one per SYN-RECEIVED.
            m.put("seq", s.rst() && s.ackFlag() ? 0 : synIss != null ? synIss
                    : renumber(from, s.seq()));
            m.put("ackNo", s.ackFlag() ? renumber(to, s.ack()) : 0);
            m.put("data", s.data().length == 0 ? 0
                    : s.seq().minus(pair.tcb(from).iss()));
            return m;
        }

        private boolean isPureAck(TlaValue.Rec m) {
            return m.get("ack").asBool() && !m.get("syn").asBool() && !m.get("fin").asBool()
                    && !m.get("rst").asBool() && m.get("data").asInt() == 0;
        }

        private boolean matches(TlaValue.Rec m, Segment s, String to) {
            Map<String, Object> j = abstracted(s, to);
            boolean pureAck = s.ackFlag() && !s.syn() && !s.fin() && !s.rst()
                    && s.data().length == 0;
            if (s.rst() && !s.ackFlag() && m.get("rst").asBool() && !m.get("ack").asBool()) {
                // An ABORT's <SEQ=SND.NXT><CTL=RST>: the stack's SND.NXT counts data and a FIN it
                // sent that Tcp had not transmitted yet (they never will be: the end is CLOSED).
                int seq = (Integer) j.get("seq");
                long want = m.get("seq").asInt();
                return want == seq || want == seq - rec.held(TcpModel.peer(to));
            }
            return m.get("syn").asBool() == (Boolean) j.get("syn")
                    && m.get("ack").asBool() == (Boolean) j.get("ack")
                    && m.get("fin").asBool() == (Boolean) j.get("fin")
                    && m.get("rst").asBool() == (Boolean) j.get("rst")
                    && (pureAck || m.get("seq").asInt() == (Integer) j.get("seq"))
                    && m.get("ackNo").asInt() == (Integer) j.get("ackNo")
                    && m.get("data").asInt() == (Integer) j.get("data");
        }

        /**
         * Tcp's segments carry one octet, or a FIN: a Java segment with more is cut into such
         * parts, in order (the octets, then the FIN), each with the original's ACK and window.
         */
        private List<Segment> parts(Segment s) {
            if (s.syn() || s.rst() || s.data().length + (s.fin() ? 1 : 0) <= 1) {
                return List.of(s);
            }
            List<Segment> parts = new ArrayList<>();
            int plain = s.flags() & ~(dev.netspec.wire.TcpView.FIN | dev.netspec.wire.TcpView.PSH);
            for (int i = 0; i < s.data().length; i++) {
                parts.add(new Segment(s.seq().plus(i), s.ack(), plain, s.window(), s.options(),
                        new byte[] {s.data()[i]}));
            }
            if (s.fin()) {
                parts.add(new Segment(s.seq().plus(s.data().length), s.ack(),
                        plain | dev.netspec.wire.TcpView.FIN, s.window(), s.options(),
                        Segment.NO_DATA));
            }
            return parts;
        }

        /** Classifies what the stack sent since the last look: fresh data and FINs wait. */
        private void scanSent() {
            for (String to : TcpModel.ENDS) {
                for (Segment whole : pair.inFlight(to)) {
                    if (classified.contains(whole)) {
                        continue;
                    }
                    List<Segment> parts = parts(whole);
                    if (parts.size() > 1) {
                        pair.resegment(to, whole, parts);
                    }
                }
                String from = TcpModel.peer(to);
                for (Segment s : pair.inFlight(to)) {
                    if (!classified.add(s) || s.syn() || s.rst() || s.len() == 0) {
                        continue;
                    }
                    int end = s.seq().plus(s.len()).minus(pair.tcb(from).iss());
                    int high = highest.getOrDefault(from, 0);
                    if (end > high) {
                        highest.put(from, end);
                        unreleased.add(s);
                        pendingOrder.get(from).add(s);
                        rec.hold(from, s.len());
                    }
                }
            }
        }
    }
}
