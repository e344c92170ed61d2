package dev.netspec.conform.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netspec.conform.Abstraction;
import dev.netspec.conform.RecordedStep;
import dev.netspec.conform.RecordedTrace;
import dev.netspec.driver.Design;
import dev.netspec.driver.DriverConfig;
import dev.netspec.host.Host;
import dev.netspec.host.Iface;
import dev.netspec.host.Network;
import dev.netspec.nic.NicConfig;
import dev.netspec.sim.CostModel;
import dev.netspec.wire.Ipv4Addr;
import dev.netspec.wire.MacAddr;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The abstraction on a router built in code: what it records, and the shapes it refuses. */
class NicRingAbstractionTest {

    /** A router receiving on eth0 (RX ring rx) and forwarding 10.9.0.0/24 out of eth1 (TX ring tx). */
    static Host router(Network net, int rx, int tx) {
        Host r = net.addHost("r", CostModel.dec3000(), Host.Options.router());
        r.addInterface("eth0", MacAddr.parse("02:00:00:00:00:01"), Ipv4Addr.parse("10.1.0.1"), 24, new NicConfig(rx, 1, 0),
                DriverConfig.of(Design.NAPI));
        Iface eth1 = r.addInterface("eth1", MacAddr.parse("02:00:00:00:00:02"), Ipv4Addr.parse("10.2.0.1"), 24,
                new NicConfig(1, tx, 0), DriverConfig.of(Design.NAPI));
        r.addRoute(Ipv4Addr.parse("10.9.0.0"), 24, eth1, Ipv4Addr.parse("10.2.0.2"));
        r.addNeighbour(Ipv4Addr.parse("10.2.0.2"), MacAddr.parse("02:00:00:00:02:01"));
        return r;
    }

    /** A valid IPv4 frame from 10.1.0.2 to 10.9.0.9 addressed to {@code mac}: the replayer's frame with a checksum. */
    static byte[] frameTo(MacAddr mac, int id) {
        byte[] b = NicRingReplayer.Bench.frame(id);
        for (int i = 0; i < 6; i++) {
            b[i] = (byte) (mac.bits() >>> (8 * (5 - i)));
        }
        long sum = 0;
        for (int i = 14; i < 34; i += 2) {
            sum += ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
        }
        while (sum >> 16 != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        int check = (int) (~sum & 0xffff);
        b[24] = (byte) (check >> 8);
        b[25] = (byte) check;
        return b;
    }

    @Test
    void onePacketIsRecordedThroughBothRings() {
        Network net = new Network(1);
        Host r = router(net, 2, 2);
        Abstraction.Recording rec = new NicRingAbstraction().attach(r, Map.of());
        r.iface("eth0").nic().receiveFromWire(frameTo(r.iface("eth0").mac(), 7));
        net.sim().runUntil(1_000_000);
        RecordedTrace t = rec.finish("one");
        assertEquals(Map.of("N", "3", "MaxArrivals", "1", "Mutant", "\"none\""), t.constants());
        assertEquals("2", t.initial().get("rdt"));
        List<String> labels = t.steps().stream().map(RecordedStep::label).toList();
        // Arrive, then the NAPI interrupt, the poll (take and refill), if_start, the NIC's transmit,
        // the TX interrupt and cleaning pass: each ring action once, in the order NicRing allows.
        assertEquals("Arrive", labels.get(0));
        assertTrue(labels.indexOf("Poll") < labels.indexOf("TxStart"), labels.toString());
        assertTrue(labels.indexOf("TxStart") < labels.indexOf("Transmit"), labels.toString());
        assertTrue(labels.indexOf("Transmit") < labels.lastIndexOf("TxComplete"), labels.toString());
        assertTrue(NicRingAbstraction.LABELS.containsAll(labels), labels.toString());
        Map<String, String> afterPoll = t.steps().get(labels.indexOf("Poll")).fields();
        assertEquals("<<1>>", afterPoll.get("stack"));
        assertEquals("1", afterPoll.get("rxNext"));
        assertEquals("0", afterPoll.get("rdt"));
        Map<String, String> end = t.steps().get(t.steps().size() - 1).fields();
        assertEquals("<<1>>", end.get("wire"));
        assertEquals("<<>>", end.get("stack"));
        assertEquals("(0 :> 0 @@ 1 :> 0 @@ 2 :> 0)", end.get("txBuf"));
        assertEquals("1", end.get("txNext"));
    }

    @Test
    void aBadFrameNeverReachesTheRingAndIsNotRecorded() {
        Network net = new Network(1);
        Host r = router(net, 2, 2);
        Abstraction.Recording rec = new NicRingAbstraction().attach(r, Map.of());
        r.iface("eth0").nic().receiveFromWire(new byte[3000]); // longer than the RX buffers
        assertEquals(List.of(), rec.finish("long").steps());
    }

    @Test
    void shapesNicRingCannotModelAreRefusedWithAReason() {
        IllegalArgumentException sizes = assertThrows(IllegalArgumentException.class,
                () -> new NicRingAbstraction().attach(router(new Network(1), 4, 2), Map.of()));
        assertTrue(sizes.getMessage().contains("rx_ring 4") && sizes.getMessage().contains("tx_ring 2"), sizes.getMessage());
        Network net = new Network(1);
        Host one = net.addHost("h", CostModel.dec3000(), Host.Options.router());
        one.addInterface("eth0", MacAddr.parse("02:00:00:00:00:01"), Ipv4Addr.parse("10.1.0.1"), 24, new NicConfig(2, 2, 0),
                DriverConfig.of(Design.NAPI));
        IllegalArgumentException ifaces = assertThrows(IllegalArgumentException.class,
                () -> new NicRingAbstraction().attach(one, Map.of()));
        assertTrue(ifaces.getMessage().contains("1 interface"), ifaces.getMessage());
    }

    @Test
    void boundConstantsMustAgreeWithTheRouter() {
        IllegalArgumentException n = assertThrows(IllegalArgumentException.class,
                () -> NicRingAbstraction.constants(5, Map.of("N", "4")));
        assertTrue(n.getMessage().contains("N = 5"), n.getMessage());
        assertThrows(IllegalArgumentException.class, () -> NicRingAbstraction.constants(5, Map.of("RingSize", "4")));
        assertEquals(Map.of("N", "5", "MaxArrivals", "9", "Mutant", "\"none\""),
                NicRingAbstraction.constants(5, Map.of("N", "5", "MaxArrivals", "9", "Mutant", "none")));
    }
}
