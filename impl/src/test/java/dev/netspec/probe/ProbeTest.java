package dev.netspec.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netspec.driver.Design;
import dev.netspec.livelock.Curve;
import dev.netspec.livelock.LivelockExperiment;
import dev.netspec.sim.CostModel;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class ProbeTest {
    private static LivelockExperiment.Setup onePacket(Design d, Probe probe) {
        LivelockExperiment.Setup s = LivelockExperiment.build(1, new Curve(d, false), 1_000, CostModel.dec3000(), false);
        s.router().setProbe(probe);
        s.generator().start(1_500_000L); // exactly one packet, at 1 ms
        s.net().runFor(5_000_000L);
        return s;
    }

    private static List<String> labels(Recorder r) {
        return r.observations().stream().map(Recorder.Observation::action).toList();
    }

    @Test
    void oneForwardedPacketUnderInterruptsIsTheClassicSequence() {
        Recorder rec = new Recorder(1_000);
        onePacket(Design.INTERRUPT, rec);
        assertEquals(List.of(Actions.ARRIVE, Actions.RX_INTERRUPT, Actions.DRIVER_RX, Actions.IRQ_EXIT,
                Actions.IP_INPUT, Actions.TX_START, Actions.TRANSMIT, Actions.TX_INTERRUPT, Actions.TX_COMPLETE,
                Actions.IRQ_EXIT), labels(rec));
        Recorder.Observation afterDriverRx = rec.observations().get(2);
        assertEquals(1, afterDriverRx.state().get("ipintrq"));
        assertEquals(0, afterDriverRx.state().get("eth0.rx_done"));
        Recorder.Observation afterIp = rec.observations().get(4);
        assertEquals(1, afterIp.state().get("eth1.ifq"));
        assertEquals(1, afterIp.state().get("forwarded"));
    }

    @Test
    void oneForwardedPacketUnderPollingIsPolledAndInterruptsComeBack() {
        Recorder rec = new Recorder(1_000);
        onePacket(Design.POLL_QUOTA, rec);
        List<String> l = labels(rec);
        // Poll takes the frame and processes it to completion in one step (paper section 6.4).
        assertEquals(List.of(Actions.ARRIVE, Actions.RX_INTERRUPT, Actions.POLL, Actions.TX_START),
                l.subList(0, 4));
        Recorder.Observation afterInterrupt = rec.observations().get(1);
        assertEquals(0, afterInterrupt.state().get("eth0.intr_enabled"), "the handler masks the device");
        assertEquals(1, afterInterrupt.state().get("eth0.polling"));
        Recorder.Observation last = rec.observations().get(rec.observations().size() - 1);
        assertEquals(1, last.state().get("eth0.intr_enabled"), "interrupts are back on when idle");
        assertEquals(0, last.state().get("eth0.polling"));
        assertTrue(l.contains(Actions.TX_COMPLETE) && l.contains(Actions.POLL_DONE));
    }

    @Test
    void aDisabledProbeIsNeverAskedForState() {
        int[] calls = {0};
        Probe off = new Probe() {
            @Override
            public boolean enabled() {
                return false;
            }

            @Override
            public void record(long t, String a, String who, Supplier<Snapshot> s) {
                calls[0]++;
            }
        };
        LivelockExperiment.Setup s = onePacket(Design.INTERRUPT, off);
        assertEquals(1, s.router().forwarded());
        assertEquals(0, calls[0]);
    }

    @Test
    void theRecorderStopsAtItsLimitAndCountsTheRest() {
        Recorder rec = new Recorder(3);
        onePacket(Design.INTERRUPT, rec);
        assertEquals(3, rec.observations().size());
        assertEquals(7, rec.overflow());
    }
}
