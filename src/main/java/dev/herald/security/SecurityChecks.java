package dev.herald.security;

import dev.herald.boot.HeraldConfig;
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
        try {
            Limits.from(config);
            origins.isListed("https://check.invalid"); // parses herald.cors.origins now, not on the first request
            if (authenticator.mode() == AuthMode.JWT && HeraldConfig.DEFAULT_PUBLISHER_TOKEN.equals(config.publisherToken())) {
                throw new IllegalStateException("herald.auth.mode=jwt with the default herald.publisher.token: anyone could publish. "
                        + "Set herald.publisher.token to a secret (or give publishers JWTs with the publisher group) and start again.");
            }
        } catch (RuntimeException unsafe) {
            LOG.severe("Herald refuses to start: " + unsafe.getMessage());
            throw unsafe;
        }
        LOG.info(() -> "Herald authentication mode: " + authenticator.mode().name().toLowerCase());
    }
}
