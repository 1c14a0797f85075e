package dev.herald.security.identity;

import dev.herald.boot.HeraldConfig;

/** Where identities come from: {@code dev} (the embedded sign-in) or {@code jwt} (an identity provider). */
public enum AuthMode {
    DEV,
    JWT;

    public static AuthMode from(HeraldConfig config) {
        String raw = config.string("herald.auth.mode");
        return switch (raw.toLowerCase(java.util.Locale.ROOT)) {
            case "dev" -> DEV;
            case "jwt" -> JWT;
            default -> throw new IllegalArgumentException("herald.auth.mode: '" + raw + "' is not a mode (dev, jwt)");
        };
    }
}
