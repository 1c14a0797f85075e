package dev.herald.security;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Every endpoint and topic × every kind of caller, with the status each must get.
 * A table that grows: chat and notifications add their rows (and member/non-member
 * callers) when they land. A stream row passes when the stream opens with that status.
 */
final class AuthorizationMatrix {
    enum Caller { ANONYMOUS, USER, OTHER_USER, PUBLISHER, ADMIN }

    /** The owner (USER) goes last, so a write by an owner never hides what the others could do. */
    static final List<Caller> ORDER = List.of(Caller.ANONYMOUS, Caller.OTHER_USER, Caller.PUBLISHER, Caller.ADMIN, Caller.USER);

    /** One row; {@code expected} has a status for each caller the row applies to. */
    record Row(String method, String path, String body, Map<Caller, Integer> expected) {
        boolean isStream() {
            return method.equals("GET") && path.startsWith("/api/events");
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private AuthorizationMatrix() {
    }

    /** Statuses in the order ANONYMOUS, USER, OTHER_USER, PUBLISHER, ADMIN. */
    static Row row(String method, String path, String body, int... statuses) {
        Map<Caller, Integer> expected = new EnumMap<>(Caller.class);
        for (int i = 0; i < statuses.length; i++) expected.put(Caller.values()[i], statuses[i]);
        return new Row(method, path, body, expected);
    }

    static final String NOTIFY = "{\"title\":\"matrix\",\"message\":\"probe\",\"type\":\"info\",\"userId\":\"matrix-nobody\"}";
    static final String PUBLISH = "{\"topic\":\"custom/matrix\",\"type\":\"probe\",\"data\":{}}";
    static final String PUBLISH_BATCH = "{\"events\":[" + PUBLISH + "," + PUBLISH + "]}";

    /** Rows that hold in both modes. A publisher may read as itself; admins are users with a role. */
    static List<Row> common() {
        var rows = new ArrayList<Row>();
        //                                                                 anon user other publ admin
        rows.add(row("GET", "/api/events?topic=metrics", null,                200, 200, 200, 200, 200));
        rows.add(row("GET", "/api/events?topic=alerts&topic=events", null,    200, 200, 200, 200, 200));
        rows.add(row("GET", "/api/events?topic=custom/matrix", null,          200, 200, 200, 200, 200));
        rows.add(row("GET", "/api/events?topic=nowhere", null,                400, 400, 400, 400, 400));
        rows.add(row("GET", "/api/events?topic=custom/%3Cscript%3E", null,    400, 400, 400, 400, 400));
        rows.add(row("GET", "/api/session", null,                             200, 200, 200, 200, 200)); // {user:null} when signed out
        rows.add(row("POST", "/api/publish", PUBLISH,                         401, 403, 403, 200, 403));
        rows.add(row("POST", "/api/admin/disconnect", "{}",                   401, 403, 403, 200, 403));
        rows.add(row("GET", "/api/admin/streams", null,                       401, 403, 403, 200, 403));
        rows.add(row("GET", "/api/publish", null,                             405, 405, 405, 405, 405));
        rows.add(row("POST", "/api/publish/batch", PUBLISH_BATCH,             401, 403, 403, 200, 403));
        rows.add(row("GET", "/api/publish/batch", null,                       405, 405, 405, 405, 405));
        rows.add(row("GET", "/api/no-such-thing", null,                       404, 404, 404, 404, 404));
        // Notifications: each user's own; publishers send, and are not users. {mine} is a
        // notification addressed to USER (made by the runner's fixture), so OTHER_USER must get 404.
        rows.add(row("GET", "/api/events?topic=notifications", null,          401, 200, 200, 403, 200));
        rows.add(row("GET", "/api/notifications", null,                       401, 200, 200, 403, 200));
        rows.add(row("GET", "/api/notifications/unread-count", null,          401, 200, 200, 403, 200));
        rows.add(row("POST", "/api/notifications", NOTIFY,                    401, 403, 403, 201, 403));
        rows.add(row("POST", "/api/notifications/{mine}/read", null,          401, 200, 404, 403, 404));
        rows.add(row("POST", "/api/notifications/read-all", null,             401, 200, 200, 403, 200));
        rows.add(row("DELETE", "/api/notifications/{mine}", null,             401, 200, 404, 403, 404));
        rows.add(row("DELETE", "/api/notifications", null,                    401, 200, 200, 403, 200));
        // Dashboard: public. Chat: signed-in users; {private} is a private room of USER's alone.
        rows.add(row("GET", "/api/metrics", null,                             200, 200, 200, 200, 200));
        rows.add(row("GET", "/api/metrics/history?minutes=15", null,          200, 200, 200, 200, 200));
        rows.add(row("GET", "/api/chat/rooms", null,                          401, 200, 200, 403, 200));
        rows.add(row("GET", "/api/chat/rooms/{private}/messages", null,       401, 200, 403, 403, 403));
        rows.add(row("POST", "/api/chat/rooms/{private}/messages", "{\"content\":\"hi\"}", 401, 201, 403, 403, 403));
        rows.add(row("GET", "/api/events?topic=chat/{private}", null,         401, 200, 403, 403, 403));
        // A stream id no stream has: a user's credential is looked for it (404); a publisher's renews nothing.
        rows.add(row("POST", "/api/streams/AAAAAAAAAAAAAAAAAAAAAA/credential", null, 401, 404, 404, 403, 404));
        return rows;
    }

    /** The embedded sign-in exists in dev mode only. */
    static List<Row> devOnly() {
        return List.of(
                row("POST", "/api/session", "{\"username\":\"matrix-probe\"}", 200, 200, 200, 200, 200),
                row("POST", "/api/session/renew", null,                       401, 200, 200, 403, 200));
    }

    static List<Row> jwtOnly() {
        return List.of(
                row("POST", "/api/session", "{\"username\":\"matrix-probe\"}", 404, 404, 404, 404, 404),
                row("POST", "/api/session/renew", null,                       404, 404, 404, 404, 404));
    }
}
