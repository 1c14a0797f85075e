package dev.herald.notify;

import dev.herald.http.JsonBody;
import dev.herald.http.JsonOut;
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
        return Response.created(URI.create("notifications/" + n.id())).entity(JsonOut.of(NotificationView.of(n, null))).build();
    }

    @GET
    public String list(@QueryParam("unread") String unread, @QueryParam("before") String before,
                       @QueryParam("limit") String limit) {
        Identity who = caller.requireUser();
        boolean unreadOnly = flag("unread", unread);
        return JsonOut.of(notifications.list(who, unreadOnly, blankToNull(before), pageSize(limit)));
    }

    @GET
    @Path("unread-count")
    public String unreadCount() {
        return JsonOut.of(notifications.unreadCount(caller.requireUser()));
    }

    @POST
    @Path("{id}/read")
    public String markRead(@PathParam("id") String id) {
        return JsonOut.of(notifications.markRead(caller.requireUser(), id));
    }

    @POST
    @Path("read-all")
    public String markAllRead() {
        return JsonOut.of(notifications.markAllRead(caller.requireUser()));
    }

    @DELETE
    @Path("{id}")
    public String remove(@PathParam("id") String id) {
        return JsonOut.of(notifications.remove(caller.requireUser(), id));
    }

    @DELETE
    public String removeAll() {
        return JsonOut.of(notifications.removeAll(caller.requireUser()));
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
