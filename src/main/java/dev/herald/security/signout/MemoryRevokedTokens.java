package dev.herald.security.signout;

import dev.herald.security.identity.RevokedTokens;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/** This node's revocations, forgotten once the token has expired by itself. Made by {@link RevokedTokensProducer}. */
public class MemoryRevokedTokens implements RevokedTokens {
    private static final long SWEEP_EVERY_MILLIS = 60_000;

    private final Map<String, Long> revoked = new ConcurrentHashMap<>();
    private final AtomicLong lastSweep = new AtomicLong();
    private final LongSupplier clock;

    public MemoryRevokedTokens() {
        this(System::currentTimeMillis);
    }

    public MemoryRevokedTokens(LongSupplier clock) {
        this.clock = clock;
    }

    @Override
    public void revoke(String tokenId, long expiresAtMillis) {
        long now = clock.getAsLong();
        if (expiresAtMillis > now) revoked.put(tokenId, expiresAtMillis);
        long last = lastSweep.get();
        if (now - last >= SWEEP_EVERY_MILLIS && lastSweep.compareAndSet(last, now)) {
            revoked.values().removeIf(expiry -> expiry <= now);
        }
    }

    @Override
    public boolean isRevoked(String tokenId) {
        Long expiry = revoked.get(tokenId);
        return expiry != null && expiry > clock.getAsLong();
    }

    int size() {
        return revoked.size();
    }
}
