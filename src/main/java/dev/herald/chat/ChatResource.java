package dev.herald.chat;

import dev.herald.http.JsonBody;
import dev.herald.http.ProblemException;
import dev.herald.http.Fields;
import dev.herald.security.Caller;
import dev.herald.security.Identity;
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

import static dev.herald.http.Jsonp.JSON;

/** {@code /api/chat/rooms…}: thin over {@link ChatService}, which holds every rule. */
@Path("/chat/rooms")
@Produces(MediaType.APPLICATION_JSON)
public class ChatResource {
    @Inject
    ChatService chat;
    @Inject
    Caller caller;

    @GET
    public String rooms() {
        var rooms = JSON.createArrayBuilder();
        chat.rooms(caller.requireUser()).forEach(rooms::add);
        return JSON.createObjectBuilder().add("rooms", rooms).build().toString();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(InputStream body) {
        Identity who = caller.requireUser();
        JsonObject room = chat.createRoom(who, JsonBody.object(body, Set.of("name", "private", "members")));
        return Response.status(Response.Status.CREATED).entity(room.toString()).build();
    }

    /** An empty body joins the caller; {@code {"userId": "bob"}} adds bob (the creator only). */
    @POST
    @Path("/{id}/join")
    public String join(@PathParam("id") String roomId, InputStream body) {
        Identity who = caller.requireUser();
        Optional<String> userId = optionalBody(body, Set.of("userId")).flatMap(json -> Fields.optionalText(json, "userId", 1, 40));
        return chat.join(who, roomId, userId).toString();
    }

    @POST
    @Path("/{id}/leave")
    public String leave(@PathParam("id") String roomId) {
        return chat.leave(caller.requireUser(), roomId).toString();
    }

    @GET
    @Path("/{id}/presence")
    public String presence(@PathParam("id") String roomId) {
        return chat.presence(caller.requireUser(), roomId).toString();
    }

    @GET
    @Path("/{id}/messages")
    public String history(@PathParam("id") String roomId, @QueryParam("before") String before, @QueryParam("limit") String limit) {
        Identity who = caller.requireUser();
        HistoryPage page = chat.history(who, roomId, before, parseLimit(limit));
        var messages = JSON.createArrayBuilder();
        page.messages().forEach(m -> messages.add(m.toJson()));
        return JSON.createObjectBuilder().add("roomId", roomId).add("messages", messages)
                .add("hasMore", page.hasMore()).build().toString();
    }

    @POST
    @Path("/{id}/messages")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response post(@PathParam("id") String roomId, InputStream body) {
        Identity who = caller.requireUser();
        Appended appended = chat.post(who, roomId, JsonBody.object(body, MessageInput.FIELDS));
        return Response.status(Response.Status.CREATED).entity(appended.message().toJson().toString()).build();
    }

    @POST
    @Path("/{id}/typing")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response typing(@PathParam("id") String roomId, InputStream body) {
        Identity who = caller.requireUser();
        boolean typing = Fields.requiredBoolean(JsonBody.object(body, Set.of("typing")), "typing");
        chat.typing(who, roomId, typing);
        return Response.noContent().build();
    }

    @POST
    @Path("/{id}/read")
    @Consumes(MediaType.APPLICATION_JSON)
    public String read(@PathParam("id") String roomId, InputStream body) {
        Identity who = caller.requireUser();
        return chat.read(who, roomId, JsonBody.object(body, Set.of("lastReadId"))).toString();
    }

    private static Integer parseLimit(String limit) {
        if (limit == null || limit.isEmpty()) return null;
        if (limit.length() > 4 || !limit.chars().allMatch(Character::isDigit)) {
            throw ProblemException.invalid("limit", "must be between 1 and " + ChatService.MAX_PAGE);
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
