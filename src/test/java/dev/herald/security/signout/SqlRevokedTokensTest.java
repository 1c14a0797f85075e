package dev.herald.security.signout;

import dev.herald.store.Database;
import dev.herald.store.EmbeddedFile;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sign-outs kept in the node's file: refused again after a restart, forgotten once expired. */
class SqlRevokedTokensTest {

    @Test
    void aSignOutOutlivesARestartAndEndsWithTheToken() throws Exception {
        Path file = Files.createTempDirectory("herald-revoked").resolve("herald.db");
        var now = new AtomicLong(1_000_000);
        try (Database db = EmbeddedFile.open(file, "NORMAL")) {
            var revoked = new SqlRevokedTokens(db, now::get);
            revoked.revoke("jti-1", now.get() + 60_000);
            revoked.revoke("jti-expired", now.get() - 1);
            assertTrue(revoked.isRevoked("jti-1"));
        }
        try (Database db = EmbeddedFile.open(file, "NORMAL")) {
            var restarted = new SqlRevokedTokens(db, now::get);
            assertTrue(restarted.isRevoked("jti-1"), "a signed-out token stays refused after a restart");
            assertFalse(restarted.isRevoked("jti-expired"));
            assertFalse(restarted.isRevoked("jti-other"));
            now.addAndGet(60_001);
            assertFalse(restarted.isRevoked("jti-1"), "past its expiry the token is refused for that reason instead");
        }
        now.addAndGet(1);
        try (Database db = EmbeddedFile.open(file, "NORMAL")) {
            assertFalse(new SqlRevokedTokens(db, now::get).isRevoked("jti-1"), "expired rows are not loaded");
        }
    }
}
