package dev.netspec.sim;

import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * A single CPU that runs one {@link Task} at a time: always a runnable task of the highest
 * {@link Priority} level, first come first served within a level.
 *
 * <ul>
 *   <li><b>Preemption.</b> Waking a task of a higher level than the running one stops the running
 *       step at once; the preempted step keeps its remaining time and resumes, effect still pending,
 *       when its level is again the highest runnable one. This is how a device interrupt steals time
 *       from the IP software interrupt, and both from user processes, in 4.4BSD (the mechanism
 *       behind receive livelock, Mogul and Ramakrishnan section 4).</li>
 *   <li><b>Same level.</b> No preemption: a task keeps the CPU between steps until it blocks
 *       (its body returns {@code null}) or finishes a {@link Step#yieldAfter() yielding} step.
 *       USER tasks additionally rotate after a time slice, checked at step boundaries.</li>
 *   <li><b>Costs.</b> A step of {@code c} cycles takes {@code ceil(c * 1e9 / hz)} ns of CPU. Starting
 *       a KERNEL or USER task other than the last one started at those levels adds the context
 *       switch cost; interrupt handlers pay their own entry and exit costs as steps.</li>
 * </ul>
 */
public final class Cpu {
    /** Called after each completed step's effect (the probe hook). */
    @FunctionalInterface
    public interface StepListener {
        void completed(Task task, Step step);
    }

    private final Simulator sim;
    private final long hz;
    private final long contextSwitchCycles;
    private final long userSliceNs;
    private final EnumMap<Priority, ArrayDeque<Task>> runQueues = new EnumMap<>(Priority.class);
    private final EnumMap<Priority, Long> busyNs = new EnumMap<>(Priority.class);
    private final Priority[] highestFirst = {Priority.HARDIRQ, Priority.KERNEL, Priority.USER};

    private Task running;
    private long stepStartNs;
    private EventHandle completion;
    private boolean inEffect;
    private Task lastThread;
    private Task lastUser;
    private long contextSwitches;
    private long preemptions;
    private StepListener listener;

    /**
     * @param hz clock rate in cycles per second
     * @param contextSwitchCycles cost of switching between kernel threads or processes
     * @param userSliceNs time slice for USER tasks (the scheduler quantum)
     */
    public Cpu(Simulator sim, long hz, long contextSwitchCycles, long userSliceNs) {
        this.sim = Objects.requireNonNull(sim, "sim");
        if (hz <= 0) {
            throw new IllegalArgumentException("CPU clock must be positive, got " + hz + " Hz");
        }
        if (contextSwitchCycles < 0 || userSliceNs <= 0) {
            throw new IllegalArgumentException("context switch cost must be >= 0 and slice > 0");
        }
        this.hz = hz;
        this.contextSwitchCycles = contextSwitchCycles;
        this.userSliceNs = userSliceNs;
        for (Priority p : Priority.values()) {
            runQueues.put(p, new ArrayDeque<>());
            busyNs.put(p, 0L);
        }
    }

    public Cpu(Simulator sim, CostModel cost) {
        this(sim, cost.cpuHz(), cost.contextSwitch(), cost.userSliceNs());
    }

    public Simulator sim() {
        return sim;
    }

    public long hz() {
        return hz;
    }

    public void setStepListener(StepListener listener) {
        this.listener = listener;
    }

    /** Nanoseconds that {@code cycles} cycles take on this CPU, rounded up. */
    public long nanos(long cycles) {
        return Math.ceilDiv(Math.multiplyExact(cycles, 1_000_000_000L), hz);
    }

    /**
     * Makes {@code task} runnable (a no-op if it already is). If it outranks the running task, the
     * running step is preempted now.
     */
    public void wake(Task task) {
        if (task.runnable) {
            return;
        }
        task.runnable = true;
        runQueues.get(task.priority()).addLast(task);
        if (running != null && task.priority().compareTo(running.priority()) > 0) {
            preempt();
        }
        dispatch();
    }

    /** The task holding the CPU, or null when idle or between steps. */
    public Task running() {
        return running;
    }

    /** Virtual ns spent running tasks of level {@code p}, up to the last step boundary or preemption. */
    public long busyNs(Priority p) {
        long b = busyNs.get(p);
        if (running != null && running.priority() == p) {
            b += sim.now() - stepStartNs;
        }
        return b;
    }

    public Map<Priority, Long> busyByLevel() {
        EnumMap<Priority, Long> m = new EnumMap<>(Priority.class);
        for (Priority p : Priority.values()) {
            m.put(p, busyNs(p));
        }
        return m;
    }

    public long contextSwitches() {
        return contextSwitches;
    }

    public long preemptions() {
        return preemptions;
    }

    private void preempt() {
        Task t = running;
        long ran = sim.now() - stepStartNs;
        t.remainingNs = Math.max(0, t.remainingNs - ran);
        account(t, ran);
        completion.cancel();
        completion = null;
        running = null;
        preemptions++;
    }

    private void account(Task t, long ns) {
        t.busyNs += ns;
        busyNs.merge(t.priority(), ns, Long::sum);
    }

    private void dispatch() {
        if (running != null || inEffect) {
            return;
        }
        for (Priority p : highestFirst) {
            ArrayDeque<Task> q = runQueues.get(p);
            while (!q.isEmpty()) {
                Task t = q.peekFirst();
                if (t.partial == null) {
                    Step s = t.next();
                    if (s == null) {
                        q.pollFirst();
                        t.runnable = false;
                        continue;
                    }
                    t.partial = s;
                    long ns = nanos(s.cycles());
                    if (p != Priority.HARDIRQ && lastThread != t) {
                        ns += nanos(contextSwitchCycles);
                        if (lastThread != null) {
                            contextSwitches++;
                        }
                        lastThread = t;
                    }
                    if (p == Priority.USER && lastUser != t) {
                        t.sliceStartNs = sim.now();
                        lastUser = t;
                    }
                    t.remainingNs = ns;
                }
                start(t);
                return;
            }
        }
    }

    private void start(Task t) {
        running = t;
        stepStartNs = sim.now();
        completion = sim.schedule(t.remainingNs, this::complete);
    }

    private void complete() {
        Task t = running;
        Step s = t.partial;
        account(t, sim.now() - stepStartNs);
        running = null;
        completion = null;
        t.partial = null;
        t.remainingNs = 0;
        t.steps++;
        inEffect = true;
        try {
            s.effect().run();
            if (listener != null) {
                listener.completed(t, s);
            }
        } finally {
            inEffect = false;
        }
        ArrayDeque<Task> q = runQueues.get(t.priority());
        boolean sliceOver = t.priority() == Priority.USER && sim.now() - t.sliceStartNs >= userSliceNs;
        if ((s.yieldAfter() || sliceOver) && q.size() > 1 && q.peekFirst() == t) {
            q.pollFirst();
            q.addLast(t);
            if (sliceOver) {
                lastUser = null;
            }
        } else if (sliceOver) {
            t.sliceStartNs = sim.now(); // alone at its level: a fresh slice
        }
        dispatch();
    }
}
