package dev.netspec.host;

import dev.netspec.buf.Mbuf;
import dev.netspec.nic.Nic;
import dev.netspec.sim.Simulator;
import dev.netspec.wire.EthernetHeader;
import dev.netspec.wire.EthernetView;
import dev.netspec.wire.Ipv4Addr;
import dev.netspec.wire.Ipv4Header;
import dev.netspec.wire.Ipv4View;
import dev.netspec.wire.MacAddr;
import dev.netspec.wire.UdpHeader;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * A hardware packet generator on a bare NIC: it writes UDP/IPv4/Ethernet frames straight into the
 * NIC's TX ring at a given rate, using no simulated CPU (the paper drove its router from separate
 * source hosts). Interarrival times are exponential (Poisson arrivals, seeded) or constant.
 * Frames it could not queue because the TX ring was full are counted as {@link #overruns()}.
 */
public final class PacketGenerator {
    /** Addresses and sizes of the generated flow. */
    public record Flow(MacAddr srcMac, MacAddr dstMac, Ipv4Addr src, Ipv4Addr dst, int srcPort, int dstPort,
            int payloadBytes) {
        public Flow {
            if (payloadBytes < 0 || payloadBytes > 1472) {
                throw new IllegalArgumentException("UDP payload must be 0..1472 bytes, got " + payloadBytes);
            }
        }
    }

    private final Simulator sim;
    private final Nic nic;
    private final Flow flow;
    private final double packetsPerSecond;
    private final boolean poisson;
    private final RandomGenerator random;
    private long stopAtNs = Long.MAX_VALUE;
    private long generated;
    private long overruns;
    private int ident;

    public PacketGenerator(Simulator sim, Nic nic, Flow flow, double packetsPerSecond, boolean poisson) {
        if (!(packetsPerSecond > 0)) {
            throw new IllegalArgumentException("rate must be positive, got " + packetsPerSecond);
        }
        this.sim = Objects.requireNonNull(sim, "sim");
        this.nic = Objects.requireNonNull(nic, "nic");
        this.flow = Objects.requireNonNull(flow, "flow");
        this.packetsPerSecond = packetsPerSecond;
        this.poisson = poisson;
        this.random = sim.newRandom();
    }

    /** Starts generating now, until {@code stopAtNs} (exclusive). */
    public void start(long stopAtNs) {
        this.stopAtNs = stopAtNs;
        sim.schedule(gap(), this::emit);
    }

    private long gap() {
        double mean = 1e9 / packetsPerSecond;
        double g = poisson ? -Math.log(1 - random.nextDouble()) * mean : mean;
        return Math.max(1, Math.round(g));
    }

    private void emit() {
        if (sim.now() >= stopAtNs) {
            return;
        }
        while (nic.txRing().hasSent()) {
            nic.txRing().reclaim();
        }
        generated++;
        if (nic.txRing().canPost()) {
            nic.txRing().post(frame());
            nic.kickTransmit();
        } else {
            overruns++;
        }
        sim.schedule(gap(), this::emit);
    }

    /** One UDP datagram in an Ethernet frame with correct IPv4 and UDP checksums. */
    Mbuf frame() {
        Mbuf m = Mbuf.unpooled(EthernetView.HEADER_LEN + Ipv4View.MIN_HEADER_LEN + 8, flow.payloadBytes());
        m.append(flow.payloadBytes());
        new UdpHeader(flow.srcPort(), flow.dstPort(), flow.payloadBytes()).prependTo(m, flow.src(), flow.dst());
        Ipv4Header.of(flow.src(), flow.dst(), Ipv4View.PROTO_UDP, ident++ & 0xFFFF, 8 + flow.payloadBytes())
                .prependTo(m);
        EthernetHeader.of(flow.dstMac(), flow.srcMac(), EthernetView.TYPE_IPV4).prependTo(m);
        return m;
    }

    /** Packets the generator tried to send (its offered load). */
    public long generated() {
        return generated;
    }

    /** Packets not sent because the generator's own TX ring was full (link too slow for the rate). */
    public long overruns() {
        return overruns;
    }
}
