package dev.netspec.sim;

/**
 * A scheduled event that can still be cancelled. Cancelling is O(1): the event stays in the queue
 * and is skipped when its time comes, which keeps the queue a plain binary heap.
 */
public final class EventHandle {
    final long time;
    final long seq;
    final Runnable action;
    boolean cancelled;
    boolean fired;

    EventHandle(long time, long seq, Runnable action) {
        this.time = time;
        this.seq = seq;
        this.action = action;
    }

    /** The virtual time (ns) at which the event fires. */
    public long time() {
        return time;
    }

    /** Cancels the event; a no-op if it already fired or was cancelled. */
    public void cancel() {
        cancelled = true;
    }

    /** True while the event is neither fired nor cancelled. */
    public boolean pending() {
        return !cancelled && !fired;
    }
}
