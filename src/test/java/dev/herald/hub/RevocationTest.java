package dev.herald.hub;

import dev.herald.boot.ShippedDefaults;
import dev.herald.hub.HubTestSupport.RecordingOutlet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.herald.hub.HubTestSupport.asUser;
import static dev.herald.hub.HubTestSupport.await;
import static dev.herald.hub.HubTestSupport.message;
import static dev.herald.hub.HubTestSupport.newHub;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Ending streams on purpose: a user loses a topic, or their credentials expire. */
class RevocationTest {
    private static final String ROOM = "chat/secret";

    private final EventHub hub = newHub(ShippedDefaults.hubSettings());

    @AfterEach
    void close() {
        hub.close();
    }

    @Test
    void revokingEndsOnlyThatUsersStreamsOfTheTopicWithARevokedEvent() {
        var alice = new RecordingOutlet();
        var aliceElsewhere = new RecordingOutlet();
        var bob = new RecordingOutlet();
        Subscription a = hub.subscribe(asUser("alice", null, ROOM, "custom/x"), alice);
        Subscription a2 = hub.subscribe(asUser("alice", null, "custom/x"), aliceElsewhere);
        Subscription b = hub.subscribe(asUser("bob", null, ROOM), bob);
        alice.awaitFrames(1);
        bob.awaitFrames(1);

        assertEquals(1, hub.revoke("alice", ROOM));
        alice.awaitClosed();
        Event after = hub.publish(message(ROOM, 1));
        bob.awaitEvent(after.id());

        Frame last = alice.frames().get(alice.frames().size() - 1);
        assertEquals(new Frame.Ending(DisconnectReason.REVOKED, "{\"reason\":\"revoked\",\"topic\":\"chat/secret\"}"), last);
        assertTrue(alice.events().isEmpty(), "nothing of the room after the revocation: " + alice.frames());
        assertFalse(a.isOpen());
        assertTrue(a2.isOpen(), "a stream without the topic stays");
        assertTrue(b.isOpen(), "other users keep theirs");
        assertEquals(1, hub.stats().disconnects(DisconnectReason.REVOKED));
        assertEquals(0, hub.revoke("alice", ROOM), "nothing left to revoke");
        assertEquals(0, hub.revoke(null, ROOM));
    }

    @Test
    void queuedEventsAreDroppedAndTheEndingIsTheLastFrame() {
        var stalled = RecordingOutlet.stalled();
        Subscription s = hub.subscribe(asUser("carol", null, ROOM), stalled);
        stalled.awaitFrames(1); // the opening write never completes: everything after it queues
        for (int i = 0; i < 20; i++) hub.publish(message(ROOM, i));
        await(() -> "events queued", () -> hub.stats().published() == 20);

        assertTrue(s.end(DisconnectReason.EXPIRED, "{\"reason\":\"expired\"}"));
        assertFalse(s.end(DisconnectReason.EXPIRED, "{}"), "ending twice is a no-op");
        assertEquals(List.of(new Frame.Open(3000)), stalled.frames(), "the stalled write still holds the drain");
        assertTrue(s.isOpen(), "open until the ending frame is written");
    }

    @Test
    void anEndedStreamWritesTheEndingThenClosesWithItsReason() {
        var outlet = new RecordingOutlet();
        Subscription s = hub.subscribe(asUser("dave", null, ROOM), outlet);
        outlet.awaitFrames(1);
        s.end(DisconnectReason.EXPIRED, "{\"reason\":\"expired\"}");
        outlet.awaitClosed();
        hub.publish(message(ROOM, 1));

        assertEquals(List.of(new Frame.Open(3000), new Frame.Ending(DisconnectReason.EXPIRED, "{\"reason\":\"expired\"}")), outlet.frames());
        await(() -> "expired counted", () -> hub.stats().disconnects(DisconnectReason.EXPIRED) == 1);
        assertEquals(0, hub.connectionCount());
    }
}
