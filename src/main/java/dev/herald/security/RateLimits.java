package dev.herald.security;

import dev.herald.boot.HeraldConfig;
import dev.herald.http.ProblemException;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;

/** The request-rate limits of this node, each a {@link RateLimiter}; past one, 429 with {@code Retry-After}. */
@ApplicationScoped
public class RateLimits {
    @Inject
    HeraldConfig config;

    private Limits limits;
    private RateLimiter connects;
    private RateLimiter signIns;
    private RateLimiter publishes;
    private RateLimiter writes;

    @PostConstruct
    void init() {
        limits = Limits.from(config);
        connects = new RateLimiter(limits.connectRate());
        signIns = new RateLimiter(limits.signInRate());
        publishes = new RateLimiter(limits.publishRate());
        writes = new RateLimiter(limits.writeRate());
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

    private static void take(RateLimiter limiter, String key, String what) {
        Duration wait = limiter.tryAcquire(key);
        if (wait.isZero()) return;
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        throw ProblemException.tooManyRequests("too many " + what + " (" + limiter.rate() + "); retry in " + seconds + " s", seconds);
    }
}
