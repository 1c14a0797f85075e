package dev.herald.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * Listens to a group of streams: tracks each stream's sequence numbers and records latency
 * (receive time minus the send time inside the event) into one histogram per I/O thread,
 * so recording takes no lock. Optionally also per time window, to show latency over time.
 */
class Recorder implements Stream.Listener {
    /** Every delivery of the run, for the progress line. */
    static final LongAdder DELIVERED = new LongAdder();

    private final Histogram[] latency;
    private final List<List<Histogram>> windows;
    private final long windowNanos;
    private volatile long windowStart;
    private volatile boolean recording;
    final LongAdder delivered = new LongAdder();
    final LongAdder closed = new LongAdder();

    Recorder(int ioThreads) {
        this(ioThreads, 0);
    }

    Recorder(int ioThreads, double windowSeconds) {
        latency = new Histogram[ioThreads];
        windows = new ArrayList<>();
        for (int i = 0; i < ioThreads; i++) {
            latency[i] = new Histogram();
            windows.add(new ArrayList<>());
        }
        windowNanos = (long) (windowSeconds * 1e9);
    }

    /** Starts latency recording (deliveries are always tracked); windows count from now. */
    void start() {
        windowStart = System.nanoTime();
        recording = true;
    }

    void stop() {
        recording = false;
    }

    @Override
    public void onEvent(Stream stream, long seq, long sentMicros, long nowNanos) {
        stream.track(seq);
        // Only the workload's events count: heartbeats and events from other sources carry no sequence.
        if (seq < 0) return;
        delivered.increment();
        DELIVERED.increment();
        if (!recording || sentMicros < 0) return;
        long micros = Clock.micros(nowNanos) - sentMicros;
        latency[stream.ioIndex()].record(micros);
        if (windowNanos > 0) {
            int w = (int) Math.max(0, (nowNanos - windowStart) / windowNanos);
            List<Histogram> mine = windows.get(stream.ioIndex());
            while (mine.size() <= w) mine.add(new Histogram());
            mine.get(w).record(micros);
        }
    }

    @Override
    public void onClose(Stream stream, String why) {
        closed.increment();
    }

    /** Call after {@link StreamClient#barrier()}. */
    Histogram latency() {
        var all = new Histogram();
        for (Histogram h : latency) all.add(h);
        return all;
    }

    /** Latency per window, call after {@link StreamClient#barrier()}. */
    List<Latency> windows() {
        int n = windows.stream().mapToInt(List::size).max().orElse(0);
        var out = new ArrayList<Latency>();
        for (int w = 0; w < n; w++) {
            var h = new Histogram();
            for (List<Histogram> mine : windows) if (w < mine.size()) h.add(mine.get(w));
            out.add(Latency.of(h));
        }
        return out;
    }
}
