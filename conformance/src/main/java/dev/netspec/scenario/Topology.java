package dev.netspec.scenario;

import dev.netspec.driver.Design;
import dev.netspec.driver.DriverConfig;
import dev.netspec.driver.Softnet;
import dev.netspec.host.Host;
import dev.netspec.host.Iface;
import dev.netspec.host.Network;
import dev.netspec.nic.LinkParams;
import dev.netspec.nic.NicConfig;
import dev.netspec.sim.CostModel;
import dev.netspec.trace.ast.HostMember;
import dev.netspec.trace.ast.Item;
import dev.netspec.trace.ast.NicRef;
import dev.netspec.trace.ast.Pos;
import dev.netspec.trace.ast.Property;
import dev.netspec.wire.Ipv4Addr;
import dev.netspec.wire.MacAddr;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the simulated {@link Network} from a scenario's {@code host}, {@code nic}, {@code route},
 * {@code cost} and {@code link} items.
 *
 * <p>Choices the language leaves open, made here: a host with two or more NICs forwards (a router,
 * RFC 1812), one with a single NIC does not (RFC 1122); the CPU cost model is the calibrated
 * {@link CostModel#dec3000()} with the scenario's overrides; a NIC without {@code mac} gets
 * {@code 02:00:00:00:HH:NN} (host and NIC number); ring sizes default to {@link NicConfig#defaults()},
 * the driver to {@code napi}; a link defaults to 1 Gbps with no delay, and {@code reorder} holds a
 * frame back by the link's delay plus 10 us so that later frames overtake it. The two ends of a
 * link know each other's MAC from the start (a warm ARP cache, as in Mogul and Ramakrishnan's
 * router); other addresses are resolved by ARP as usual.
 */
final class Topology {
    /** One NIC as the executor knows it: its host, its interface, and the NIC at the other end of its link. */
    static final class NicInfo {
        final String host;
        final Host h;
        final Iface iface;
        NicInfo peer;

        NicInfo(String host, Host h, Iface iface) {
            this.host = host;
            this.h = h;
            this.iface = iface;
        }
    }

    final Network network;
    final Map<String, Host> hosts = new LinkedHashMap<>();
    final Map<String, NicInfo> nics = new LinkedHashMap<>();
    private final Values values;

    Topology(long seed, Values values) {
        this.network = new Network(seed);
        this.values = values;
    }

    NicInfo nic(NicRef ref) {
        NicInfo n = nics.get(ref.host() + "." + ref.nic());
        if (n == null) {
            throw ScenarioException.input(ref.pos(), "unknown NIC " + ref);
        }
        return n;
    }

    Host host(String name, Pos pos) {
        Host h = hosts.get(name);
        if (h == null) {
            throw ScenarioException.input(pos, "unknown host " + name);
        }
        return h;
    }

    void addHost(Item.Host item, List<Item.Cost> globalCosts, List<Problem> problems) {
        CostModel cost = CostModel.dec3000();
        for (Item.Cost c : globalCosts) {
            cost = Costs.with(cost, c.operation(), values.durationNs(c.cost()), c.pos());
        }
        List<HostMember.Nic> nicItems = new ArrayList<>();
        Integer budget = null;
        for (HostMember m : item.members()) {
            switch (m) {
                case Item.Cost c -> cost = Costs.with(cost, c.operation(), values.durationNs(c.cost()), c.pos());
                case HostMember.Nic n -> {
                    nicItems.add(n);
                    for (Property p : n.properties()) {
                        if (p.key().equals("budget")) {
                            int b = (int) values.integer(p.value(), 1, 1 << 20, "budget");
                            if (budget != null && budget != b) {
                                throw ScenarioException.unsupported(p.pos(), "different budgets on NICs of one host (the NAPI budget is per host, netdev_budget)");
                            }
                            budget = b;
                        }
                    }
                }
                default -> { }
            }
        }
        Softnet.Limits d = Softnet.Limits.defaults();
        Host.Options options = new Host.Options(256, 1024, new Softnet.Limits(d.ipintrq(), d.ifq(), budget == null ? d.napiBudget() : budget),
                nicItems.size() >= 2);
        Host h = network.addHost(item.name(), cost, options);
        hosts.put(item.name(), h);
        int hostNo = hosts.size();
        int nicNo = 0;
        for (HostMember.Nic n : nicItems) {
            nicNo++;
            addNic(item.name(), h, n, hostNo, nicNo);
        }
        for (HostMember m : item.members()) {
            if (m instanceof HostMember.Route r) {
                Values.Prefix dest = values.prefix(r.destination());
                NicInfo out = nics.get(item.name() + "." + r.device());
                if (out == null) {
                    throw ScenarioException.input(r.pos(), "unknown NIC " + r.device() + " on host " + item.name());
                }
                Ipv4Addr gw = r.via().map(values::ipv4).orElse(null);
                if (gw == null && dest.length() == out.iface.prefixLength() && out.iface.onLink(dest.address())
                        && dest.length() > 0) {
                    continue; // the connected route the interface already has (RFC 1812 5.2.4.1)
                }
                try {
                    h.addRoute(dest.address(), dest.length(), out.iface, gw);
                } catch (IllegalArgumentException dup) {
                    throw ScenarioException.input(r.pos(), "cannot add this route: " + dup.getMessage());
                }
            }
        }
    }

    private void addNic(String hostName, Host h, HostMember.Nic n, int hostNo, int nicNo) {
        MacAddr mac = new MacAddr(0x0200_0000_0000L | ((long) (hostNo & 0xff) << 8) | (nicNo & 0xff));
        Values.Prefix addr = null;
        int rx = NicConfig.defaults().rxRingSize();
        int tx = NicConfig.defaults().txRingSize();
        long moderation = 0;
        Design design = Design.NAPI;
        Integer quota = null;
        for (Property p : n.properties()) {
            switch (p.key()) {
                case "mac" -> mac = values.mac(p.value());
                case "addr" -> {
                    if (addr != null) {
                        throw ScenarioException.unsupported(p.pos(), "a second addr on one NIC (the stack has one address per interface)");
                    }
                    addr = values.prefix(p.value());
                }
                case "rx_ring" -> rx = (int) values.integer(p.value(), 1, 65536, "rx_ring");
                case "tx_ring" -> tx = (int) values.integer(p.value(), 1, 65536, "tx_ring");
                case "driver" -> design = Design.parse(values.word(p.value()));
                case "quota" -> quota = (int) values.integer(p.value(), 1, 1 << 20, "quota");
                case "budget" -> { } // per host, taken above
                case "moderation" -> moderation = values.durationNs(p.value());
                case "moderation_frames" -> throw ScenarioException.unsupported(p.pos(),
                        "moderation_frames (the simulated NIC moderates by time only, like the e1000's ITR)");
                case "mtu" -> {
                    if (values.integer(p.value(), 68, 65535, "mtu") != 1500) {
                        throw ScenarioException.unsupported(p.pos(), "an mtu other than 1500 (the stack's interfaces are Ethernet, RFC 894)");
                    }
                }
                default -> throw ScenarioException.unsupported(p.pos(), "NIC property " + p.key());
            }
        }
        if (addr == null) {
            throw ScenarioException.unsupported(n.pos(), "a NIC without addr (every interface of the stack has an IPv4 address)");
        }
        DriverConfig dc = DriverConfig.of(design);
        if (quota != null) {
            // The quota is the per-round limit of the polling designs and the per-device weight of NAPI.
            dc = design == Design.NAPI ? new DriverConfig(design, dc.quota(), quota, dc.rxBufferBytes()) : dc.withQuota(quota);
        }
        Iface iface = h.addInterface(n.name(), mac, addr.address(), addr.length(), new NicConfig(rx, tx, moderation), dc);
        nics.put(hostName + "." + n.name(), new NicInfo(hostName, h, iface));
    }

    void addLink(Item.Link l) {
        NicInfo a = nic(l.left());
        NicInfo b = nic(l.right());
        long bw = 1_000_000_000L;
        long delay = 0;
        double loss = 0;
        double dup = 0;
        double reorder = 0;
        double corrupt = 0;
        for (Property p : l.properties()) {
            switch (p.key()) {
                case "bandwidth" -> bw = values.bitsPerSecond(p.value());
                case "delay" -> delay = values.durationNs(p.value());
                case "loss" -> loss = values.probability(p.value());
                case "duplicate" -> dup = values.probability(p.value());
                case "reorder" -> reorder = values.probability(p.value());
                case "corrupt" -> corrupt = values.probability(p.value());
                case "jitter" -> {
                    if (values.durationNs(p.value()) != 0) {
                        throw ScenarioException.unsupported(p.pos(), "link jitter (the simulated link has a fixed delay; use reorder)");
                    }
                }
                case "queue" -> throw ScenarioException.unsupported(p.pos(),
                        "a link queue (the simulated link has no queue of its own: frames wait in the sender's TX ring)");
                default -> throw ScenarioException.unsupported(p.pos(), "link property " + p.key());
            }
        }
        if (a.peer != null || b.peer != null) {
            throw ScenarioException.input(l.pos(), "a NIC has at most one link");
        }
        LinkParams params = LinkParams.ideal(bw, delay).withFaults(loss, dup, reorder, delay + 10_000, corrupt);
        network.link(a.iface.nic(), b.iface.nic(), params);
        a.peer = b;
        b.peer = a;
        // Warm ARP caches between link peers, as the paper's router had: the specs model no ARP,
        // and a first packet held for ARP would make every scenario start with a resolution.
        if (a.iface.onLink(b.iface.address())) {
            a.h.addNeighbour(b.iface.address(), b.iface.mac());
        }
        if (b.iface.onLink(a.iface.address())) {
            b.h.addNeighbour(a.iface.address(), a.iface.mac());
        }
    }
}
