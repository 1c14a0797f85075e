package dev.herald.security.streams;

import dev.herald.http.JsonOut;
import dev.herald.http.ProblemException;
import dev.herald.security.identity.Authentication;
import dev.herald.security.identity.Caller;
import dev.herald.security.identity.SessionTokens;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.regex.Pattern;

/**
 * {@code POST /api/streams/{stream}/credential}: the caller's credential becomes the open
 * stream's, which then carries on past its old credential's expiry. The stream's id is the one
 * its {@code expiring} event gave; the credential must be the same user's (see
 * {@link StreamPolicy#renew}).
 */
@Path("/streams")
@Produces(MediaType.APPLICATION_JSON)
public class StreamsResource {
    /** What {@link SessionTokens#randomId()} makes: 16 random bytes, base64url. */
    private static final Pattern STREAM_ID = Pattern.compile("[A-Za-z0-9_-]{22}");

    @Inject
    Caller caller;
    @Inject
    StreamPolicy streams;

    @POST
    @Path("/{stream}/credential")
    public String renew(@PathParam("stream") String stream) {
        if (!STREAM_ID.matcher(stream).matches()) throw ProblemException.invalid("stream", "is not a stream id (22 characters of base64url)");
        Authentication who = caller.authentication()
                .orElseThrow(() -> ProblemException.unauthorized("renewing a stream needs a valid credential of its user"));
        if (!who.identity().isUser() || !who.expires()) throw ProblemException.forbidden("only a user's credential renews a stream");
        long expiresAt = streams.renew(stream, who);
        return JsonOut.of(new Renewed(stream, expiresAt));
    }

    /** The stream renewed, and when its credential now expires. */
    @JsonbPropertyOrder({"stream", "expiresAt"})
    public record Renewed(String stream, long expiresAt) {
    }
}
