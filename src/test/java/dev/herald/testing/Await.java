package dev.herald.testing;

import java.util.concurrent.TimeUnit;

/** Polls a condition until it holds or time runs out: what a test waits for, never a fixed sleep. */
public final class Await {
    /** A condition that may call the server (and so throw). */
    @FunctionalInterface
    public interface Condition {
        boolean holds() throws Exception;
    }

    private Await() {
    }

    /** @return whether {@code condition} held within {@code millis} */
    public static boolean until(Condition condition, long millis) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) return false;
            Thread.sleep(25);
        }
        return true;
    }
}
