package dev.netspec.conform.rx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netspec.conform.RecordedStep;
import dev.netspec.conform.RecordedTrace;
import dev.netspec.driver.Design;
import dev.netspec.driver.DriverConfig;
import dev.netspec.host.Network;
import dev.netspec.nic.NicConfig;
import dev.netspec.sim.CostModel;
import dev.netspec.wire.Ipv4Addr;
import dev.netspec.wire.MacAddr;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The abstraction function on its own: a router driven in Java, its mapped states checked by hand. */
class ReceivePathAbstractionTest {
    private static List<String> labels(RecordedTrace t) {
        return t.steps().stream().map(RecordedStep::label).toList();
    }

    private static RecordedStep first(RecordedTrace t, String label) {
        return t.steps().stream().filter(s -> s.label().equals(label)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + label + " step in " + labels(t)));
    }

    @Test
    void onePacketThroughTheClassicDesignIsMappedStepByStep() {
        RecordedTrace t = OneArmedRouter.record(OneArmedRouter.Params.of(Design.INTERRUPT), 1, 1_000);
        assertEquals(List.of("Arrive", "RxInterrupt", "DriverRx", "IrqExit", "IpInput", "TxStart", "Transmit",
                "TxInterrupt", "TxComplete", "IrqExit"), labels(t));
        Map<String, String> arrive = t.steps().get(0).fields();
        assertEquals("<<1>>", arrive.get("ring"));
        assertEquals("TRUE", arrive.get("irq"), "an unmasked cause is the model's latched irq");
        assertEquals("1", arrive.get("arrived"));
        assertEquals("<<1>>", first(t, "DriverRx").fields().get("ipintrq"));
        assertEquals("<<>>", first(t, "DriverRx").fields().get("ring"));
        assertEquals("TRUE", first(t, "DriverRx").fields().get("irq"), "irq stays set while the handler runs");
        assertEquals("FALSE", first(t, "IrqExit").fields().get("irq"));
        Map<String, String> ip = first(t, "IpInput").fields();
        assertEquals("<<1>>", ip.get("txRing"), "a packet in ifq with a free TX descriptor counts as on the ring");
        assertEquals("<<>>", ip.get("ifq"));
        assertEquals(ip, first(t, "TxStart").fields(), "if_start changes nothing the model sees");
        Map<String, String> sent = first(t, "Transmit").fields();
        assertEquals("<<1>>", sent.get("out"));
        assertEquals("1", sent.get("txSent"));
        Map<String, String> done = first(t, "TxComplete").fields();
        assertEquals("<<>>", done.get("txRing"));
        assertEquals("0", done.get("txSent"));
        assertEquals("FALSE", t.steps().get(t.steps().size() - 1).fields().get("irq"));
        assertEquals("1", t.constants().get("MaxArrivals"));
    }

    @Test
    void thePolledInterruptMasksBothCausesAndSchedulesThePoll() {
        RecordedTrace t = OneArmedRouter.record(OneArmedRouter.Params.of(Design.POLL_QUOTA), 3, 200_000);
        Map<String, String> intr = first(t, "RxInterrupt").fields();
        assertEquals("FALSE", intr.get("rxIntrOn"));
        assertEquals("FALSE", intr.get("txIntrOn"));
        assertEquals("FALSE", intr.get("irq"));
        assertEquals("TRUE", intr.get("polling"));
        assertEquals("2", intr.get("rxLeft"));
        assertEquals("1", first(t, "Poll").fields().get("rxLeft"), "one of the quota's two packets used");
        Map<String, String> last = t.steps().get(t.steps().size() - 1).fields();
        assertEquals("FALSE", last.get("polling"));
        assertEquals("TRUE", last.get("rxIntrOn"));
        assertEquals("2", last.get("rxLeft"));
    }

    @Test
    void napiShowsWhereThePollRunsAndTheBudgetLeft() {
        RecordedTrace t = OneArmedRouter.record(OneArmedRouter.Params.of(Design.NAPI), 8, 1_000_000);
        assertEquals("\"softirq\"", first(t, "RxInterrupt").fields().get("polling"));
        assertEquals("\"ksoftirqd\"", first(t, "NapiDefer").fields().get("polling"), "the budget ran out: ksoftirqd");
        assertEquals("2", first(t, "NapiDefer").fields().get("rxLeft"));
        assertEquals("\"none\"", t.steps().get(t.steps().size() - 1).fields().get("polling"));
        assertEquals("2", t.constants().get("Quota"), "NAPI's Quota is the budget");
    }

    @Test
    void everyPacketEndsOnTheWireOrDroppedWithItsReason() {
        RecordedTrace t = OneArmedRouter.record(OneArmedRouter.Params.of(Design.INTERRUPT), 10, 1_000_000);
        Map<String, String> last = t.steps().get(t.steps().size() - 1).fields();
        assertEquals("10", last.get("arrived"));
        String out = last.get("out");
        String dropped = last.get("dropped");
        for (int p = 1; p <= 10; p++) {
            boolean sent = out.matches(".*[<, ]" + p + "[,>].*");
            boolean lost = dropped.contains("pkt |-> " + p + ",");
            assertTrue(sent ^ lost, "packet " + p + " is sent or dropped, exactly one: out " + out + " dropped " + dropped);
        }
        assertTrue(dropped.contains("\"ring_full\""), dropped);
        assertTrue(dropped.contains("\"ipintrq_full\""), dropped);
        assertEquals("{\"ipintrq_full\", \"ring_full\"}", last.get("dropsSeen"));
    }

    @Test
    void anonymousModeKeepsLengthsOnly() {
        RecordedTrace t = OneArmedRouter.record(OneArmedRouter.Params.of(Design.INTERRUPT), 3, 1_000_000,
                Map.of("MaxArrivals", "0"), Set.of());
        assertEquals("0", t.constants().get("MaxArrivals"));
        assertTrue(t.steps().stream().anyMatch(s -> s.fields().get("ring").equals("<<0, 0>>")));
        Map<String, String> last = t.steps().get(t.steps().size() - 1).fields();
        assertEquals("0", last.get("arrived"));
        assertEquals("<<>>", last.get("out"));
        assertEquals("<<>>", last.get("dropped"));
    }

    @Test
    void constantsComeFromTheRouterAndBindingsMustAgree() {
        OneArmedRouter.Params p = OneArmedRouter.Params.of(Design.POLL_FEEDBACK).withScreend().withQueueCap(4);
        RecordedTrace t = OneArmedRouter.record(p, 1, 1_000, Map.of("Design", "\"poll_feedback\"", "Quota", "2"), Set.of());
        assertEquals(Map.of("Design", "\"poll_feedback\"", "Screend", "TRUE", "RingSize", "4", "TxRingSize", "2",
                "QueueCap", "4", "Quota", "2", "HiWater", "3", "LoWater", "1", "MaxArrivals", "1", "Mutant", "\"none\""),
                t.constants());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OneArmedRouter.record(p, 1, 1_000, Map.of("RingSize", "8"), Set.of()));
        assertTrue(e.getMessage().contains("RingSize = 8") && e.getMessage().contains("RingSize = 4"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> OneArmedRouter.record(p, 1, 1_000, Map.of("Budget", "8"), Set.of()));
        assertTrue(e.getMessage().contains("no constant Budget"), e.getMessage());
    }

    @Test
    void theFirstNicIsTheDeviceAndShapesTheModelDoesNotDescribeAreRejected() {
        Network net = new Network(1);
        var r = net.addRouter("r", CostModel.dec3000());
        DriverConfig dc = DriverConfig.of(Design.POLL_QUOTA);
        r.addInterface("eth0", MacAddr.parse("02:00:00:00:00:01"), Ipv4Addr.parse("10.0.1.1"), 24, NicConfig.defaults(), dc);
        r.addInterface("eth1", MacAddr.parse("02:00:00:00:00:03"), Ipv4Addr.parse("10.0.2.1"), 24, NicConfig.defaults(), dc);
        assertEquals("eth0", RouterShape.find(net).iface().name(), "the first NIC is the device");
        assertTrue(RouterShape.find(net).ownsActor("r.eth0.poll") && RouterShape.find(net).ownsActor("ipintr"));
        assertTrue(!RouterShape.find(net).ownsActor("r.eth1.irq") && !RouterShape.find(net).ownsActor("r.eth1"));

        Network hostsOnly = new Network(1);
        hostsOnly.addHost("h", CostModel.dec3000());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RouterShape.find(hostsOnly));
        assertTrue(e.getMessage().contains("needs a router"), e.getMessage());

        // ReceivePath's NAPI has no per-device weight: a budget above the weight is refused.
        Network n2 = new Network(1);
        var r2 = n2.addHost("r2", CostModel.dec3000(), new dev.netspec.host.Host.Options(64, 64,
                new dev.netspec.driver.Softnet.Limits(3, 3, 100), true));
        r2.addInterface("eth0", MacAddr.parse("02:00:00:00:00:01"), Ipv4Addr.parse("10.0.1.1"), 24, NicConfig.defaults(),
                new DriverConfig(Design.NAPI, 2, 64, 1536));
        e = assertThrows(IllegalArgumentException.class, () -> RouterShape.of(r2));
        assertTrue(e.getMessage().contains("weight 64 below its budget 100"), e.getMessage());
    }
}
