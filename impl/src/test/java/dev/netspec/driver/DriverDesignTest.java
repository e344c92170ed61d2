package dev.netspec.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netspec.host.Host;
import dev.netspec.livelock.Curve;
import dev.netspec.livelock.LivelockExperiment;
import dev.netspec.sim.CostModel;
import dev.netspec.sim.Priority;
import org.junit.jupiter.api.Test;

/** What distinguishes the designs, seen in counters of a router under low and high load. */
class DriverDesignTest {
    private static LivelockExperiment.Setup run(Design d, boolean screend, double rate, long ns) {
        LivelockExperiment.Setup s = LivelockExperiment.build(5, new Curve(d, screend), rate, CostModel.dec3000(), false);
        s.generator().start(ns);
        s.net().runFor(ns);
        return s;
    }

    @Test
    void interruptDrivenTakesAnInterruptPerPacketAtLowLoadAndUsesIpintrq() {
        LivelockExperiment.Setup s = run(Design.INTERRUPT, false, 1_000, 100_000_000L);
        long packets = s.in().nic().rxFrames();
        assertTrue(packets >= 99, "100 ms at 1000 pkts/s");
        assertEquals(packets, s.in().nic().interrupts(), "one receive interrupt per packet");
        assertEquals(s.router().forwarded(), s.out().nic().interrupts() + (s.out().nic().txRing().sentCount()),
                "one transmit interrupt per packet sent");
        assertTrue(s.router().softnet().ipintrq().highWater() >= 1);
        assertEquals(0, s.router().cpu().busyNs(Priority.USER));
    }

    @Test
    void interruptDrivenUnderOverloadSpendsTheCpuInTheHandlerAndDropsAtIpintrq() {
        LivelockExperiment.Setup s = run(Design.INTERRUPT, false, 25_000, 100_000_000L);
        Host r = s.router();
        assertTrue(r.drops().get(DropReason.IPINTRQ_FULL) > 1_000, r.drops().toString());
        assertTrue(r.cpu().busyNs(Priority.HARDIRQ) > 0.9 * 100_000_000L, "livelock: the handler owns the CPU");
    }

    @Test
    void pollingTurnsInterruptsOffUnderLoad() {
        for (Design d : new Design[] {Design.POLL_QUOTA, Design.POLL_NOQUOTA, Design.NAPI}) {
            LivelockExperiment.Setup s = run(d, false, 20_000, 100_000_000L);
            long packets = s.in().nic().rxFrames();
            assertTrue(s.in().nic().interrupts() < packets / 100,
                    d + ": " + s.in().nic().interrupts() + " interrupts for " + packets + " packets");
            assertTrue(s.in().driver().polling(), d + " is still polling at the end");
            assertEquals(0, s.router().softnet().ipintrq().highWater(), "no ipintrq in the polled designs");
        }
    }

    @Test
    void withoutQuotaTheOutputRingIsNeverReclaimedUnderOverload() {
        LivelockExperiment.Setup s = run(Design.POLL_NOQUOTA, false, 20_000, 100_000_000L);
        var tx = s.out().nic().txRing();
        assertEquals(tx.size(), tx.sentCount(), "every TX descriptor is sent and waits for a reclaim that never comes");
        assertFalse(tx.canPost());
        assertEquals(s.router().softnet().limits().ifq(), s.out().driver().ifq().size(), "ifq is full");
        assertTrue(s.router().ledger().dropped().getOrDefault(DropReason.IFQ_FULL, 0L) > 0);
    }

    @Test
    void withQuotaTransmitKeepsUp() {
        LivelockExperiment.Setup s = run(Design.POLL_QUOTA, false, 20_000, 100_000_000L);
        assertEquals(0, s.router().ledger().dropped().getOrDefault(DropReason.IFQ_FULL, 0L));
        assertTrue(s.out().driver().completed() > 500);
    }

    @Test
    void feedbackKeepsScreendsQueueBelowItsLimitAndInputStopsWhileItIsHigh() {
        LivelockExperiment.Setup s = run(Design.POLL_FEEDBACK, true, 10_000, 100_000_000L);
        Host r = s.router();
        assertEquals(0, r.drops().get(DropReason.SCREENDQ_FULL));
        assertTrue(s.in().nic().rxMissed() > 0, "excess dropped by the NIC (ring_full) while input is stopped");
        assertTrue(r.screened() > 150, "screend keeps working: " + r.screened());
        LivelockExperiment.Setup nf = run(Design.POLL_QUOTA, true, 10_000, 100_000_000L);
        assertTrue(nf.router().drops().get(DropReason.SCREENDQ_FULL) > 0, "without feedback the queue overflows");
    }

    @Test
    void napiDefersToKsoftirqdWhenTheBudgetRunsOut() {
        LivelockExperiment.Setup s = run(Design.NAPI, false, 20_000, 100_000_000L);
        assertTrue(s.router().softnet().napiDeferred());
        assertTrue(s.router().cpu().busyNs(Priority.USER) > 50_000_000L, "ksoftirqd runs at user priority");
    }

    @Test
    void anEmptyBufferPoolDropsFramesButNeverEmptiesTheRing() {
        dev.netspec.host.Network net = new dev.netspec.host.Network(1);
        Host r = net.addHost("r", CostModel.dec3000(), new Host.Options(16, 64, Softnet.Limits.defaults(), true));
        var e0 = r.addInterface("eth0", dev.netspec.wire.MacAddr.parse("02:00:00:00:00:01"),
                dev.netspec.wire.Ipv4Addr.parse("10.0.0.1"), 24, dev.netspec.nic.NicConfig.defaults(),
                DriverConfig.of(Design.INTERRUPT));
        r.addInterface("eth1", dev.netspec.wire.MacAddr.parse("02:00:00:00:00:02"),
                dev.netspec.wire.Ipv4Addr.parse("10.0.1.1"), 24, dev.netspec.nic.NicConfig.defaults(),
                DriverConfig.of(Design.INTERRUPT));
        var gen = net.addBareNic("gen", dev.netspec.nic.NicConfig.defaults());
        net.link(gen, e0.nic(), dev.netspec.nic.LinkParams.ideal(100_000_000L, 0));
        var pg = new dev.netspec.host.PacketGenerator(net.sim(), gen, new dev.netspec.host.PacketGenerator.Flow(
                dev.netspec.wire.MacAddr.parse("02:00:00:00:00:09"), dev.netspec.wire.MacAddr.parse("02:00:00:00:00:01"),
                dev.netspec.wire.Ipv4Addr.parse("10.0.0.2"), dev.netspec.wire.Ipv4Addr.parse("10.0.1.2"), 1, 9, 18),
                1_000, false);
        pg.start(50_000_000L);
        net.runFor(60_000_000L);
        assertTrue(r.drops().get(DropReason.NO_MBUF) >= 49, r.drops().toString());
        assertEquals(32, e0.nic().rxRing().nicOwned(), "every slot still has a buffer for the NIC");
        assertTrue(r.ledger().balanced(), r.ledger().toString());
    }

    @Test
    void interruptModerationBatchesPacketsPerInterruptButDoesNotPreventLivelock() {
        dev.netspec.nic.NicConfig moderated = new dev.netspec.nic.NicConfig(32, 32, 500_000);
        LivelockExperiment.Setup s = LivelockExperiment.build(5, new Curve(Design.INTERRUPT, false), 4_000,
                CostModel.dec3000(), false, dev.netspec.nic.LinkParams.ideal(100_000_000L, 1_000), moderated);
        s.generator().start(100_000_000L);
        s.net().runFor(100_000_000L);
        long packets = s.in().nic().rxFrames();
        assertTrue(s.in().nic().interrupts() <= 201, "at most one interrupt per 0.5 ms: " + s.in().nic().interrupts());
        assertTrue(s.router().forwarded() >= packets - 40, "still forwards everything at 4,000 pkts/s");
        // Moderation delays interrupts; the handler still loops at HARDIRQ while frames arrive.
        LivelockExperiment.Setup over = LivelockExperiment.build(5, new Curve(Design.INTERRUPT, false), 25_000,
                CostModel.dec3000(), false, dev.netspec.nic.LinkParams.ideal(100_000_000L, 1_000), moderated);
        over.generator().start(100_000_000L);
        over.net().runFor(100_000_000L);
        assertTrue(over.router().forwarded() < 100, "livelocked: " + over.router().forwarded());
    }

    @Test
    void designsParseByTheirSpecNames() {
        for (Design d : Design.values()) {
            assertEquals(d, Design.parse(d.label()));
        }
        assertThrows(IllegalArgumentException.class, () -> Design.parse("POLL_QUOTA"));
        assertThrows(IllegalArgumentException.class, () -> DriverConfig.of(Design.POLL_QUOTA).withQuota(0));
    }
}
