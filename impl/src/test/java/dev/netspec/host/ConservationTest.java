package dev.netspec.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.netspec.driver.Design;
import dev.netspec.livelock.Curve;
import dev.netspec.livelock.LivelockExperiment;
import dev.netspec.nic.Link;
import dev.netspec.nic.LinkParams;
import dev.netspec.sim.CostModel;
import org.junit.jupiter.api.Test;

/**
 * Whatever the link does (lose, duplicate, reorder, corrupt) and whatever the driver design and
 * load, every frame that reaches the router is accounted for: dropped under a named reason,
 * transmitted, or still queued inside it. Corrupted frames are caught by the FCS check and counted.
 */
class ConservationTest {
    private static final LinkParams FAULTY = LinkParams.ideal(100_000_000L, 1_000)
            .withFaults(0.05, 0.05, 0.1, 200_000, 0.05);

    @Test
    void faultyInputLinkUnderOverloadStillConservesPackets() {
        for (Design d : Design.values()) {
            for (boolean screend : new boolean[] {false, true}) {
                LivelockExperiment.Setup s = LivelockExperiment.build(3, new Curve(d, screend), 12_000,
                        CostModel.dec3000(), true, FAULTY);
                s.generator().start(60_000_000L);
                s.net().runFor(70_000_000L);
                Ledger l = s.router().ledger();
                assertTrue(l.balanced(), d + " screend=" + screend + ": " + l);
                Link.Direction in = s.net().links().get(0).from(s.generatorNic());
                assertTrue(in.corrupted() > 0 && in.lost() > 0 && in.duplicated() > 0 && in.reordered() > 0);
                assertEquals(in.corrupted(), l.dropped().getOrDefault("bad_fcs", 0L),
                        "every corrupted frame is caught by the FCS and counted");
                // the router also sends on eth1, but only the input link delivers to it
                assertEquals(in.delivered(), l.arrived(), "arrivals at the router are what the link delivered");
                assertTrue(s.sink().ledger().balanced(), s.sink().ledger().toString());
            }
        }
    }

    @Test
    void conservationHoldsForAnySeedDesignAndLoad() {
        qt().withExamples(12).withShrinkCycles(0).forAll(
                longs().between(0, 1_000_000), integers().between(0, Design.values().length - 1),
                integers().between(500, 30_000))
                .checkAssert((seed, di, rate) -> {
                    Curve c = new Curve(Design.values()[di], seed % 2 == 0);
                    LivelockExperiment.Setup s = LivelockExperiment.build(seed, c, rate, CostModel.dec3000(), true, FAULTY);
                    s.generator().start(15_000_000L);
                    s.net().runFor(15_000_000L + seed % 5_000_000L); // stop mid-flight too
                    assertTrue(s.router().ledger().balanced(), c + " @" + rate + ": " + s.router().ledger());
                });
    }
}
