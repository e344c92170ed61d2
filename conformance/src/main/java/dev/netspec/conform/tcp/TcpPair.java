package dev.netspec.conform.tcp;

import dev.netspec.tcp.IsnGenerator;
import dev.netspec.tcp.Segment;
import dev.netspec.tcp.Tcb;
import dev.netspec.tcp.TcpConfig;
import dev.netspec.wire.Ipv4Addr;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Two Java {@link Tcb}s, the model's endpoints "A" and "B", joined by a channel the caller
 * controls: every segment an endpoint sends waits in the queue towards its peer until the caller
 * delivers it ({@link #deliver}), loses it or duplicates it; timers fire only when the caller
 * advances virtual time to them ({@link #fireTimer}). Nothing happens on its own, so a model
 * behaviour can be replayed step by step and a scenario can place every loss exactly.
 */
public final class TcpPair {
    public static final Ipv4Addr IP_A = Ipv4Addr.parse("10.0.0.1");
    public static final Ipv4Addr IP_B = Ipv4Addr.parse("10.0.0.2");
    public static final int PORT_A = 40000;
    public static final int PORT_B = 8080;

    private final Tcb a;
    private final Tcb b;
    /** Segments in flight towards A and towards B, oldest first. */
    private final Map<String, List<Segment>> towards = Map.of("A", new ArrayList<>(), "B",
            new ArrayList<>());
    private long now;

    /**
     * @param config both endpoints' configuration
     * @param seed the ISN secrets' seed (the model renumbers sequence numbers, so any will do)
     */
    public TcpPair(TcpConfig config, long seed) {
        byte[] sa = new byte[16];
        byte[] sb = new byte[16];
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        r.nextBytes(sa);
        r.nextBytes(sb);
        a = new Tcb(IP_A, PORT_A, IP_B, PORT_B, config, new IsnGenerator(sa), this::sent);
        b = new Tcb(IP_B, PORT_B, IP_A, PORT_A, config, new IsnGenerator(sb), this::sent);
    }

    /**
     * The configuration that behaves most like the model: ACKs at once (the model acknowledges in
     * the step that receives), no Nagle (a one-octet SEND goes out at once), no options (PAWS and
     * SACK are beyond the model), and MSL 1 s so TIME-WAIT ends soon in virtual time.
     */
    public static TcpConfig modelLike() {
        return new TcpConfig(536, 4096, 4096, -1, 1_000_000_000L, 1_000_000_000L, 1_000_000_000L,
                60_000_000_000L, 12, 0, true, 0, false, false);
    }

    private void sent(Tcb from, Segment s, long at) {
        towards.get(from == a ? "B" : "A").add(s);
    }

    public Tcb tcb(String e) {
        return switch (e) {
            case "A" -> a;
            case "B" -> b;
            default -> throw new IllegalArgumentException("no endpoint " + e);
        };
    }

    public long now() {
        return now;
    }

    /** Segments in flight towards {@code e}, oldest first (a copy). */
    public List<Segment> inFlight(String e) {
        return List.copyOf(towards.get(e));
    }

    /** Delivers the {@code i}-th (1-based) segment in flight towards {@code e}. */
    public Segment deliver(String e, int i) {
        Segment s = towards.get(e).remove(i - 1);
        tcb(e).segmentArrives(s, now);
        runDueTimers();
        return s;
    }

    /** Loses the {@code i}-th segment towards {@code e}. */
    public Segment lose(String e, int i) {
        return towards.get(e).remove(i - 1);
    }

    /** Duplicates the {@code i}-th segment towards {@code e} (the copy joins the tail). */
    public void duplicate(String e, int i) {
        List<Segment> q = towards.get(e);
        q.add(q.get(i - 1));
    }

    /**
     * Replaces the segment {@code old} (the same object) in flight towards {@code e} by
     * {@code parts}, in place: the channel re-segments (RFC 9293 3.7: segmentation is the
     * sender's choice, and a receiver processes the parts as it would the whole).
     */
    public void resegment(String e, Segment old, List<Segment> parts) {
        List<Segment> q = towards.get(e);
        for (int i = 0; i < q.size(); i++) {
            if (q.get(i) == old) {
                q.remove(i);
                q.addAll(i, parts);
                return;
            }
        }
    }

    /** Runs timers due now (a delayed ACK of 0 ns is due at once). */
    public void runDueTimers() {
        for (Tcb t : List.of(a, b)) {
            if (t.pollAt() <= now) {
                t.onTimer(now);
            }
        }
    }

    /**
     * Advances virtual time to {@code e}'s next timer and fires it; false if it has none. Only
     * that endpoint's timer runs (the other's are not due before it or would run in its own step).
     */
    public boolean fireTimer(String e) {
        Tcb t = tcb(e);
        long at = t.pollAt();
        if (at == Long.MAX_VALUE) {
            return false;
        }
        now = Math.max(now, at);
        t.onTimer(now);
        return true;
    }

    /** Lets time pass by {@code ns} without firing anything. */
    public void advance(long ns) {
        now += ns;
    }
}
