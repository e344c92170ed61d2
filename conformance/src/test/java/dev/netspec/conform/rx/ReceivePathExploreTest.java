package dev.netspec.conform.rx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netspec.conform.Conformance;
import dev.netspec.conform.Explorer;
import dev.netspec.conform.Replayer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Spec to stack over TLC's random walks (what {@code netspec explore --spec ReceivePath} does, with
 * the module's explore constants: NAPI, a router, four numbered packets): every walk replays on the
 * Java stack with the same abstract state after every step. This pins the NAPI schedule both sides
 * now share (conformance/DIVERGENCES.md, "TX cleaning between receives"): each poll cleans the TX
 * ring once, first, then receives up to the budget. Before that decision 7 walks of 10 disagreed
 * at a NapiPollTx.
 */
class ReceivePathExploreTest {
    @Test
    void everyWalkOfFixedSeedsReplaysOnTheStack() throws Exception {
        Conformance.Module m = Conformance.module("ReceivePath").orElseThrow();
        Map<String, String> k = m.exploreConstants();
        Explorer explorer = new Explorer(TlcTraceCheck.specDir());
        List<String> disagreements = new ArrayList<>();
        int steps = 0;
        int txPasses = 0;
        int repolls = 0;
        for (long seed : new long[] {1, 2}) {
            List<Explorer.Walk> walks = explorer.simulate("ReceivePath", k, 12, 20, seed);
            assertEquals(12, walks.size());
            for (Explorer.Walk w : walks) {
                steps += w.steps().size();
                for (Replayer.SpecStep s : w.steps()) {
                    txPasses += s.action().equals("NapiPollTx") ? 1 : 0;
                    repolls += s.action().equals("NapiRepoll") ? 1 : 0;
                }
                Optional<Explorer.Disagreement> d = Explorer.compare(m.replayer().get(), k, w);
                d.ifPresent(x -> disagreements.add("seed " + seed + ": " + x + " in "
                        + w.steps().stream().map(Replayer.SpecStep::action).toList()));
            }
        }
        assertEquals(List.of(), disagreements);
        // The walks do exercise the schedule in question, not only arrivals.
        assertTrue(steps >= 300, "only " + steps + " steps");
        assertTrue(txPasses >= 20, "only " + txPasses + " TX passes");
        assertTrue(repolls >= 1, "no walk polled again for TX work left");
    }
}
