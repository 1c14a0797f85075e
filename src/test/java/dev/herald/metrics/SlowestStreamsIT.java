package dev.herald.metrics;

import dev.herald.testing.Api;
import dev.herald.testing.Await;
import dev.herald.testing.Browser;
import dev.herald.testing.SharedNode;
import dev.herald.testing.StalledStream;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The operator's view of lag: {@code GET /api/admin/streams} names the stream of a client that
 * stopped reading, with its user, topics and backlog, first; the dashboard shows it, and
 * Herald's own delivery latency beside the other figures.
 */
@ExtendWith(SharedNode.class)
class SlowestStreamsIT {
    private static final Map<String, String> PUBLISHER = Map.of("Authorization", "Bearer " + Api.PUBLISHER_TOKEN);

    private static JsonObject streams(String query) {
        var r = Api.get("/api/admin/streams" + query, PUBLISHER);
        assertEquals(200, r.statusCode(), r.body());
        return Api.json(r.body());
    }

    /** Publishes large events to the topic until its stalled stream has some queued (the sockets' buffers full). */
    private static void backUp(String topic) throws Exception {
        String pad = "\"" + "s".repeat(60_000) + "\"";
        for (int i = 0; i < 150; i++) {
            Api.publish(topic, "bulk", "{\"pad\":" + pad + "}");
            if (i % 10 == 9) {
                Thread.sleep(300);
                if (streams("?limit=1").getJsonArray("streams").getJsonObject(0).getInt("queued") > 0) return;
            }
        }
    }

    @Test
    void theStalledStreamComesFirstWithItsUserTopicsAndBacklog() throws Exception {
        String user = "lag-" + System.nanoTime();
        String token = Api.signIn(user);
        String topic = "custom/lag-" + System.nanoTime();
        try (var stalled = new StalledStream("/api/events?topic=" + topic + "&topic=metrics", token)) {
            backUp(topic);
            assertTrue(Await.until(() -> streams("?limit=1").getJsonArray("streams").getJsonObject(0)
                    .getJsonNumber("oldestQueuedMs").longValue() > 500, 10_000), "the oldest waiting event ages");
            JsonObject answer = streams("?limit=3");
            assertTrue(answer.getString("node").length() > 0);
            assertTrue(answer.getInt("open") >= 1);
            List<JsonObject> list = answer.getJsonArray("streams").getValuesAs(JsonObject.class);
            assertTrue(list.size() <= 3, "at most limit: " + list);
            JsonObject first = list.get(0);
            assertEquals(user, first.getString("userId"), "the dev sign-in's id is the name's slug: " + first);
            assertEquals(List.of(topic, "metrics"),
                    first.getJsonArray("topics").getValuesAs(jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString).toList());
            assertEquals(System.getProperty("herald.it.transport", "servlet"), first.getString("transport"));
            assertTrue(first.getInt("queued") > 0, first.toString());
            assertTrue(first.getJsonNumber("sinceWriteMs").longValue() >= 0, first.toString());
            for (int i = 1; i < list.size(); i++) {
                assertTrue(list.get(i - 1).getJsonNumber("oldestQueuedMs").longValue() >= list.get(i).getJsonNumber("oldestQueuedMs").longValue(),
                        "furthest behind first: " + list);
            }

            // The dashboard, with the token typed in, lists the same stream first, and Herald's own latency.
            try (var browser = Browser.open()) {
                browser.get("/dashboard.html?sharedWorker=0");
                browser.awaitState("connected");
                browser.find("[data-testid=slowest-token]").sendKeys(Api.PUBLISHER_TOKEN);
                browser.click("[data-testid=slowest-show]");
                // The list is redrawn as it refreshes: the first row's fields in one look, again if it was replaced meanwhile.
                List<String> row = browser.waitUntil(d -> {
                    try {
                        List<WebElement> rows = browser.findAll("[data-testid=slowest-stream]");
                        if (rows.isEmpty()) return null;
                        WebElement top = rows.get(0);
                        return List.of(top.getAttribute("data-stream-id"), top.getText(), top.getAttribute("data-queued"));
                    } catch (StaleElementReferenceException replaced) {
                        return null;
                    }
                }, "the slowest streams listed");
                String text = row.get(1);
                assertEquals(String.valueOf(first.getJsonNumber("id").longValue()), row.get(0), text);
                assertTrue(text.contains(topic) && text.contains(user), text);
                assertTrue(Integer.parseInt(row.get(2)) > 0, text);
                // The metrics stream itself is delivered every interval: there is always a latency to show.
                browser.waitUntil(d -> !browser.attr("[data-testid=delivery-p50]", "data-value").isEmpty(), "a p50 shown");
                double p50 = Double.parseDouble(browser.attr("[data-testid=delivery-p50]", "data-value"));
                double p99 = Double.parseDouble(browser.attr("[data-testid=delivery-p99]", "data-value"));
                assertTrue(p50 > 0 && p50 <= p99, "p50 " + p50 + " ≤ p99 " + p99);
                assertTrue(browser.text("[data-testid=delivery-p99]").endsWith(" ms"), browser.text("[data-testid=delivery-p99]"));
                assertTrue(browser.consoleProblems().isEmpty(), browser.consoleProblems().toString());
            }
        }
    }

    @Test
    void onlyThePublisherMayLookAndBadLimitsAreRefused() {
        assertEquals(401, Api.get("/api/admin/streams", Map.of()).statusCode());
        assertEquals(403, Api.get("/api/admin/streams", Map.of("Authorization", "Bearer " + Api.signIn("nosy"))).statusCode());
        for (String bad : List.of("0", "501", "ten", "-1")) {
            var r = Api.get("/api/admin/streams?limit=" + bad, PUBLISHER);
            assertEquals(400, r.statusCode(), bad);
            assertEquals("limit", Api.json(r.body()).getString("field"), r.body());
        }
        assertTrue(streams("").getJsonArray("streams").size() <= 20, "20 by default");
    }
}
