package dev.netspec.driver;

import dev.netspec.buf.Mbuf;
import dev.netspec.nic.Nic;
import dev.netspec.probe.Actions;
import dev.netspec.sim.Priority;
import dev.netspec.sim.Step;
import dev.netspec.sim.Task;

/**
 * Mogul and Ramakrishnan's modified kernel (section 6): the interrupt handler only masks the
 * device's interrupts and wakes a kernel polling thread; the thread processes each received packet
 * to completion (take it off the ring, IP input and forwarding, if_start) before taking the next,
 * with no ipintrq in between, and reclaims sent descriptors. It re-enables interrupts only when the
 * device has no work left, so under load there are no interrupts at all.
 *
 * <ul>
 *   <li>{@code poll_noquota}: receive work continues while the ring has frames; transmit
 *       completion (this device's, and every other device's thread) waits until the ring is empty,
 *       which under overload is never (Figure 6-3, "polling, no quota").</li>
 *   <li>{@code poll_quota}: at most {@code quota} receive and {@code quota} transmit-complete
 *       packets per round, then the thread yields to the other kernel threads (Figure 6-3).</li>
 *   <li>{@code poll_feedback}: as {@code poll_quota}, and receive polling stops while the stack
 *       reports its user queue too full, leaving receive interrupts masked so the NIC drops the
 *       excess for free (ring_full) until the queue drains (queue-state feedback, Figure 6-4).</li>
 * </ul>
 */
final class PollingDriver extends Driver {
    private final Task thread;
    private final int limit;
    private boolean polling;
    private boolean inhibited;
    private int rxThisRound;
    private int txThisRound;
    private Mbuf held;

    /** Wake the polling thread (made once, not per interrupt). */
    private final Runnable wakeThread;

    PollingDriver(Nic nic, Softnet net, DriverConfig config) {
        super(nic, net, config);
        this.limit = config.roundLimit();
        this.thread = new Task(nic.name() + ".poll", Priority.KERNEL, this::poll);
        this.wakeThread = () -> {
            polling = true;
            cpu.wake(thread);
        };
    }

    @Override
    public boolean polling() {
        return polling;
    }

    /** True while queue-state feedback holds receive polling off. */
    public boolean inhibited() {
        return inhibited;
    }

    @Override
    public int held() {
        return held == null ? 0 : 1;
    }

    @Override
    void resumeInput() {
        if (inhibited) {
            inhibited = false;
            polling = true;
            cpu.wake(thread);
        }
    }

    /** The whole interrupt: enter, mask the device, schedule the thread, leave. */
    @Override
    Step handler() {
        return maskAndSchedule(wakeThread);
    }

    private boolean feedbackStops() {
        return config.design() == Design.POLL_FEEDBACK && net.stack().inputInhibited();
    }

    private Step poll() {
        if (held != null) {
            Mbuf m = held;
            return Step.of(Actions.IP_INPUT, net.stack().inputCycles(m, this), () -> {
                held = null;
                net.stack().input(m, this);
            });
        }
        if (!polling) {
            return null;
        }
        Driver out = net.startable();
        if (out != null) {
            return out.txStartStep(); // finish the packet in hand before taking new work
        }
        boolean stop = feedbackStops();
        if (!stop && rxThisRound < limit && nic.rxRing().hasDone()) {
            return Step.of(Actions.POLL, net.cost().driverRxPerPacket(), () -> {
                rxThisRound++;
                held = takeAndRefill();
            });
        }
        if (txThisRound < limit && nic.txRing().hasSent()) {
            return txCompleteStep(() -> txThisRound++);
        }
        boolean moreRx = !stop && nic.rxRing().hasDone();
        if (moreRx || nic.txRing().hasSent()) {
            // Quota used up with work left: end the round and let other kernel threads run.
            return Step.yielding(Actions.POLL_YIELD, net.cost().pollOverhead(), this::newRound);
        }
        return Step.of(Actions.POLL_DONE, net.cost().pollOverhead(), () -> {
            newRound();
            boolean stopNow = feedbackStops();
            if ((!stopNow && nic.rxRing().hasDone()) || nic.txRing().hasSent()) {
                return; // work arrived while we were deciding: keep polling
            }
            // Clear stale causes before unmasking, so only new events interrupt.
            nic.readAndClearCause();
            polling = false;
            inhibited = stopNow;
            nic.enableInterrupts(stopNow ? Nic.ICR_TX : Nic.ICR_RX | Nic.ICR_TX);
        });
    }

    private void newRound() {
        rxThisRound = 0;
        txThisRound = 0;
    }
}
