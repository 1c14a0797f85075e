package dev.herald.bench;

import java.io.IOException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
import java.util.function.IntToLongFunction;

/**
 * Publishes at a steady rate over one keep-alive connection, one request at a time, so
 * events arrive in sequence order; each carries its number and send time, and each
 * round trip is timed. A server slower to answer than the period makes the publisher
 * fall behind its schedule, which {@link Result#seconds()} shows. Event {@code i} goes to
 * one channel, or to the channel and with the sequence number a {@link Plan} gives it
 * (many topics, or several publishers sharing one sequence).
 */
final class Publisher {
    private final Target target;
    private final String channel;
    private final int payloadSize;

    /** Where event {@code i} of this publisher goes and the number it carries; a negative number ends the run. */
    record Plan(IntFunction<String> channel, IntToLongFunction seq) {
    }

    /** @param channel where {@link #publish(long, int, double)} publishes; a {@link Plan} names its own */
    Publisher(Target target, String channel, int payloadSize) {
        this.target = target;
        this.channel = channel;
        this.payloadSize = payloadSize;
    }

    /** Publishes {@code count} events numbered from {@code firstSeq} at {@code rate}/s on the channel given. */
    Result publish(long firstSeq, int count, double rate) {
        return publish(new Plan(i -> channel, i -> firstSeq + i), count, rate, new Histogram());
    }

    /**
     * Publishes {@code count} events at {@code rate}/s (infinite: as fast as the server answers), recording
     * each round trip into {@code rtt}, which the caller may merge with other publishers' afterwards.
     */
    Result publish(Plan plan, int count, double rate, Histogram rtt) {
        long ok = 0, failed = 0;
        long start = System.nanoTime();
        long period = Double.isInfinite(rate) ? 0 : (long) (1e9 / rate);
        try (var http = new HttpConnection(target.address)) {
            for (int i = 0; i < count; i++) {
                long wait = start + i * period - System.nanoTime();
                if (wait > 0) LockSupport.parkNanos(wait);
                long t0 = System.nanoTime();
                long seq = plan.seq().applyAsLong(i);
                if (seq < 0) break;
                try {
                    int status = http.send(target.publishRequest(plan.channel().apply(i), Payload.of(seq, Clock.micros(t0), payloadSize)));
                    if (status / 100 == 2) ok++;
                    else failed++;
                } catch (IOException e) {
                    failed++;
                }
                rtt.record((System.nanoTime() - t0) / 1000);
            }
        }
        return new Result(ok + failed, ok, failed, (System.nanoTime() - start) / 1e9, Double.isInfinite(rate) ? 0 : count / rate, Latency.of(rtt));
    }

    /**
     * @param seconds         how long publishing took
     * @param plannedSeconds  how long it should have taken at the rate asked for (0: as fast as possible)
     */
    record Result(long published, long ok, long failed, double seconds, double plannedSeconds, Latency roundTrip) {
    }
}
