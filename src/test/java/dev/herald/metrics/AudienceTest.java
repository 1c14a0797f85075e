package dev.herald.metrics;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AudienceTest {

    @Test
    void nobodyWatching() {
        assertEquals(new Audience(0, 0), Audience.of(List.of()));
    }

    @Test
    void aUserWithManyStreamsIsOneUserAndAnonymousStreamsAreCountedApart() {
        var streams = Arrays.asList("u-alice", "u-alice", "u-bob", null, null, "u-alice", null);
        assertEquals(new Audience(2, 3), Audience.of(streams));
    }
}
