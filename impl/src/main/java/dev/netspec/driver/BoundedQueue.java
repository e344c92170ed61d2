package dev.netspec.driver;

import java.util.ArrayDeque;
import java.util.Objects;

/**
 * A FIFO with a length limit, the shape of a 4.4BSD {@code struct ifqueue} (ipintrq, if_snd) and of
 * screend's input queue. {@link #offer} refuses when full and the caller counts the drop under
 * this queue's reason, so the queue never silently loses anything.
 */
public final class BoundedQueue<T> {
    private final String name;
    private final String dropReason;
    private final int limit;
    private final ArrayDeque<T> items;
    private int highWater;

    public BoundedQueue(String name, String dropReason, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException(name + " limit must be >= 1, got " + limit);
        }
        this.name = Objects.requireNonNull(name, "name");
        this.dropReason = Objects.requireNonNull(dropReason, "dropReason");
        this.limit = limit;
        this.items = new ArrayDeque<>(limit);
    }

    public String name() {
        return name;
    }

    public String dropReason() {
        return dropReason;
    }

    public int limit() {
        return limit;
    }

    public int size() {
        return items.size();
    }

    public boolean isEmpty() {
        return items.isEmpty();
    }

    public boolean isFull() {
        return items.size() >= limit;
    }

    public int highWater() {
        return highWater;
    }

    /** Appends {@code item}; false (and the queue unchanged) if full. */
    public boolean offer(T item) {
        Objects.requireNonNull(item, "item");
        if (isFull()) {
            return false;
        }
        items.addLast(item);
        highWater = Math.max(highWater, items.size());
        return true;
    }

    public T peek() {
        return items.peekFirst();
    }

    public T poll() {
        return items.pollFirst();
    }

    public Iterable<T> items() {
        return items;
    }
}
