package dev.herald.security;

import dev.herald.boot.HeraldConfig;
import dev.herald.boot.ManagedThreads;
import dev.herald.hub.DisconnectReason;
import dev.herald.hub.EventHub;
import dev.herald.hub.Subscription;
import dev.herald.hub.SubscriptionListener;
import dev.herald.http.ProblemException;
import dev.herald.liveness.ClientWatch;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * What a stream may hold on to: a share of the connection limits while it is open,
 * and its credential, so it ends with {@code event: expired} when the token expires
 * or is signed out.
 */
@ApplicationScoped
public class StreamPolicy {
    static final String EXPIRED = "{\"reason\":\"expired\"}";

    @Inject
    EventHub hub;
    @Inject
    HeraldConfig config;
    @Inject
    RevokedTokens revoked;
    @Inject
    ClientWatch watch;

    private Limits limits;
    private ConnectionLimits connections;
    private final Map<Long, Held> held = new ConcurrentHashMap<>();
    @Resource(lookup = ManagedThreads.FACTORY)
    ManagedThreadFactory threads;
    /** Ends streams when their token expires: its own managed thread, so an expiry is not late behind requests. */
    private ScheduledExecutorService timer;

    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        start(Limits.from(config));
    }

    void start(Limits limits) {
        this.limits = limits;
        timer = Executors.newSingleThreadScheduledExecutor(ManagedThreads.named(threads, "herald-stream-expiry"));
        connections = new ConnectionLimits(limits.streamsPerUser(), limits.streamsPerAddress(), limits.connections());
        hub.addListener(new SubscriptionListener() {
            @Override
            public void closed(Subscription s, DisconnectReason reason) {
                release(s.id());
            }
        });
    }

    /**
     * Takes a share of the limits for a stream about to open, or throws 429/503. At a
     * limit it first looks for streams whose clients already left (their share is free
     * at once): only streams that are really open count against a limit. When they all
     * are, the newest is refused; open streams are never ended to make room.
     */
    public ConnectionLimits.Permit admit(Authentication who, String address) {
        String user = who != null && who.identity().isUser() ? who.identity().id() : null;
        String counted = limits.exempt().contains(address) ? null : address;
        try {
            return connections.acquire(user, counted);
        } catch (ProblemException atLimit) {
            if (watch == null) throw atLimit;
            watch.checkNow();
            return connections.acquire(user, counted);
        }
    }

    /** Holds the stream's permit until it closes, and ends it when its credential expires. */
    public void opened(Subscription sub, ConnectionLimits.Permit permit, Authentication who) {
        ScheduledFuture<?> expiry = null;
        if (who != null && who.expires()) {
            long delay = Math.max(0, who.expiresAt() - System.currentTimeMillis());
            expiry = timer.schedule(() -> sub.end(DisconnectReason.EXPIRED, EXPIRED), delay, TimeUnit.MILLISECONDS);
        }
        String tokenId = who == null ? null : who.tokenId();
        held.put(sub.id(), new Held(sub, permit, tokenId, expiry));
        // Signed out while the stream was opening: signedOut() looked before it was held.
        // Sign-out revokes before it looks, so checking after holding misses nothing.
        if (tokenId != null && revoked.isRevoked(tokenId)) sub.end(DisconnectReason.EXPIRED, EXPIRED);
        // Closed before it was held: the listener found nothing to release, so release here.
        if (!sub.isOpen()) release(sub.id());
    }

    /** A signed-out token: its streams end now rather than at expiry. */
    public int signedOut(String tokenId) {
        if (tokenId == null) return 0;
        int n = 0;
        for (Held h : held.values()) {
            if (tokenId.equals(h.tokenId()) && h.sub().end(DisconnectReason.EXPIRED, EXPIRED)) n++;
        }
        return n;
    }

    public int open() {
        return connections.open();
    }

    /** The token ids this node's open streams were opened with: what a missed sign-out may concern. */
    public Set<String> tokenIds() {
        Set<String> ids = new HashSet<>();
        for (Held h : held.values()) if (h.tokenId() != null) ids.add(h.tokenId());
        return ids;
    }

    private void release(long subscriptionId) {
        Held h = held.remove(subscriptionId);
        if (h == null) return;
        h.permit().release();
        if (h.expiry() != null) h.expiry().cancel(false);
    }

    @PreDestroy
    void stop() {
        if (timer != null) timer.shutdownNow();
    }

    private record Held(Subscription sub, ConnectionLimits.Permit permit, String tokenId, ScheduledFuture<?> expiry) {
    }
}
