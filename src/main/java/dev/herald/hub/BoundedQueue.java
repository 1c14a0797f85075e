package dev.herald.hub;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bounded, thread-safe FIFO that takes memory only for what it holds. A subscription's
 * queue is almost always empty, and an {@code ArrayBlockingQueue} of capacity 1000 would
 * allocate a 4 KB array for every open stream up front (the benchmark's idle figure).
 * Any number of producers; the bound may be overshot by none: a producer reserves its
 * slot before adding.
 */
final class BoundedQueue<T> {
    private final ConcurrentLinkedQueue<T> items = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final int capacity;

    BoundedQueue(int capacity) {
        if (capacity < 1) throw new IllegalArgumentException("capacity must be positive: " + capacity);
        this.capacity = capacity;
    }

    /** Adds at the tail; false, and nothing added, when full. */
    boolean offer(T item) {
        if (size.incrementAndGet() > capacity) {
            size.decrementAndGet();
            return false;
        }
        items.add(item);
        return true;
    }

    /** The head, or null when empty. */
    T poll() {
        T item = items.poll();
        if (item != null) size.decrementAndGet();
        return item;
    }

    /** The head, left in place, or null when empty. */
    T peek() {
        return items.peek();
    }

    /** How many it holds (a moment's figure while producers add). */
    int size() {
        return Math.max(0, size.get());
    }

    boolean isEmpty() {
        return items.isEmpty();
    }

    int remainingCapacity() {
        return Math.max(0, capacity - size.get());
    }

    void clear() {
        while (poll() != null) {
            // each poll gives back its slot
        }
    }
}
