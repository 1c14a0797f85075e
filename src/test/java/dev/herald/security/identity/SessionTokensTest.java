package dev.herald.security.identity;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;


/** Session tokens carry their id and expiry, and refuse tampering. */
class SessionTokensTest {

    @Test
    void sessionTokensCarryAnIdAndExpiry() {
        var tokens = new SessionTokens(new byte[32]);
        var who = new Identity("alice", "Alice", java.util.Set.of(Identity.USER));
        String t1 = tokens.issue(who, 10_000);
        String t2 = tokens.issue(who, 10_000);
        var a1 = tokens.verify(t1, 5_000).orElseThrow();
        assertEquals(who, a1.identity());
        assertEquals(10_000, a1.expiresAt());
        assertTrue(!a1.tokenId().equals(tokens.verify(t2, 5_000).orElseThrow().tokenId()), "every token has its own id");
        assertTrue(tokens.verify(t1, 10_000).isEmpty(), "expired");
        assertTrue(tokens.verify(t1.substring(0, t1.length() - 2) + "AA", 5_000).isEmpty(), "tampered");
    }
}
