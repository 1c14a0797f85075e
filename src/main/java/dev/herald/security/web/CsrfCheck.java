package dev.herald.security.web;

import dev.herald.http.ProblemException;
import dev.herald.http.RequestCheck;
import dev.herald.security.identity.Authenticator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;


/**
 * Cross-site request forgery: a write that a browser could be tricked into sending
 * must come from an allowed origin. Bearer-token requests are exempt (a foreign site
 * cannot make the browser add the header). With the session cookie, the
 * {@code Origin} (else {@code Referer}) must be this server's or a listed one, and a
 * cookie write with neither header is refused. SameSite=Lax on the cookie is the
 * first line; this is the second.
 */
@ApplicationScoped
public class CsrfCheck implements RequestCheck {
    @Inject
    AllowedOrigins origins;

    /** After the body size, before the rates: a forged write spends nobody's budget. */
    @Override
    public int order() {
        return 200;
    }

    @Override
    public void check(HttpServletRequest http, String path) {
        if (RequestCheck.reads(http.getMethod())) return;
        if (http.getHeader("Authorization") != null || http.getParameter("access_token") != null) return;
        String origin = http.getHeader("Origin");
        if (origin == null) origin = AllowedOrigins.originOf(http.getHeader("Referer"));
        if (origin != null) {
            if (!origins.isAllowed(origin, http)) {
                throw ProblemException.forbidden("cross-site request refused: origin " + printable(origin) + " is not allowed (herald.cors.origins)");
            }
        } else if (Authenticator.usesSessionCookie(http)) {
            throw ProblemException.forbidden("a write with the session cookie needs an Origin or Referer header of an allowed origin");
        }
    }

    private static String printable(String s) {
        String cut = s.length() > 80 ? s.substring(0, 80) + "…" : s;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
