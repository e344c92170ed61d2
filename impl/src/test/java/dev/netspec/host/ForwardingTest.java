package dev.netspec.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netspec.buf.Mbuf;
import dev.netspec.driver.Design;
import dev.netspec.driver.DriverConfig;
import dev.netspec.nic.LinkParams;
import dev.netspec.nic.Nic;
import dev.netspec.nic.NicConfig;
import dev.netspec.nic.PcapWriter;
import dev.netspec.sim.CostModel;
import dev.netspec.wire.Ipv4Addr;
import dev.netspec.wire.Ipv4View;
import dev.netspec.wire.MacAddr;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.function.Consumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The router's forwarding path, the same under every driver design. */
class ForwardingTest {
    static final MacAddr SRC_MAC = MacAddr.parse("02:00:00:00:01:02");
    static final MacAddr R0 = MacAddr.parse("02:00:00:00:01:01");
    static final MacAddr R1 = MacAddr.parse("02:00:00:00:02:01");
    static final MacAddr SINK = MacAddr.parse("02:00:00:00:02:02");

    final class Net {
        final Network net = new Network(11);
        final Host router;
        final Host sink;
        final UdpSink socket;
        final Nic src;
        final ByteArrayOutputStream pcap = new ByteArrayOutputStream();
        final PacketGenerator.Flow flow = new PacketGenerator.Flow(SRC_MAC, R0, Ipv4Addr.parse("10.0.1.2"),
                Ipv4Addr.parse("10.0.2.2"), 1234, 9, 18);

        Net(Design design) throws IOException {
            router = net.addRouter("router", CostModel.dec3000());
            DriverConfig dc = DriverConfig.of(design);
            Iface e0 = router.addInterface("eth0", R0, Ipv4Addr.parse("10.0.1.1"), 24, NicConfig.defaults(), dc);
            Iface e1 = router.addInterface("eth1", R1, Ipv4Addr.parse("10.0.2.1"), 24, NicConfig.defaults(), dc);
            router.addNeighbour(Ipv4Addr.parse("10.0.2.2"), SINK);
            e1.nic().setTap(new PcapWriter(pcap));
            sink = net.addHost("sink", CostModel.dec3000());
            Iface s0 = sink.addInterface("eth0", SINK, Ipv4Addr.parse("10.0.2.2"), 24, NicConfig.defaults(), dc);
            socket = sink.bindUdp(9, 16);
            src = net.addBareNic("src", NicConfig.defaults());
            net.link(src, e0.nic(), LinkParams.ideal(100_000_000L, 1_000));
            net.link(e1.nic(), s0.nic(), LinkParams.ideal(100_000_000L, 1_000));
        }

        /** Sends one generated frame after {@code edit} has changed it. */
        void send(Consumer<Mbuf> edit) {
            PacketGenerator g = new PacketGenerator(net.sim(), src, flow, 1, false);
            Mbuf m = g.frame();
            edit.accept(m);
            src.txRing().post(m);
            src.kickTransmit();
            net.runFor(10_000_000L);
        }

        /** The IPv4 header (as bytes) of the first frame the router sent. */
        Mbuf firstForwarded() {
            byte[] all = pcap.toByteArray();
            int off = 24 + 16 + 14;
            byte[] ip = java.util.Arrays.copyOfRange(all, off, all.length);
            return Mbuf.copyOf(ip);
        }
    }

    @ParameterizedTest
    @EnumSource(Design.class)
    void aDatagramIsForwardedWithTtlDecrementedAndChecksumStillValid(Design d) throws IOException {
        Net n = new Net(d);
        n.send(m -> { });
        assertEquals(1, n.router.forwarded());
        assertEquals(1, n.socket.consumed());
        assertEquals(18, n.socket.bytesConsumed());
        try (Mbuf ip = n.firstForwarded()) {
            Ipv4View v = Ipv4View.wrapUnchecked(ip);
            assertEquals(63, v.ttl(), "64 - 1 (RFC 1812 5.3.1)");
            assertTrue(v.checksumVerifies(), "RFC 1624 incremental update keeps the header checksum right");
        }
        assertTrue(n.router.ledger().balanced(), n.router.ledger().toString());
        assertTrue(n.sink.ledger().balanced(), n.sink.ledger().toString());
    }

    @ParameterizedTest
    @EnumSource(value = Design.class, names = {"INTERRUPT", "POLL_QUOTA"})
    void badPacketsAreDroppedWithTheirReason(Design d) throws IOException {
        Net n = new Net(d);
        n.send(m -> m.setU8(14 + Ipv4View.CHECKSUM, m.getU8(14 + Ipv4View.CHECKSUM) ^ 0x01));
        n.send(m -> {
            try (Mbuf h = m.slice(14, 20)) {
                Ipv4View v = Ipv4View.wrapUnchecked(h);
                v.setTtl(1);
                v.fillChecksum();
            }
        });
        n.send(m -> {
            try (Mbuf h = m.slice(14, 20)) {
                Ipv4View v = Ipv4View.wrapUnchecked(h);
                v.setDestination(Ipv4Addr.parse("192.0.2.1"));
                v.fillChecksum();
            }
        });
        n.send(m -> MacAddr.parse("02:00:00:00:99:99").write(m, 0));
        var dropped = n.router.ledger().dropped();
        assertEquals(1, dropped.get("ipv4_bad_checksum"));
        assertEquals(1, dropped.get("ttl_expired"));
        assertEquals(1, dropped.get("no_route"));
        assertEquals(1, dropped.get("not_our_mac"));
        // RFC 1812 4.3.2: time exceeded and net unreachable go back to the source (after ARP)
        assertEquals(2, n.router.net().stats().icmpErrorsSent());
        assertEquals(0, n.router.forwarded());
        assertTrue(n.router.ledger().balanced(), n.router.ledger().toString());
        n.router.ifaces().forEach(i -> assertEquals(0, i.driver().ifq().size()));
    }
}
