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

    /** Put the device on the poll list (made once, not per interrupt). */
    private final Runnable schedule = () -> net.napiSchedule(this);

    @Override
    Step handler() {
        return maskAndSchedule(schedule);
    }
}
