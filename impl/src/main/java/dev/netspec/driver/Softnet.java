package dev.netspec.driver;

import dev.netspec.buf.Mbuf;
import dev.netspec.buf.MbufPool;
import dev.netspec.fault.Fault;
import dev.netspec.fault.Faults;
import dev.netspec.probe.Actions;
import dev.netspec.sim.CostModel;
import dev.netspec.sim.Cpu;
import dev.netspec.sim.Priority;
import dev.netspec.sim.Step;
import dev.netspec.sim.Task;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The per-host network software context that drivers share: the CPU and its costs, the buffer
 * pool, the stack above, the drop counters, and the two pieces of shared kernel machinery:
 * <ul>
 *   <li>4.4BSD's {@code ipintrq} and the IP software interrupt {@code ipintr} (KERNEL level) that
 *       drains it, used by the {@code interrupt} design;</li>
 *   <li>Linux's NAPI poll list with the NET_RX softirq (KERNEL level) and the {@code ksoftirqd}
 *       thread (USER level, so it competes with processes) that takes over when a softirq run
 *       exhausts its budget.</li>
 * </ul>
 */
public final class Softnet {
    /** A received frame waiting in ipintrq, with the interface it came in on. */
    record Received(Mbuf frame, Driver from) { }

    /** Queue limits and the NAPI budget. */
    public record Limits(int ipintrq, int ifq, int napiBudget) {
        public Limits {
            if (ipintrq < 1 || ifq < 1 || napiBudget < 1) {
                throw new IllegalArgumentException("queue limits and budget must be >= 1");
            }
        }

        /** 4.4BSD IFQ_MAXLEN = 50 for both queues; Linux netdev_budget = 300. */
        public static Limits defaults() {
            return new Limits(50, 50, 300);
        }
    }

    private final Cpu cpu;
    private final CostModel cost;
    private final MbufPool pool;
    private final Limits limits;
    private final Drops drops = new Drops();
    private final List<Driver> drivers = new ArrayList<>();
    private Stack stack;

    private final BoundedQueue<Received> ipintrq;
    private final Task ipintr;

    private final ArrayDeque<NapiDriver> pollList = new ArrayDeque<>();
    private final Task netRx;
    private final Task ksoftirqd;
    private boolean deferred;
    private int budgetLeft;

    public Softnet(Cpu cpu, CostModel cost, MbufPool pool, Limits limits) {
        this.cpu = Objects.requireNonNull(cpu, "cpu");
        this.cost = Objects.requireNonNull(cost, "cost");
        this.pool = Objects.requireNonNull(pool, "pool");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.ipintrq = new BoundedQueue<>("ipintrq", DropReason.IPINTRQ_FULL, limits.ipintrq());
        this.ipintr = new Task("ipintr", Priority.KERNEL, this::ipintrBody);
        this.netRx = new Task("net_rx", Priority.KERNEL, () -> napiBody(false));
        this.ksoftirqd = new Task("ksoftirqd", Priority.USER, () -> napiBody(true));
        this.budgetLeft = limits.napiBudget();
    }

    /** Connects the protocol stack (done once by the host, after construction). */
    public void setStack(Stack stack) {
        if (this.stack != null) {
            throw new IllegalStateException("stack already set");
        }
        this.stack = Objects.requireNonNull(stack, "stack");
    }

    public Cpu cpu() {
        return cpu;
    }

    public CostModel cost() {
        return cost;
    }

    public MbufPool pool() {
        return pool;
    }

    public Limits limits() {
        return limits;
    }

    public Drops drops() {
        return drops;
    }

    public List<Driver> drivers() {
        return List.copyOf(drivers);
    }

    Stack stack() {
        if (stack == null) {
            throw new IllegalStateException("no stack attached to this softnet");
        }
        return stack;
    }

    void register(Driver d) {
        drivers.add(d);
    }

    /** A driver whose output queue has a packet and whose TX ring has room, or null. */
    public Driver startable() {
        for (Driver d : drivers) {
            if (d.canStart()) {
                return d;
            }
        }
        return null;
    }

    /**
     * Queue-state feedback released (the screend queue fell to its low watermark): every polling
     * driver whose input was inhibited resumes.
     */
    public void resumeInput() {
        for (Driver d : drivers) {
            d.resumeInput();
        }
    }

    // ------------------------------------------------------------------ 4.4BSD ipintrq

    public BoundedQueue<?> ipintrq() {
        return ipintrq;
    }

    /** The frames in ipintrq, oldest first (for observers; the queue keeps them). */
    public List<Mbuf> ipintrqFrames() {
        List<Mbuf> l = new ArrayList<>(ipintrq.size());
        for (Received r : ipintrq.items()) {
            l.add(r.frame());
        }
        return l;
    }

    /** From the classic interrupt handler: queue a frame for IP input, or drop it when full. */
    void enqueueIp(Mbuf frame, Driver from) {
        if (ipintrq.offer(new Received(frame, from))) {
            cpu.wake(ipintr); // schednetisr(NETISR_IP)
        } else {
            drops.count(DropReason.IPINTRQ_FULL);
            frame.close();
        }
    }

    /**
     * The IP software interrupt: output first (if_start for any interface with queued packets
     * and ring room), then IP input of the next queued frame.
     */
    private Step ipintrBody() {
        Driver d = startable();
        if (d != null) {
            return d.txStartStep();
        }
        Received r = ipintrq.peek();
        if (r == null) {
            return null;
        }
        return Step.of(Actions.IP_INPUT, stack().inputCycles(r.frame(), r.from()), () -> {
            Received got = ipintrq.poll();
            stack().input(got.frame(), got.from());
        });
    }

    // ------------------------------------------------------------------ NAPI

    /** napi_schedule: put {@code d} on the poll list and raise NET_RX. */
    void napiSchedule(NapiDriver d) {
        if (!d.scheduled) {
            d.scheduled = true;
            d.endPoll(); // its first poll starts with a fresh weight and a TX pass
            pollList.addLast(d);
        }
        cpu.wake(deferred ? ksoftirqd : netRx);
    }

    /** True while NET_RX work has been handed to ksoftirqd. */
    public boolean napiDeferred() {
        return deferred;
    }

    /** Frames taken from a ring by NAPI and not yet through IP input: none, as each is processed in the step that takes it. */
    public int napiHeldCount() {
        return 0;
    }

    /**
     * net_rx_action, run either as the softirq (KERNEL) or by ksoftirqd (USER). Each packet is
     * processed to completion (poll, IP input, output) before the next is taken. A softirq run
     * stops after {@code napiBudget} packets and, if devices still have work, leaves it to
     * ksoftirqd (Linux defers repeated softirq work to that thread so processes are not starved).
     */
    private Step napiBody(boolean asThread) {
        if (asThread != deferred) {
            return null; // the other context owns the poll list now
        }
        Driver out = startable();
        if (out != null) {
            return out.txStartStep();
        }
        NapiDriver d = pollList.peekFirst();
        if (d == null) {
            if (asThread) {
                return Step.of(Actions.POLL_DONE, 0, () -> {
                    deferred = false;
                    budgetLeft = limits.napiBudget();
                });
            }
            budgetLeft = limits.napiBudget();
            return null;
        }
        if (budgetLeft == 0) {
            if (asThread) {
                return Step.of(Actions.POLL_YIELD, cost.pollOverhead(), () -> {
                    budgetLeft = limits.napiBudget();
                    budgetUsedUp(d);
                });
            }
            return Step.of(Actions.NAPI_DEFER, cost.pollOverhead(), () -> {
                budgetLeft = limits.napiBudget();
                budgetUsedUp(d);
                deferred = true;
                if (Faults.active(Fault.NAPI_EARLY_REENABLE)) {
                    // WRONG (fault): the devices stay on the poll list but are unmasked, so they
                    // interrupt again while still being polled (napi_complete is the only place
                    // that may unmask, and only with the ring empty).
                    for (NapiDriver p : pollList) {
                        p.nic.enableInterrupts(dev.netspec.nic.Nic.ICR_RX | dev.netspec.nic.Nic.ICR_TX);
                    }
                } else {
                    // Right: the devices stay masked; ksoftirqd carries on polling them.
                }
                cpu.wake(ksoftirqd);
            });
        }
        // A poll cleans the TX ring once, first, then receives (e1000_clean: clean_tx_irq, then
        // clean_rx_irq). The pass is a step even when nothing was sent (ReceivePath's NapiPollTx),
        // so what it reclaims is decided when it runs, not when it is chosen; transmissions that
        // complete during the receives wait for the next poll.
        if (d.txPassDue) {
            return d.txCompleteStep(() -> d.txPassDue = false);
        }
        int weight = d.config.napiWeight();
        if (d.rxThisPoll < weight && d.nic.rxRing().hasDone()) {
            Mbuf frame = d.nic.rxRing().peekDone();
            // Taken off the ring and processed to completion in one step (netif_receive_skb is
            // called from the driver's poll).
            return Step.of(Actions.POLL, cost.driverRxPerPacket() + stack().inputCycles(frame, d), () -> {
                d.rxThisPoll++;
                budgetLeft--;
                Mbuf m = d.takeAndRefill();
                if (m != null) {
                    stack().input(m, d);
                }
            });
        }
        boolean usedWeight = d.rxThisPoll >= weight;
        return Step.of(usedWeight ? Actions.POLL_YIELD : Actions.POLL_DONE, cost.pollOverhead(), () -> {
            if (!usedWeight && d.nic.rxRing().hasDone()) {
                return; // frames came in meanwhile: this poll carries on receiving
            }
            pollList.pollFirst();
            if (usedWeight) {
                d.endPoll();
                pollList.addLast(d); // weight used up: to the back of the poll list
            } else if (d.nic.txRing().hasSent()) {
                // Transmissions completed since the TX pass (e1000_clean then reports its budget
                // used and stays scheduled): polled again at once, so a device's turn cleans its
                // TX ring until no more completions come in, as a single pass that also took
                // those would.
                d.endPoll();
                pollList.addFirst(d);
            } else {
                d.rxThisPoll = 0;
                d.scheduled = false; // napi_complete: interrupts back on
                d.nic.readAndClearCause();
                d.nic.enableInterrupts(dev.netspec.nic.Nic.ICR_RX | dev.netspec.nic.Nic.ICR_TX);
                if (pollList.isEmpty()) {
                    // Nothing left to poll: NET_RX is idle, a new interrupt starts afresh in the
                    // softirq with a whole budget (ksoftirqd goes back to sleep).
                    deferred = false;
                    budgetLeft = limits.napiBudget();
                }
            }
        });
    }

    /**
     * The budget ran out while {@code d} was being polled. Linux's net_rx_action checks the budget
     * between polls, so that poll ends here: {@code d} goes to the back of the poll list (as a
     * device that used its weight does) and its next poll starts with a fresh weight and a TX pass.
     */
    private void budgetUsedUp(NapiDriver d) {
        d.endPoll();
        if (pollList.peekFirst() == d) {
            pollList.pollFirst();
            pollList.addLast(d);
        }
    }

    /** True while {@code d} is scheduled and its current poll has not cleaned TX yet (ReceivePath's {@code napiTxDue}). */
    public boolean napiTxPassDue(Driver d) {
        return d instanceof NapiDriver n && n.scheduled && n.txPassDue;
    }

    /** NAPI budget left in this softirq or ksoftirqd run (ReceivePath's {@code rxLeft} for napi). */
    public int napiBudgetLeft() {
        return budgetLeft;
    }
}
