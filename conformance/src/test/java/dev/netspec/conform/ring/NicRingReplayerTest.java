package dev.netspec.conform.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netspec.conform.Explorer;
import dev.netspec.conform.Replayer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** NicRing's actions replayed one ring operation at a time on the stack's NIC and rings. */
class NicRingReplayerTest {
    static final Map<String, String> N3 = Map.of("N", "3", "MaxArrivals", "4", "Mutant", "\"none\"");

    private static Replayer.Replay replay(Map<String, String> c, String... actions) {
        return new NicRingReplayer().replay(c, java.util.Arrays.stream(actions).map(a -> new Replayer.SpecStep(a, Map.of())).toList());
    }

    @Test
    void onePacketThroughBothRings() {
        Replayer.Replay r = replay(N3, "NicReceive", "DriverReceive", "DriverRefill", "DriverTransmit", "NicTransmit",
                "DriverReclaim");
        assertTrue(r.stuck().isEmpty(), r.stuck().toString());
        Map<String, String> afterReceive = r.states().get(0);
        assertEquals("(0 :> 1 @@ 1 :> 0 @@ 2 :> 0)", afterReceive.get("rxBuf"));
        assertEquals("1", afterReceive.get("rdh"));
        assertEquals("<<1>>", r.states().get(1).get("stack"));
        assertEquals("2", r.states().get(1).get("rxClean"));
        assertEquals("0", r.states().get(2).get("rdt"));
        assertEquals("(0 :> 1 @@ 1 :> 0 @@ 2 :> 0)", r.states().get(3).get("txBuf"));
        assertEquals("1", r.states().get(3).get("tdt"));
        assertEquals("<<1>>", r.states().get(4).get("wire"));
        assertEquals("(0 :> TRUE @@ 1 :> FALSE @@ 2 :> FALSE)", r.states().get(4).get("txDD"));
        Map<String, String> end = r.states().get(5);
        assertEquals("(0 :> 0 @@ 1 :> 0 @@ 2 :> 0)", end.get("txBuf"));
        assertEquals("1", end.get("txNext"));
    }

    @Test
    void aFullRxRingMissesTheNextPacket() {
        // N = 3: the driver gave the NIC two buffers; the third packet finds none.
        Replayer.Replay r = replay(N3, "NicReceive", "NicReceive", "NicReceive");
        assertTrue(r.stuck().isEmpty());
        Map<String, String> end = r.states().get(2);
        assertEquals("1", end.get("missed"));
        assertEquals("3", end.get("arrived"));
        assertEquals("(0 :> 1 @@ 1 :> 2 @@ 2 :> 0)", end.get("rxBuf"));
        assertEquals("2", end.get("rdh"));
        assertEquals("2", end.get("rdt"));
    }

    @Test
    void aStepTheRingsRefuseIsStuckWithTheReason() {
        Replayer.Replay r = replay(N3, "DriverReceive");
        assertEquals(List.of(), r.states());
        assertTrue(r.stuck().orElseThrow().contains("not done"), r.stuck().toString());
        assertTrue(replay(N3, "NicTransmit").stuck().orElseThrow().contains("no descriptor queued"));
        assertTrue(replay(N3, "DriverReclaim").stuck().orElseThrow().contains("not been sent"));
        // The rings have N descriptors and the NIC owns N - 1: one refill fits (the kept-back descriptor), a second does not.
        assertTrue(replay(N3, "DriverRefill", "DriverRefill").stuck().orElseThrow().contains("not free"));
        assertTrue(replay(N3, "Teleport").stuck().orElseThrow().contains("no action Teleport"));
    }

    @Test
    void randomNicRingBehavioursReplayOnTheStack() throws Exception {
        // N = 3, 4 packets: small rings fill and wrap within 30 steps, so walks hit every action.
        Path spec = Path.of(System.getProperty("netspec.root", ".."), "spec");
        List<Explorer.Walk> walks = new Explorer(spec).simulate("NicRing", N3, 15, 30, 11);
        assertEquals(15, walks.size());
        Set<String> actions = new TreeSet<>();
        for (Explorer.Walk w : walks) {
            w.steps().forEach(s -> actions.add(s.action()));
            Optional<Explorer.Disagreement> d = Explorer.compare(new NicRingReplayer(), N3, w);
            assertTrue(d.isEmpty(), () -> "walk " + w.steps().stream().map(Replayer.SpecStep::action).toList()
                    + " disagrees: " + d.get());
        }
        assertEquals(Set.of("DriverReceive", "DriverRefill", "DriverTransmit", "DriverReclaim", "NicReceive", "NicTransmit"),
                actions);
    }

    @Test
    void mutantsAreNotTheStacks() {
        Replayer.Replay r = replay(Map.of("N", "3", "MaxArrivals", "4", "Mutant", "\"reclaim_unsent\""), "NicReceive");
        assertTrue(r.stuck().orElseThrow().contains("no mutant reclaim_unsent"), r.stuck().toString());
    }
}
