package dev.herald.security.streams;

import dev.herald.boot.HeraldConfig;
import dev.herald.boot.ManagedThreads;
import dev.herald.boot.Storage;
import dev.herald.http.ProblemException;
import dev.herald.hub.DisconnectReason;
import dev.herald.hub.EventHub;
import dev.herald.hub.Subscription;
import dev.herald.hub.SubscriptionListener;
import dev.herald.liveness.ClientWatch;
import dev.herald.security.access.TopicAccess;
import dev.herald.security.identity.Authentication;
import dev.herald.security.identity.RevokedTokens;
import dev.herald.security.identity.SignedOut;
import dev.herald.security.limits.LimitSettings;
import dev.herald.security.limits.StreamLimits;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What a stream may hold on to: a share of the connection limits while it is open,
 * and its credential, so it says {@code event: expiring} before the token expires, takes a
 * renewed one ({@link #renew}), and ends with {@code event: expired} when the token expires
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
    @Inject
    TopicAccess access;
    @Inject
    Storage storage;

    private LimitSettings limits;
    private long noticeMillis;
    private StreamLimits connections;
    private final Map<Long, Held> held = new ConcurrentHashMap<>();
    /** The held streams that said {@code expiring}, by the id they gave for renewals. */
    private final Map<String, Held> renewable = new ConcurrentHashMap<>();
    /** With Redis: where streams of other nodes are renewed. */
    private volatile ClusterStreams cluster;
    @Resource(lookup = ManagedThreads.FACTORY)
    ManagedThreadFactory threads;
    /** Ends streams when their token expires: its own managed thread, so an expiry is not late behind requests. */
    private ScheduledExecutorService timer;
    /** Renews the cluster's leases on open streams (with Redis): may wait a moment behind requests, well within a lease. */
    @Resource(lookup = ManagedThreads.SCHEDULER)
    ManagedScheduledExecutorService scheduler;

    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        LimitSettings settings = LimitSettings.from(config);
        start(settings, config.duration("herald.stream.expiring.notice"), StreamLimits.of(storage, settings, config.nodeId(), scheduler));
    }

    /** This node's counts alone, as in a test without Redis. */
    void start(LimitSettings limits, Duration notice) {
        start(limits, notice, new StreamLimits(limits.streamsPerUser(), limits.streamsPerAddress(), limits.connections()));
    }

    private void start(LimitSettings limits, Duration notice, StreamLimits connections) {
        this.limits = limits;
        this.noticeMillis = notice.toMillis();
        this.connections = connections;
        timer = Executors.newSingleThreadScheduledExecutor(ManagedThreads.named(threads, "herald-stream-expiry"));
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
    public StreamLimits.Permit admit(Authentication who, String address) {
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

    /** Holds the stream's permit until it closes, and its credential until it expires. */
    public void opened(Subscription sub, StreamLimits.Permit permit, Authentication who) {
        var credential = new StreamCredential(sub, timer, noticeMillis, this::noticed);
        if (who != null) credential.hold(who);
        held.put(sub.id(), new Held(sub, permit, credential));
        // Signed out while the stream was opening: signedOut() looked before it was held.
        // Sign-out revokes before it looks, so checking after holding misses nothing.
        endIfSignedOut(credential);
        // Closed before it was held: the listener found nothing to release, so release here.
        if (!sub.isOpen()) release(sub.id());
    }

    /** A sign-out on this node ({@code DELETE /api/session}): its streams end now. */
    void onSignOut(@Observes SignedOut signOut) {
        signedOut(signOut.tokenId());
    }

    /** A signed-out token: its streams end now rather than at expiry. */
    public int signedOut(String tokenId) {
        if (tokenId == null) return 0;
        int n = 0;
        for (Held h : held.values()) {
            if (tokenId.equals(h.credential().tokenId()) && h.sub().end(DisconnectReason.EXPIRED, EXPIRED)) n++;
        }
        return n;
    }

    /**
     * Gives the stream named {@code streamId} (by its {@code expiring}) the caller's credential,
     * wherever the stream is: it must be the same user's, and still allowed every topic of the
     * stream. Refusals are problems: 403 for another user's stream, 404 for none.
     *
     * @return when the stream's credential now expires
     */
    public long renew(String streamId, Authentication who) {
        Held local = renewable.get(streamId);
        if (local != null) {
            renew(local, who);
            return who.expiresAt();
        }
        ClusterStreams shared = cluster;
        String user = shared == null ? null : shared.userOf(streamId);
        if (user == null) throw ProblemException.notFound("no open stream has this id: it ended, or its credential expired");
        if (!user.equals(who.identity().id())) throw ProblemException.forbidden("this stream is another user's");
        shared.renew(streamId, who);
        return who.expiresAt();
    }

    /** A renewal another node took: applied if this node holds the stream (that node checked the user). */
    public void renewed(ClusterStreams.Heard renewal) {
        Held h = renewable.get(renewal.streamId());
        if (h == null) return;
        try {
            renew(h, renewal.who());
        } catch (ProblemException refused) {
            // Not applied: the stream ends at its old expiry, as without a renewal.
        }
    }

    private void renew(Held h, Authentication who) {
        Subscription sub = h.sub();
        if (!who.identity().id().equals(sub.userId())) throw ProblemException.forbidden("this stream is another user's");
        for (String topic : sub.topics()) {
            try {
                access.check(topic, who.identity());
            } catch (ProblemException denied) {
                throw ProblemException.forbidden("this credential may not read " + topic + ", which the stream carries");
            }
        }
        h.credential().hold(who);
        if (!sub.isOpen()) throw ProblemException.notFound("no open stream has this id: it ended, or its credential expired");
        if (cluster != null) cluster.listed(h.credential().id(), sub.userId(), who.expiresAt());
        endIfSignedOut(h.credential());
    }

    /** Signed out meanwhile: a sign-out revokes before it looks for streams, so looking after holding misses nothing. */
    private void endIfSignedOut(StreamCredential credential) {
        String tokenId = credential.tokenId();
        if (tokenId != null && revoked.isRevoked(tokenId)) credential.sub().end(DisconnectReason.EXPIRED, EXPIRED);
    }

    /** The stream said {@code expiring}: from now on it is renewable by its id, here and, with Redis, anywhere. */
    private void noticed(StreamCredential credential, long expiresAt) {
        Held h = held.get(credential.sub().id());
        if (h == null) return;
        renewable.put(credential.id(), h);
        if (cluster != null) cluster.listed(credential.id(), credential.sub().userId(), expiresAt);
    }

    /** With Redis: streams of other nodes can be renewed through this node, and this node's through any. */
    public void cluster(ClusterStreams streams) {
        this.cluster = streams;
    }

    public int open() {
        return connections.open();
    }

    /** The token ids this node's open streams were opened with: what a missed sign-out may concern. */
    public Set<String> tokenIds() {
        Set<String> ids = new HashSet<>();
        for (Held h : held.values()) {
            String tokenId = h.credential().tokenId();
            if (tokenId != null) ids.add(tokenId);
        }
        return ids;
    }

    private void release(long subscriptionId) {
        Held h = held.remove(subscriptionId);
        if (h == null) return;
        h.permit().release();
        h.credential().cancel();
        String id = h.credential().id();
        if (id != null) {
            renewable.remove(id);
            if (cluster != null) cluster.unlisted(id);
        }
    }

    @PreDestroy
    void stop() {
        if (timer != null) timer.shutdownNow();
        if (connections != null) connections.close();
    }

    private record Held(Subscription sub, StreamLimits.Permit permit, StreamCredential credential) {
    }
}
