package dev.herald.bench;

import java.io.IOException;
import java.util.concurrent.locks.LockSupport;

/**
 * Publishes at a steady rate over one keep-alive connection, one request at a time, so
 * events arrive in sequence order; each carries its number and send time, and each
 * round trip is timed. A server slower to answer than the period makes the publisher
 * fall behind its schedule, which {@link Result#seconds()} shows.
 */
final class Publisher {
    private final Target target;
    private final String channel;
    private final int payloadSize;

    Publisher(Target target, String channel, int payloadSize) {
        this.target = target;
        this.channel = channel;
        this.payloadSize = payloadSize;
    }

    /** Publishes {@code count} events numbered from {@code firstSeq} at {@code rate}/s. */
    Result publish(long firstSeq, int count, double rate) {
        var rtt = new Histogram();
        long ok = 0, failed = 0;
        long start = System.nanoTime();
        long period = (long) (1e9 / rate);
        try (var http = new HttpConnection(target.address)) {
            for (int i = 0; i < count; i++) {
                long wait = start + i * period - System.nanoTime();
                if (wait > 0) LockSupport.parkNanos(wait);
                long t0 = System.nanoTime();
                try {
                    int status = http.send(target.publishRequest(channel, Payload.of(firstSeq + i, Clock.micros(t0), payloadSize)));
                    if (status / 100 == 2) ok++;
                    else failed++;
                } catch (IOException e) {
                    failed++;
                }
                rtt.record((System.nanoTime() - t0) / 1000);
            }
        }
        return new Result(count, ok, failed, (System.nanoTime() - start) / 1e9, count / rate, Latency.of(rtt));
    }

    /**
     * @param seconds         how long publishing took
     * @param plannedSeconds  how long it should have taken at the rate asked for
     */
    record Result(long published, long ok, long failed, double seconds, double plannedSeconds, Latency roundTrip) {
    }
}
