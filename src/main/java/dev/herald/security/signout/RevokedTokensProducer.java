package dev.herald.security.signout;

import dev.herald.boot.Storage;
import dev.herald.redis.RedisConnection;
import dev.herald.security.identity.RevokedTokens;
import dev.herald.security.streams.ClusterStreams;
import dev.herald.security.streams.StreamPolicy;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Where sign-outs live: with {@code herald.broker=redis} the cluster's Redis, with a
 * {@link SignOutFeed} that ends this node's streams of a token signed out on any node (and
 * carries stream renewals, {@link ClusterStreams}); on one node, its kept data
 * ({@code herald.store}), or its memory.
 */
@ApplicationScoped
public class RevokedTokensProducer {
    private SignOutFeed feed;

    @Produces
    @Singleton
    RevokedTokens revokedTokens(Storage storage) {
        return storage.choose(() -> storage.database().<RevokedTokens>map(SqlRevokedTokens::new).orElseGet(MemoryRevokedTokens::new),
                redis -> new RedisRevokedTokens(redis.keys()));
    }

    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored, RevokedTokens revoked, StreamPolicy streams,
               Instance<RedisConnection> redis) {
        if (revoked instanceof RedisRevokedTokens shared) {
            var renewals = new ClusterStreams(redis.get().keys());
            streams.cluster(renewals);
            feed = new SignOutFeed(redis.get(), shared, streams::signedOut, streams::tokenIds, renewals, streams::renewed);
            feed.start();
        }
    }

    @PreDestroy
    void stop() {
        if (feed != null) feed.close();
    }
}
