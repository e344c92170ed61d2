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
    @Override
    public boolean inputInhibited() {
        return inhibited;
    }

    /** Receive packets this round may still take (ReceivePath's {@code rxLeft}). */
    @Override
    public int roundLeft() {
        return limit == Integer.MAX_VALUE ? config.quota() : Math.max(0, limit - rxThisRound);
    }

    @Override
    void resumeInput() {
        if (inhibited) {
            inhibited = false;
            polling = true;
            // The thread is scheduled again, so the device is masked again (the paper's rule,
            // and ReceivePath's IntrEnabledIffNotPolling): its TX interrupt was left on while
            // input was inhibited.
            nic.disableInterrupts(Nic.ICR_RX | Nic.ICR_TX);
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

    /**
     * One step of the polling thread. A round is at most {@code limit} received packets, each
     * taken off the ring and processed to completion in one step (the paper's section 6.4:
     * "process each packet to completion"), then one TX-completion pass, which ends the round
     * (ReceivePath's PollRx / PollTx round-robin); a round that used its quota with receive work
     * left and nothing to reclaim yields to the other kernel threads (PollNextTurn).
     */
    private Step poll() {
        if (!polling) {
            return null;
        }
        Driver out = net.startable();
        if (out != null) {
            return out.txStartStep(); // finish output already decided before taking new work
        }
        boolean stop = feedbackStops();
        if (!stop && rxThisRound < limit && nic.rxRing().hasDone()) {
            Mbuf frame = nic.rxRing().peekDone();
            return Step.of(Actions.POLL, net.cost().driverRxPerPacket() + net.stack().inputCycles(frame, this), () -> {
                rxThisRound++;
                Mbuf m = takeAndRefill();
                if (m != null) {
                    net.stack().input(m, this);
                }
            });
        }
        if (nic.txRing().hasSent()) {
            return txCompleteStep(() -> {
                newRound();
                if (config.design() == Design.POLL_FEEDBACK) {
                    net.stack().transmitReclaimed();
                }
            });
        }
        if (!stop && nic.rxRing().hasDone()) {
            // Quota used up with work left: end the round and let other kernel threads run.
            return Step.yielding(Actions.POLL_YIELD, net.cost().pollOverhead(), this::newRound);
        }
        return Step.of(Actions.POLL_DONE, net.cost().pollOverhead(), () -> {
            boolean stopNow = feedbackStops();
            if ((!stopNow && nic.rxRing().hasDone()) || nic.txRing().hasSent()) {
                return; // work arrived while we were deciding: keep polling
            }
            newRound();
            // Clear stale causes before unmasking, so only new events interrupt.
            nic.readAndClearCause();
            polling = false;
            inhibited = stopNow;
            nic.enableInterrupts(stopNow ? Nic.ICR_TX : Nic.ICR_RX | Nic.ICR_TX);
        });
    }

    private void newRound() {
        rxThisRound = 0;
    }
}
