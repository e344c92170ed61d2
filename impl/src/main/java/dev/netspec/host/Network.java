package dev.netspec.host;

import dev.netspec.nic.Link;
import dev.netspec.nic.LinkParams;
import dev.netspec.nic.Nic;
import dev.netspec.sim.CostModel;
import dev.netspec.sim.Simulator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A simulated network: one {@link Simulator} (one seed), hosts, links and traffic generators.
 *
 * <pre>{@code
 * Network net = new Network(42);
 * Host r = net.addRouter("router", CostModel.dec3000());
 * Iface e0 = r.addInterface("eth0", mac, Ipv4Addr.parse("10.0.1.1"), 24, NicConfig.defaults(),
 *         DriverConfig.of(Design.POLL_QUOTA));
 * net.link(e0.nic(), other.nic(), LinkParams.ideal(100_000_000L, 1_000));
 * net.runFor(1_000_000_000L);
 * }</pre>
 */
public final class Network {
    private final Simulator sim;
    private final List<Host> hosts = new ArrayList<>();
    private final List<Link> links = new ArrayList<>();

    public Network(long seed) {
        this.sim = new Simulator(seed);
    }

    public Simulator sim() {
        return sim;
    }

    /** An end host (does not forward, RFC 1122 3.3.1.1). */
    public Host addHost(String name, CostModel cost) {
        return addHost(name, cost, Host.Options.host());
    }

    /** A router (forwards, RFC 1812). */
    public Host addRouter(String name, CostModel cost) {
        return addHost(name, cost, Host.Options.router());
    }

    public Host addHost(String name, CostModel cost, Host.Options options) {
        for (Host h : hosts) {
            if (h.name().equals(name)) {
                throw new IllegalArgumentException("a host called '" + name + "' already exists");
            }
        }
        Host h = new Host(name, sim, cost, options);
        hosts.add(h);
        return h;
    }

    /** A bare NIC not owned by any host (for a packet generator). */
    public Nic addBareNic(String name, dev.netspec.nic.NicConfig config) {
        return new Nic(sim, name, config);
    }

    public Link link(Nic a, Nic b, LinkParams params) {
        Link l = Link.connect(sim, a, b, params);
        links.add(l);
        return l;
    }

    public Link link(Nic a, Nic b, LinkParams aToB, LinkParams bToA) {
        Link l = Link.connect(sim, a, b, aToB, bToA);
        links.add(l);
        return l;
    }

    public List<Host> hosts() {
        return Collections.unmodifiableList(hosts);
    }

    public List<Link> links() {
        return Collections.unmodifiableList(links);
    }

    /** Runs the simulation for {@code ns} more virtual nanoseconds. */
    public void runFor(long ns) {
        sim.runUntil(sim.now() + ns);
    }
}
