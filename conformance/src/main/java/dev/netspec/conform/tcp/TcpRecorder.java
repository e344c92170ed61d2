package dev.netspec.conform.tcp;

import dev.netspec.conform.RecordedStep;
import dev.netspec.conform.RecordedTrace;
import dev.netspec.conform.tcp.TcpModel.AbstractTcb;
import dev.netspec.tcp.Segment;
import dev.netspec.tcp.SeqNum;
import dev.netspec.tcp.Tcb;
import dev.netspec.tcp.TcpLayer;
import dev.netspec.tcp.TcpProbe;
import dev.netspec.tcp.TcpState;
import dev.netspec.trace.ast.Pos;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The abstraction function from the Java TCP to {@code spec/Tcp.tla}, fed by {@link TcpProbe}
 * events of two endpoints ("A" and "B"), each either a host's {@link TcpLayer} (a listening port
 * and the connection it makes, or one active connection) or a single {@link Tcb}.
 *
 * <p>What maps to what:
 * <ul>
 *   <li>{@code state[e]}: the state of e's connection; LISTEN while only a listener exists (a
 *       listener's child that returns to LISTEN, RFC 9293 3.10.7.4, is the listener again); CLOSED
 *       before any OPEN and after the connection ended.</li>
 *   <li>{@code tcb[e]}: the TCB with sequence numbers renumbered as the model numbers them: our
 *       side relative to the model's ISS of this incarnation ({@code IssOf(e, opens)}), the peer's
 *       relative to the model's ISS of the peer incarnation whose SYN we received (the Java ISS of
 *       every incarnation is remembered with its model ISS). {@code opens} counts OPEN calls,
 *       {@code queued} octets accepted by SEND, {@code rcvd} the peer's stream positions of the
 *       octets queued for our user, in delivery order (so data delivered over a gap shows).</li>
 *   <li>Labels: see {@code spec/TcpTrace.tla}. A SEND of n octets and a segment of n octets are
 *       n model steps (the model's segments carry one octet); a segment with data and a FIN, or
 *       an ACK and a FIN, is one step per octet then the FIN.</li>
 * </ul>
 * Arrivals that change neither state nor TCB are not recorded (TcpTrace's SilentReceive).
 */
public final class TcpRecorder {
    private final Map<String, String> constants;
    private final int maxData;
    private final Supplier<Pos> source;
    private final LongSupplier clock;
    private final List<RecordedStep> steps = new ArrayList<>();
    private final Map<String, End> ends = new LinkedHashMap<>();
    /** Java ISS of every incarnation seen -> the model's ISS for it. */
    private final Map<Integer, Integer> issRegistry = new HashMap<>();
    private final Map<String, String> initial;

    /**
     * @param constants all of Tcp's constants (see {@link #constants})
     * @param source the scenario statement running now, for each step
     * @param clock virtual time now (for calls the probe reports without a time)
     */
    public TcpRecorder(Map<String, String> constants, Supplier<Pos> source, LongSupplier clock) {
        this.constants = new LinkedHashMap<>(constants);
        this.maxData = intConstant(constants, "MaxData");
        this.source = source;
        this.clock = clock;
        for (String e : TcpModel.ENDS) {
            ends.put(e, new End(e));
        }
        this.initial = fields();
    }

    /** Constants: Tcp's defaults overridden by {@code bindings}. */
    public static Map<String, String> constants(Map<String, String> bindings) {
        Map<String, String> c = TcpModel.defaults();
        for (Map.Entry<String, String> b : bindings.entrySet()) {
            if (!c.containsKey(b.getKey())) {
                throw new IllegalArgumentException("Tcp has no constant " + b.getKey()
                        + "; its constants are " + String.join(", ", c.keySet()));
            }
            c.put(b.getKey(), b.getValue());
        }
        return c;
    }

    private static int intConstant(Map<String, String> c, String name) {
        try {
            return Integer.parseInt(c.get(name).trim());
        } catch (NumberFormatException | NullPointerException e) {
            throw new IllegalArgumentException("Tcp constant " + name + " must be a number, not "
                    + c.get(name));
        }
    }

    /** Makes {@code layer} (a host's TCP) endpoint {@code e}. */
    public void attach(String e, TcpLayer layer) {
        End end = end(e);
        end.layerMode = true;
        layer.setProbe(end);
        layer.addObserver(end);
    }

    /** Makes {@code tcb} endpoint {@code e} (a connection driven on its own). */
    public void attach(String e, Tcb tcb) {
        End end = end(e);
        end.layerMode = false;
        end.current = tcb;
        tcb.setProbe(end);
        tcb.addListener(end);
    }

    private End end(String e) {
        End end = ends.get(e);
        if (end == null) {
            throw new IllegalArgumentException("Tcp's endpoints are A and B, not " + e);
        }
        return end;
    }

    public List<RecordedStep> steps() {
        return List.copyOf(steps);
    }

    public RecordedTrace trace(String name) {
        return new RecordedTrace(name, TcpModel.MODULE, constants, initial, steps);
    }

    public Map<String, String> constantsUsed() {
        return Map.copyOf(constants);
    }

    /**
     * The abstract state now, as the model's variables: {@code state} and {@code tcb} (what the
     * recorded steps carry), read from the endpoints' last recorded values.
     */
    public Map<String, String> fields() {
        Map<String, String> f = new LinkedHashMap<>();
        End a = ends.get("A");
        End b = ends.get("B");
        f.put("state", TcpModel.perEnd(TcpModel.str(a.lastState), TcpModel.str(b.lastState)));
        f.put("tcb", TcpModel.perEnd(a.lastTcb.toTla(), b.lastTcb.toTla()));
        return f;
    }

    /** The state name of endpoint {@code e} as last recorded ("ESTABLISHED", "SYN-SENT" ...). */
    public String state(String e) {
        return end(e).lastState;
    }

    public AbstractTcb tcb(String e) {
        return end(e).lastTcb;
    }

    /**
     * Replay support: octets (and a FIN) endpoint {@code e} emitted that are held back from the
     * model's channel; they do not count in {@code sndNxt} until released with {@link #release}.
     */
    void hold(String e, int seqSpace) {
        end(e).held += seqSpace;
    }

    /** The model ISS of the incarnation that used Java ISS {@code javaIss}, if one did. */
    Integer abstractIss(int javaIss) {
        return issRegistry.get(javaIss);
    }

    /** Replay support: the sequence space {@code e} sent that is still held back. */
    int held(String e) {
        return end(e).held;
    }

    /** Replay support: a held segment of {@code octets} data octets and {@code fin} is sent now. */
    void release(String e, Segment seg, long now) {
        End end = end(e);
        end.held -= seg.data().length + (seg.fin() ? 1 : 0);
        end.transmitted(seg, now);
    }

    /** Replay support: re-reads endpoint {@code e} (after a step the probe does not report). */
    void refresh(String e) {
        End end = end(e);
        end.lastState = end.readState();
        end.lastTcb = end.readTcb();
    }

    private void record(End actor, String action, String state, AbstractTcb tcb, long now) {
        actor.lastState = state;
        actor.lastTcb = tcb;
        steps.add(new RecordedStep(steps.size() + 1, now, action + "(" + actor.name + ")",
                fields(), source.get()));
    }

    static String rfc(TcpState s) {
        return s.rfcName();
    }

    /** One model endpoint and the probe that watches it. */
    final class End implements TcpProbe, Tcb.TransitionListener {
        final String name;
        boolean layerMode;
        int opens;
        boolean listening;
        Tcb current;
        int queued;
        final List<Integer> rcvd = new ArrayList<>();
        int held;
        String lastState = "CLOSED";
        AbstractTcb lastTcb = AbstractTcb.none(0);
        // since the last event: what the arrival being processed did
        Tcb returnedChild;
        int deliveredInArrival;
        boolean heldInArrival;
        final List<TcpState[]> transitionsInArrival = new ArrayList<>();

        End(String name) {
            this.name = name;
        }

        private int issAbs() {
            return TcpModel.issOf(name, opens, maxData);
        }

        String readState() {
            if (current != null && current.state() != TcpState.CLOSED) {
                return rfc(current.state());
            }
            if (current == null && listening) {
                return "LISTEN";
            }
            return "CLOSED";
        }

        AbstractTcb readTcb() {
            String s = readState();
            if (s.equals("CLOSED")) {
                return AbstractTcb.none(opens);
            }
            if (s.equals("LISTEN")) {
                return AbstractTcb.listening(opens, issAbs());
            }
            Tcb c = current;
            int iss = issAbs();
            int javaIss = c.iss().value();
            issRegistry.putIfAbsent(javaIss, iss);
            int una = c.sndUna().minus(c.iss()) + iss;
            int nxt = c.sndNxt().minus(c.iss()) + iss - held;
            int irs = 0;
            int rcvNxt = 0;
            if (c.irs() != null && c.state() != TcpState.SYN_SENT) {
                irs = issRegistry.getOrDefault(c.irs().value(),
                        TcpModel.issOf(TcpModel.peer(name), 1, maxData));
                rcvNxt = c.rcvNxt().minus(c.irs()) + irs;
            }
            return new AbstractTcb(c.isPassive(), opens, iss, irs, una, nxt, rcvNxt, queued, rcvd);
        }

        private void newIncarnation(Tcb tcb, boolean listener) {
            opens++;
            queued = 0;
            rcvd.clear();
            held = 0;
            current = tcb;
            listening = listener || listening;
        }

        private void recordNow(String action, long now) {
            record(this, action, readState(), readTcb(), now);
        }

        // ---- user calls

        private void forgetArrival() {
            transitionsInArrival.clear();
            deliveredInArrival = 0;
            heldInArrival = false;
        }

        @Override
        public void heldOutOfOrder(Tcb tcb, SeqNum seq, long now) {
            if (tcb == current) {
                heldInArrival = true;
            }
        }

        @Override
        public void userCall(Tcb tcb, Call call, int bytes, long now) {
            forgetArrival();
            switch (call) {
                case PASSIVE_OPEN -> {
                    if (layerMode) {
                        return; // a listener's child: the layer reported the listen() itself
                    }
                    newIncarnation(tcb, false);
                    recordNow("PassiveOpen", now);
                }
                case ACTIVE_OPEN -> {
                    newIncarnation(tcb, false);
                    recordNow("ActiveOpen", now);
                }
                case SEND -> {
                    if (tcb != current) {
                        return;
                    }
                    AbstractTcb t = readTcb();
                    int base = queued;
                    queued += bytes;
                    for (int i = 1; i <= bytes; i++) {
                        record(this, "Send", readState(), t.withQueued(base + i), now);
                    }
                }
                case CLOSE -> {
                    if (tcb == current) {
                        recordNow("Close", now);
                    }
                }
                case ABORT -> {
                    if (tcb == current) {
                        recordNow("Abort", now);
                    }
                }
                default -> { }
            }
        }

        @Override
        public void listenerCall(TcpLayer layer, int port, Call call) {
            forgetArrival();
            long now = clock.getAsLong();
            if (call == Call.PASSIVE_OPEN) {
                newIncarnation(null, true);
                recordNow("PassiveOpen", now);
            } else if (call == Call.CLOSE) {
                listening = false;
                if (!readState().equals(lastState)) {
                    recordNow("Close", now);
                }
            }
        }

        // ---- arrivals

        @Override
        public void onTransition(Tcb tcb, TcpState from, TcpState to, String cause, long now) {
            if (tcb == current) {
                transitionsInArrival.add(new TcpState[] {from, to});
                if (to == TcpState.LISTEN || to == TcpState.CLOSED) {
                    queued = 0; // Tcp's ListenTcb and NoTcb: nothing queued, nothing received
                    rcvd.clear();
                }
            }
            if (layerMode && tcb == current && from == TcpState.SYN_RECEIVED
                    && to == TcpState.LISTEN) {
                current = null; // the listener's child went back to LISTEN: the listener is e again
                returnedChild = tcb;
                queued = 0;
                rcvd.clear();
            }
        }

        @Override
        public void segmentArrived(Tcb tcb, Segment seg, TcpState before, boolean replied,
                long now) {
            try {
                if (tcb != current && tcb != returnedChild) {
                    if (layerMode && before == TcpState.LISTEN && current == null && listening
                            && tcb.state() != TcpState.LISTEN && tcb.state() != TcpState.CLOSED) {
                        current = tcb; // the listener made this connection of the SYN
                    } else {
                        return;
                    }
                }
                arrived(replied, now);
            } finally {
                returnedChild = null;
                forgetArrival();
            }
        }

        private void arrived(boolean replied, long now) {
            String preState = lastState;
            AbstractTcb pre = lastTcb;
            String postState = readState();
            AbstractTcb post = readTcb();
            if (postState.equals(preState) && post.equals(pre) && (!replied || heldInArrival)) {
                // Changes nothing the model has and answers nothing: SilentReceive. Or text
                // beyond a gap that the stack holds: to the model it is still in flight (Tcp
                // does not hold; it receives the segment once it is next, as the stack does).
                return;
            }
            int k = deliveredInArrival;
            boolean synchronizedBefore = !preState.equals("LISTEN") && !preState.equals("SYN-SENT")
                    && !preState.equals("CLOSED");
            boolean fin = synchronizedBefore && post.rcvNxt() - pre.rcvNxt() == k + 1;
            if (k + (fin ? 1 : 0) > 1) {
                // One Java segment, several model segments: each octet, then the FIN.
                String beforeFin = postState;
                if (fin && !transitionsInArrival.isEmpty()) {
                    TcpState[] last = transitionsInArrival.get(transitionsInArrival.size() - 1);
                    if (rfc(last[1]).equals(postState) && isFinTarget(last[1])) {
                        beforeFin = rfc(last[0]);
                    }
                }
                List<Integer> rcvdBefore = pre.rcvd();
                List<Integer> all = post.rcvd();
                for (int i = 1; i <= k; i++) {
                    List<Integer> prefix = all.subList(0, Math.min(all.size(),
                            rcvdBefore.size() + i));
                    AbstractTcb mid = post.withReceive(pre.rcvNxt() + i, prefix);
                    if (i == k && !fin) {
                        mid = post;
                    }
                    record(this, "Receive", i == k && !fin ? postState : beforeFin, mid, now);
                }
                if (fin) {
                    record(this, "Receive", postState, post, now);
                }
                return;
            }
            record(this, "Receive", postState, post, now);
        }

        private boolean isFinTarget(TcpState s) {
            return s == TcpState.CLOSE_WAIT || s == TcpState.CLOSING || s == TcpState.TIME_WAIT
                    || s == TcpState.CLOSED;
        }

        @Override
        public void delivered(Tcb tcb, SeqNum seq, int len, long now) {
            if (tcb != current) {
                return;
            }
            int first = seq.minus(tcb.irs()); // octet k of the peer's stream is at IRS + k
            for (int j = 0; j < len; j++) {
                rcvd.add(first + j);
            }
            deliveredInArrival += len;
        }

        @Override
        public void segmentWithoutTcb(TcpLayer layer, Segment seg, boolean toListener,
                Segment reply, long now) {
            forgetArrival();
            if (reply != null && current == null || reply != null
                    && current.state() == TcpState.CLOSED) {
                recordNow("Receive", now); // CLOSED or LISTEN answering with a reset
            }
        }

        // ---- transmissions and timers

        @Override
        public void segmentSent(Tcb tcb, Segment seg, boolean retransmission, long now) {
            if (tcb != current) {
                return;
            }
            if (seg.rst() || seg.len() == 0) {
                return; // ACKs and RSTs: replies of arrivals, or part of ABORT
            }
            if (retransmission) {
                record(this, "Retransmit", lastState, lastTcb, now);
                return;
            }
            if (seg.syn()) {
                return; // the SYN of OPEN, the SYN,ACK of an arrival: part of those steps
            }
            if (held > 0) {
                return; // replay: released later
            }
            transmitted(seg, now);
        }

        void transmitted(Segment seg, long now) {
            Tcb c = current;
            int start = seg.seq().minus(c.iss()) + issAbs();
            int n = seg.data().length;
            for (int i = 1; i <= n; i++) {
                record(this, "Transmit", lastState, lastTcb.withSndNxt(start + i), now);
            }
            if (seg.fin()) {
                record(this, "Transmit", lastState, lastTcb.withSndNxt(start + n + 1), now);
            }
        }

        @Override
        public void timerExpired(Tcb tcb, Timer timer, long now) {
            forgetArrival();
            if (tcb != current) {
                return;
            }
            if (timer == Timer.TIME_WAIT) {
                recordNow("TimeWaitTimeout", now);
            } else if (timer == Timer.RETRANSMISSION && tcb.state() == TcpState.CLOSED) {
                // R2 exceeded (RFC 9293 3.8.3): the model has no such step, so this diverges.
                recordNow("GiveUp", now);
            }
        }
    }
}
