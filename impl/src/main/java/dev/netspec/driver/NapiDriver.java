package dev.netspec.driver;

import dev.netspec.nic.Nic;
import dev.netspec.probe.Actions;
import dev.netspec.sim.Priority;
import dev.netspec.sim.Step;
import dev.netspec.sim.Task;

/**
 * Linux NAPI (Salim, Olsson and Kuznetsov, "Beyond Softnet", 2001), the descendant of the paper's
 * design: the interrupt masks the device and puts it on the NET_RX poll list; {@link Softnet}
 * polls it up to {@code napiWeight} packets per turn, each processed to completion, and unmasks
 * the device (napi_complete) when a turn ends with the ring empty.
 */
final class NapiDriver extends Driver {
    boolean scheduled;
    /** Frames received in the current poll (at most the NAPI weight). */
    int rxThisPoll;
    /**
     * The current poll has yet to make its TX-cleaning pass. Each poll is e1000_clean: one pass over
     * the TX ring (clean_tx_irq), then receives (clean_rx_irq); ReceivePath's {@code napiTxDue}.
     */
    boolean txPassDue;

    NapiDriver(Nic nic, Softnet net, DriverConfig config) {
        super(nic, net, config);
    }

    /** The current poll ends (weight or budget used up, or TX work left): the next one cleans TX first. */
    void endPoll() {
        rxThisPoll = 0;
        txPassDue = true;
    }

    @Override
    public boolean polling() {
        return scheduled;
    }

    /** Put the device on the poll list (made once, not per interrupt). */
    private final Runnable schedule = () -> net.napiSchedule(this);

    @Override
    Step handler() {
        return maskAndSchedule(schedule);
    }
}
