package dev.herald.security.limits;

import dev.herald.boot.HeraldConfig;
import dev.herald.boot.Storage;
import dev.herald.security.identity.Identity;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The request-rate limits, each a {@link Throttle}; past one, 429 with {@code Retry-After}.
 * With {@code herald.broker=redis} every bucket is the cluster's, so a caller spreading
 * requests over N nodes gets the configured rate, not N times it.
 */
@ApplicationScoped
public class RequestThrottles {
    @Inject
    HeraldConfig config;
    @Inject
    Storage storage;

    private LimitSettings limits;
    private Throttle connects;
    private Throttle signIns;
    private Throttle publishes;
    private Throttle writes;

    @PostConstruct
    void init() {
        limits = LimitSettings.from(config);
        connects = throttle("connect", limits.connectRate());
        signIns = throttle("signin", limits.signInRate());
        publishes = throttle("publish", limits.publishRate());
        writes = throttle("write", limits.writeRate());
    }

    private Throttle throttle(String name, Rate rate) {
        return Throttle.of(storage, name, rate);
    }

    public void connect(String address) {
        if (!limits.exempt().contains(address)) connects.take(address, "new streams from one address");
    }

    public void signIn(String address) {
        if (!limits.exempt().contains(address)) signIns.take(address, "sign-ins from one address");
    }

    public void publish(Identity publisher) {
        publishes.take(publisher.id(), "publishes by one publisher");
    }

    public void write(Identity user) {
        writes.take(user.id(), "writes by one user");
    }

}
