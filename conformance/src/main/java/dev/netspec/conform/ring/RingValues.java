package dev.netspec.conform.ring;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What the stack's two rings hold at one instant, in counters and packet numbers (0: a packet the
 * abstraction cannot name), and the pure mapping from it to NicRing's variables. Everything
 * stateful (numbering packets, the history of the wire and of lost packets) lives in
 * {@link NicRingState}; this record is what the mapping is tested on.
 *
 * <p>The stack's rings keep ownership per descriptor (EMPTY/READY/DONE, FREE/QUEUED/SENT), so its
 * drivers hand the NIC every descriptor; NicRing's rings, like the e1000's, tell ownership from
 * the head and tail registers alone and keep one descriptor back. A stack ring of S descriptors is
 * therefore NicRing's ring of N = S + 1 (docs/specs.md, "The Java stack against NicRing"), and the
 * spec's indices are the stack's cumulative counters modulo N:
 * <pre>
 *   rdh    = DMAs so far                       rdt  = rdh + descriptors the NIC owns
 *   rxNext = rdh - descriptors done            rxClean = N - done - owned
 *   tdt    = packets posted to the TX ring     tdh  = tdt - queued       txNext = tdh - sent
 * </pre>
 * (all modulo N). A descriptor between {@code rxNext} and {@code rdh} holds the k-th done frame
 * and has DD set; one between {@code txNext} and {@code tdt} holds the k-th packet on the TX ring
 * (sent ones first, DD set).
 *
 * @param n NicRing's N
 * @param rxDmas frames the NIC has DMA'd into the RX ring so far
 * @param rxOwned RX descriptors the NIC owns (posted buffers waiting for a frame)
 * @param rxDone the done frames, oldest first, as packet numbers
 * @param txPosted packets the driver has posted to the TX ring so far
 * @param txSent TX descriptors sent and not yet reclaimed
 * @param txQueued TX descriptors queued for the NIC
 * @param txFrames the packets on the TX ring, oldest first (sent ones, then queued ones)
 * @param between packets received and not yet on the TX ring, oldest first (NicRing's stack)
 * @param arrived packets offered on the wire so far (stored or missed)
 * @param missed packets the NIC dropped for want of a descriptor
 * @param lost packets that left the rings without being sent or counted
 * @param wire packets transmitted, in order
 */
public record RingValues(int n, long rxDmas, int rxOwned, List<Integer> rxDone, long txPosted, int txSent,
        int txQueued, List<Integer> txFrames, List<Integer> between, int arrived, int missed, List<Integer> lost,
        List<Integer> wire) {
    /** NicRing's variables in declaration order. */
    public static final List<String> VARIABLES = List.of("rxBuf", "rxDD", "rdh", "rdt", "rxNext", "rxClean",
            "txBuf", "txDD", "tdh", "tdt", "txNext", "arrived", "missed", "lost", "stack", "wire");

    public RingValues {
        if (n < 2) {
            throw new IllegalArgumentException("NicRing needs N >= 2, got " + n);
        }
        rxDone = List.copyOf(rxDone);
        txFrames = List.copyOf(txFrames);
        between = List.copyOf(between);
        lost = List.copyOf(lost);
        wire = List.copyOf(wire);
    }

    /** NicRing's variables as TLA+ values (as TLC prints them), in declaration order. */
    public Map<String, String> toTla() {
        int done = rxDone.size();
        int rdh = mod(rxDmas);
        int rxNext = mod(rxDmas - done);
        Object[] rxBuf = filled(0);
        Object[] rxDD = filled(false);
        for (int k = 0; k < done && k < n; k++) {
            int slot = (rxNext + k) % n;
            rxBuf[slot] = rxDone.get(k);
            rxDD[slot] = true;
        }
        int tdt = mod(txPosted);
        int tdh = mod(txPosted - txQueued);
        int txNext = mod(txPosted - txQueued - txSent);
        Object[] txBuf = filled(0);
        Object[] txDD = filled(false);
        for (int k = 0; k < txFrames.size() && k < n; k++) {
            int slot = (txNext + k) % n;
            txBuf[slot] = txFrames.get(k);
            txDD[slot] = k < txSent;
        }
        Map<String, String> v = new LinkedHashMap<>();
        v.put("rxBuf", function(rxBuf));
        v.put("rxDD", function(rxDD));
        v.put("rdh", Integer.toString(rdh));
        v.put("rdt", Integer.toString(mod(rxDmas + rxOwned)));
        v.put("rxNext", Integer.toString(rxNext));
        v.put("rxClean", Integer.toString(n - done - rxOwned));
        v.put("txBuf", function(txBuf));
        v.put("txDD", function(txDD));
        v.put("tdh", Integer.toString(tdh));
        v.put("tdt", Integer.toString(tdt));
        v.put("txNext", Integer.toString(txNext));
        v.put("arrived", Integer.toString(arrived));
        v.put("missed", Integer.toString(missed));
        v.put("lost", seq(lost));
        v.put("stack", seq(between));
        v.put("wire", seq(wire));
        return v;
    }

    private int mod(long i) {
        return (int) Math.floorMod(i, (long) n);
    }

    private Object[] filled(Object value) {
        Object[] a = new Object[n];
        java.util.Arrays.fill(a, value);
        return a;
    }

    /** A function with domain 0..N-1 as TLC prints it: {@code (0 :> v0 @@ 1 :> v1 @@ ...)}. */
    static String function(Object[] values) {
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            b.append(i == 0 ? "" : " @@ ").append(i).append(" :> ")
                    .append(v instanceof Boolean x ? (x ? "TRUE" : "FALSE") : String.valueOf(v));
        }
        return b.append(')').toString();
    }

    static String seq(List<Integer> items) {
        return items.stream().map(String::valueOf).collect(Collectors.joining(", ", "<<", ">>"));
    }
}
