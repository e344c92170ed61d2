package dev.netspec.conform.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netspec.conform.Explorer;
import dev.netspec.conform.Replayer;
import dev.netspec.fault.Fault;
import dev.netspec.fault.Faults;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Model to stack: random Tcp behaviours from TLC's simulation replayed on two Java TCBs agree with
 * the model state by state, and with TIME-WAIT skipped in the stack a behaviour that goes through
 * TIME-WAIT does not.
 */
class TcpReplayerTest {
    private static final Path SPEC = Path.of(System.getProperty("netspec.root", ".."), "spec");

    /** Orderly users, no loss: behaviours that open, exchange and close. */
    private static final Map<String, String> ORDERLY = TcpRecorder.constants(Map.of(
            "MaxData", "1", "OrderlyUsers", "TRUE", "MaxLoss", "0", "MaxDup", "0"));

    @Test
    void randomBehavioursReplayOnTheStack() throws Exception {
        Map<String, String> c = TcpModel.defaults();
        List<Explorer.Walk> walks = new Explorer(SPEC).simulate("Tcp", c, 12, 20, 3);
        assertFalse(walks.isEmpty());
        for (Explorer.Walk w : walks) {
            Optional<Explorer.Disagreement> d = Explorer.compare(new TcpReplayer(), c, w);
            assertTrue(d.isEmpty(), () -> "walk " + w.steps().stream().map(Replayer.SpecStep::action)
                    .toList() + " disagrees: " + d.get());
        }
    }

    @Test
    void skippingTimeWaitIsCaughtByReplay() throws Exception {
        List<Explorer.Walk> walks = new Explorer(SPEC).simulate("Tcp", ORDERLY, 30, 30, 5);
        List<Explorer.Walk> throughTimeWait = new ArrayList<>();
        for (Explorer.Walk w : walks) {
            if (w.steps().stream().anyMatch(s -> s.action().equals("TimeWaitTimeout"))) {
                throughTimeWait.add(w);
            }
        }
        assertFalse(throughTimeWait.isEmpty(), "no simulated behaviour reached TIME-WAIT's end");
        for (Explorer.Walk w : throughTimeWait) {
            assertEquals(Optional.empty(), Explorer.compare(new TcpReplayer(), ORDERLY, w));
            Optional<Explorer.Disagreement> d = Faults.with(EnumSet.of(Fault.TIME_WAIT_SKIPPED),
                    () -> Explorer.compare(new TcpReplayer(), ORDERLY, w));
            assertTrue(d.isPresent(), "time_wait_skipped went unnoticed");
        }
    }

    @Test
    void aStepTheStackCannotTakeIsStuck() {
        Replayer.Replay r = new TcpReplayer().replay(TcpModel.defaults(), List.of(
                new Replayer.SpecStep("Transmit", Map.of("state", "[A |-> \"CLOSED\", B |-> \"CLOSED\"]",
                        "tcb", TcpModel.perEnd(TcpModel.AbstractTcb.none(0).toTla(),
                                TcpModel.AbstractTcb.none(0).toTla()).replace("opens |-> 0", "opens |-> 1"),
                        "chan", "[A |-> <<>>, B |-> <<>>]"))));
        assertTrue(r.stuck().isPresent());
        assertTrue(r.states().isEmpty());
    }

    @Test
    void unknownConstantsAreRefused() {
        Set<String> names = TcpModel.defaults().keySet();
        assertEquals(10, names.size());
        try {
            TcpRecorder.constants(Map.of("Windows", "4"));
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage().contains("Tcp has no constant Windows"));
            return;
        }
        throw new AssertionError("an unknown constant was accepted");
    }
}
