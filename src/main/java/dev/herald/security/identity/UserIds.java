package dev.herald.security.identity;

import dev.herald.http.Slug;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The dev sign-in's user ids: the name folded to a {@link Slug} of at most 40 characters,
 * so "Alice" and "alice" are one user and publishers can address notifications by a readable id.
 */
public final class UserIds {
    private UserIds() {
    }

    public static String fromName(String name) {
        String folded = Slug.of(name, 40);
        if (!folded.isEmpty()) return folded;
        // A name with no Latin letters or digits still needs a stable id.
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return "u-" + HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
