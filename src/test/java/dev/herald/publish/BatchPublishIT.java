package dev.herald.publish;

import dev.herald.testing.Api;
import dev.herald.testing.RawStream;
import dev.herald.testing.SharedNode;
import dev.herald.testing.SseEvent;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code POST /api/publish/batch} over real HTTP on a real Liberty: answered in order, delivered
 * in order per topic, all or nothing, each item held to a single publish's rules, and the
 * limits on its items, its body and who may send it.
 */
@ExtendWith(SharedNode.class)
class BatchPublishIT {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int MAX_EVENTS = 1000;
    private static final int MAX_BYTES = 1_048_576;

    private static String topic() {
        return "custom/batch-" + UUID.randomUUID();
    }

    private static String item(String topic, String type, String data) {
        return "{\"topic\":\"" + topic + "\",\"type\":\"" + type + "\",\"data\":" + data + "}";
    }

    private static String batch(List<String> items) {
        return "{\"events\":[" + String.join(",", items) + "]}";
    }

    private static HttpResponse<String> post(String body) {
        return Api.postJson("/api/publish/batch", body, Api.PUBLISHER_TOKEN);
    }

    /** The stream's first live event: after a refused batch, the marker published after it, nothing of the batch. */
    private static void assertNothingBefore(RawStream stream, String marker) {
        SseEvent first = stream.await(e -> e.id() != null, WAIT);
        assertEquals(marker, first.id(), "nothing of the refused batch was published: " + first);
    }

    @Test
    void eventsAreAnsweredInOrderAndEachTopicReceivesItsOwnInOrder() {
        String a = topic(), b = topic();
        try (var onA = RawStream.open("/api/events?topic=" + a);
             var onBoth = RawStream.open("/api/events?topic=" + a + "&topic=" + b)) {
            onA.await(e -> e.retry() != null, WAIT);
            onBoth.await(e -> e.retry() != null, WAIT);
            var items = new ArrayList<String>();
            for (int i = 0; i < 30; i++) items.add(item(i % 3 == 0 ? b : a, "step", "{\"n\":" + i + "}"));
            var r = post(batch(items));
            assertEquals(200, r.statusCode(), r.body());
            var answers = Api.json(r.body()).getJsonArray("events");
            assertEquals(30, answers.size());
            var ids = new ArrayList<String>();
            for (int i = 0; i < 30; i++) {
                JsonObject answer = answers.getJsonObject(i);
                assertEquals(i % 3 == 0 ? b : a, answer.getString("topic"), "answer " + i);
                assertEquals("step", answer.getString("type"));
                assertTrue(answer.getJsonNumber("timestamp").longValue() > 0);
                ids.add(answer.getString("id"));
            }

            List<SseEvent> onlyA = onA.events("step", 20, WAIT);
            assertEquals(ids.stream().filter(id -> ids.indexOf(id) % 3 != 0).toList(), onlyA.stream().map(SseEvent::id).toList(),
                    "topic a's events, in the order sent");
            List<SseEvent> all = onBoth.events("step", 30, WAIT);
            assertEquals(ids, all.stream().map(SseEvent::id).toList(), "both topics' events, in the order sent");
            for (int i = 0; i < 30; i++) assertEquals(i, all.get(i).json().getJsonObject("data").getInt("n"));
        }
    }

    @Test
    void oneBadItemIsNamedByIndexAndFieldAndNothingIsPublished() {
        String t = topic();
        try (var stream = RawStream.open("/api/events?topic=" + t)) {
            stream.await(e -> e.retry() != null, WAIT);
            String[][] cases = {
                    {item(t, "bad type!", "{}"), "events[2].type"},
                    {item("chat/general", "ok", "{}"), "events[2].topic"},
                    {"{\"topic\":\"" + t + "\",\"type\":\"ok\",\"extra\":1}", "events[2].extra"},
                    {"{\"type\":\"ok\"}", "events[2].topic"},
                    {"\"just text\"", "events[2]"},
            };
            for (String[] c : cases) {
                var r = post(batch(List.of(item(t, "ok", "{}"), item(t, "ok", "{}"), c[0], item(t, "ok", "{}"))));
                assertEquals(400, r.statusCode(), c[0] + ": " + r.body());
                assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
                JsonObject problem = Api.json(r.body());
                assertEquals(c[1], problem.getString("field"), r.body());
                assertTrue(problem.getString("detail").startsWith(c[1] + ": "), r.body());
            }
            assertNothingBefore(stream, Api.publish(t, "marker", "{}"));
        }
    }

    @Test
    void eventsMustBeANonEmptyArrayOfAtMostTheLimit() {
        String t = topic();
        var tooMany = new ArrayList<String>();
        for (int i = 0; i <= MAX_EVENTS; i++) tooMany.add(item(t, "ok", "{}"));
        for (String body : List.of("{}", "{\"events\":[]}", "{\"events\":{}}", "{\"events\":null}", batch(tooMany))) {
            var r = post(body);
            assertEquals(400, r.statusCode(), body.length() > 80 ? body.substring(0, 80) : body);
            assertEquals("events", Api.json(r.body()).getString("field"), r.body());
        }
        var r = post("{\"events\":[],\"more\":1}");
        assertEquals(400, r.statusCode());
        assertEquals("more", Api.json(r.body()).getString("field"));

        tooMany.remove(0);
        var full = post(batch(tooMany));
        assertEquals(200, full.statusCode(), "exactly the limit is allowed: " + full.body());
        assertEquals(MAX_EVENTS, Api.json(full.body()).getJsonArray("events").size());
    }

    @Test
    void aBatchBodyMayBeLargerThanOtherBodiesUpToItsLimit() {
        String t = topic();
        String kib = "\"" + "x".repeat(1000) + "\"";
        var items = new ArrayList<String>();
        for (int i = 0; i < 200; i++) items.add(item(t, "big", kib));
        String body = batch(items);
        assertTrue(body.length() > 64 * 1024 && body.length() < MAX_BYTES, "between the two limits: " + body.length());
        assertEquals(200, post(body).statusCode(), "about 200 KiB in one batch");
        assertEquals(413, Api.postJson("/api/publish", item(t, "big", "\"" + "x".repeat(70_000) + "\""), Api.PUBLISHER_TOKEN).statusCode(),
                "a single publish stays at 64 KiB");

        try (var stream = RawStream.open("/api/events?topic=" + t)) {
            stream.await(e -> e.retry() != null, WAIT);
            while (items.size() < MAX_EVENTS) items.add(item(t, "big", kib));
            items.set(0, item(t, "big", "\"" + "x".repeat(100_000) + "\""));
            String over = batch(items);
            assertTrue(over.length() > MAX_BYTES, "over: " + over.length());
            var r = post(over);
            assertEquals(413, r.statusCode(), r.body());
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
            assertNothingBefore(stream, Api.publish(t, "marker", "{}"));
        }
    }

    @Test
    void onlyThePublisherMayPublishABatch() {
        String t = topic();
        String body = batch(List.of(item(t, "ok", "{}")));
        try (var stream = RawStream.open("/api/events?topic=" + t)) {
            stream.await(e -> e.retry() != null, WAIT);
            assertEquals(401, Api.postJson("/api/publish/batch", body, null).statusCode());
            assertEquals(401, Api.postJson("/api/publish/batch", body, "not-the-token").statusCode());
            assertEquals(403, Api.postJson("/api/publish/batch", body, Api.signIn("batch-mallory")).statusCode());
            assertNothingBefore(stream, Api.publish(t, "marker", "{}"));
        }
    }
}
