package dev.netspec.host;

import dev.netspec.buf.Mbuf;
import dev.netspec.buf.MbufPool;
import dev.netspec.driver.BoundedQueue;
import dev.netspec.driver.Driver;
import dev.netspec.driver.DriverConfig;
import dev.netspec.driver.DropReason;
import dev.netspec.driver.Drops;
import dev.netspec.driver.Softnet;
import dev.netspec.driver.Stack;
import dev.netspec.nic.Nic;
import dev.netspec.nic.NicConfig;
import dev.netspec.probe.Actions;
import dev.netspec.probe.Probe;
import dev.netspec.probe.Snapshot;
import dev.netspec.sim.CostModel;
import dev.netspec.sim.Cpu;
import dev.netspec.sim.Priority;
import dev.netspec.sim.Simulator;
import dev.netspec.sim.Step;
import dev.netspec.sim.Task;
import dev.netspec.wire.EthernetHeader;
import dev.netspec.wire.EthernetView;
import dev.netspec.wire.Ipv4Addr;
import dev.netspec.wire.Ipv4Header;
import dev.netspec.wire.Ipv4View;
import dev.netspec.wire.MacAddr;
import dev.netspec.wire.Parsed;
import dev.netspec.wire.UdpHeader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A simulated host: one {@link Cpu}, a buffer pool, NICs with their drivers, and the protocol path
 * above them: Ethernet and IPv4 input, forwarding with a route table and a static neighbour table,
 * UDP delivery to bound ports, and optionally a user-level screening process (screend) that every
 * forwarded packet passes through.
 *
 * <p>The protocol code here is the minimal path the receive-path experiments need, built on the
 * {@code wire} package's validating parsers; it is an adapter until the {@code net}/{@code udp}
 * packages take over (see the report of the module's author). Every rejected frame is counted under
 * its {@code wire} rejection name (e.g. {@code ipv4_bad_checksum}).
 */
public final class Host implements Stack {
    /** Pool size and queue limits of a host. */
    public record Options(int poolSmall, int poolClusters, Softnet.Limits limits) {
        public static Options defaults() {
            return new Options(256, 1024, Softnet.Limits.defaults());
        }
    }

    private final String name;
    private final Simulator sim;
    private final Cpu cpu;
    private final CostModel cost;
    private final MbufPool pool;
    private final Softnet softnet;
    private final List<Iface> ifaces = new ArrayList<>();
    private final List<Route> routes = new ArrayList<>();
    private final Map<Ipv4Addr, MacAddr> neighbours = new HashMap<>();
    private final Map<Integer, UdpSink> sockets = new LinkedHashMap<>();
    private Probe probe = Probe.OFF;

    private ScreendConfig screendConfig;
    private BoundedQueue<Mbuf> screendq;
    private Task screend;
    private boolean inhibit;

    private long forwarded;
    private long screened;

    Host(String name, Simulator sim, CostModel cost, Options options) {
        this.name = Objects.requireNonNull(name, "name");
        this.sim = sim;
        this.cost = Objects.requireNonNull(cost, "cost");
        this.cpu = new Cpu(sim, cost);
        this.pool = new MbufPool(options.poolSmall(), options.poolClusters());
        this.softnet = new Softnet(cpu, cost, pool, options.limits());
        softnet.setStack(this);
    }

    public String name() {
        return name;
    }

    public Cpu cpu() {
        return cpu;
    }

    public CostModel cost() {
        return cost;
    }

    public MbufPool pool() {
        return pool;
    }

    public Softnet softnet() {
        return softnet;
    }

    public Drops drops() {
        return softnet.drops();
    }

    public List<Iface> ifaces() {
        return List.copyOf(ifaces);
    }

    /** The interface called {@code ifname}. */
    public Iface iface(String ifname) {
        for (Iface i : ifaces) {
            if (i.name().equals(ifname)) {
                return i;
            }
        }
        throw new IllegalArgumentException(name + " has no interface '" + ifname + "'");
    }

    // ------------------------------------------------------------------ building

    /** Adds a NIC with a driver of the given design and an address {@code address/prefixLength}. */
    public Iface addInterface(String ifname, MacAddr mac, Ipv4Addr address, int prefixLength,
            NicConfig nicConfig, DriverConfig driverConfig) {
        for (Iface i : ifaces) {
            if (i.name().equals(ifname)) {
                throw new IllegalArgumentException(name + " already has an interface '" + ifname + "'");
            }
        }
        Nic nic = new Nic(sim, name + "." + ifname, nicConfig);
        Driver driver = Driver.attach(nic, softnet, driverConfig);
        Iface i = new Iface(ifname, nic, driver, mac, address, prefixLength);
        ifaces.add(i);
        nic.setObserver((n, label) -> {
            if (probe.enabled()) {
                probe.record(sim.now(), label, n.name(), this::snapshot);
            }
        });
        // the connected route (RFC 1812 5.2.4.1)
        addRoute(Ipv4Addr.of(0, 0, 0, 0).equals(address) ? address
                : new Ipv4Addr(address.bits() & Ipv4Addr.mask(prefixLength)), prefixLength, i, null);
        return i;
    }

    /** Adds a route; the longest matching prefix wins, ties go to the route added first. */
    public void addRoute(Ipv4Addr network, int prefixLength, Iface out, Ipv4Addr gateway) {
        if (!ifaces.contains(out)) {
            throw new IllegalArgumentException(out.name() + " is not an interface of " + name);
        }
        routes.add(new Route(network, prefixLength, out, gateway));
        routes.sort((a, b) -> Integer.compare(b.prefixLength(), a.prefixLength()));
    }

    /** A static neighbour (ARP) entry: the paper's router had a warm ARP cache. */
    public void addNeighbour(Ipv4Addr ip, MacAddr mac) {
        neighbours.put(ip, mac);
    }

    /** Puts screend in the forwarding path. */
    public void enableScreend(ScreendConfig config) {
        if (screendConfig != null) {
            throw new IllegalStateException(name + " already runs screend");
        }
        screendConfig = config;
        screendq = new BoundedQueue<>("screendq", DropReason.SCREENDQ_FULL, config.queueLimit());
        screend = new Task(name + ".screend", Priority.USER, this::screendBody);
    }

    /** Binds a UDP port whose datagrams a user process reads and consumes. */
    public UdpSink bindUdp(int port, int queueLimit) {
        if (sockets.containsKey(port)) {
            throw new IllegalArgumentException("UDP port " + port + " is already bound on " + name);
        }
        UdpSink s = new UdpSink(this, port, queueLimit);
        sockets.put(port, s);
        return s;
    }

    /** Turns observation on (or off with {@link Probe#OFF}). */
    public void setProbe(Probe probe) {
        this.probe = Objects.requireNonNull(probe, "probe");
        if (probe.enabled()) {
            cpu.setStepListener((t, s) -> probe.record(sim.now(), s.label(), t.name(), this::snapshot));
        } else {
            cpu.setStepListener(null);
        }
    }

    // ------------------------------------------------------------------ Stack

    private boolean isLocal(Ipv4Addr dst) {
        for (Iface i : ifaces) {
            if (i.address().equals(dst)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public long inputCycles(Mbuf frame, Driver from) {
        int ipDst = EthernetView.HEADER_LEN + Ipv4View.DESTINATION;
        if (frame.readableBytes() < ipDst + 4 || frame.getU16(EthernetView.ETHER_TYPE) != EthernetView.TYPE_IPV4) {
            return cost.ipInput(); // rejected early
        }
        Ipv4Addr dst = new Ipv4Addr(frame.getI32(ipDst));
        if (isLocal(dst)) {
            return cost.ipInput() + cost.udpInput() + cost.socketEnqueue();
        }
        if (screendq != null) {
            return cost.ipInput() + cost.socketEnqueue();
        }
        return cost.ipInput() + cost.ipForward();
    }

    @Override
    public void input(Mbuf frame, Driver from) {
        Parsed<EthernetHeader> eth = EthernetHeader.parse(frame);
        if (!(eth instanceof Parsed.Ok<EthernetHeader>(EthernetHeader h))) {
            drop(frame, ((Parsed.Rejected<EthernetHeader>) eth).reason().name());
            return;
        }
        Iface in = ifaceOf(from);
        if (!h.destination().equals(in.mac()) && !h.destination().isBroadcast()) {
            drop(frame, "not_our_mac");
            return;
        }
        if (h.etherType() != EthernetView.TYPE_IPV4) {
            drop(frame, "ethertype_unsupported");
            return;
        }
        frame.trimFront(h.headerLen());
        Parsed<Ipv4Header> ip = Ipv4Header.parse(frame);
        if (!(ip instanceof Parsed.Ok<Ipv4Header>(Ipv4Header iph))) {
            drop(frame, ((Parsed.Rejected<Ipv4Header>) ip).reason().name());
            return;
        }
        frame.truncate(iph.totalLength()); // strip Ethernet padding (RFC 1812 5.2.2)
        if (isLocal(iph.destination())) {
            deliver(frame, iph);
        } else if (screendq != null) {
            if (screendq.offer(frame)) {
                if (screendq.size() >= screendConfig.highWatermark()) {
                    inhibit = true; // queue-state feedback (paper 6.6.1)
                }
                cpu.wake(screend);
            } else {
                drop(frame, DropReason.SCREENDQ_FULL);
            }
        } else {
            forward(frame, iph.destination());
        }
    }

    @Override
    public boolean inputInhibited() {
        return inhibit;
    }

    private Iface ifaceOf(Driver d) {
        for (Iface i : ifaces) {
            if (i.driver() == d) {
                return i;
            }
        }
        throw new IllegalStateException("driver " + d + " is not on " + name);
    }

    void drop(Mbuf frame, String reason) {
        softnet.drops().count(reason.toLowerCase(Locale.ROOT));
        frame.close();
    }

    /**
     * ip_forward: TTL check and decrement with the RFC 1624 incremental checksum update, route
     * lookup, neighbour lookup, new Ethernet header, enqueue on the output interface.
     * {@code packet} starts at the IPv4 header. ICMP errors are not generated (counted instead).
     */
    private void forward(Mbuf packet, Ipv4Addr dst) {
        Ipv4View v = Ipv4View.wrapUnchecked(packet);
        if (v.ttl() <= 1) {
            drop(packet, "ttl_exceeded"); // RFC 1812 5.3.1
            return;
        }
        Route r = lookup(dst);
        if (r == null) {
            drop(packet, "no_route");
            return;
        }
        MacAddr next = neighbours.get(r.gateway() == null ? dst : r.gateway());
        if (next == null) {
            drop(packet, "no_neighbour");
            return;
        }
        v.decrementTtl();
        EthernetHeader.of(next, r.out().mac(), EthernetView.TYPE_IPV4).prependTo(packet);
        forwarded++;
        r.out().driver().output(packet);
    }

    /** Longest-prefix match (routes are kept sorted by prefix length, longest first). */
    public Route lookup(Ipv4Addr dst) {
        for (Route r : routes) {
            if (r.matches(dst)) {
                return r;
            }
        }
        return null;
    }

    private void deliver(Mbuf packet, Ipv4Header iph) {
        if (iph.protocol() != Ipv4View.PROTO_UDP) {
            drop(packet, "protocol_unsupported");
            return;
        }
        packet.trimFront(iph.headerLen());
        Parsed<UdpHeader> udp = UdpHeader.parse(packet, iph.source(), iph.destination());
        if (!(udp instanceof Parsed.Ok<UdpHeader>(UdpHeader u))) {
            drop(packet, ((Parsed.Rejected<UdpHeader>) udp).reason().name());
            return;
        }
        UdpSink s = sockets.get(u.destinationPort());
        if (s == null) {
            drop(packet, "no_socket"); // RFC 1122 4.1.3.1 would send port unreachable
            return;
        }
        packet.trimFront(u.headerLen());
        s.enqueue(packet);
    }

    // ------------------------------------------------------------------ screend

    /**
     * screend: first finish output it started (if_start in its system call), then take the next
     * queued packet: copy to user, decide, hand it back with a system call, and the kernel forwards
     * it in that call.
     */
    private Step screendBody() {
        Driver out = softnet.startable();
        if (out != null) {
            return out.txStartStep();
        }
        if (screendq.isEmpty()) {
            return null;
        }
        long cycles = cost.copyToUser() + cost.userWorkPerPacket() + cost.syscall() + cost.ipForward();
        return Step.of(Actions.USER_STEP, cycles, () -> {
            Mbuf p = screendq.poll();
            screened++;
            if (inhibit && screendq.size() <= screendConfig.lowWatermark()) {
                inhibit = false;
                softnet.resumeInput();
            }
            forward(p, Ipv4View.wrapUnchecked(p).destination());
        });
    }

    public long forwarded() {
        return forwarded;
    }

    public long screened() {
        return screened;
    }

    public int screendQueueLength() {
        return screendq == null ? 0 : screendq.size();
    }

    // ------------------------------------------------------------------ accounting

    /** Conservation of every frame that arrived at this host. */
    public Ledger ledger() {
        long arrived = 0;
        long transmitted = 0;
        long queued = 0;
        TreeMap<String, Long> dropped = new TreeMap<>(softnet.drops().asMap());
        for (Iface i : ifaces) {
            Nic n = i.nic();
            arrived += n.rxFrames();
            transmitted += n.txFrames();
            dropped.merge(DropReason.RING_FULL, n.rxMissed(), Long::sum);
            dropped.merge(DropReason.BAD_FCS, n.rxFcsErrors(), Long::sum);
            dropped.merge(DropReason.TOO_LONG, n.rxTooLong(), Long::sum);
            queued += n.rxRing().doneCount() + i.driver().held() + i.driver().ifq().size() + n.txRing().nicOwned();
        }
        dropped.values().removeIf(v -> v == 0);
        queued += softnet.ipintrq().size() + softnet.napiHeldCount() + screendQueueLength();
        long delivered = 0;
        for (UdpSink s : sockets.values()) {
            delivered += s.enqueued();
        }
        return new Ledger(arrived, dropped, transmitted, delivered, queued);
    }

    /**
     * The abstract receive-path state the probes record: per interface the ring occupancy, the
     * interrupt mask, polled mode and the output queue; per host the software queues, what has
     * been forwarded and the drop counters.
     */
    public Snapshot snapshot() {
        Map<String, Long> v = new TreeMap<>();
        for (Iface i : ifaces) {
            Nic n = i.nic();
            String p = i.name() + ".";
            v.put(p + "rx_done", (long) n.rxRing().doneCount());
            v.put(p + "rx_free", (long) n.rxRing().nicOwned());
            v.put(p + "tx_queued", (long) n.txRing().nicOwned());
            v.put(p + "tx_sent", (long) n.txRing().sentCount());
            v.put(p + "intr_enabled", (n.mask() & Nic.ICR_RX) != 0 ? 1L : 0L);
            v.put(p + "polling", i.driver().polling() ? 1L : 0L);
            v.put(p + "ifq", (long) i.driver().ifq().size());
            v.put(p + "missed", n.rxMissed());
        }
        v.put("ipintrq", (long) softnet.ipintrq().size());
        v.put("screendq", (long) screendQueueLength());
        v.put("forwarded", forwarded);
        v.put("inhibit", inhibit ? 1L : 0L);
        softnet.drops().asMap().forEach((k, n) -> v.put("drop." + k, n));
        return new Snapshot(v);
    }

    @Override
    public String toString() {
        return "Host[" + name + "]";
    }
}
