package dev.herald.chat;

import dev.herald.http.Fields;
import dev.herald.http.JsonBody;
import dev.herald.http.JsonOut;
import dev.herald.http.ProblemException;
import dev.herald.security.identity.Caller;
import dev.herald.security.identity.Identity;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /api/chat/rooms…}: reads the body into chat's input records, asks the part of
 * {@link Chat} that holds the rule, and answers its records, written by JSON-B ({@link dev.herald.http.JsonOut}).
 */
@Path("/chat/rooms")
@Produces(MediaType.APPLICATION_JSON)
public class ChatResource {
    @Inject
    Chat chat;
    @Inject
    Caller caller;

    @GET
    public String rooms() {
        return JsonOut.of(new RoomList(chat.rooms().rooms(caller.requireUser())));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(InputStream body) {
        Identity who = caller.requireUser();
        RoomView room = chat.rooms().createRoom(who, NewRoom.from(JsonBody.object(body, NewRoom.FIELDS)));
        return Response.status(Response.Status.CREATED).entity(JsonOut.of(room)).build();
    }

    /** An empty body joins the caller; {@code {"userId": "bob"}} adds bob (the creator only). */
    @POST
    @Path("/{id}/join")
    public String join(@PathParam("id") String roomId, InputStream body) {
        Identity who = caller.requireUser();
        Optional<String> userId = optionalBody(body, Set.of("userId")).flatMap(json -> Fields.optionalText(json, "userId", 1, 40));
        return JsonOut.of(chat.rooms().join(who, roomId, userId));
    }

    @POST
    @Path("/{id}/leave")
    public String leave(@PathParam("id") String roomId) {
        return JsonOut.of(chat.rooms().leave(caller.requireUser(), roomId));
    }

    @GET
    @Path("/{id}/presence")
    public String presence(@PathParam("id") String roomId) {
        return JsonOut.of(chat.activity().presence(caller.requireUser(), roomId));
    }

    @GET
    @Path("/{id}/messages")
    public String history(@PathParam("id") String roomId, @QueryParam("before") String before, @QueryParam("limit") String limit) {
        Identity who = caller.requireUser();
        return JsonOut.of(HistoryView.of(roomId, chat.messages().history(who, roomId, before, parseLimit(limit))));
    }

    @POST
    @Path("/{id}/messages")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response post(@PathParam("id") String roomId, InputStream body) {
        Identity who = caller.requireUser();
        Appended appended = chat.messages().post(who, roomId, MessageInput.from(JsonBody.object(body, MessageInput.FIELDS)));
        return Response.status(Response.Status.CREATED).entity(JsonOut.of(MessageView.of(appended.message()))).build();
    }

    @POST
    @Path("/{id}/typing")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response typing(@PathParam("id") String roomId, InputStream body) {
        Identity who = caller.requireUser();
        boolean typing = Fields.requiredBoolean(JsonBody.object(body, Set.of("typing")), "typing");
        chat.activity().typing(who, roomId, typing);
        return Response.noContent().build();
    }

    @POST
    @Path("/{id}/read")
    @Consumes(MediaType.APPLICATION_JSON)
    public String read(@PathParam("id") String roomId, InputStream body) {
        Identity who = caller.requireUser();
        return JsonOut.of(chat.reads().read(who, roomId, MarkRead.from(JsonBody.object(body, MarkRead.FIELDS))));
    }

    private static Integer parseLimit(String limit) {
        if (limit == null || limit.isEmpty()) return null;
        if (limit.length() > 4 || !limit.chars().allMatch(Character::isDigit)) {
            throw ProblemException.invalid("limit", "must be between 1 and " + Messages.MAX_PAGE);
        }
        return Integer.parseInt(limit);
    }

    private static Optional<JsonObject> optionalBody(InputStream body, Set<String> allowed) {
        if (body == null) return Optional.empty();
        try {
            var in = new PushbackInputStream(body, 1);
            int first = in.read();
            if (first < 0) return Optional.empty();
            in.unread(first);
            return Optional.of(JsonBody.object(in, allowed));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
