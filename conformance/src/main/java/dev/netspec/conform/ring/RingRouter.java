package dev.netspec.conform.ring;

import dev.netspec.buf.Mbuf;
import dev.netspec.host.Host;
import dev.netspec.host.Iface;
import dev.netspec.host.Network;
import java.util.ArrayList;
import java.util.List;

/**
 * The router a NicRing trace is about. NicRing follows one packet through both rings: the NIC
 * receives it into the RX ring, the driver passes it up and forwards it onto the TX ring, the NIC
 * transmits it. In the stack that is a router receiving on its first interface and forwarding out
 * of its second: the first NIC's RX ring is NicRing's RX ring, the second NIC's TX ring its TX
 * ring, and the queues between them (IP input queue, the second interface's output queue) its
 * {@code stack}. The other two rings (the first NIC's TX ring, the second's RX ring) must stay
 * idle: a step on them is reported as one NicRing cannot explain.
 *
 * @param host the router
 * @param in the interface packets arrive on
 * @param out the interface they are forwarded out of
 */
record RingRouter(Host host, Iface in, Iface out) {
    /** The one forwarding host of {@code network}, checked to have the shape NicRing models. */
    static RingRouter find(Network network) {
        List<Host> routers = network.hosts().stream().filter(h -> h.net().config().forwarding()).toList();
        if (routers.size() != 1) {
            throw new IllegalArgumentException("NicRing needs exactly one router (a host with two NICs that forwards); the scenario has "
                    + (routers.isEmpty() ? "none" : routers.size() + ": " + routers.stream().map(Host::name).toList()));
        }
        return of(routers.get(0));
    }

    /** {@code host} as NicRing's router, or a clear error saying what shape is needed. */
    static RingRouter of(Host host) {
        List<Iface> ifaces = host.ifaces();
        if (ifaces.size() != 2) {
            throw new IllegalArgumentException("NicRing's router receives on one NIC and transmits on another; router "
                    + host.name() + " has " + ifaces.size() + " interface(s)");
        }
        RingRouter r = new RingRouter(host, ifaces.get(0), ifaces.get(1));
        r.n(); // shape errors surface at attach
        return r;
    }

    /**
     * NicRing's N: one more than the stack's ring size (the stack's rings need not keep a
     * descriptor back, see {@link RingValues}); NicRing has one N for both rings, so the input
     * NIC's RX ring and the output NIC's TX ring must have the same size.
     */
    int n() {
        int rx = in.nic().rxRing().size();
        int tx = out.nic().txRing().size();
        if (rx != tx) {
            throw new IllegalArgumentException("NicRing has one ring size N for both rings; router " + host.name() + " has rx_ring "
                    + rx + " on " + in.name() + " and tx_ring " + tx + " on " + out.name() + ": make them equal");
        }
        return rx + 1;
    }

    /** The packets between the rings, oldest first: the output queue, then the IP input queue. */
    List<Mbuf> between() {
        List<Mbuf> l = new ArrayList<>();
        for (Mbuf m : out.driver().ifq().items()) {
            l.add(m);
        }
        l.addAll(host.softnet().ipintrqFrames());
        return l;
    }

    NicRingState.Parts parts() {
        return new NicRingState.Parts(in.nic(), out.nic(), () -> out.driver().started(), this::between, n());
    }

    /** True if {@code actor} (a probe actor: task or NIC name) is the input NIC's receive side or the output NIC's transmit side, or a CPU task. */
    boolean nicEventCounts(String actor, String action) {
        if (actor.equals(in.nic().name())) {
            return action.equals(dev.netspec.probe.Actions.ARRIVE);
        }
        if (actor.equals(out.nic().name())) {
            return action.equals(dev.netspec.probe.Actions.TRANSMIT);
        }
        return true;
    }
}
