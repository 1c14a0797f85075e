package dev.herald.security.identity;

import dev.herald.boot.HeraldConfig;
import dev.herald.boot.Storage;
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
 * bearer token (a session token, or in jwt mode an identity provider's JWT), the
 * session cookie, or {@code ?access_token=} for clients that can set neither.
 * Signed-out tokens are refused until they would have expired.
 */
@ApplicationScoped
public class Authenticator {
    public static final String COOKIE = "herald_session";
    private static final Logger LOG = Logger.getLogger(Authenticator.class.getName());
    private static final Identity PUBLISHER = new Identity("publisher", "publisher", Set.of(Identity.PUBLISHER));

    @Inject
    HeraldConfig config;
    @Inject
    RevokedTokens revoked;
    @Inject
    Storage storage;

    private AuthMode mode;
    private SessionTokens tokens;
    private JwtIdentities jwts;
    private byte[] publisherToken;
    private Duration sessionTtl;

    @PostConstruct
    void init() {
        mode = AuthMode.from(config);
        // No default in the properties file: an unset secret is generated once and kept with the
        // node's data, so sessions outlive a restart; with nothing kept, it dies with the process.
        String secret = config.optional("herald.session.secret")
                .or(() -> storage.database().map(db -> db.remember("session_secret", randomSecret())))
                .orElse(null);
        if (secret == null) {
            secret = randomSecret();
            if (mode == AuthMode.DEV) {
                LOG.warning("herald.session.secret is not set and nothing is kept (herald.store): sessions are signed with a random key and end when this node restarts. Set it (32+ characters), the same on every node.");
            }
        }
        tokens = new SessionTokens(secret.getBytes(StandardCharsets.UTF_8));
        if (mode == AuthMode.JWT) jwts = new JwtIdentities(config);
        publisherToken = config.publisherToken().getBytes(StandardCharsets.UTF_8);
        sessionTtl = config.duration("herald.session.ttl");
    }

    private static String randomSecret() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(key);
    }

    public AuthMode mode() {
        return mode;
    }

    public Optional<Authentication> authenticate(HttpServletRequest request) {
        String bearer = bearer(request.getHeader("Authorization"));
        if (bearer == null) bearer = request.getParameter("access_token");
        if (bearer != null) {
            if (MessageDigest.isEqual(bearer.getBytes(StandardCharsets.UTF_8), publisherToken)) {
                return Optional.of(new Authentication(PUBLISHER, null, Long.MAX_VALUE));
            }
            return unlessRevoked(jwts != null ? jwts.verify(bearer) : tokens.verify(bearer, System.currentTimeMillis()));
        }
        // In jwt mode there is no sign-in, hence no cookie to honour.
        Cookie[] cookies = mode == AuthMode.DEV ? request.getCookies() : null;
        if (cookies != null) {
            for (Cookie c : cookies) {
                if (COOKIE.equals(c.getName())) return unlessRevoked(tokens.verify(c.getValue(), System.currentTimeMillis()));
            }
        }
        return Optional.empty();
    }

    /** Whether the request carries the session cookie (and no bearer token): what CSRF checks guard. */
    public static boolean usesSessionCookie(HttpServletRequest request) {
        if (request.getHeader("Authorization") != null || request.getParameter("access_token") != null) return false;
        Cookie[] cookies = request.getCookies();
        if (cookies == null) return false;
        for (Cookie c : cookies) if (COOKIE.equals(c.getName())) return true;
        return false;
    }

    private Optional<Authentication> unlessRevoked(Optional<Authentication> found) {
        return found.filter(a -> a.tokenId() == null || !revoked.checkRevoked(a.tokenId()));
    }

    /** A new session's token, valid for {@link #sessionTtl()}. */
    public String issue(Identity who) {
        return issue(who, sessionTtl.toMillis()).token();
    }

    /** A new session's token, valid for {@code lifetimeMillis} (at most {@link #sessionTtl()}), and each renewal as long. */
    public Issued issue(Identity who, long lifetimeMillis) {
        return issued(who, SessionTokens.randomId(), Math.min(lifetimeMillis, sessionTtl.toMillis()));
    }

    /**
     * Dev mode's renewal: a new token of the same session (its id, user and roles), valid for
     * the session's lifetime from now. The caller checked that {@code session} is a valid,
     * not signed-out session token.
     */
    public Issued renew(Authentication session) {
        long lifetime = session.lifetimeMillis() > 0 ? Math.min(session.lifetimeMillis(), sessionTtl.toMillis()) : sessionTtl.toMillis();
        return issued(session.identity(), session.tokenId(), lifetime);
    }

    private Issued issued(Identity who, String sessionId, long lifetimeMillis) {
        long expiresAt = System.currentTimeMillis() + lifetimeMillis;
        return new Issued(tokens.issue(who, expiresAt, sessionId, lifetimeMillis), expiresAt, lifetimeMillis);
    }

    /** A token as issued: when it expires, and the lifetime its cookie says. */
    public record Issued(String token, long expiresAt, long lifetimeMillis) {
    }

    /**
     * Sign-out: the token stays refused until it would have expired, on every node sharing the
     * store. A session token's id is its session's, shared by its renewals, none of which
     * outlives one full {@link #sessionTtl()} from now: that long, the whole session is refused.
     */
    public void revoke(Authentication session) {
        if (session.tokenId() == null) return;
        long until = session.expiresAt();
        if (mode == AuthMode.DEV) until = Math.max(until, System.currentTimeMillis() + sessionTtl.toMillis());
        revoked.revoke(session.tokenId(), until);
    }

    public Duration sessionTtl() {
        return sessionTtl;
    }

    private static String bearer(String header) {
        if (header == null || header.length() < 8 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) return null;
        return header.substring(7).strip();
    }
}
