package dev.herald.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * Runs a request many times at once. A rate limit tested one request after another passes
 * or fails with the machine's speed (a loaded machine answers slower than the bucket refills);
 * a burst reaches the server together, whatever the load.
 */
public final class Burst {
    private Burst() {
    }

    /** The results of {@code call(0) … call(times - 1)}, all started together, in that order. */
    public static <T> List<T> of(int times, IntFunction<T> call) {
        var ready = new CountDownLatch(1);
        var pool = Executors.newFixedThreadPool(times);
        try {
            var pending = new ArrayList<Future<T>>();
            for (int i = 0; i < times; i++) {
                int n = i;
                pending.add(pool.submit(() -> {
                    ready.await();
                    return call.apply(n);
                }));
            }
            ready.countDown();
            var results = new ArrayList<T>();
            for (var f : pending) results.add(f.get());
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
