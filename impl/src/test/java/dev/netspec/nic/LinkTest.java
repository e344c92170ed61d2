package dev.netspec.nic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netspec.buf.Mbuf;
import dev.netspec.buf.MbufPool;
import dev.netspec.sim.Simulator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Link speed and delay, and seeded faults that never create or lose frames uncounted. */
class LinkTest {
    private record Run(Nic a, Nic b, Link link, List<Integer> order, MbufPool pool) { }

    /** Sends {@code n} numbered frames a -> b with the receiver draining its ring as frames arrive. */
    private static Run send(long seed, LinkParams params, int n) {
        Simulator sim = new Simulator(seed);
        MbufPool pool = new MbufPool(4096, 4096);
        Nic a = new Nic(sim, "a", new NicConfig(4, 4, 0));
        Nic b = new Nic(sim, "b", new NicConfig(4, 4, 0));
        Link link = Link.connect(sim, a, b, params);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            b.rxRing().post(pool.tryAllocate(0, 1600));
        }
        b.setInterruptHandler(() -> {
            b.readAndClearCause();
            while (b.rxRing().hasDone()) {
                try (Mbuf m = b.rxRing().take()) {
                    order.add(m.getU16(0));
                }
                b.rxRing().post(pool.tryAllocate(0, 1600));
            }
        });
        b.enableInterrupts(Nic.ICR_RX);
        a.setInterruptHandler(() -> {
            a.readAndClearCause();
            while (a.txRing().hasSent()) {
                a.txRing().reclaim();
            }
        });
        a.enableInterrupts(Nic.ICR_TX);
        int[] next = {0};
        // a feeder that keeps a's TX ring full
        Runnable[] feed = new Runnable[1];
        feed[0] = () -> {
            while (next[0] < n && a.txRing().canPost()) {
                Mbuf m = pool.tryAllocate(0, 100);
                m.append(100);
                m.setU16(0, next[0]++);
                a.txRing().post(m);
            }
            a.kickTransmit();
            if (next[0] < n) {
                sim.schedule(1_000, feed[0]);
            }
        };
        feed[0].run();
        sim.runToCompletion();
        return new Run(a, b, link, order, pool);
    }

    @Test
    void anIdealLinkDeliversEverythingInOrderAtLineRate() {
        Run r = send(1, LinkParams.ideal(10_000_000L, 5_000), 50);
        assertEquals(50, r.order().size());
        for (int i = 0; i < 50; i++) {
            assertEquals(i, r.order().get(i));
        }
        // 100-byte frames: (100 + 24) * 8 bits at 10 Mb/s = 99.2 us each.
        assertEquals(99_200, LinkParams.ideal(10_000_000L, 0).transmitNs(100));
    }

    @Test
    void faultsAreCountedAndConserveFrames() {
        LinkParams faulty = LinkParams.ideal(100_000_000L, 2_000).withFaults(0.1, 0.1, 0.2, 50_000, 0.1);
        Run r = send(99, faulty, 2_000);
        Link.Direction d = r.link().from(r.a());
        assertEquals(2_000, d.sent());
        assertEquals(0, d.inFlight());
        assertEquals(d.sent() + d.duplicated(), d.delivered() + d.lost(), "sent + duplicated = delivered + lost");
        assertTrue(d.lost() > 100 && d.duplicated() > 100 && d.reordered() > 200 && d.corrupted() > 100,
                "each fault happens at roughly its rate: " + d.lost() + " " + d.duplicated() + " " + d.reordered() + " " + d.corrupted());
        Nic b = r.b();
        assertEquals(d.delivered(), b.rxFrames());
        assertEquals(b.rxFrames(), b.rxDma() + b.rxMissed() + b.rxFcsErrors() + b.rxTooLong());
        assertEquals(d.corrupted(), b.rxFcsErrors(), "every corrupted frame is caught by the FCS");
        assertEquals(b.rxDma(), r.order().size());
        boolean outOfOrder = false;
        for (int i = 1; i < r.order().size(); i++) {
            outOfOrder |= r.order().get(i) < r.order().get(i - 1);
        }
        assertTrue(outOfOrder, "reordering shows up at the receiver");
        b.rxRing().drain();
        r.pool().checkNoLeaks();
    }

    @Test
    void theSameSeedGivesTheSameFaultsAndAnotherSeedOthers() {
        LinkParams faulty = LinkParams.ideal(100_000_000L, 2_000).withFaults(0.1, 0.1, 0.2, 50_000, 0.1);
        List<Integer> one = send(5, faulty, 500).order();
        assertEquals(one, send(5, faulty, 500).order());
        assertNotEquals(one, send(6, faulty, 500).order());
    }

    @Test
    void badParametersAreRejectedWithAClearMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LinkParams.ideal(1_000, 0).withFaults(1.5, 0, 0, 0, 0));
        assertTrue(e.getMessage().contains("[0, 1]"));
        assertThrows(IllegalArgumentException.class, () -> LinkParams.ideal(0, 0));
    }
}
