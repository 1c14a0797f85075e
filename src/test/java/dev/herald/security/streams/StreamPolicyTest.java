package dev.herald.security.streams;

import dev.herald.boot.ShippedDefaults;
import dev.herald.broker.MemoryBroker;
import dev.herald.http.ProblemException;
import dev.herald.hub.DisconnectReason;
import dev.herald.hub.EventHub;
import dev.herald.hub.Frame;
import dev.herald.hub.Outlet;
import dev.herald.hub.RetentionPolicy;
import dev.herald.hub.RetentionRules;
import dev.herald.hub.SubscribeRequest;
import dev.herald.hub.Subscription;
import dev.herald.security.access.TopicAccess;
import dev.herald.security.identity.Authentication;
import dev.herald.security.identity.Identity;
import dev.herald.security.limits.LimitSettings;
import dev.herald.security.limits.Rate;
import dev.herald.security.signout.MemoryRevokedTokens;
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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
        policy.access = new TopicAccess();
        policy.access.register("custom/", (topic, who) -> { });
        policy.start(new LimitSettings(4, 4, 10, ANY, ANY, ANY, ANY, Set.of()), Duration.ofSeconds(60));
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

    @Test
    void aStreamSaysExpiringBeforeItsCredentialExpiresAndARenewalKeepsItOpen() throws Exception {
        var outlet = new Recording();
        var sub = open(new Authentication(UNA, "tok-5", System.currentTimeMillis() + 1200), outlet);
        // Less than the notice (60 s) is left: it says so halfway, 600 ms in.
        Frame.Expiring first = outlet.await(Frame.Expiring.class, 2000);
        assertTrue(first.expiresInMillis() > 0 && first.expiresInMillis() <= 700, "time left: " + first.expiresInMillis());

        long renewedUntil = System.currentTimeMillis() + 1200;
        assertEquals(renewedUntil, policy.renew(first.stream(), new Authentication(UNA, "tok-6", renewedUntil)));
        Thread.sleep(1000);
        assertTrue(sub.isOpen(), "past the first credential's expiry, the stream carries on");
        assertTrue(outlet.frames.stream().noneMatch(Frame.Ending.class::isInstance));
        Frame.Expiring second = outlet.await(Frame.Expiring.class, 2000);
        assertEquals(first.stream(), second.stream(), "the same stream, the same id");

        // No renewal this time: it ends when the renewed credential expires, and sign-outs follow the new token.
        assertTrue(outlet.closed.await(3, TimeUnit.SECONDS));
        assertEquals(new Frame.Ending(DisconnectReason.EXPIRED, StreamPolicy.EXPIRED), outlet.last());
        assertTrue(System.currentTimeMillis() >= renewedUntil, "not before the renewed expiry");
    }

    @Test
    void aRenewalMustBeTheSameUsersAndStillAllowedAndNamesAnOpenStream() throws Exception {
        var outlet = new Recording();
        var sub = open(new Authentication(UNA, "tok-7", System.currentTimeMillis() + 2000), outlet);
        String id = outlet.await(Frame.Expiring.class, 3000).stream();
        long later = System.currentTimeMillis() + 60_000;

        var other = assertThrows(ProblemException.class, () -> policy.renew(id, new Authentication(new Identity("u-2", "ulf", Set.of()), "tok-8", later)));
        assertEquals(403, other.problem().status());
        policy.access.register("custom/", (topic, who) -> {
            throw ProblemException.forbidden("no longer");
        });
        assertEquals(403, assertThrows(ProblemException.class, () -> policy.renew(id, new Authentication(UNA, "tok-9", later))).problem().status());
        assertEquals(404, assertThrows(ProblemException.class, () -> policy.renew("A".repeat(22), new Authentication(UNA, "tok-9", later))).problem().status());

        assertTrue(outlet.closed.await(3, TimeUnit.SECONDS), "refused renewals left the old expiry");
        assertEquals(new Frame.Ending(DisconnectReason.EXPIRED, StreamPolicy.EXPIRED), outlet.last());
        assertFalse(sub.isOpen());
    }

    @Test
    void aStreamRenewedWithASignedOutTokenEnds() throws Exception {
        var outlet = new Recording();
        open(new Authentication(UNA, "tok-10", System.currentTimeMillis() + 2000), outlet);
        String id = outlet.await(Frame.Expiring.class, 3000).stream();
        long later = System.currentTimeMillis() + 60_000;
        policy.renew(id, new Authentication(UNA, "tok-11", later));
        revoked.revoke("tok-11", later);
        assertEquals(1, policy.signedOut("tok-11"), "the stream now holds the new token, and ends with it");
        assertTrue(outlet.closed.await(3, TimeUnit.SECONDS));
    }

    private Subscription open(Authentication who, Recording outlet) {
        var permit = policy.admit(who, "10.0.0.1");
        var sub = hub.subscribe(new SubscribeRequest(List.of("custom/x"), who.identity().id(), null, false), outlet);
        policy.opened(sub, permit, who);
        return sub;
    }

    private static final Identity UNA = new Identity("u-1", "una", Set.of());

    private static Authentication session(String tokenId) {
        return new Authentication(UNA, tokenId, System.currentTimeMillis() + 60_000);
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

        /** The next frame of that kind not yet awaited. */
        <F extends Frame> F await(Class<F> kind, long millis) throws InterruptedException {
            long deadline = System.currentTimeMillis() + millis;
            while (System.currentTimeMillis() < deadline) {
                for (int i = taken; i < frames.size(); i++) {
                    if (kind.isInstance(frames.get(i))) {
                        taken = i + 1;
                        return kind.cast(frames.get(i));
                    }
                }
                Thread.sleep(20);
            }
            throw new AssertionError("no " + kind.getSimpleName() + " within " + millis + " ms: " + frames);
        }

        private int taken;
    }
}
