package dev.herald.bench;

/** The generator's one clock: monotonic microseconds, shared by the publisher (send time) and the readers. */
final class Clock {
    private static final long BASE = System.nanoTime();

    private Clock() {
    }

    static long micros() {
        return (System.nanoTime() - BASE) / 1000;
    }

    static long micros(long nanoTime) {
        return (nanoTime - BASE) / 1000;
    }
}
