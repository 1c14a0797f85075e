package dev.herald.security.signout;

import dev.herald.http.ProblemException;
import dev.herald.security.identity.RevokedTokens;
import dev.herald.store.Database;
import dev.herald.store.StoreUnavailableException;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

import static dev.herald.store.Sql.query;

/**
 * One node's sign-outs kept in its database, so a token signed out stays refused after a
 * restart. Checks read the copy in memory (every request asks), which the database fills at
 * start; a sign-out is committed before it is answered.
 */
public final class SqlRevokedTokens implements RevokedTokens {
    private static final Logger LOG = Logger.getLogger(SqlRevokedTokens.class.getName());
    private static final long PURGE_EVERY_MILLIS = 60_000;

    private final Database db;
    private final LongSupplier clock;
    private final MemoryRevokedTokens known;
    private final AtomicLong lastPurge = new AtomicLong();

    public SqlRevokedTokens(Database db) {
        this(db, System::currentTimeMillis);
    }

    SqlRevokedTokens(Database db, LongSupplier clock) {
        this.db = db;
        this.clock = clock;
        this.known = new MemoryRevokedTokens(clock);
        long now = clock.getAsLong();
        db.transaction(c -> query(c, "SELECT token_id, expires_at FROM herald_revoked_tokens WHERE expires_at > ?", r -> {
            while (r.next()) known.revoke(r.getString(1), r.getLong(2));
            return null;
        }, now));
    }

    @Override
    public void revoke(String tokenId, long expiresAtMillis) {
        known.revoke(tokenId, expiresAtMillis);
        long now = clock.getAsLong();
        if (expiresAtMillis <= now) return;
        try {
            db.update("INSERT INTO herald_revoked_tokens (token_id, expires_at) VALUES (?, ?) ON CONFLICT (token_id) DO NOTHING",
                    tokenId, expiresAtMillis);
            long last = lastPurge.get();
            if (now - last >= PURGE_EVERY_MILLIS && lastPurge.compareAndSet(last, now)) {
                db.update("DELETE FROM herald_revoked_tokens WHERE expires_at <= ?", now);
            }
        } catch (StoreUnavailableException e) {
            LOG.warning(() -> "a sign-out holds only until this node restarts, the database cannot keep it: " + e.getMessage());
            throw ProblemException.unavailable("the sign-out could not be kept; retry");
        }
    }

    @Override
    public boolean isRevoked(String tokenId) {
        return known.isRevoked(tokenId);
    }
}
