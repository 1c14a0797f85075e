package dev.herald.security;

import dev.herald.testing.Api;
import dev.herald.testing.RawStream;
import dev.herald.testing.SharedNode;
import dev.herald.testing.SseEvent;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * No text a user or publisher sends can start a line of its own on the wire: a
 * newline anywhere never becomes a forged {@code event:}, {@code id:} or
 * {@code data:} line, and what arrives is exactly what was sent.
 */
@Tag("both-transports")
@ExtendWith(SharedNode.class)
class SseInjectionIT {
    private static final String TOPIC = "custom/injection";
    private static final String FORGED = "\n\nevent: evil\nid: 999\ndata: {\"forged\":true}\n\n";

    @Test
    void newlinesInDataNeverForgeSseLines() {
        // Escaped newlines inside strings, raw CR/LF between tokens, and the Unicode line separators.
        List<String> payloads = List.of(
                "{\"text\":" + json(FORGED) + "}",
                "{\"text\":" + json("a\r\nevent: evil\rdata: x") + "}",
                "{\n  \"pretty\": true,\r\n  \"list\": [1,\n2]\r}",
                "{\"sep\":" + json("a\u2028event: evil\u2029b\u0085c") + "}",
                "[" + json(": comment\nretry: 1") + "]");
        try (var stream = RawStream.open("/api/events?topic=" + TOPIC)) {
            stream.next(Duration.ofSeconds(5));
            var ids = new ArrayList<String>();
            for (String p : payloads) ids.add(Api.publish(TOPIC, "probe", p));
            String marker = Api.publish(TOPIC, "marker", "{}");

            for (int i = 0; i < payloads.size(); i++) {
                SseEvent e = stream.await(ev -> ev.id() != null || ev.event() != null, Duration.ofSeconds(10));
                assertEquals("probe", e.event(), "event " + i + " arrived as " + e);
                assertEquals(ids.get(i), e.id());
                var envelope = Api.json(e.data());
                assertEquals(parse(payloads.get(i)), envelope.get("data"), "data arrives exactly as sent");
                assertNull(e.retry(), "no forged retry:");
            }
            SseEvent next = stream.await(ev -> ev.id() != null || ev.event() != null, Duration.ofSeconds(10));
            assertEquals(marker, next.id(), "nothing forged between the probes and the marker: " + next);
        }
    }

    @Test
    void usernamesReachTheEventsTopicAsTextNotLines() {
        String name = "Eve event: evil \u2028 data: x";
        try (var stream = RawStream.open("/api/events?topic=events")) {
            stream.next(Duration.ofSeconds(5));
            Api.signIn(name);
            SseEvent e = stream.await(ev -> ev.id() != null || ev.event() != null, Duration.ofSeconds(10));
            assertEquals("system_event", e.event(), e.toString());
            assertEquals(true, Api.json(e.data()).getJsonObject("data").toString().contains("evil"), e.data());
        }
        var refused = Api.postJson("/api/session", "{\"username\":\"eve\\nevent: evil\"}", null);
        assertEquals(400, refused.statusCode(), "a newline in a name is refused outright");
    }

    private static String json(String s) {
        var sb = new StringBuilder();
        dev.herald.hub.Envelope.quote(sb, s);
        return sb.toString();
    }

    private static jakarta.json.JsonValue parse(String text) {
        try (var r = jakarta.json.Json.createReader(new java.io.StringReader(text))) {
            return r.readValue();
        }
    }
}
