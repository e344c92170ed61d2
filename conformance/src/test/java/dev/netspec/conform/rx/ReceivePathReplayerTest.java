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
                "NapiInterrupt", "NapiPollRx", "NapiBudgetExhausted", "NapiPollRx"));
        assertTrue(r.stuck().isEmpty(), r.stuck().toString());
        assertEquals("\"softirq\"", r.states().get(2).get("polling"));
        assertEquals("0", r.states().get(3).get("rxLeft"));
        assertEquals("\"ksoftirqd\"", r.states().get(4).get("polling"));
        assertEquals("FALSE", r.states().get(4).get("rxIntrOn"), "the device stays masked while ksoftirqd polls");
        assertEquals("<<>>", r.states().get(5).get("ring"));
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
}
