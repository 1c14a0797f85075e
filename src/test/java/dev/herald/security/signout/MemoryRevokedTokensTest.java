package dev.herald.security.signout;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;


/** A signed-out token is refused until it would have expired, and forgotten after. */
class MemoryRevokedTokensTest {

    @Test
    void revokedTokensAreForgottenAfterTheirExpiry() {
        var clock = new AtomicLong(1_000);
        var revoked = new MemoryRevokedTokens(clock::get);
        revoked.revoke("t1", 5_000);
        revoked.revoke("old", 500);
        assertTrue(revoked.isRevoked("t1"));
        assertTrue(!revoked.isRevoked("old") && !revoked.isRevoked("t2"));
        clock.set(100_000);
        assertTrue(!revoked.isRevoked("t1"));
        revoked.revoke("t3", 200_000);
        assertEquals(1, revoked.size(), "expired entries swept");
    }
}
