package dev.netspec.conform.rx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netspec.conform.RecordedTrace;
import dev.netspec.driver.Design;
import dev.netspec.fault.Fault;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Recorded traces checked by TLC against spec/ReceivePathTrace.tla: the correct stack conforms,
 * and each receive-path fault produces a trace TLC rejects, at the step where the fault acts.
 * Each setup is the one its fault needs to show, run without the fault (conforms) and with it.
 */
class ReceivePathTraceTlcTest {
    /** setup name, parameters, packets, rate, the fault it shows, the label of the step the fault breaks. */
    static Stream<Arguments> setups() {
        return Stream.of(
                Arguments.of("interrupt under overload", OneArmedRouter.Params.of(Design.INTERRUPT), 8, 1_000_000.0,
                        Fault.RING_SLOT_REUSED_UNREAD, "DriverRx"),
                Arguments.of("napi past its budget", OneArmedRouter.Params.of(Design.NAPI), 8, 1_000_000.0,
                        Fault.NAPI_EARLY_REENABLE, "NapiDefer"),
                Arguments.of("feedback with screend", OneArmedRouter.Params.of(Design.POLL_FEEDBACK).withScreend()
                        .withQueueCap(4), 12, 1_000_000.0, Fault.FEEDBACK_EARLY_RESUME, "UserStep"),
                Arguments.of("quota with a slow output link", OneArmedRouter.Params.of(Design.POLL_QUOTA)
                        .withOutput(10_000_000L), 6, 200_000.0, Fault.TX_RECLAIM_UNSENT, "TxComplete"));
    }

    @ParameterizedTest(name = "{0}: conforms, and with {4} is rejected at a {5} step")
    @MethodSource("setups")
    void conformsAndTheFaultIsCaughtWhereItActs(String name, OneArmedRouter.Params p, int count, double pps,
            Fault fault, String label) throws Exception {
        RecordedTrace good = OneArmedRouter.record(p, count, pps);
        TlcTraceCheck.Result ok = TlcTraceCheck.check(good);
        assertTrue(ok.conforms(), name + ": the correct stack's trace is rejected at step " + ok.failingStep()
                + ": " + (ok.failingStep() > 0 ? good.steps().get(ok.failingStep() - 1) : ""));

        RecordedTrace bad = OneArmedRouter.record(p, count, pps, Map.of(), Set.of(fault));
        TlcTraceCheck.Result caught = TlcTraceCheck.check(bad);
        assertFalse(caught.conforms(), name + ": the trace with " + fault + " conforms");
        assertEquals(label, bad.steps().get(caught.failingStep() - 1).label(),
                name + ": rejected at step " + caught.failingStep() + " " + bad.steps().get(caught.failingStep() - 1));
    }
}
