package dev.herald.broker;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShardRingTest {
    private static final int TOPICS = 30_000;

    @Test
    void topicsSpreadEvenlyAndEveryNodeAgreesWhateverTheListOrder() {
        var ring = new ShardRing(List.of("r1:6379/0", "r2:6379/0", "r3:6379/0"));
        var reversed = new ShardRing(List.of("r3:6379/0", "r2:6379/0", "r1:6379/0"));
        int[] counts = new int[3];
        for (int i = 0; i < TOPICS; i++) {
            String topic = "notifications/user/u" + i;
            int shard = ring.shardOf(topic);
            counts[shard]++;
            assertEquals(ring.names().get(shard), reversed.names().get(reversed.shardOf(topic)));
        }
        for (int count : counts) assertTrue(Math.abs(count - TOPICS / 3) < TOPICS / 30, "within 10% of a third: " + java.util.Arrays.toString(counts));
    }

    @Test
    void aNewShardTakesAboutItsShareAndNothingElseMoves() {
        var two = new ShardRing(List.of("r1:6379/0", "r2:6379/0"));
        var three = new ShardRing(List.of("r1:6379/0", "r2:6379/0", "r3:6379/0"));
        int moved = 0;
        for (int i = 0; i < TOPICS; i++) {
            String topic = "chat/room-" + i;
            String before = two.names().get(two.shardOf(topic));
            String after = three.names().get(three.shardOf(topic));
            if (!before.equals(after)) {
                assertEquals("r3:6379/0", after, "a topic moves only to the new shard");
                moved++;
            }
        }
        assertTrue(Math.abs(moved - TOPICS / 3) < TOPICS / 30, moved + " of " + TOPICS + " moved, about a third");
    }

    @Test
    void aShardListedTwiceIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ShardRing(List.of("a", "a")));
    }
}
