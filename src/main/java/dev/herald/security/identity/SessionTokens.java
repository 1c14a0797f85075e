package dev.herald.security.identity;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed session tokens: {@code base64url(payload).base64url(HMAC-SHA256)}. The
 * payload is {@code id \n name \n roles \n expiry \n jti \n lifetime}; nothing in it is
 * secret, all of it is tamper-proof. The random {@code jti} names the session: a renewal
 * keeps it, with a new expiry one {@code lifetime} (ms) from then, so a sign-out revokes the
 * session whichever of its tokens is shown. Tokens from before renewals existed have no
 * lifetime (five fields). Verification compares in constant time.
 */
public final class SessionTokens {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();
    /** Tokens come from clients: bound them before decoding. */
    private static final int MAX_TOKEN = 2048;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    public SessionTokens(byte[] secret) {
        if (secret.length < 32) throw new IllegalArgumentException("the session secret needs at least 32 bytes");
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    /** A new session's first token. */
    public String issue(Identity who, long expiresAtMillis) {
        return issue(who, expiresAtMillis, randomId(), 0);
    }

    /** A token of the session {@code sessionId}; {@code lifetimeMillis} 0 leaves it unsaid. */
    public String issue(Identity who, long expiresAtMillis, String sessionId, long lifetimeMillis) {
        String payload = who.id() + "\n" + who.name() + "\n" + String.join(",", who.roles()) + "\n" + expiresAtMillis
                + "\n" + sessionId + (lifetimeMillis > 0 ? "\n" + lifetimeMillis : "");
        byte[] body = payload.getBytes(StandardCharsets.UTF_8);
        return B64.encodeToString(body) + "." + B64.encodeToString(mac(body));
    }

    public Optional<Authentication> verify(String token, long nowMillis) {
        if (token == null || token.length() > MAX_TOKEN) return Optional.empty();
        int dot = token.indexOf('.');
        if (dot <= 0 || dot != token.lastIndexOf('.')) return Optional.empty();
        try {
            byte[] body = B64D.decode(token.substring(0, dot));
            byte[] signature = B64D.decode(token.substring(dot + 1));
            if (!MessageDigest.isEqual(signature, mac(body))) return Optional.empty();
            String[] parts = new String(body, StandardCharsets.UTF_8).split("\n", -1);
            if (parts.length != 5 && parts.length != 6) return Optional.empty();
            long expiresAt = Long.parseLong(parts[3]);
            if (expiresAt <= nowMillis) return Optional.empty();
            long lifetime = parts.length == 6 ? Long.parseLong(parts[5]) : 0;
            Set<String> roles = parts[2].isEmpty() ? Set.of() : Set.copyOf(Arrays.asList(parts[2].split(",")));
            return Optional.of(new Authentication(new Identity(parts[0], parts[1], roles), parts[4], expiresAt, lifetime));
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }

    public static String randomId() {
        byte[] jti = new byte[16];
        RANDOM.nextBytes(jti);
        return B64.encodeToString(jti);
    }

    private byte[] mac(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
