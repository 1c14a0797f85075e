package dev.herald.security.limits;

import dev.herald.boot.HeraldConfig;
import dev.herald.boot.Storage;
import dev.herald.http.ProblemException;
import dev.herald.security.identity.Identity;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;

/**
 * The request-rate limits, each a {@link Throttle}; past one, 429 with {@code Retry-After}.
 * With {@code herald.broker=redis} every bucket is the cluster's, so a caller spreading
 * requests over N nodes gets the configured rate, not N times it.
 */
@ApplicationScoped
public class RateLimits {
    @Inject
    HeraldConfig config;
    @Inject
    Storage storage;

    private Limits limits;
    private Throttle connects;
    private Throttle signIns;
    private Throttle publishes;
    private Throttle writes;

    @PostConstruct
    void init() {
        limits = Limits.from(config);
        connects = throttle("connect", limits.connectRate());
        signIns = throttle("signin", limits.signInRate());
        publishes = throttle("publish", limits.publishRate());
        writes = throttle("write", limits.writeRate());
    }

    private Throttle throttle(String name, Rate rate) {
        return storage.choose(() -> new MemoryThrottle(rate), redis -> new RedisThrottle(redis, name, rate));
    }

    public void connect(String address) {
        if (!limits.exempt().contains(address)) take(connects, address, "new streams from one address");
    }

    public void signIn(String address) {
        if (!limits.exempt().contains(address)) take(signIns, address, "sign-ins from one address");
    }

    public void publish(Identity publisher) {
        take(publishes, publisher.id(), "publishes by one publisher");
    }

    public void write(Identity user) {
        take(writes, user.id(), "writes by one user");
    }

    private static void take(Throttle limiter, String key, String what) {
        Duration wait = limiter.tryAcquire(key);
        if (wait.isZero()) return;
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        throw ProblemException.tooManyRequests("too many " + what + " (" + limiter.rate() + "); retry in " + seconds + " s", seconds);
    }
}
