package dev.netspec.scenario;

import dev.netspec.driver.DropReason;
import dev.netspec.host.Host;
import dev.netspec.host.Ledger;
import dev.netspec.net.NetStats;
import dev.netspec.nic.Nic;
import dev.netspec.sim.Priority;
import dev.netspec.tcp.Tcb;
import dev.netspec.tcp.TcpLayer;
import dev.netspec.trace.ast.Path;
import dev.netspec.trace.ast.Pos;
import dev.netspec.trace.ast.Value;
import dev.netspec.wire.Rejection;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;

/**
 * Reads the observable state a path names: {@code h.eth0.rx_packets}, {@code h.tcp[fd].state},
 * {@code r.ipintrq.dropped[queue_full]}, {@code h.cpu.user_time}. {@link #NAMES} lists every
 * path the executor knows; any other path is a "not supported by the executor" problem.
 */
final class Observables {
    /** The paths, for messages and the report (X is a NIC, s a socket name, R a drop reason). */
    static final List<String> NAMES = List.of(
            "h.X.{rx_packets, rx_dma, rx_missed, rx_fcs_errors, rx_too_long, tx_packets, tx_no_carrier, interrupts,"
                    + " rx_done, rx_free, tx_queued, ifq, driver_rx, tx_started, tx_completed, intr_enabled, polling, rx_dropped[R]}",
            "h.tcp.{segments_in, segments_out, segments_lost, rst_received, rst_sent, connections, syn_cookies_sent, syn_cookies_accepted}",
            "h.tcp[s].{state, error, readable, send_space, unacknowledged, snd_wnd, rcv_wnd, mss, cwnd, ssthresh, rto, srtt,"
                    + " retransmissions, segments_sent, segments_received, challenge_acks, fast_retransmits, paws_drops}",
            "h.tcp[listener].{state, accept_queue, half_open, listen_overflows}",
            "h.udp.{rx_datagrams, tx_datagrams, send_failures, bad_checksum, no_port, buffer_full}",
            "h.udp[s].{queued, queued_bytes, received, drops}",
            "h.socket[s].FIELD (as tcp[s] or udp[s] by the socket's type)",
            "h.ip.{received, delivered, forwarded, originated, sent, input_drops, output_drops, malformed, dropped[R]}",
            "h.icmp.{errors_sent, errors_suppressed}", "h.arp.{requests_sent, replies_sent}",
            "h.cpu.{user_time, kernel_time, hardirq_time, busy_time, idle_time, context_switches, preemptions}",
            "h.ipintrq.{len, limit, high_water, dropped[queue_full]}", "h.softirq.{deferred, held}",
            "h.route.count, h.route[ADDR].{dev, via} (the longest-prefix match: NIC name or NONE, gateway or DIRECT)",
            "h.queue.{arrived, originated, transmitted, delivered, queued, dropped, balanced, dropped[R]}");

    private final Topology topology;
    private final BiFunction<String, Value, Sock> sockets;
    private final long startNs;

    /** {@code sockets} finds the socket a host's path index names. */
    Observables(Topology topology, BiFunction<String, Value, Sock> sockets, long startNs) {
        this.topology = topology;
        this.sockets = sockets;
        this.startNs = startNs;
    }

    /** True if the counter counts bytes (its rate compares with a bandwidth). */
    static boolean isByteCounter(Path p) {
        return p.segments().stream().anyMatch(s -> s instanceof Path.Segment.Field f && f.name().endsWith("_bytes"));
    }

    Observed read(Path path) {
        Host h = topology.host(path.head(), path.pos());
        List<Path.Segment> seg = path.segments();
        if (seg.isEmpty() || !(seg.get(0) instanceof Path.Segment.Field first)) {
            throw unsupported(path, path.pos());
        }
        String obj = first.name();
        Topology.NicInfo nic = topology.nics.get(path.head() + "." + obj);
        if (nic != null) {
            return nicField(path, nic, seg.subList(1, seg.size()));
        }
        if ((obj.equals("tcp") || obj.equals("udp") || obj.equals("socket")) && seg.size() >= 2
                && seg.get(1) instanceof Path.Segment.Index idx) {
            Sock s = sockets.apply(path.head(), idx.index());
            if (!obj.equals("socket") && s.tcp != obj.equals("tcp")) {
                throw ScenarioException.input(idx.pos(), "socket " + s.name + " is a " + (s.tcp ? "tcp" : "udp") + " socket, not " + obj);
            }
            String field = field(path, seg, 2);
            return s.tcp ? tcbField(path, s, field) : udpSocketField(path, s, field);
        }
        return switch (obj) {
            case "tcp" -> tcpField(path, h.tcp(), field(path, seg, 1));
            case "udp" -> udpField(path, h, field(path, seg, 1));
            case "ip" -> ipField(path, h, seg);
            case "icmp" -> switch (field(path, seg, 1)) {
                case "errors_sent" -> Observed.count(h.net().stats().icmpErrorsSent());
                case "errors_suppressed" -> Observed.count(h.net().stats().icmpErrorsSuppressed());
                default -> throw unsupported(path, seg.get(1).pos());
            };
            case "arp" -> switch (field(path, seg, 1)) {
                case "requests_sent" -> Observed.count(h.net().stats().arpRequestsSent());
                case "replies_sent" -> Observed.count(h.net().stats().arpRepliesSent());
                default -> throw unsupported(path, seg.get(1).pos());
            };
            case "cpu" -> cpuField(path, h, field(path, seg, 1));
            case "ipintrq" -> switch (field(path, seg, 1)) {
                case "len", "length" -> Observed.count(h.softnet().ipintrq().size());
                case "limit" -> Observed.count(h.softnet().ipintrq().limit());
                case "high_water" -> Observed.count(h.softnet().ipintrq().highWater());
                case "dropped" -> {
                    String reason = index(path, seg, 2);
                    if (!reason.equals("queue_full") && !reason.equals(DropReason.IPINTRQ_FULL)) {
                        throw unsupported(path, seg.get(2).pos());
                    }
                    yield Observed.count(h.drops().get(DropReason.IPINTRQ_FULL));
                }
                default -> throw unsupported(path, seg.get(1).pos());
            };
            case "softirq" -> switch (field(path, seg, 1)) {
                case "deferred" -> Observed.bool(h.softnet().napiDeferred());
                case "held" -> Observed.count(h.softnet().napiHeldCount());
                default -> throw unsupported(path, seg.get(1).pos());
            };
            case "queue" -> ledgerField(path, h.ledger(), seg);
            case "route" -> routeField(path, h, seg);
            default -> throw unsupported(path, first.pos());
        };
    }

    private static String field(Path path, List<Path.Segment> seg, int i) {
        if (seg.size() <= i || !(seg.get(i) instanceof Path.Segment.Field f)) {
            throw unsupported(path, path.pos());
        }
        if (seg.size() > i + 1 && !(seg.get(i + 1) instanceof Path.Segment.Index)) {
            throw unsupported(path, seg.get(i + 1).pos());
        }
        return f.name();
    }

    private static String index(Path path, List<Path.Segment> seg, int i) {
        if (seg.size() != i + 1 || !(seg.get(i) instanceof Path.Segment.Index idx)) {
            throw unsupported(path, path.pos());
        }
        return switch (idx.index()) {
            case Value.Name n -> n.name();
            case Value.Str s -> s.text();
            default -> throw ScenarioException.input(idx.pos(), "a drop reason is a name, e.g. [ring_full]");
        };
    }

    private static ScenarioException unsupported(Path path, Pos pos) {
        return ScenarioException.unsupported(pos, "the path " + show(path) + " (known paths: " + String.join("; ", NAMES) + ")");
    }

    static String show(Path p) {
        StringBuilder s = new StringBuilder(p.head());
        for (Path.Segment seg : p.segments()) {
            switch (seg) {
                case Path.Segment.Field f -> s.append('.').append(f.name());
                case Path.Segment.Index i -> s.append('[').append(Values.describe(i.index())).append(']');
            }
        }
        return s.toString();
    }

    private Observed nicField(Path path, Topology.NicInfo info, List<Path.Segment> rest) {
        Nic n = info.iface.nic();
        if (rest.isEmpty() || !(rest.get(0) instanceof Path.Segment.Field f)) {
            throw unsupported(path, path.pos());
        }
        if (f.name().equals("rx_dropped") || f.name().equals("dropped")) {
            String reason = index(path, rest, 1);
            return switch (reason) {
                case "ring_full" -> Observed.count(n.rxMissed());
                case "bad_fcs" -> Observed.count(n.rxFcsErrors());
                case "too_long" -> Observed.count(n.rxTooLong());
                default -> throw unsupported(path, rest.get(1).pos());
            };
        }
        if (rest.size() != 1) {
            throw unsupported(path, rest.get(1).pos());
        }
        return switch (f.name()) {
            case "rx_packets", "rx_frames" -> Observed.count(n.rxFrames());
            case "rx_dma" -> Observed.count(n.rxDma());
            case "rx_missed" -> Observed.count(n.rxMissed());
            case "rx_fcs_errors" -> Observed.count(n.rxFcsErrors());
            case "rx_too_long" -> Observed.count(n.rxTooLong());
            case "tx_packets", "tx_frames" -> Observed.count(n.txFrames());
            case "tx_no_carrier" -> Observed.count(n.txNoCarrier());
            case "interrupts" -> Observed.count(n.interrupts());
            case "rx_done" -> Observed.count(n.rxRing().doneCount());
            case "rx_free" -> Observed.count(n.rxRing().nicOwned());
            case "tx_queued" -> Observed.count(n.txRing().nicOwned());
            case "ifq" -> Observed.count(info.iface.driver().ifq().size());
            case "driver_rx" -> Observed.count(info.iface.driver().received());
            case "tx_started" -> Observed.count(info.iface.driver().started());
            case "tx_completed" -> Observed.count(info.iface.driver().completed());
            case "intr_enabled" -> Observed.bool((n.mask() & Nic.ICR_RX) != 0);
            case "polling" -> Observed.bool(info.iface.driver().polling());
            default -> throw unsupported(path, f.pos());
        };
    }

    private static Observed tcpField(Path path, TcpLayer t, String f) {
        return switch (f) {
            case "segments_in" -> Observed.count(t.segmentsIn());
            case "segments_out" -> Observed.count(t.segmentsOut());
            case "segments_lost" -> Observed.count(t.segmentsLost());
            case "rst_received" -> Observed.count(t.resetsReceived());
            case "rst_sent" -> Observed.count(t.resetsSent());
            case "connections" -> Observed.count(t.connectionCount());
            case "syn_cookies_sent" -> Observed.count(t.synCookiesSent());
            case "syn_cookies_accepted" -> Observed.count(t.synCookiesAccepted());
            default -> throw unsupported(path, path.pos());
        };
    }

    private static Observed tcbField(Path path, Sock s, String f) {
        s.refresh();
        Tcb t = s.tcb;
        if (f.equals("state")) {
            if (t == null) {
                return new Observed.Word(s.listening && !s.closed ? "LISTEN" : "CLOSED");
            }
            return new Observed.Word(t.state().name());
        }
        if (t == null && s.listener != null) {
            return switch (f) {
                case "accept_queue" -> Observed.count(s.listener.acceptable());
                case "half_open" -> Observed.count(s.listener.halfOpen());
                case "listen_overflows" -> Observed.count(s.listener.queueOverflows());
                default -> throw ScenarioException.input(path.pos(), "socket " + s.name
                        + " is a listener: state, accept_queue, half_open and listen_overflows are observable on it");
            };
        }
        if (t == null) {
            throw ScenarioException.input(path.pos(), "socket " + s.name + " has no connection (only state is observable on it)");
        }
        return switch (f) {
            case "error" -> new Observed.Word(t.error() == null ? "NONE" : dev.netspec.socket.TcpSockets.errnoOf(t.error()).name());
            case "readable" -> Observed.count(t.readable());
            case "send_space" -> Observed.count(t.sendSpace());
            case "unacknowledged" -> Observed.count(t.unacknowledged());
            case "snd_wnd" -> Observed.count(t.sndWnd());
            case "rcv_wnd" -> Observed.count(t.rcvWndAdvertised());
            case "mss" -> Observed.count(t.sendMss());
            case "cwnd" -> Observed.count(t.cwnd());
            case "ssthresh" -> Observed.count(t.ssthresh());
            case "rto" -> Observed.nanos(t.rtoNs());
            case "srtt" -> Observed.nanos(t.srttNs());
            case "retransmissions" -> Observed.count(t.retransmissions());
            case "segments_sent" -> Observed.count(t.segmentsSent());
            case "segments_received" -> Observed.count(t.segmentsReceived());
            case "challenge_acks" -> Observed.count(t.challengeAcks());
            case "fast_retransmits" -> Observed.count(t.fastRetransmits());
            case "paws_drops" -> Observed.count(t.pawsDrops());
            default -> throw unsupported(path, path.pos());
        };
    }

    private static Observed udpSocketField(Path path, Sock s, String f) {
        s.refresh();
        if (s.udp == null) {
            throw ScenarioException.input(path.pos(), "socket " + s.name + " was never opened");
        }
        return switch (f) {
            case "queued" -> Observed.count(s.udp.queuedDatagrams());
            case "queued_bytes" -> Observed.count(s.udp.queuedBytes());
            case "received" -> Observed.count(s.udp.datagramsReceived());
            case "drops" -> Observed.count(s.udp.receiveBufferDrops());
            case "state" -> new Observed.Word(s.closed ? "CLOSED" : "OPEN");
            default -> throw unsupported(path, path.pos());
        };
    }

    private static Observed udpField(Path path, Host h, String f) {
        NetStats st = h.net().stats();
        return switch (f) {
            case "rx_datagrams" -> Observed.count(h.udpDelivered());
            case "tx_datagrams" -> Observed.count(h.udpSent());
            case "send_failures" -> Observed.count(h.udpSendFailures());
            case "bad_checksum" -> Observed.count(st.malformed(Rejection.UDP_BAD_CHECKSUM));
            case "no_port" -> Observed.count(st.inputDrops(dev.netspec.net.DropReason.UDP_NO_PORT));
            case "buffer_full" -> Observed.count(st.inputDrops(dev.netspec.net.DropReason.UDP_RECEIVE_BUFFER_FULL));
            default -> throw unsupported(path, path.pos());
        };
    }

    private static Observed ipField(Path path, Host h, List<Path.Segment> seg) {
        NetStats st = h.net().stats();
        String f = field(path, seg, 1);
        if (f.equals("dropped")) {
            return Observed.count(h.ledger().dropped().getOrDefault(index(path, seg, 2), 0L));
        }
        return switch (f) {
            case "received" -> Observed.count(st.framesReceived());
            case "delivered" -> Observed.count(st.framesDelivered());
            case "forwarded" -> Observed.count(st.framesForwarded());
            case "originated" -> Observed.count(st.packetsOriginated());
            case "sent" -> Observed.count(st.packetsSent());
            case "input_drops" -> Observed.count(st.inputDropsTotal());
            case "output_drops" -> Observed.count(st.outputDropsTotal());
            case "malformed" -> Observed.count(st.malformedMap().values().stream().mapToLong(Long::longValue).sum());
            default -> throw unsupported(path, path.pos());
        };
    }

    private Observed cpuField(Path path, Host h, String f) {
        var cpu = h.cpu();
        long busy = cpu.busyNs(Priority.USER) + cpu.busyNs(Priority.KERNEL) + cpu.busyNs(Priority.HARDIRQ);
        return switch (f) {
            case "user_time" -> Observed.nanos(cpu.busyNs(Priority.USER));
            case "kernel_time" -> Observed.nanos(cpu.busyNs(Priority.KERNEL));
            case "hardirq_time", "interrupt_time" -> Observed.nanos(cpu.busyNs(Priority.HARDIRQ));
            case "busy_time" -> Observed.nanos(busy);
            case "idle_time" -> Observed.nanos(Math.max(0, topology.network.sim().now() - startNs - busy));
            case "context_switches" -> Observed.count(cpu.contextSwitches());
            case "preemptions" -> Observed.count(cpu.preemptions());
            default -> throw unsupported(path, path.pos());
        };
    }

    private static Observed routeField(Path path, Host h, List<Path.Segment> seg) {
        if (seg.size() == 2 && seg.get(1) instanceof Path.Segment.Field f && f.name().equals("count")) {
            return Observed.count(h.net().routes().routes().size());
        }
        if (seg.size() == 3 && seg.get(1) instanceof Path.Segment.Index idx && seg.get(2) instanceof Path.Segment.Field f) {
            if (!(idx.index() instanceof Value.Ipv4 a)) {
                throw ScenarioException.input(idx.pos(), "a route is looked up by an IPv4 address: route[10.0.0.1]");
            }
            dev.netspec.net.Route r = h.net().routes().lookup(dev.netspec.wire.Ipv4Addr.parse(a.text()));
            return switch (f.name()) {
                case "dev" -> new Observed.Word(r == null ? "NONE" : h.net().interfaceConfig(r.ifIndex()).name());
                case "via" -> new Observed.Word(r == null ? "NONE" : r.gateway() == null ? "DIRECT" : r.gateway().toString());
                default -> throw unsupported(path, f.pos());
            };
        }
        throw unsupported(path, path.pos());
    }

    private static Observed ledgerField(Path path, Ledger l, List<Path.Segment> seg) {
        String f = field(path, seg, 1);
        if (f.equals("dropped") && seg.size() == 3) {
            return Observed.count(l.dropped().getOrDefault(index(path, seg, 2).toLowerCase(Locale.ROOT), 0L));
        }
        return switch (f) {
            case "arrived" -> Observed.count(l.arrived());
            case "originated" -> Observed.count(l.originated());
            case "transmitted" -> Observed.count(l.transmitted());
            case "delivered" -> Observed.count(l.delivered());
            case "queued" -> Observed.count(l.queued());
            case "dropped" -> Observed.count(l.droppedTotal());
            case "balanced" -> Observed.bool(l.balanced());
            default -> throw unsupported(path, path.pos());
        };
    }
}
