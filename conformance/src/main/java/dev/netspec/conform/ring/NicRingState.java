package dev.netspec.conform.ring;

import dev.netspec.buf.Mbuf;
import dev.netspec.nic.Frame;
import dev.netspec.nic.Nic;
import dev.netspec.wire.EthernetView;
import dev.netspec.wire.Ipv4View;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The stateful half of NicRing's abstraction function: reads the stack's RX ring (of the input
 * NIC) and TX ring (of the output NIC), names packets, and keeps the history NicRing's variables
 * need ({@code arrived}, {@code missed}, {@code lost}, {@code wire}); {@link RingValues} maps one
 * reading to the variables.
 *
 * <p>Packets are numbered by their order of arrival at the input NIC (counting stored and missed
 * frames; frames with a bad FCS or too long for the buffers never reach NicRing's rings and are
 * not counted). A packet is recognised later by its buffer (which the driver and forwarding keep)
 * or, failing that, by its IPv4 source and identification; a packet the abstraction
 * cannot name is 0, which no NicRing state holds, so it shows as a divergence rather than being
 * guessed. A packet that leaves the rings and the queues between them without being transmitted
 * is appended to {@code lost} (NicRing's broken drivers do that; the stack only under a fault).
 */
final class NicRingState {
    /**
     * The concrete parts: the input NIC (its RX ring), the output NIC (its TX ring), how many
     * packets the driver has posted to the TX ring so far, and the packets between the rings.
     */
    record Parts(Nic in, Nic out, LongSupplier txPosted, Supplier<List<Mbuf>> between, int n) {}

    private final Parts parts;
    private final Map<Long, Integer> numberOfKey = new HashMap<>();
    private final Map<Mbuf, Integer> numberOfBuffer = new IdentityHashMap<>();
    private final List<Integer> lost = new ArrayList<>();
    private final List<Integer> wire = new ArrayList<>();
    private final Set<Integer> sent = new HashSet<>();
    private Set<Integer> insideBefore = new HashSet<>();
    private long dmaBefore;
    private long missedBefore;
    private long txFramesBefore;
    private int arrived;
    private int missed;

    NicRingState(Parts parts) {
        this.parts = parts;
        this.dmaBefore = parts.in().rxDma();
        this.missedBefore = parts.in().rxMissed();
        this.txFramesBefore = parts.out().txFrames();
    }

    int arrived() {
        return arrived;
    }

    /** True if nothing reached the RX ring since the last observation (a bad FCS or an over-long frame). */
    boolean arrivalIgnored() {
        return parts.in().rxDma() == dmaBefore && parts.in().rxMissed() == missedBefore;
    }

    /** Updates the history after one step and reads the rings. */
    RingValues observe() {
        Nic in = parts.in();
        Nic out = parts.out();
        List<Mbuf> done = in.rxRing().doneFrames();
        long dma = in.rxDma();
        // The frames DMA'd since the last observation are the newest done ones, in ring order.
        int fresh = (int) Math.min(dma - dmaBefore, done.size());
        for (int k = done.size() - fresh; k < done.size(); k++) {
            arrived++;
            Mbuf m = done.get(k);
            numberOfBuffer.put(m, arrived);
            Long key = key(m);
            if (key != null) {
                numberOfKey.put(key, arrived);
            }
        }
        for (long k = missedBefore; k < in.rxMissed(); k++) {
            arrived++;
            missed++;
        }
        dmaBefore = dma;
        missedBefore = in.rxMissed();
        if (out.txFrames() > txFramesBefore) {
            // The packet just sent is the newest sent descriptor (the NIC sends in ring order);
            // by its bytes only if the ring no longer holds it.
            int sentNow = out.txRing().sentCount();
            List<Mbuf> onRing = out.txRing().frames();
            Frame f = out.lastSent();
            int pkt = sentNow > 0 && sentNow <= onRing.size() ? number(onRing.get(sentNow - 1))
                    : f == null ? 0 : numberOfKey.getOrDefault(key(Mbuf.copyOf(f.bytes())), 0);
            wire.add(pkt);
            sent.add(pkt);
            txFramesBefore = out.txFrames();
        }
        List<Integer> rxDone = numbers(done);
        List<Integer> txFrames = numbers(out.txRing().frames());
        List<Integer> between = numbers(parts.between().get());
        Set<Integer> inside = new HashSet<>(rxDone);
        inside.addAll(txFrames);
        inside.addAll(between);
        inside.remove(0);
        TreeSet<Integer> vanished = new TreeSet<>(insideBefore);
        vanished.removeAll(inside);
        vanished.removeAll(sent);
        lost.addAll(vanished);
        insideBefore = inside;
        return new RingValues(parts.n(), dma, in.rxRing().nicOwned(), rxDone, parts.txPosted().getAsLong(),
                out.txRing().sentCount(), out.txRing().nicOwned(), txFrames, between, arrived, missed, lost, wire);
    }

    private List<Integer> numbers(List<Mbuf> frames) {
        List<Integer> l = new ArrayList<>(frames.size());
        for (Mbuf m : frames) {
            l.add(number(m));
        }
        return l;
    }

    /**
     * The packet in buffer {@code m}: by the buffer itself (the driver and forwarding keep the
     * buffer the NIC DMA'd into, and a recycled buffer is renamed when it is DMA'd into again),
     * else by its IPv4 source and identification.
     */
    private int number(Mbuf m) {
        Integer n = numberOfBuffer.get(m);
        if (n == null) {
            Long key = key(m);
            n = key == null ? null : numberOfKey.get(key);
        }
        return n == null ? 0 : n;
    }

    /** (IPv4 source, identification) of an Ethernet frame, or null if it is not IPv4. */
    static Long key(Mbuf frame) {
        if (frame.readableBytes() < EthernetView.HEADER_LEN + Ipv4View.MIN_HEADER_LEN
                || frame.getU16(EthernetView.ETHER_TYPE) != EthernetView.TYPE_IPV4) {
            return null;
        }
        long src = frame.getI32(EthernetView.HEADER_LEN + Ipv4View.SOURCE) & 0xFFFFFFFFL;
        long id = frame.getU16(EthernetView.HEADER_LEN + Ipv4View.IDENTIFICATION);
        return src << 16 | id;
    }
}
