package dev.netspec.conform.rx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netspec.conform.Replayer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ReceivePath behaviours (TLC's action names) replayed on a Java router. */
class ReceivePathReplayerTest {
    static Map<String, String> constants(String design, int quota) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("Design", "\"" + design + "\"");
        c.put("Screend", "FALSE");
        c.put("RingSize", "2");
        c.put("TxRingSize", "1");
        c.put("QueueCap", "2");
        c.put("Quota", Integer.toString(quota));
        c.put("HiWater", "1");
        c.put("LoWater", "0");
        c.put("MaxArrivals", "3");
        c.put("Mutant", "\"none\"");
        return c;
    }

    static List<Replayer.SpecStep> steps(String... actions) {
        List<Replayer.SpecStep> l = new ArrayList<>();
        for (String a : actions) {
            l.add(new Replayer.SpecStep(a, Map.of()));
        }
        return l;
    }

    @Test
    void theClassicDesignFollowsABehaviourStepByStep() {
        Replayer.Replay r = new ReceivePathReplayer().replay(constants("interrupt", 2), steps("Arrive", "RxInterrupt",
                "InterruptReturn", "IpInput", "Transmit", "TxInterrupt", "InterruptReturn"));
        assertTrue(r.stuck().isEmpty(), r.stuck().toString());
        List<Map<String, String>> s = r.states();
        assertEquals("<<1>>", s.get(0).get("ring"));
        assertEquals("TRUE", s.get(0).get("irq"));
        assertEquals("<<1>>", s.get(1).get("ipintrq"));
        assertEquals("FALSE", s.get(2).get("irq"));
        assertEquals("<<1>>", s.get(3).get("txRing"));
        assertEquals("<<1>>", s.get(4).get("out"));
        assertEquals("1", s.get(4).get("txSent"));
        assertEquals("<<>>", s.get(5).get("txRing"));
        assertEquals("FALSE", s.get(6).get("irq"));
    }

    @Test
    void napiPastItsBudgetDefersToKsoftirqd() {
        Replayer.Replay r = new ReceivePathReplayer().replay(constants("napi", 1), steps("Arrive", "Arrive",
                "NapiInterrupt", "NapiPollTx", "NapiPollRx", "NapiBudgetExhausted", "NapiPollTx", "NapiPollRx"));
        assertTrue(r.stuck().isEmpty(), r.stuck().toString());
        assertEquals("\"softirq\"", r.states().get(2).get("polling"));
        assertEquals("TRUE", r.states().get(2).get("napiTxDue"), "a poll starts with its TX pass");
        assertEquals("FALSE", r.states().get(3).get("napiTxDue"));
        assertEquals("0", r.states().get(4).get("rxLeft"));
        assertEquals("\"ksoftirqd\"", r.states().get(5).get("polling"));
        assertEquals("FALSE", r.states().get(5).get("rxIntrOn"), "the device stays masked while ksoftirqd polls");
        assertEquals("TRUE", r.states().get(5).get("napiTxDue"), "ksoftirqd's poll cleans TX first");
        assertEquals("<<>>", r.states().get(7).get("ring"));
    }

    /**
     * A NAPI poll cleans TX once, first (e1000_clean): a transmission that completes while the poll
     * receives waits; when the ring is empty the device is polled again (NapiRepoll), whose TX pass
     * reclaims it, and only then napi_complete unmasks the device.
     */
    @Test
    void napiCleansTxOncePerPollAndPollsAgainForTxLeft() {
        Replayer.Replay r = new ReceivePathReplayer().replay(constants("napi", 3), steps("Arrive", "Arrive",
                "NapiInterrupt", "NapiPollTx", "NapiPollRx", "Transmit", "NapiPollRx", "NapiRepoll", "NapiPollTx",
                "Transmit", "NapiRepoll", "NapiPollTx", "NapiComplete"));
        assertTrue(r.stuck().isEmpty(), r.stuck().toString());
        assertEquals("1", r.states().get(6).get("txSent"), "sent during the receives, not reclaimed yet");
        assertEquals("TRUE", r.states().get(7).get("napiTxDue"));
        assertEquals("0", r.states().get(8).get("txSent"));
        assertEquals("\"none\"", r.states().get(12).get("polling"));
        assertEquals("TRUE", r.states().get(12).get("rxIntrOn"));
    }

    @Test
    void aStepTheStackCannotTakeIsReportedAsStuck() {
        Replayer.Replay idle = new ReceivePathReplayer().replay(constants("poll_quota", 2), steps("PollRx"));
        assertTrue(idle.stuck().orElseThrow().contains("not enabled"), idle.stuck().toString());
        assertEquals(0, idle.states().size());

        Replayer.Replay other = new ReceivePathReplayer().replay(constants("poll_quota", 2), steps("Arrive", "PollSleep"));
        assertTrue(other.stuck().orElseThrow().contains("step 2 PollSleep") && other.stuck().get().contains("RxInterrupt"),
                other.stuck().toString());
        assertEquals(1, other.states().size());

        Replayer.Replay bad = new ReceivePathReplayer().replay(Map.of("Design", "\"fast\""), steps("Arrive"));
        assertTrue(bad.stuck().orElseThrow().contains("cannot build"), bad.stuck().toString());
    }

    /**
     * Model to implementation: TLC finds, for each design, a shortest behaviour that forwards
     * three packets (the counterexample to {@code Len(out) < 3}); the replayer performs it on the
     * stack and the stack's abstract state equals TLC's after every step.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"interrupt", "poll_noquota", "poll_quota", "napi"})
    void aTlcBehaviourReplaysOnTheStackWithTheSameStates(String design) throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("rxreplay-");
        try {
            java.nio.file.Files.copy(TlcTraceCheck.specDir().resolve("ReceivePath.tla"), dir.resolve("ReceivePath.tla"));
            java.nio.file.Files.writeString(dir.resolve("MC_Replay.tla"),
                    "---- MODULE MC_Replay ----\nEXTENDS ReceivePath\nThreeOut == Len(out) < 3\n====\n");
            Map<String, String> c = constants(design, 1);
            StringBuilder cfg = new StringBuilder("INIT Init\nNEXT Next\nINVARIANT ThreeOut\nCHECK_DEADLOCK FALSE\nCONSTANTS\n");
            c.forEach((k, v) -> cfg.append("  ").append(k).append(" = ").append(v).append('\n'));
            java.nio.file.Files.writeString(dir.resolve("MC_Replay.cfg"), cfg.toString());
            dev.netspec.check.TlcResult tlc = dev.netspec.check.TlcRunner.ofThisJvm().check(dir, "MC_Replay", "MC_Replay");
            List<dev.netspec.check.TraceState> states = tlc.trace().orElseThrow(
                    () -> new AssertionError("TLC found no behaviour: " + tlc.outcome() + "\n" + tlc.output())).states();
            List<Replayer.SpecStep> behaviour = new ArrayList<>();
            for (dev.netspec.check.TraceState st : states.subList(1, states.size())) {
                behaviour.add(new Replayer.SpecStep(st.action().replaceAll("[^A-Za-z].*", ""), st.variables()));
            }
            Replayer.Replay r = new ReceivePathReplayer().replay(c, behaviour);
            // One difference is known and documented (docs/specs.md, "Known differences"): the
            // stack's if_start is a step of its own that an interrupt can delay, so a Transmit
            // the model allows right after IP input may not be possible yet. A replay may stop
            // there, and nowhere else.
            r.stuck().ifPresent(why -> assertTrue(
                    why.contains("Transmit: the stack took a") && why.contains("before it had a frame to send"),
                    design + ": " + why + " in " + behaviour.stream().map(Replayer.SpecStep::action).toList()));
            System.out.println(design + ": replayed " + r.states().size() + " of " + behaviour.size() + " TLC steps " + r.stuck().map(w -> "(stopped: " + w + ")").orElse("(all)"));
            assertTrue(r.states().size() >= 6, design + ": only " + r.states().size() + " steps replayed: " + r.stuck());
            for (int i = 0; i < r.states().size(); i++) {
                Map<String, String> want = new LinkedHashMap<>(behaviour.get(i).stateAfter());
                Map<String, String> got = new LinkedHashMap<>(r.states().get(i));
                assertEquals(set(want.remove("dropsSeen")), set(got.remove("dropsSeen")), design + " step " + (i + 1));
                assertEquals(want, got, design + " step " + (i + 1) + " " + behaviour.get(i).action());
            }
        } finally {
            try (var w = java.nio.file.Files.walk(dir)) {
                w.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private static java.util.Set<String> set(String tla) {
        String inner = tla.replaceAll("[{}\\s]", "");
        return inner.isEmpty() ? java.util.Set.of() : java.util.Set.of(inner.split(","));
    }
}
