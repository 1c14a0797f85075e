package dev.herald.security.identity;

import dev.herald.http.Fields;
import dev.herald.http.JsonBody;
import dev.herald.http.JsonOut;
import dev.herald.http.ProblemException;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.InputStream;
import java.util.Set;

/**
 * The embedded default's sign-in: a name is enough. In jwt mode an identity provider
 * signs people in, and this sign-in does not exist (404).
 */
@Path("/session")
@Produces(MediaType.APPLICATION_JSON)
public class SessionResource {
    @Inject
    Authenticator authenticator;
    @Inject
    Caller caller;
    @Inject
    SignIns signIns;
    @Inject
    Event<SignedOut> signedOut;
    @Context
    HttpServletRequest request;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response signIn(InputStream body) {
        if (authenticator.mode() != AuthMode.DEV) {
            throw ProblemException.notFound("sign-in is off in jwt mode: send your identity provider's token as Authorization: Bearer");
        }
        JsonObject json = JsonBody.object(body, Set.of("username", "ttl"));
        String username = Fields.text(json, "username", 1, 40);
        if (username.codePoints().anyMatch(Character::isISOControl)) {
            throw ProblemException.invalid("username", "must not contain control characters");
        }
        long maxSeconds = authenticator.sessionTtl().toSeconds();
        long ttlSeconds = Fields.optionalLong(json, "ttl", 1, maxSeconds).orElse(maxSeconds);
        Identity who = new Identity(UserIds.fromName(username), username, Set.of(Identity.USER));
        Authenticator.Issued issued = authenticator.issue(who, ttlSeconds * 1000);
        signIns.signedIn(who);
        return session(who, issued);
    }

    /**
     * A new token of the caller's session, for as long again as the session's lifetime: a
     * page left open keeps its session (and, handed to its streams, its streams) without a
     * new sign-in. A signed-out or expired token renews nothing (401).
     */
    @POST
    @Path("/renew")
    public Response renew() {
        if (authenticator.mode() != AuthMode.DEV) {
            throw ProblemException.notFound("renewal is off in jwt mode: ask your identity provider for a new token");
        }
        Authentication session = caller.authentication()
                .orElseThrow(() -> ProblemException.unauthorized("no session to renew: sign in with POST /api/session"));
        if (session.tokenId() == null || !session.identity().isUser()) {
            throw ProblemException.forbidden("only a signed-in session is renewed");
        }
        return session(session.identity(), authenticator.renew(session));
    }

    private Response session(Identity who, Authenticator.Issued issued) {
        return Response.ok(JsonOut.of(new SessionView.Issued(issued.token(), SessionView.User.of(who), issued.expiresAt())))
                .header("Set-Cookie", cookie(issued.token(), issued.lifetimeMillis() / 1000))
                .build();
    }

    /** Who is signed in: {@code {"user":null}} rather than 401, so pages can ask without an error. */
    @GET
    public String current() {
        return JsonOut.of(new SessionView.Current(caller.identity().map(SessionView.User::of).orElse(null)));
    }

    /** Signs out: the session is refused from now on, and streams holding it end with {@code event: expired}. */
    @DELETE
    public Response signOut() {
        caller.authentication().filter(session -> session.tokenId() != null).ifPresent(session -> {
            try {
                authenticator.revoke(session);
            } finally {
                // Even when the sign-out could not reach the other nodes (503), this node's streams end.
                signedOut.fire(new SignedOut(session.tokenId()));
            }
        });
        return Response.noContent().header("Set-Cookie", cookie("", 0)).build();
    }

    private String cookie(String value, long maxAgeSeconds) {
        return Authenticator.COOKIE + "=" + value + "; Path=/; Max-Age=" + maxAgeSeconds + "; HttpOnly; SameSite=Lax"
                + (request.isSecure() ? "; Secure" : "");
    }
}
