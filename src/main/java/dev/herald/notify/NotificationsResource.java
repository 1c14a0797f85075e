package dev.herald.notify;

import dev.herald.http.JsonBody;
import dev.herald.http.ProblemException;
import dev.herald.security.identity.Caller;
import dev.herald.security.identity.Identity;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.InputStream;
import java.net.URI;

import static dev.herald.http.Jsonp.JSON;

/**
 * {@code /api/notifications}: publishers send; signed-in users read and manage their
 * own, and only their own (the caller's id is the only user id these calls use).
 */
@Path("/notifications")
@Produces(MediaType.APPLICATION_JSON)
public class NotificationsResource {
    static final int DEFAULT_PAGE = 50;
    static final int MAX_PAGE = 100;

    @Inject
    NotificationService notifications;
    @Inject
    Caller caller;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response send(InputStream body) {
        caller.requirePublisher();
        var draft = NotificationDraft.parse(JsonBody.object(body, NotificationDraft.FIELDS));
        Notification n = notifications.send(draft);
        return Response.created(URI.create("notifications/" + n.id())).entity(n.json(null).toString()).build();
    }

    @GET
    public String list(@QueryParam("unread") String unread, @QueryParam("before") String before,
                       @QueryParam("limit") String limit) {
        Identity who = caller.requireUser();
        boolean unreadOnly = flag("unread", unread);
        NotificationPage page = notifications.list(who, unreadOnly, blankToNull(before), pageSize(limit));
        var items = JSON.createArrayBuilder();
        page.items().forEach(u -> items.add(u.notification().json(u.read())));
        return JSON.createObjectBuilder()
                .add("notifications", items)
                .add("hasMore", page.hasMore())
                .add("unreadCount", notifications.unreadCount(who))
                .build().toString();
    }

    @GET
    @Path("unread-count")
    public String unreadCount() {
        return JSON.createObjectBuilder().add("unreadCount", notifications.unreadCount(caller.requireUser())).build().toString();
    }

    @POST
    @Path("{id}/read")
    public String markRead(@PathParam("id") String id) {
        return notifications.markRead(caller.requireUser(), id).toString();
    }

    @POST
    @Path("read-all")
    public String markAllRead() {
        return notifications.markAllRead(caller.requireUser()).toString();
    }

    @DELETE
    @Path("{id}")
    public String remove(@PathParam("id") String id) {
        return notifications.remove(caller.requireUser(), id).toString();
    }

    @DELETE
    public String removeAll() {
        return notifications.removeAll(caller.requireUser()).toString();
    }

    private static boolean flag(String name, String value) {
        if (value == null || value.isEmpty() || value.equals("false")) return false;
        if (value.equals("true")) return true;
        throw ProblemException.invalid(name, "must be true or false");
    }

    private static int pageSize(String limit) {
        if (limit == null || limit.isEmpty()) return DEFAULT_PAGE;
        try {
            int n = Integer.parseInt(limit);
            if (n >= 1 && n <= MAX_PAGE) return n;
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw ProblemException.invalid("limit", "must be a whole number from 1 to " + MAX_PAGE);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
