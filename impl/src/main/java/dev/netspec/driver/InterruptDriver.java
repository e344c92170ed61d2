package dev.netspec.driver;

import dev.netspec.buf.Mbuf;
import dev.netspec.nic.Nic;
import dev.netspec.probe.Actions;
import dev.netspec.sim.Priority;
import dev.netspec.sim.Step;
import dev.netspec.sim.Task;

/**
 * The unmodified 4.4BSD / Digital UNIX discipline (paper section 4, Figure 6-1). The device
 * interrupt handler, at HARDIRQ, loops while the device has work: each received frame is copied
 * off the ring and appended to {@code ipintrq} (dropped there if full, after the copy has already
 * been paid for), each sent descriptor is reclaimed, and if_start is run for queued output. IP
 * processing happens later in the {@code ipintr} software interrupt. Under overload the handler
 * and its re-entries take the whole CPU and the software interrupt, which would have done the
 * useful work, never runs: receive livelock.
 */
final class InterruptDriver extends Driver {
    private boolean inHandler;

    InterruptDriver(Nic nic, Softnet net, DriverConfig config) {
        super(nic, net, config);
    }

    @Override
    public boolean polling() {
        return false;
    }

    /** True between the interrupt's entry and its return (ReceivePath's {@code irq} stays set). */
    @Override
    public boolean handlerActive() {
        return inHandler;
    }

    @Override
    Step handler() {
        if (!inHandler) {
            if (!nic.interruptAsserted()) {
                return null;
            }
            String label = interruptLabel();
            return Step.of(label, net.cost().interruptEntry(), () -> {
                nic.readAndClearCause();
                inHandler = true;
            });
        }
        if (nic.rxRing().hasDone()) {
            return Step.of(Actions.DRIVER_RX, net.cost().driverRxPerPacket(), () -> {
                Mbuf m = takeAndRefill();
                if (m != null) {
                    net.enqueueIp(m, this);
                }
            });
        }
        if (nic.txRing().hasSent()) {
            return txCompleteStep(() -> { });
        }
        if (canStart()) {
            return txStartStep(); // the transmit interrupt restarts output (lestart from leintr)
        }
        return Step.of(Actions.IRQ_EXIT, net.cost().interruptExit(), () -> {
            if (hasWork() || canStart()) {
                return; // work came in while we were leaving: keep looping
            }
            // The handler loops until the status register reads zero (4.4BSD's leintr reads the
            // CSR each time round), so it returns with the causes it has served cleared: an
            // event that came during the handler was handled by it and raises no new interrupt.
            nic.readAndClearCause();
            inHandler = false;
        });
    }
}
