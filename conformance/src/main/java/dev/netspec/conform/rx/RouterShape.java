package dev.netspec.conform.rx;

import dev.netspec.driver.Design;
import dev.netspec.driver.Driver;
import dev.netspec.driver.Softnet;
import dev.netspec.host.Host;
import dev.netspec.host.Iface;
import dev.netspec.host.Network;
import dev.netspec.host.ScreendConfig;
import dev.netspec.nic.NicConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The router a ReceivePath trace is about, and ReceivePath's constants read from it.
 *
 * <p>ReceivePath models ONE device: one interrupt line whose RX and TX causes ({@code rxIntrOn},
 * {@code txIntrOn}) are masked together by the interrupt and unmasked together when the poll
 * ends, and one poll thread that does both the RX and the TX-completion work. The Java stack
 * has one driver (one mask register, one polling thread) per NIC, so the shape that maps
 * faithfully is a router that receives and forwards through the same NIC (a "one-armed"
 * router): the NIC's RX ring is {@code ring}, its TX ring {@code txRing}, its output queue
 * {@code ifq}. A router forwarding from one NIC to another would need a device index in the
 * model (the input NIC's thread and mask are not the output NIC's); the abstraction takes the
 * router's first NIC as the device and reports any step of another NIC as unexplainable.
 *
 * @param host the router
 * @param iface its one interface
 */
record RouterShape(Host host, Iface iface) {
    /** ReceivePath's constants, in declaration order. */
    static final List<String> CONSTANTS = List.of("Design", "Screend", "RingSize", "TxRingSize", "QueueCap",
            "Quota", "HiWater", "LoWater", "MaxArrivals", "Mutant");

    Driver driver() {
        return iface.driver();
    }

    Design design() {
        return iface.driver().design();
    }

    /** The one forwarding host of {@code network}, checked to have the shape ReceivePath models. */
    static RouterShape find(Network network) {
        List<Host> routers = network.hosts().stream().filter(h -> h.net().config().forwarding()).toList();
        if (routers.isEmpty()) {
            throw new IllegalArgumentException("ReceivePath needs a router (a host that forwards); the scenario has "
                    + (network.hosts().isEmpty() ? "no hosts" : "only end hosts: "
                    + network.hosts().stream().map(Host::name).toList()));
        }
        if (routers.size() > 1) {
            throw new IllegalArgumentException("ReceivePath models one router; the scenario has "
                    + routers.size() + ": " + routers.stream().map(Host::name).toList());
        }
        return of(routers.get(0));
    }

    /**
     * {@code host} as ReceivePath's router, or a clear error saying what shape is needed. The
     * device is the router's first interface; any other interface must stay idle (the
     * abstraction reports a step on it as one the model cannot explain). A second, idle NIC is
     * how a scenario topology makes a host a router while its traffic enters and leaves by the
     * first.
     */
    static RouterShape of(Host host) {
        List<Iface> ifaces = host.ifaces();
        if (ifaces.isEmpty()) {
            throw new IllegalArgumentException("router " + host.name() + " has no interface");
        }
        RouterShape r = new RouterShape(host, ifaces.get(0));
        r.derivedConstants(); // shape errors (queue limits, NAPI weight, feedback) surface at attach
        return r;
    }

    /** True if {@code actor} (a probe actor: task or NIC name) belongs to the device or the host as a whole. */
    boolean ownsActor(String actor) {
        for (Iface i : host.ifaces()) {
            if (i != iface && (actor.equals(i.nic().name()) || actor.startsWith(i.nic().name() + "."))) {
                return false;
            }
        }
        return true;
    }

    /** The constants the topology fixes, as TLA+ expressions (MaxArrivals and Mutant excluded). */
    Map<String, String> derivedConstants() {
        Softnet.Limits limits = host.softnet().limits();
        ScreendConfig screend = host.screendConfig();
        NicConfig nic = iface.nic().config();
        Design design = design();
        int cap = limits.ifq();
        if (design == Design.INTERRUPT && limits.ipintrq() != cap) {
            throw new IllegalArgumentException("ReceivePath has one QueueCap for ipintrq and ifq; router "
                    + host.name() + " has ipintrq " + limits.ipintrq() + " and ifq " + cap);
        }
        if (screend != null && screend.queueLimit() != cap) {
            throw new IllegalArgumentException("ReceivePath has one QueueCap for screendq and ifq; router "
                    + host.name() + " has screendq " + screend.queueLimit() + " and ifq " + cap);
        }
        int quota;
        if (design == Design.NAPI) {
            quota = limits.napiBudget();
            if (driver().config().napiWeight() < quota) {
                throw new IllegalArgumentException("ReceivePath's NAPI has one budget (Quota) and no per-device "
                        + "weight; router " + host.name() + " has weight " + driver().config().napiWeight()
                        + " below its budget " + quota + ": make the weight at least the budget");
            }
        } else {
            quota = driver().config().quota();
        }
        int hi = screend != null ? screend.highWatermark() : host.outputHighWatermark();
        int lo = screend != null ? screend.lowWatermark() : host.outputLowWatermark();
        Map<String, String> m = new LinkedHashMap<>();
        m.put("Design", Tla.str(design.label()));
        m.put("Screend", Tla.bool(screend != null));
        m.put("RingSize", Integer.toString(nic.rxRingSize()));
        m.put("TxRingSize", Integer.toString(nic.txRingSize()));
        m.put("QueueCap", Integer.toString(cap));
        m.put("Quota", Integer.toString(quota));
        m.put("HiWater", Integer.toString(hi));
        m.put("LoWater", Integer.toString(lo));
        return m;
    }
}
