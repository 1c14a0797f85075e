package dev.herald.security.identity;

import dev.herald.http.ProblemException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

import java.util.Optional;

/** The identity behind the current request, resolved once per request. */
@RequestScoped
public class Caller {
    @Inject
    Authenticator authenticator;
    @Inject
    HttpServletRequest request;

    private Optional<Authentication> authentication;

    public Optional<Identity> identity() {
        return authentication().map(Authentication::identity);
    }

    /** The identity with its credential's id and expiry. */
    public Optional<Authentication> authentication() {
        if (authentication == null) authentication = authenticator.authenticate(request);
        return authentication;
    }

    /** A signed-in user (publishers too may act as themselves), else 401. */
    public Identity require() {
        return identity().orElseThrow(() -> ProblemException.unauthorized("sign in with POST /api/session or send a bearer token"));
    }

    /** A signed-in person, not a publisher token: for chat and per-user state. */
    public Identity requireUser() {
        Identity who = require();
        if (!who.isUser()) throw ProblemException.forbidden("this needs a signed-in user");
        return who;
    }

    public Identity requirePublisher() {
        Identity who = identity().orElseThrow(() -> ProblemException.unauthorized("publishing needs the publisher credential (Authorization: Bearer …)"));
        if (!who.isPublisher()) throw ProblemException.forbidden("publishing needs the publisher role");
        return who;
    }
}
