package dev.herald.security.limits;

import java.util.logging.Logger;

/**
 * Says once that Redis stopped answering a limit and once that it answers again: a limit
 * falls back to this node's own count meanwhile, and a log line per request would flood.
 */
final class RedisOutage {
    private final Logger log;
    private final String what;
    private volatile boolean away;

    /** @param what the limits concerned, as a log line names them ("rate limits (herald:limit:write:)") */
    RedisOutage(Logger log, String what) {
        this.log = log;
        this.what = what;
    }

    void answered() {
        if (away) {
            away = false;
            log.info(() -> what + " are shared through Redis again");
        }
    }

    void failed(RuntimeException e) {
        if (!away) {
            away = true;
            log.warning(() -> "Redis cannot answer (" + e.getMessage() + "): " + what + " count on this node alone until it can");
        }
    }
}
