package dev.herald.security.identity;

import dev.herald.boot.HeraldConfig;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Identities from an identity provider's JWTs, configured with MicroProfile JWT's
 * keys: {@code mp.jwt.verify.issuer}, {@code mp.jwt.verify.audiences},
 * {@code mp.jwt.verify.publickey} (inline PEM/JWKS) or
 * {@code mp.jwt.verify.publickey.location} (a file, {@code file:}/{@code https:} URL
 * or class-path resource), {@code mp.jwt.verify.publickey.algorithm} (RS256) and
 * {@code mp.jwt.verify.clock.skew} (seconds). The user is {@code upn}, else
 * {@code preferred_username}, else {@code sub}; {@code groups} carries
 * {@code publisher} and {@code admin}.
 */
final class JwtIdentities {
    private final JwtVerifier verifier;

    JwtIdentities(HeraldConfig config) {
        String inline = config.optional("mp.jwt.verify.publickey").orElse(null);
        String location = config.optional("mp.jwt.verify.publickey.location").orElse(null);
        if (inline == null && location == null) {
            throw new IllegalArgumentException("herald.auth.mode=jwt needs mp.jwt.verify.publickey or mp.jwt.verify.publickey.location");
        }
        String keyText = inline != null ? inline : read(location);
        Set<String> audiences = new HashSet<>(config.set("mp.jwt.verify.audiences"));
        this.verifier = new JwtVerifier(JwtVerifier.parseKeys(keyText), config.optional("mp.jwt.verify.issuer").orElse(null), audiences,
                config.string("mp.jwt.verify.publickey.algorithm"),
                Duration.ofSeconds(config.integer("mp.jwt.verify.clock.skew")).toMillis());
    }

    Optional<Authentication> verify(String token) {
        return verifier.verify(token, System.currentTimeMillis()).map(JwtIdentities::toAuthentication);
    }

    static Authentication toAuthentication(JwtVerifier.Claims claims) {
        Set<String> roles = new HashSet<>();
        if (claims.groups().contains(Identity.PUBLISHER)) roles.add(Identity.PUBLISHER);
        if (claims.groups().contains(Identity.ADMIN)) roles.add(Identity.ADMIN);
        // A service's token (publisher and nothing else) is not a person; any other signs in a user.
        if (claims.groups().contains(Identity.USER) || !roles.equals(Set.of(Identity.PUBLISHER))) roles.add(Identity.USER);
        return new Authentication(new Identity(claims.user(), claims.user(), roles), claims.tokenId(), claims.expiresAtMillis());
    }

    private static String read(String location) {
        try {
            if (location.startsWith("http://") || location.startsWith("https://") || location.startsWith("file:")) {
                try (InputStream in = URI.create(location).toURL().openStream()) {
                    return new String(in.readNBytes(1 << 20), StandardCharsets.UTF_8);
                }
            }
            Path file = Path.of(location);
            if (Files.isReadable(file)) return Files.readString(file);
            try (InputStream in = JwtIdentities.class.getClassLoader().getResourceAsStream(location.startsWith("/") ? location.substring(1) : location)) {
                if (in != null) return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("mp.jwt.verify.publickey.location: cannot read " + location + ": " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("mp.jwt.verify.publickey.location: " + location + " is neither a readable file nor a resource");
    }
}
