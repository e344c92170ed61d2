package dev.netspec.driver;

import java.util.ArrayList;
import java.util.List;
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
    /**
     * The items, a ring of exactly {@code limit} slots from {@code head}: a forwarded packet
     * passes through an interface queue, so offer and poll are a few array operations (an
     * {@code ArrayDeque} recomputes its size from both ends on every call).
     */
    private final Object[] ring;
    private int head;
    private int size;
    private int highWater;

    public BoundedQueue(String name, String dropReason, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException(name + " limit must be >= 1, got " + limit);
        }
        this.name = Objects.requireNonNull(name, "name");
        this.dropReason = Objects.requireNonNull(dropReason, "dropReason");
        this.limit = limit;
        this.ring = new Object[limit];
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
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public boolean isFull() {
        return size >= limit;
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
        int t = head + size;
        ring[t >= limit ? t - limit : t] = item;
        size++;
        if (size > highWater) {
            highWater = size;
        }
        return true;
    }

    @SuppressWarnings("unchecked")
    public T peek() {
        return size == 0 ? null : (T) ring[head];
    }

    @SuppressWarnings("unchecked")
    public T poll() {
        if (size == 0) {
            return null;
        }
        T item = (T) ring[head];
        ring[head] = null;
        head = head + 1 == limit ? 0 : head + 1;
        size--;
        return item;
    }

    @SuppressWarnings("unchecked")
    public Iterable<T> items() {
        List<T> l = new ArrayList<>(size); // a snapshot, oldest first (for observers)
        for (int k = 0, i = head; k < size; k++, i = i + 1 == limit ? 0 : i + 1) {
            l.add((T) ring[i]);
        }
        return l;
    }
}
