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
    int rxThisPoll;
    int txThisPoll;

    NapiDriver(Nic nic, Softnet net, DriverConfig config) {
        super(nic, net, config);
    }

    @Override
    public boolean polling() {
        return scheduled;
    }

    @Override
    Step handler() {
        if (!nic.interruptAsserted()) {
            return null;
        }
        String label = (nic.cause() & Nic.ICR_RX) != 0 ? Actions.RX_INTERRUPT : Actions.TX_INTERRUPT;
        return Step.of(label, net.cost().interruptEntry() + net.cost().interruptExit(), () -> {
            nic.readAndClearCause();
            nic.disableInterrupts(Nic.ICR_RX | Nic.ICR_TX);
            net.napiSchedule(this);
        });
    }
}
