package dev.herald.security;

import dev.herald.boot.ShippedDefaults;
import dev.herald.broker.MemoryBroker;
import dev.herald.hub.DisconnectReason;
import dev.herald.hub.EventHub;
import dev.herald.hub.Frame;
import dev.herald.hub.Outlet;
import dev.herald.hub.RetentionPolicy;
import dev.herald.hub.RetentionRules;
import dev.herald.hub.SubscribeRequest;
import dev.herald.hub.Subscription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A stream ends when its credential is signed out, whenever the sign-out lands. */
class StreamPolicyTest {
    private static final Rate ANY = new Rate(1000, Duration.ofSeconds(1));

    private final EventHub hub = new EventHub(new MemoryBroker(
            RetentionRules.uniform(new RetentionPolicy(100, Duration.ofMinutes(1), false)), Clock.systemUTC()), ShippedDefaults.hubSettings());
    private final MemoryRevokedTokens revoked = new MemoryRevokedTokens();
    private final StreamPolicy policy = new StreamPolicy();

    StreamPolicyTest() {
        policy.hub = hub;
        policy.revoked = revoked;
        policy.start(new Limits(4, 4, 10, ANY, ANY, ANY, ANY, Set.of()));
    }

    @AfterEach
    void close() {
        policy.stop();
        hub.close();
    }

    @Test
    void signingOutEndsTheTokensOpenStreamsWithExpired() throws Exception {
        var who = session("tok-1");
        var outlet = new Recording();
        open(who, outlet);

        revoked.revoke("tok-1", who.expiresAt());
        assertEquals(1, policy.signedOut("tok-1"));
        assertTrue(outlet.closed.await(5, TimeUnit.SECONDS));
        assertEquals(new Frame.Ending(DisconnectReason.EXPIRED, StreamPolicy.EXPIRED), outlet.last());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (policy.open() != 0 && System.nanoTime() < deadline) Thread.onSpinWait();
        assertEquals(0, policy.open(), "the stream's share of the limits is given back");
    }

    @Test
    void aSignOutThatLandsWhileTheStreamOpensStillEndsIt() throws Exception {
        var who = session("tok-2");
        var permit = policy.admit(who, "10.0.0.1");
        var outlet = new Recording();
        var sub = hub.subscribe(new SubscribeRequest(List.of("custom/x"), who.identity().id(), null, false), outlet);
        // The sign-out looks for the token's streams before this one is held.
        revoked.revoke("tok-2", who.expiresAt());
        assertEquals(0, policy.signedOut("tok-2"));

        policy.opened(sub, permit, who);
        assertTrue(outlet.closed.await(5, TimeUnit.SECONDS), "ended as soon as it is held");
        assertEquals(new Frame.Ending(DisconnectReason.EXPIRED, StreamPolicy.EXPIRED), outlet.last());
    }

    @Test
    void anotherTokenOfTheSameUserKeepsItsStream() throws Exception {
        var mine = new Recording();
        open(session("tok-3"), mine);
        var other = open(session("tok-4"), new Recording());
        revoked.revoke("tok-3", System.currentTimeMillis() + 60_000);
        assertEquals(1, policy.signedOut("tok-3"));
        assertTrue(mine.closed.await(5, TimeUnit.SECONDS));
        assertTrue(other.isOpen(), "the same user's other sign-in is unaffected");
        assertEquals(0, policy.signedOut("tok-3"), "nothing left to end");
    }

    private Subscription open(Authentication who, Recording outlet) {
        var permit = policy.admit(who, "10.0.0.1");
        var sub = hub.subscribe(new SubscribeRequest(List.of("custom/x"), who.identity().id(), null, false), outlet);
        policy.opened(sub, permit, who);
        return sub;
    }

    private static Authentication session(String tokenId) {
        return new Authentication(new Identity("u-1", "una", Set.of()), tokenId, System.currentTimeMillis() + 60_000);
    }

    private static final class Recording implements Outlet {
        final List<Frame> frames = new CopyOnWriteArrayList<>();
        final CountDownLatch closed = new CountDownLatch(1);

        @Override
        public CompletionStage<?> send(Frame frame) {
            frames.add(frame);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void close() {
            closed.countDown();
        }

        Frame last() {
            return frames.get(frames.size() - 1);
        }
    }
}
