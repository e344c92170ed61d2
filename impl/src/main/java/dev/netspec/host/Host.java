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
import dev.netspec.fault.Fault;
import dev.netspec.fault.Faults;
import dev.netspec.net.NetInterface;
import dev.netspec.net.NetStack;
import dev.netspec.net.NetStats;
import dev.netspec.net.Route;
import dev.netspec.nic.Nic;
import dev.netspec.nic.NicConfig;
import dev.netspec.probe.Actions;
import dev.netspec.probe.Probe;
import dev.netspec.probe.Snapshot;
import dev.netspec.sim.CostModel;
import dev.netspec.sim.Cpu;
import dev.netspec.sim.EventHandle;
import dev.netspec.sim.Priority;
import dev.netspec.sim.Simulator;
import dev.netspec.sim.Step;
import dev.netspec.sim.Task;
import dev.netspec.socket.Sockets;
import dev.netspec.socket.TcpSockets;
import dev.netspec.tcp.TcpConfig;
import dev.netspec.tcp.TcpLayer;
import dev.netspec.udp.UdpLayer;
import dev.netspec.wire.EthernetView;
import dev.netspec.wire.Ipv4Addr;
import dev.netspec.wire.Ipv4Header;
import dev.netspec.wire.Ipv4View;
import dev.netspec.wire.MacAddr;
import dev.netspec.wire.Parsed;
import dev.netspec.wire.Rejection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A simulated host: one {@link Cpu}, a buffer pool, NICs with their drivers, and above them the
 * {@code net} package's {@link NetStack} (Ethernet, ARP, IPv4 input, forwarding, ICMP) with a
 * {@link UdpLayer} and a {@link TcpLayer} (with their sockets APIs), plus optionally a user-level screening process (screend) that every forwarded
 * packet passes through.
 *
 * <p>The host is the {@link Stack} its drivers call: {@link #inputCycles} says what a frame's
 * protocol processing costs (from its headers), {@link #input} runs it through the NetStack (or,
 * with screend, validates it and queues it for screend, which hands it to the NetStack for
 * forwarding). Frames leave through each interface's {@code ifq}; the driver moves them to the
 * NIC in a costed {@code TxStart} step. ARP and TCP timers run on simulator events at no CPU cost.
 *
 * <p>Socket calls ({@link #udpSockets()}, {@link #tcpSockets()}) go through {@link #call}, which
 * afterwards re-arms the timers and wakes the output task: what a system call queued is sent by
 * the host's {@code output} task (KERNEL level, one costed {@code TxStart} per frame), the way
 * 4.4BSD's ip_output calls if_start from the caller's context.
 */
public final class Host implements Stack {
    /** Pool size, queue limits, and whether the host forwards (a router, RFC 1812) or not (RFC 1122). */
    public record Options(int poolSmall, int poolClusters, Softnet.Limits limits, boolean forwarding) {
        public static Options router() {
            return new Options(256, 1024, Softnet.Limits.defaults(), true);
        }

        public static Options host() {
            return new Options(256, 1024, Softnet.Limits.defaults(), false);
        }
    }

    /** A frame queued for screend with the interface it arrived on. */
    private record Screening(Mbuf frame, int ifIndex) { }

    private final String name;
    private final Simulator sim;
    private final Cpu cpu;
    private final CostModel cost;
    private final MbufPool pool;
    private final Softnet softnet;
    private final NetStack ip;
    private final UdpLayer udp;
    private final TcpLayer tcp;
    private final Sockets udpSockets;
    private final TcpSockets tcpSockets;
    private final Task output;
    private EventHandle tcpTimer;
    private final List<Iface> ifaces = new ArrayList<>();
    private final Map<Integer, UdpSink> sockets = new LinkedHashMap<>();
    private Probe probe = Probe.OFF;
    private EventHandle timer;

    private ScreendConfig screendConfig;
    private BoundedQueue<Screening> screendq;
    private Task screend;
    private boolean inhibit;
    private long screened;

    Host(String name, Simulator sim, CostModel cost, Options options) {
        this.name = Objects.requireNonNull(name, "name");
        this.sim = sim;
        this.cost = Objects.requireNonNull(cost, "cost");
        this.cpu = new Cpu(sim, cost);
        this.pool = new MbufPool(options.poolSmall(), options.poolClusters());
        this.softnet = new Softnet(cpu, cost, pool, options.limits());
        this.ip = new NetStack(pool, options.forwarding() ? NetStack.Config.router() : NetStack.Config.host());
        this.udp = new UdpLayer(ip);
        this.tcp = new TcpLayer(ip, isnSecret(name, sim.seed()));
        this.udpSockets = new Sockets(udp);
        this.tcpSockets = new TcpSockets(tcp, TcpConfig.defaults(), Sockets.DEFAULT_MAX_SOCKETS);
        this.output = new Task(name + ".output", Priority.KERNEL, this::outputBody);
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

    /** The network layer (for its statistics, routes and ARP caches). */
    public NetStack net() {
        return ip;
    }

    UdpLayer udp() {
        return udp;
    }

    /** UDP datagrams queued on this host's sockets. */
    public long udpDelivered() {
        return udp.datagramsDelivered();
    }

    /** UDP datagrams this host's sockets sent. */
    public long udpSent() {
        return udp.datagramsSent();
    }

    /** UDP sends refused (no buffer, no route, too large). */
    public long udpSendFailures() {
        return udp.sendFailures();
    }

    /** The TCP layer (for its counters and observers). */
    public TcpLayer tcp() {
        return tcp;
    }

    /** The host's UDP descriptor table. Call it through {@link #call}. */
    public Sockets udpSockets() {
        return udpSockets;
    }

    /** The host's TCP descriptor table (non-blocking calls). Call it through {@link #call}. */
    public TcpSockets tcpSockets() {
        return tcpSockets;
    }

    /**
     * Runs a socket call (or any change to the protocol state from outside the simulator's
     * events) and then does what the kernel does on the way out of a system call: wakes the
     * output task for frames the call queued and re-arms the ARP and TCP timers.
     */
    public <T> T call(java.util.function.Supplier<T> body) {
        T result = body.get();
        startOutput();
        afterNetwork();
        return result;
    }

    /**
     * The ISN and cookie secret (RFC 6528 3: a secret per host): derived from the host's name and
     * the simulation seed, so a run replays byte for byte.
     */
    private static byte[] isnSecret(String name, long seed) {
        byte[] secret = new byte[16];
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed ^ ((long) name.hashCode() << 17) ^ 0x7cb3_1ac5L);
        r.nextBytes(secret);
        return secret;
    }

    /** if_start for frames that a system call or a timer queued: one costed step per frame. */
    private Step outputBody() {
        Driver out = softnet.startable();
        return out == null ? null : out.txStartStep();
    }

    Simulator sim() {
        return sim;
    }

    /** Drops counted below the network layer: ipintrq, screend's queue, buffers, screend's own checks. */
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

    /**
     * Adds a NIC with a driver of the given design, addressed {@code address/prefixLength}; the
     * connected route comes with it.
     */
    public Iface addInterface(String ifname, MacAddr mac, Ipv4Addr address, int prefixLength,
            NicConfig nicConfig, DriverConfig driverConfig) {
        for (Iface i : ifaces) {
            if (i.name().equals(ifname)) {
                throw new IllegalArgumentException(name + " already has an interface '" + ifname + "'");
            }
        }
        Nic nic = new Nic(sim, name + "." + ifname, nicConfig);
        Driver driver = Driver.attach(nic, softnet, driverConfig);
        int index = ip.addInterface(NetInterface.ethernet(ifname, mac, address, prefixLength), driver::offer);
        Iface i = new Iface(ifname, index, nic, driver, mac, address, prefixLength);
        ifaces.add(i);
        nic.setObserver((n, label) -> {
            if (probe.enabled()) {
                probe.record(sim.now(), label, n.name(), this::snapshot);
            }
        });
        return i;
    }

    /** Adds a route via {@code gateway} (null: directly connected) out of {@code out}. */
    public void addRoute(Ipv4Addr network, int prefixLength, Iface out, Ipv4Addr gateway) {
        if (!ifaces.contains(out)) {
            throw new IllegalArgumentException(out.name() + " is not an interface of " + name);
        }
        ip.addRoute(new Route(network, prefixLength, gateway, out.index()));
    }

    /**
     * A neighbour's MAC, entered into the ARP cache of the interface on its subnet as if a reply
     * had just arrived (the paper's router had a warm ARP cache). The entry lives for the ARP
     * cache's lifetime (60 s by default) and is then refreshed by ARP as usual.
     */
    public void addNeighbour(Ipv4Addr neighbour, MacAddr mac) {
        for (Iface i : ifaces) {
            if (i.onLink(neighbour)) {
                ip.arpCache(i.index()).update(neighbour, mac, sim.now(), true);
                return;
            }
        }
        throw new IllegalArgumentException(neighbour + " is on no subnet of " + name);
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

    /**
     * Binds a UDP port whose datagrams a user process reads, one system call and copy each;
     * the socket buffer holds {@code queueLimit} full-size datagrams.
     */
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

    private static final int IP_DST = EthernetView.HEADER_LEN + Ipv4View.DESTINATION;

    /** The IPv4 destination of an untagged IPv4 frame, or null. */
    private static Ipv4Addr ipv4Destination(Mbuf frame) {
        if (frame.readableBytes() < IP_DST + 4 || frame.getU16(EthernetView.ETHER_TYPE) != EthernetView.TYPE_IPV4) {
            return null;
        }
        return new Ipv4Addr(frame.getI32(IP_DST));
    }

    private boolean toBeForwarded(Ipv4Addr dst) {
        return dst != null && !ip.isLocalAddress(dst) && !dst.isBroadcast() && !dst.isMulticast();
    }

    @Override
    public long inputCycles(Mbuf frame, Driver from) {
        Ipv4Addr dst = ipv4Destination(frame);
        if (dst == null) {
            return cost.ipInput(); // ARP or a frame rejected early
        }
        if (!toBeForwarded(dst)) {
            if (frame.getU8(EthernetView.HEADER_LEN + Ipv4View.PROTOCOL) == Ipv4View.PROTO_TCP) {
                return cost.ipInput() + cost.tcpInput();
            }
            return cost.ipInput() + cost.udpInput() + cost.socketEnqueue();
        }
        if (screendq != null) {
            return cost.ipInput() + cost.socketEnqueue();
        }
        return cost.ipInput() + cost.ipForward();
    }

    @Override
    public void input(Mbuf frame, Driver from) {
        int index = ifaceOf(from).index();
        if (screendq != null && toBeForwarded(ipv4Destination(frame))) {
            screen(frame, index);
        } else {
            ip.receive(index, frame, sim.now());
            afterNetwork();
            if (screendq == null && outputBacklog() >= outputHighWatermark()) {
                inhibit = true; // a router's feedback watches its output queue (section 6.6)
            }
        }
    }

    /**
     * Output packets that wait for a TX descriptor: per interface, the ifq beyond the free
     * descriptors (those that fit will be on the ring at the next if_start). This is the queue a
     * router's queue-state feedback watches (the paper's section 6.6; ReceivePath's {@code ifq}).
     */
    public int outputBacklog() {
        int n = 0;
        for (Iface i : ifaces) {
            var tx = i.nic().txRing();
            int free = tx.size() - tx.nicOwned() - tx.sentCount();
            n += Math.max(0, i.driver().ifq().size() - free);
        }
        return n;
    }

    /** Router feedback (no screend): inhibit input when the output backlog reaches this (3/4 of ifq's limit). */
    public int outputHighWatermark() {
        return Math.max(1, softnet.limits().ifq() * 3 / 4);
    }

    /** Router feedback (no screend): resume input when the output backlog drains to this (1/4 of ifq's limit). */
    public int outputLowWatermark() {
        return Math.min(outputHighWatermark() - 1, softnet.limits().ifq() / 4);
    }

    @Override
    public void transmitReclaimed() {
        if (screendq != null || !inhibit) {
            return;
        }
        boolean drained;
        if (Faults.active(Fault.FEEDBACK_EARLY_RESUME)) {
            // WRONG (fault): resumes as soon as the backlog is below the high watermark.
            drained = outputBacklog() < outputHighWatermark();
        } else {
            // Right: resume once the output queue has drained to the low watermark.
            drained = outputBacklog() <= outputLowWatermark();
        }
        if (drained) {
            inhibit = false;
        }
    }

    /**
     * ipintr's part in front of screend: IP input checks (RFC 1812 5.2.2 via {@code wire}), then
     * the queue to screend. The NetStack checks again when screend hands the packet back.
     */
    private void screen(Mbuf frame, int index) {
        Rejection bad;
        try (Mbuf header = frame.slice(EthernetView.HEADER_LEN, frame.readableBytes() - EthernetView.HEADER_LEN)) {
            bad = Ipv4Header.parse(header) instanceof Parsed.Rejected<Ipv4Header> r ? r.reason() : null;
        }
        if (bad != null) {
            drop(frame, bad.name());
            return;
        }
        if (!screendq.offer(new Screening(frame, index))) {
            drop(frame, DropReason.SCREENDQ_FULL);
            return;
        }
        if (screendq.size() >= screendConfig.highWatermark()) {
            inhibit = true; // queue-state feedback (Figure 6-4): stop polling input
        }
        cpu.wake(screend);
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
     * After the network layer ran (input, a call, a timer): wake readers with data, and keep the
     * ARP and TCP timers armed.
     */
    private void afterNetwork() {
        for (UdpSink s : sockets.values()) {
            s.wakeIfReadable();
        }
        armTcpTimer();
        long at = ip.pollAt();
        if (at == Long.MAX_VALUE || (timer != null && timer.pending() && timer.time() <= at)) {
            return;
        }
        if (timer != null) {
            timer.cancel();
        }
        timer = sim.scheduleAt(Math.max(at, sim.now()), () -> {
            timer = null;
            ip.poll(sim.now());
            afterNetwork();
        });
    }

    /** One simulator event at the TCP layer's earliest timer (RFC 6298, delayed ACK, TIME-WAIT...). */
    private void armTcpTimer() {
        long at = tcp.pollAt();
        if (at == Long.MAX_VALUE || (tcpTimer != null && tcpTimer.pending() && tcpTimer.time() <= at)) {
            return;
        }
        if (tcpTimer != null) {
            tcpTimer.cancel();
        }
        tcpTimer = sim.scheduleAt(Math.max(at, sim.now()), () -> {
            tcpTimer = null;
            tcp.poll(sim.now());
            startOutput();
            afterNetwork();
        });
    }

    /**
     * Wakes the output task if a call or a timer queued frames. Output queued during input is
     * started by the receive path's own tasks (ipintr, the poller, NET_RX all run if_start first),
     * so this task does not take that work from them.
     */
    private void startOutput() {
        if (softnet.startable() != null) {
            cpu.wake(output);
        }
    }

    // ------------------------------------------------------------------ screend

    /**
     * screend: first finish output it started (if_start in its system call), then take the next
     * queued packet: copy to user, decide (every packet passes), hand it back with a system call,
     * and the kernel forwards it within that call.
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
            Screening p = screendq.poll();
            screened++;
            boolean drained;
            if (Faults.active(Fault.FEEDBACK_EARLY_RESUME)) {
                // WRONG (fault): resumes as soon as the queue is below the high watermark, so
                // input flaps on and off around it (no hysteresis).
                drained = screendq.size() < screendConfig.highWatermark();
            } else {
                // Right: resume only once screend has drained the queue to the low watermark
                // (the paper's section 6.6, ReceivePath's FeedbackHysteresis).
                drained = screendq.size() <= screendConfig.lowWatermark();
            }
            if (inhibit && drained) {
                inhibit = false;
                softnet.resumeInput();
            }
            ip.receive(p.ifIndex(), p.frame(), sim.now());
            afterNetwork();
        });
    }

    /** Datagrams this host forwarded (handed to an output queue). */
    public long forwarded() {
        return ip.stats().framesForwarded();
    }

    public long screened() {
        return screened;
    }

    /** screend's configuration, or null when the host runs no screend. */
    public ScreendConfig screendConfig() {
        return screendConfig;
    }

    /** The frames waiting for screend, oldest first (for observers; the queue keeps them). */
    public List<Mbuf> screendqFrames() {
        List<Mbuf> l = new ArrayList<>();
        if (screendq != null) {
            for (Screening s : screendq.items()) {
                l.add(s.frame());
            }
        }
        return l;
    }

    public int screendQueueLength() {
        return screendq == null ? 0 : screendq.size();
    }

    // ------------------------------------------------------------------ accounting

    /** The spec's name for a network-layer drop ({@code tx_queue_full} is the spec's {@code ifq_full}). */
    private static String reasonName(dev.netspec.net.DropReason r) {
        return r == dev.netspec.net.DropReason.TX_QUEUE_FULL ? DropReason.IFQ_FULL : r.name().toLowerCase(Locale.ROOT);
    }

    /** Conservation of every frame that reached or left this host. */
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
        NetStats st = ip.stats();
        st.inputDropMap().forEach((r, v) -> {
            if (r != dev.netspec.net.DropReason.MALFORMED) {
                dropped.merge(reasonName(r), v, Long::sum);
            }
        });
        st.malformedMap().forEach((r, v) -> dropped.merge(r.name().toLowerCase(Locale.ROOT), v, Long::sum));
        st.outputDropMap().forEach((r, v) -> dropped.merge(reasonName(r), v, Long::sum));
        dropped.values().removeIf(v -> v == 0);
        queued += softnet.ipintrq().size() + softnet.napiHeldCount() + screendQueueLength()
                + st.inputHeld() + st.outputHeld();
        return new Ledger(arrived, st.packetsOriginated(), dropped, transmitted, st.framesDelivered(), queued);
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
        v.put("forwarded", forwarded());
        v.put("inhibit", inhibit ? 1L : 0L);
        softnet.drops().asMap().forEach((k, n) -> v.put("drop." + k, n));
        return new Snapshot(v);
    }

    @Override
    public String toString() {
        return "Host[" + name + "]";
    }
}
