package dev.netspec.sim;

import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * The event loop: a virtual clock in nanoseconds and a queue of events ordered by time, ties broken
 * by the order in which they were scheduled (so equal-time events run first-scheduled-first and a
 * run is a pure function of the seed and the calls made).
 *
 * <p>Randomness comes only from {@link #newRandom()}: each component asks for its own stream, split
 * from one seeded root in construction order, so adding a random draw in one component does not
 * shift the draws of another built earlier.
 */
public final class Simulator {
    private final PriorityQueue<EventHandle> queue = new PriorityQueue<>((a, b) -> {
        int c = Long.compare(a.time, b.time);
        return c != 0 ? c : Long.compare(a.seq, b.seq);
    });
    private final SplittableRandom root;
    private final long seed;
    private long now;
    private long nextSeq;
    private long fired;

    public Simulator(long seed) {
        this.seed = seed;
        this.root = new SplittableRandom(seed);
    }

    public long seed() {
        return seed;
    }

    /** Current virtual time in nanoseconds. */
    public long now() {
        return now;
    }

    /** Number of events executed so far (a cost measure for benchmarks, not a result). */
    public long eventsFired() {
        return fired;
    }

    /** A new independent random stream, split from the seeded root. */
    public RandomGenerator newRandom() {
        return root.split();
    }

    /** Runs {@code action} {@code delayNs} after now. */
    public EventHandle schedule(long delayNs, Runnable action) {
        if (delayNs < 0) {
            throw new IllegalArgumentException("negative delay " + delayNs + " ns");
        }
        return scheduleAt(now + delayNs, action);
    }

    /** Runs {@code action} at absolute virtual time {@code timeNs} (not in the past). */
    public EventHandle scheduleAt(long timeNs, Runnable action) {
        if (timeNs < now) {
            throw new IllegalArgumentException("time " + timeNs + " ns is before now " + now + " ns");
        }
        EventHandle e = new EventHandle(timeNs, nextSeq++, action);
        queue.add(e);
        return e;
    }

    /** Runs the next pending event; false if the queue is empty. */
    public boolean step() {
        while (true) {
            EventHandle e = queue.poll();
            if (e == null) {
                return false;
            }
            if (e.cancelled) {
                continue;
            }
            now = e.time;
            e.fired = true;
            fired++;
            e.action.run();
            return true;
        }
    }

    /**
     * Runs every event with time at most {@code endNs}, then sets the clock to {@code endNs}
     * (so measurements over [start, end) see the whole interval even if it ended idle).
     */
    public void runUntil(long endNs) {
        while (true) {
            EventHandle e = queue.peek();
            if (e == null || e.time > endNs) {
                break;
            }
            step();
        }
        if (endNs > now) {
            now = endNs;
        }
    }

    /** Runs until no events remain. Use only with finite workloads. */
    public void runToCompletion() {
        while (step()) {
            // each step advances the clock
        }
    }

    /** The time of the next pending event, or {@link Long#MAX_VALUE} if none (for drivers that step). */
    public long nextEventTime() {
        while (queue.peek() != null && queue.peek().cancelled) {
            queue.poll(); // cancelled heads are discarded as step() would
        }
        EventHandle e = queue.peek();
        return e == null ? Long.MAX_VALUE : e.time;
    }

    /** True if an uncancelled event is waiting. */
    public boolean hasPending() {
        queue.removeIf(e -> e.cancelled);
        return !queue.isEmpty();
    }
}
