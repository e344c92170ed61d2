package dev.netspec.conform.rx;

import dev.netspec.buf.Mbuf;
import dev.netspec.driver.Design;
import dev.netspec.driver.Driver;
import dev.netspec.host.Host;
import dev.netspec.nic.Frame;
import dev.netspec.nic.Nic;
import dev.netspec.wire.EthernetView;
import dev.netspec.wire.Ipv4View;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The abstraction function proper: the router's concrete state, read after each step, as
 * ReceivePath's variables (TLA+ values by name). It also keeps the history the model keeps
 * and the stack does not ({@code arrived}, {@code out}, {@code dropped}), by watching the
 * counters change from one step to the next, so {@link #observe} must see every step.
 *
 * <p><b>Tracked mode</b> numbers packets 1, 2, ... in the order they reach the NIC (good FCS),
 * and recognises a packet anywhere in the router by its buffer (the forwarding path passes the
 * received buffer on without a copy: ipintrq, screendq, ifq and the TX ring hold the same
 * {@code Mbuf}), or failing that by its IPv4 source address and identification, so
 * {@code OrderKept} and {@code Conservation} are checked exactly, even for a load of identical
 * frames. A frame the abstraction cannot place (not IPv4, or never seen arriving, such
 * as an ARP request the router sends) is shown as packet 0, which no spec state holds in
 * tracked mode: the step that produced it is the one the validator reports.
 * <b>Anonymous mode</b> (MaxArrivals = 0) shows every packet as 0 and keeps no history: queue
 * lengths and the control state are still checked.
 *
 * <p>The mapping, variable by variable (the Java side in parentheses):
 * <ul>
 *   <li>{@code ring}: the RX ring's done descriptors, oldest first ({@code RxRing.doneFrames});</li>
 *   <li>{@code txRing}, {@code ifq}: the TX ring's sent then queued descriptors, followed by as many
 *       of the ifq's head packets as there are free TX descriptors; the rest of ifq is {@code ifq}.
 *       The stack's if_start ({@code TxStart}) moves a packet to a free descriptor in a step of its
 *       own; ReceivePath's Output and Reclaim put it there at once;</li>
 *   <li>{@code txSent}: sent descriptors not yet reclaimed;</li>
 *   <li>{@code irq}: a cause is pending and unmasked ({@code cause & mask}, asserted or held back
 *       by moderation), or the classic handler is running (the model's irq stays latched for the
 *       handler's whole run);</li>
 *   <li>{@code rxIntrOn}, {@code txIntrOn}: the NIC's mask bits;</li>
 *   <li>{@code polling}: the driver's polled mode; for NAPI "none", "softirq" or "ksoftirqd"
 *       (whether the device is on the poll list and which context owns the list);</li>
 *   <li>{@code rxLeft}: the polling thread's quota left this round ({@code Quota} for poll_noquota
 *       and the classic design, which never count), NAPI's budget left;</li>
 *   <li>{@code napiTxDue}: NAPI only, the device is scheduled and its current poll has not made its
 *       TX-cleaning pass yet;</li>
 *   <li>{@code inhibited}: the host's feedback flag (poll_feedback only);</li>
 *   <li>{@code ipintrq}, {@code screendq}: the queues' frames.</li>
 * </ul>
 */
final class ReceivePathState {
    private final RouterShape router;
    private final boolean tracked;
    private final Map<Long, Integer> numberOf = new HashMap<>();
    private final Map<Mbuf, Integer> numberOfBuffer = new java.util.IdentityHashMap<>();
    private int arrived;
    private final List<Integer> out = new ArrayList<>();
    private final List<String> dropped = new ArrayList<>();
    private final Set<String> dropsSeen = new TreeSet<>();
    private Set<Integer> insideBefore = new HashSet<>();
    private Map<String, Long> dropCountsBefore;
    private long goodArrivalsBefore;
    private long txFramesBefore;

    ReceivePathState(RouterShape router, boolean tracked) {
        this.router = router;
        this.tracked = tracked;
        Nic nic = router.iface().nic();
        this.dropCountsBefore = dropCounts();
        this.goodArrivalsBefore = goodArrivals(nic);
        this.txFramesBefore = nic.txFrames();
    }

    boolean tracked() {
        return tracked;
    }

    /** Packets that reached the NIC with a good FCS so far. */
    int arrived() {
        return arrived;
    }

    private static long goodArrivals(Nic nic) {
        return nic.rxDma() + nic.rxMissed();
    }

    /** True if the last NIC "Arrive" event was a frame the receive path never sees (bad FCS, too long). */
    boolean arrivalIgnored() {
        return goodArrivals(router.iface().nic()) == goodArrivalsBefore;
    }

    /**
     * Updates the history after one step and returns the abstract state (every variable of
     * ReceivePath, in declaration order).
     */
    Map<String, String> observe() {
        Nic nic = router.iface().nic();
        long good = goodArrivals(nic);
        Map<String, Long> counts = dropCounts();
        Map<String, Long> newDrops = new TreeMap<>();
        counts.forEach((reason, n) -> {
            long d = n - dropCountsBefore.getOrDefault(reason, 0L);
            if (d > 0) {
                newDrops.put(reason, d);
            }
        });
        dropCountsBefore = counts;
        for (long k = goodArrivalsBefore; k < good; k++) {
            arrived++;
            if (nic.rxMissed() > 0 && newDrops.getOrDefault("ring_full", 0L) > 0) {
                newDrops.merge("ring_full", -1L, Long::sum);
                drop(arrived, "ring_full");
            } else {
                List<Mbuf> done = nic.rxRing().doneFrames();
                if (!done.isEmpty()) {
                    Mbuf m = done.get(done.size() - 1);
                    numberOfBuffer.put(m, arrived);
                    Long key = key(m);
                    if (key != null) {
                        numberOf.put(key, arrived);
                    }
                }
            }
        }
        goodArrivalsBefore = good;
        if (nic.txFrames() > txFramesBefore) {
            // The packet just sent is the newest sent descriptor (they are sent in ring order).
            int sent = nic.txRing().sentCount();
            List<Mbuf> onRing = nic.txRing().frames();
            Frame f = nic.lastSent();
            out.add(sent > 0 && sent <= onRing.size() ? number(onRing.get(sent - 1))
                    : f == null ? 0 : number(key(f.bytes())));
            txFramesBefore = nic.txFrames();
        }

        Driver driver = router.driver();
        Host host = router.host();
        List<Integer> ring = numbers(nic.rxRing().doneFrames());
        List<Integer> txFrames = numbers(nic.txRing().frames());
        List<Integer> ifqAll = new ArrayList<>();
        for (Mbuf m : driver.ifq().items()) {
            ifqAll.add(number(m));
        }
        int free = nic.txRing().size() - nic.txRing().nicOwned() - nic.txRing().sentCount();
        int moved = Math.min(free, ifqAll.size());
        List<Integer> txRing = new ArrayList<>(txFrames);
        txRing.addAll(ifqAll.subList(0, moved));
        List<Integer> ifq = new ArrayList<>(ifqAll.subList(moved, ifqAll.size()));
        List<Integer> ipintrq = numbers(host.softnet().ipintrqFrames());
        List<Integer> screendq = numbers(host.screendqFrames());

        // Packets that left the router without being sent: pair them, oldest first, with the
        // drop counters that went up in this step.
        Set<Integer> inside = new HashSet<>();
        for (List<Integer> l : List.of(ring, txRing, ifq, ipintrq, screendq)) {
            inside.addAll(l);
        }
        List<Integer> vanished = new ArrayList<>(new TreeSet<>(insideBefore));
        vanished.removeAll(inside);
        vanished.removeAll(out);
        insideBefore = inside;
        List<String> reasons = new ArrayList<>();
        newDrops.forEach((reason, n) -> {
            for (long i = 0; i < n; i++) {
                reasons.add(reason);
            }
        });
        for (int i = 0; i < vanished.size() && i < reasons.size(); i++) {
            drop(vanished.get(i), reasons.get(i));
        }
        if (!tracked) {
            reasons.forEach(dropsSeen::add);
        }

        Design design = router.design();
        String quota = router.derivedConstants().get("Quota");
        Map<String, String> v = new LinkedHashMap<>();
        v.put("ring", Tla.seq(ring));
        int mask = nic.mask();
        v.put("rxIntrOn", Tla.bool((mask & Nic.ICR_RX) != 0));
        v.put("txIntrOn", Tla.bool((mask & Nic.ICR_TX) != 0));
        v.put("irq", Tla.bool((nic.cause() & mask) != 0 || driver.handlerActive()));
        v.put("ipintrq", Tla.seq(ipintrq));
        v.put("screendq", Tla.seq(screendq));
        v.put("ifq", Tla.seq(ifq));
        v.put("txRing", Tla.seq(txRing));
        v.put("txSent", Integer.toString(nic.txRing().sentCount()));
        v.put("polling", switch (design) {
            case NAPI -> Tla.str(!driver.polling() ? "none" : host.softnet().napiDeferred() ? "ksoftirqd" : "softirq");
            case INTERRUPT -> "FALSE";
            default -> Tla.bool(driver.polling());
        });
        v.put("rxLeft", switch (design) {
            case NAPI -> Integer.toString(host.softnet().napiBudgetLeft());
            case POLL_QUOTA, POLL_FEEDBACK -> Integer.toString(driver.roundLeft());
            default -> quota;
        });
        v.put("napiTxDue", Tla.bool(host.softnet().napiTxPassDue(driver)));
        v.put("inhibited", Tla.bool(design == Design.POLL_FEEDBACK && host.inputInhibited()));
        v.put("arrived", Integer.toString(tracked ? arrived : 0));
        v.put("out", tracked ? Tla.seq(out) : "<<>>");
        v.put("dropped", tracked ? dropped.stream().reduce((a, b) -> a + ", " + b).map(s -> "<<" + s + ">>").orElse("<<>>") : "<<>>");
        v.put("dropsSeen", Tla.stringSet(dropsSeen));
        return v;
    }

    private void drop(int pkt, String reason) {
        dropsSeen.add(reason);
        if (tracked) {
            dropped.add("[pkt |-> " + pkt + ", reason |-> " + Tla.str(reason) + "]");
        }
    }

    /** Every drop counter of the router except the two the receive path never sees (bad FCS, too long). */
    private Map<String, Long> dropCounts() {
        Map<String, Long> m = new TreeMap<>(router.host().ledger().dropped());
        m.remove("bad_fcs");
        m.remove("too_long");
        return m;
    }

    private List<Integer> numbers(List<Mbuf> frames) {
        List<Integer> l = new ArrayList<>(frames.size());
        for (Mbuf m : frames) {
            l.add(number(m));
        }
        return l;
    }

    /** The packet in buffer {@code m}: by the buffer itself (forwarding keeps it), else by its headers. */
    private int number(Mbuf m) {
        if (!tracked) {
            return 0;
        }
        Integer n = numberOfBuffer.get(m);
        return n != null ? n : number(key(m));
    }

    private int number(Long key) {
        if (!tracked || key == null) {
            return 0;
        }
        return numberOf.getOrDefault(key, 0);
    }

    /** (IPv4 source, identification) of an Ethernet frame, or null if it is not IPv4. */
    private static Long key(Mbuf frame) {
        if (frame.readableBytes() < EthernetView.HEADER_LEN + Ipv4View.MIN_HEADER_LEN
                || frame.getU16(EthernetView.ETHER_TYPE) != EthernetView.TYPE_IPV4) {
            return null;
        }
        long src = frame.getI32(EthernetView.HEADER_LEN + Ipv4View.SOURCE) & 0xFFFFFFFFL;
        long id = frame.getU16(EthernetView.HEADER_LEN + Ipv4View.IDENTIFICATION);
        return src << 16 | id;
    }

    private static Long key(byte[] frame) {
        return key(Mbuf.copyOf(frame));
    }
}
