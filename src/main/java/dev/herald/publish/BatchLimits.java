package dev.herald.publish;

import dev.herald.boot.HeraldConfig;
import dev.herald.http.BodyAllowance;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * How large a batch publish may be: {@code herald.limit.batch.events} items in a body of up to
 * {@code herald.limit.batch.bytes}. As a {@link BodyAllowance} it lets that body past the 64 KiB
 * every other request is held to, for this one path.
 */
@ApplicationScoped
public class BatchLimits implements BodyAllowance {
    static final String PATH = "publish/batch";

    @Inject
    HeraldConfig config;

    private int events;
    private int bytes;

    @PostConstruct
    void init() {
        events = atLeast("herald.limit.batch.events", 1);
        bytes = atLeast("herald.limit.batch.bytes", 1);
    }

    private int atLeast(String key, int min) {
        int n = config.integer(key);
        if (n < min) throw new IllegalArgumentException(key + ": must be at least " + min);
        return n;
    }

    int events() {
        return events;
    }

    @Override
    public String path() {
        return PATH;
    }

    @Override
    public int maxBytes() {
        return bytes;
    }
}
