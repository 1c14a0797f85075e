package dev.herald.security;

import dev.herald.boot.HeraldConfig;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Turns a request's credentials into an {@link Identity}: the publisher token, a
 * session token as bearer, the session cookie, or {@code ?access_token=} for
 * clients that can set neither.
 */
@ApplicationScoped
public class Authenticator {
    public static final String COOKIE = "herald_session";
    private static final Logger LOG = Logger.getLogger(Authenticator.class.getName());
    private static final Identity PUBLISHER = new Identity("publisher", "publisher", Set.of(Identity.PUBLISHER));

    @Inject
    HeraldConfig config;

    private SessionTokens tokens;
    private byte[] publisherToken;
    private Duration sessionTtl;

    @PostConstruct
    void init() {
        String secret = config.string("herald.session.secret", null);
        byte[] key;
        if (secret == null) {
            key = new byte[32];
            new SecureRandom().nextBytes(key);
            LOG.warning("herald.session.secret is not set: sessions are signed with a random key and end when this node restarts. Set it (32+ characters), the same on every node.");
        } else {
            key = secret.getBytes(StandardCharsets.UTF_8);
        }
        tokens = new SessionTokens(key);
        publisherToken = config.publisherToken().getBytes(StandardCharsets.UTF_8);
        sessionTtl = config.duration("herald.session.ttl", Duration.ofHours(24));
    }

    public Optional<Identity> identify(HttpServletRequest request) {
        String bearer = bearer(request.getHeader("Authorization"));
        if (bearer == null) bearer = request.getParameter("access_token");
        if (bearer != null) {
            if (MessageDigest.isEqual(bearer.getBytes(StandardCharsets.UTF_8), publisherToken)) return Optional.of(PUBLISHER);
            return tokens.verify(bearer, System.currentTimeMillis());
        }
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie c : cookies) {
                if (COOKIE.equals(c.getName())) return tokens.verify(c.getValue(), System.currentTimeMillis());
            }
        }
        return Optional.empty();
    }

    public String issue(Identity who) {
        return tokens.issue(who, System.currentTimeMillis() + sessionTtl.toMillis());
    }

    public Duration sessionTtl() {
        return sessionTtl;
    }

    private static String bearer(String header) {
        if (header == null || header.length() < 8 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) return null;
        return header.substring(7).strip();
    }
}
