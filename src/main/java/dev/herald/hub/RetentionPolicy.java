package dev.herald.hub;

import java.time.Duration;

/**
 * How much of a topic the hub keeps for replay.
 *
 * @param conflated only the latest value matters (metrics): the log keeps one event,
 *                  replay skips the topic and a lost history is never a gap, because
 *                  the subscriber receives the current value as a snapshot instead
 */
public record RetentionPolicy(int count, Duration age, boolean conflated) {

    public RetentionPolicy {
        if (count < 1) throw new IllegalArgumentException("retention count must be at least 1");
        if (age == null || age.isNegative() || age.isZero()) throw new IllegalArgumentException("retention age must be positive");
    }

    public static RetentionPolicy latestOnly(Duration age) {
        return new RetentionPolicy(1, age, true);
    }
}
