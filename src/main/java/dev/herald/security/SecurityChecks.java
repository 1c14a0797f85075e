package dev.herald.security;

import dev.herald.boot.HeraldConfig;
import dev.herald.security.identity.AuthMode;
import dev.herald.security.identity.Authenticator;
import dev.herald.security.limits.LimitSettings;
import dev.herald.security.web.AllowedOrigins;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.logging.Logger;

/** Refuses to start with settings that would be unsafe on the internet, saying which and why. */
@ApplicationScoped
public class SecurityChecks {
    private static final Logger LOG = Logger.getLogger(SecurityChecks.class.getName());

    @Inject
    HeraldConfig config;
    @Inject
    AllowedOrigins origins;
    @Inject
    Authenticator authenticator;

    void check(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        AuthMode mode;
        try {
            mode = AuthMode.from(config);
            if (mode == AuthMode.JWT && HeraldConfig.DEFAULT_PUBLISHER_TOKEN.equals(config.publisherToken())) {
                throw new IllegalStateException("herald.auth.mode=jwt with the default herald.publisher.token: anyone could publish. "
                        + "Set herald.publisher.token to a secret (publishers may also use JWTs with the publisher group) and start again.");
            }
            LimitSettings.from(config);
            origins.isListed("https://check.invalid"); // reads herald.cors.origins now, not on the first request
            authenticator.mode(); // reads the JWT keys now
        } catch (RuntimeException unsafe) {
            Throwable cause = unsafe;
            while (cause.getCause() != null) cause = cause.getCause();
            LOG.severe("Herald refuses to start: " + cause.getMessage());
            throw unsafe;
        }
        LOG.info(() -> "Herald authentication mode: " + mode.name().toLowerCase());
    }
}
