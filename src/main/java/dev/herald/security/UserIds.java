package dev.herald.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The dev sign-in's user ids: the name folded to a slug, so "Alice" and "alice"
 * are one user and publishers can address notifications by a readable id.
 */
public final class UserIds {
    private UserIds() {
    }

    public static String fromName(String name) {
        String folded = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        if (folded.length() > 40) folded = folded.substring(0, 40);
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
