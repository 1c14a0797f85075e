package dev.herald.http;

import dev.herald.testing.Api;
import dev.herald.testing.RawStream;
import dev.herald.testing.SharedNode;
import dev.herald.testing.SseEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every failure answers problem JSON with the right status, and a failed request publishes nothing. */
@ExtendWith(SharedNode.class)
class ProblemIT {
    private static final String TOPIC = "custom/problem-it";
    private static final Map<String, String> JSON = Map.of("Content-Type", "application/json");
    private static final Map<String, String> PUBLISHER_JSON =
            Map.of("Content-Type", "application/json", "Authorization", "Bearer " + Api.PUBLISHER_TOKEN);

    static Stream<Arguments> failures() {
        String userToken = Api.signIn("problem-user");
        var asUser = Map.of("Content-Type", "application/json", "Authorization", "Bearer " + userToken);
        String big = "{\"topic\":\"" + TOPIC + "\",\"type\":\"t\",\"data\":\"" + "x".repeat(70_000) + "\"}";
        return Stream.of(
                Arguments.of("no credentials", "POST", "/api/publish", ok("t"), JSON, 401, null),
                Arguments.of("bad token", "POST", "/api/publish", ok("t"),
                        Map.of("Content-Type", "application/json", "Authorization", "Bearer nope"), 401, null),
                Arguments.of("a user is not a publisher", "POST", "/api/publish", ok("t"), asUser, 403, null),
                Arguments.of("malformed JSON", "POST", "/api/publish", "{\"topic\":", PUBLISHER_JSON, 400, "body"),
                Arguments.of("not an object", "POST", "/api/publish", "[1,2]", PUBLISHER_JSON, 400, "body"),
                Arguments.of("empty body", "POST", "/api/publish", "", PUBLISHER_JSON, 400, "body"),
                Arguments.of("topic missing", "POST", "/api/publish", "{\"type\":\"t\"}", PUBLISHER_JSON, 400, "topic"),
                Arguments.of("not a custom topic", "POST", "/api/publish", "{\"topic\":\"metrics\",\"type\":\"t\"}", PUBLISHER_JSON, 400, "topic"),
                Arguments.of("topic grammar", "POST", "/api/publish", "{\"topic\":\"custom/a b\",\"type\":\"t\"}", PUBLISHER_JSON, 400, "topic"),
                Arguments.of("type with newline", "POST", "/api/publish", "{\"topic\":\"" + TOPIC + "\",\"type\":\"a\\nid: 1\"}", PUBLISHER_JSON, 400, "type"),
                Arguments.of("type not a string", "POST", "/api/publish", "{\"topic\":\"" + TOPIC + "\",\"type\":5}", PUBLISHER_JSON, 400, "type"),
                Arguments.of("unknown field", "POST", "/api/publish", "{\"topic\":\"" + TOPIC + "\",\"type\":\"t\",\"extra\":1}", PUBLISHER_JSON, 400, "extra"),
                Arguments.of("over 64 KiB", "POST", "/api/publish", big, PUBLISHER_JSON, 413, null),
                Arguments.of("not JSON", "POST", "/api/publish", ok("t"),
                        Map.of("Content-Type", "text/plain", "Authorization", "Bearer " + Api.PUBLISHER_TOKEN), 415, null),
                Arguments.of("unknown path", "GET", "/api/nothing-here", null, Map.of(), 404, null),
                Arguments.of("wrong method", "DELETE", "/api/publish", null, PUBLISHER_JSON, 405, null),
                Arguments.of("stream without topic", "GET", "/api/events", null, Map.of(), 400, "topic"),
                Arguments.of("stream of unknown topic", "GET", "/api/events?topic=nope", null, Map.of(), 400, "topic"),
                Arguments.of("stream of bad heartbeat", "GET", "/api/events?topic=metrics&heartbeat=loud", null, Map.of(), 400, "heartbeat"),
                Arguments.of("stream of 65 topics", "GET", "/api/events?" + "topic=custom/t&".repeat(65), null, Map.of(), 400, "topic"),
                Arguments.of("sign-in without name", "POST", "/api/session", "{\"username\":\"  \"}", JSON, 400, "username"),
                Arguments.of("sign-in name too long", "POST", "/api/session", "{\"username\":\"" + "a".repeat(41) + "\"}", JSON, 400, "username"),
                Arguments.of("disconnect without credentials", "POST", "/api/admin/disconnect", null, Map.of(), 401, null),
                Arguments.of("disconnect as a user", "POST", "/api/admin/disconnect", null, asUser, 403, null));
    }

    private static String ok(String type) {
        return "{\"topic\":\"" + TOPIC + "\",\"type\":\"" + type + "\",\"data\":{}}";
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void answersProblemJsonAndPublishesNothing(String name, String method, String path, String body,
                                               Map<String, String> headers, int status, String field) {
        List<SseEvent> published = publishedBy(() -> {
            HttpResponse<String> response = Api.send(method, path, body, headers);

            assertEquals(status, response.statusCode(), response.body());
            assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"),
                    "content type " + response.headers().firstValue("Content-Type"));
            var problem = Api.json(response.body());
            assertEquals(status, problem.getInt("status"));
            assertTrue(problem.containsKey("title") && problem.containsKey("detail") && problem.containsKey("type"));
            if (field != null) assertEquals(field, problem.getString("field"), problem.toString());
        });
        assertEquals(List.of(), published, "a failed request published");
    }

    @Test
    void aValidPublishIsSeenSoTheCheckAboveCanFail() {
        List<SseEvent> published = publishedBy(() -> Api.publish(TOPIC, "t", "{}"));
        assertEquals(1, published.size(), published.toString());
        assertEquals("t", published.get(0).event());
    }

    /**
     * What {@code action} published to the topics a request could touch: the custom
     * topic, and the system events (sign-ins, dropped streams). The server publishes
     * on its own too (metrics every interval, alerts), so instead of a global counter:
     * a sentinel published after the action arrives after anything the action published,
     * since a stream delivers in the order the hub accepted events.
     */
    private static List<SseEvent> publishedBy(Runnable action) {
        try (var watch = RawStream.open("/api/events?topic=" + TOPIC + "&topic=events")) {
            watch.next(Duration.ofSeconds(10));
            action.run();
            String sentinel = Api.publish(TOPIC, "sentinel", "{}");
            var seen = new ArrayList<SseEvent>();
            watch.await(e -> {
                boolean done = sentinel.equals(e.id());
                if (!done && e.id() != null && !BACKGROUND.contains(kind(e))) seen.add(e);
                return done;
            }, Duration.ofSeconds(10));
            return seen;
        }
    }

    /** System events the server records on its own, whatever the test does. */
    private static final Set<String> BACKGROUND = Set.of("alert_firing", "alert_resolved", "slow_consumer");

    private static String kind(SseEvent e) {
        if (!"system_event".equals(e.event())) return "";
        return e.json().getJsonObject("data").getString("kind", "");
    }
}
