package dev.herald.hub;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BoundedQueueTest {

    @Test
    void keepsOrderAndRefusesPastCapacity() {
        var q = new BoundedQueue<Integer>(3);
        assertTrue(q.offer(1));
        assertTrue(q.offer(2));
        assertTrue(q.offer(3));
        assertFalse(q.offer(4), "full");
        assertEquals(0, q.remainingCapacity());
        assertEquals(1, q.poll());
        assertTrue(q.offer(5), "a poll frees a slot");
        assertEquals(List.of(2, 3, 5), List.of(q.poll(), q.poll(), q.poll()));
        assertNull(q.poll());
        assertTrue(q.isEmpty());
        assertEquals(3, q.remainingCapacity());
    }

    @Test
    void clearGivesBackEverySlot() {
        var q = new BoundedQueue<String>(2);
        q.offer("a");
        q.offer("b");
        q.clear();
        assertTrue(q.isEmpty());
        assertEquals(2, q.remainingCapacity());
        assertTrue(q.offer("c"));
    }

    @Test
    void concurrentProducersNeverOvershootTheBound() throws Exception {
        var q = new BoundedQueue<Integer>(1000);
        var accepted = new AtomicInteger();
        var start = new CountDownLatch(1);
        var threads = new ArrayList<Thread>();
        for (int t = 0; t < 4; t++) {
            var th = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < 1000; i++) if (q.offer(i)) accepted.incrementAndGet();
            });
            th.start();
            threads.add(th);
        }
        start.countDown();
        for (Thread th : threads) th.join();
        assertEquals(1000, accepted.get());
        int n = 0;
        while (q.poll() != null) n++;
        assertEquals(1000, n);
    }
}
