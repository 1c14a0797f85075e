package dev.herald.security.streams;

import dev.herald.hub.DisconnectReason;
import dev.herald.hub.Subscription;
import dev.herald.security.identity.Authentication;
import dev.herald.security.identity.SessionTokens;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * The credential an open stream holds, and the two moments it brings: a while before it
 * expires the stream says {@code expiring} with its id, and at its expiry the stream ends
 * with {@code expired}. A renewal puts a new credential in its place and arms both again.
 * The id is made at the first notice: only a stream that has to be renewed has one.
 */
final class StreamCredential {
    private final Subscription sub;
    private final ScheduledExecutorService timer;
    private final long noticeMillis;
    /** Told of the id and the expiry whenever the stream says {@code expiring}, so other nodes can find it. */
    private final BiConsumer<StreamCredential, Long> noticed;

    private String tokenId;
    private long expiresAt;
    private String id;
    private ScheduledFuture<?> notice;
    private ScheduledFuture<?> expiry;

    StreamCredential(Subscription sub, ScheduledExecutorService timer, long noticeMillis, BiConsumer<StreamCredential, Long> noticed) {
        this.sub = sub;
        this.timer = timer;
        this.noticeMillis = noticeMillis;
        this.noticed = noticed;
    }

    Subscription sub() {
        return sub;
    }

    synchronized String tokenId() {
        return tokenId;
    }

    /** The stream's id for renewals, or null before its first {@code expiring}. */
    synchronized String id() {
        return id;
    }

    synchronized long expiresAt() {
        return expiresAt;
    }

    /** Holds {@code who} from now on: the notice and the expiry are set for its expiry. */
    synchronized void hold(Authentication who) {
        cancel();
        tokenId = who.tokenId();
        expiresAt = who.expiresAt();
        if (!who.expires()) return;
        long left = Math.max(0, expiresAt - System.currentTimeMillis());
        // Halfway when less than the notice is left: a short credential still leaves time to renew.
        long before = Math.min(noticeMillis, left / 2);
        notice = timer.schedule(this::notice, left - before, TimeUnit.MILLISECONDS);
        expiry = timer.schedule(() -> sub.end(DisconnectReason.EXPIRED, StreamPolicy.EXPIRED), left, TimeUnit.MILLISECONDS);
    }

    private void notice() {
        long at;
        synchronized (this) {
            if (id == null) id = SessionTokens.randomId();
            at = expiresAt;
        }
        noticed.accept(this, at);
        sub.expiring(Math.max(0, at - System.currentTimeMillis()), id);
    }

    synchronized void cancel() {
        if (notice != null) notice.cancel(false);
        if (expiry != null) expiry.cancel(false);
        notice = expiry = null;
    }
}
