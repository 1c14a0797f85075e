package dev.herald.notify;

import dev.herald.http.ProblemException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.StringReader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NotificationDraftTest {

    private static JsonObject json(String text) {
        try (var r = Json.createReader(new StringReader(text))) {
            return r.readObject();
        }
    }

    private static String base(String extra) {
        return "{\"title\":\"Deploy\",\"message\":\"v2 is live\",\"type\":\"success\"" + extra + "}";
    }

    /** Asserts the body is refused with a 400 naming the field. */
    private static void refused(String body, String field) {
        var e = assertThrows(ProblemException.class, () -> NotificationDraft.parse(json(body)));
        assertEquals(400, e.problem().status());
        assertEquals(field, e.problem().field(), e.getMessage());
    }

    @Test
    void minimalBodyGetsTheDefaults() {
        var d = NotificationDraft.parse(json(base("")));
        assertEquals("Deploy", d.title());
        assertEquals("v2 is live", d.message());
        assertEquals(NotificationType.SUCCESS, d.type());
        assertNull(d.userId());
        assertTrue(d.isBroadcast());
        assertTrue(d.autoRemove());
        assertEquals(5000, d.duration());
        assertNull(d.actionUrl());
    }

    @Test
    void everyFieldIsRead() {
        var d = NotificationDraft.parse(json(base(",\"userId\":\"alice\",\"actionUrl\":\"/chat.html\","
                + "\"actionLabel\":\"Open\",\"autoRemove\":false,\"duration\":60000")));
        assertEquals("alice", d.userId());
        assertFalse(d.isBroadcast());
        assertEquals("/chat.html", d.actionUrl());
        assertEquals("Open", d.actionLabel());
        assertFalse(d.autoRemove());
        assertEquals(60000, d.duration());
    }

    @Test
    void titleIsRequiredAndAtMost200() {
        refused("{\"message\":\"m\",\"type\":\"info\"}", "title");
        refused("{\"title\":\"  \",\"message\":\"m\",\"type\":\"info\"}", "title");
        refused("{\"title\":\"" + "t".repeat(201) + "\",\"message\":\"m\",\"type\":\"info\"}", "title");
        refused("{\"title\":7,\"message\":\"m\",\"type\":\"info\"}", "title");
        assertEquals(200, NotificationDraft.parse(json("{\"title\":\"" + "t".repeat(200) + "\",\"message\":\"m\",\"type\":\"info\"}")).title().length());
    }

    @Test
    void messageIsRequiredAndAtMost2000() {
        refused("{\"title\":\"t\",\"type\":\"info\"}", "message");
        refused("{\"title\":\"t\",\"message\":\"\",\"type\":\"info\"}", "message");
        refused("{\"title\":\"t\",\"message\":\"" + "m".repeat(2001) + "\",\"type\":\"info\"}", "message");
        assertEquals(2000, NotificationDraft.parse(json("{\"title\":\"t\",\"message\":\"" + "m".repeat(2000) + "\",\"type\":\"info\"}")).message().length());
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"fatal\"", "\"INFO\"", "\"\"", "1", "null"})
    void typeMustBeOneOfFour(String type) {
        refused("{\"title\":\"t\",\"message\":\"m\",\"type\":" + type + "}", "type");
    }

    @Test
    void allFourTypesAreAccepted() {
        for (String t : new String[]{"info", "success", "warning", "error"}) {
            assertEquals(t, NotificationDraft.parse(json("{\"title\":\"t\",\"message\":\"m\",\"type\":\"" + t + "\"}")).type().wire());
        }
    }

    @Test
    void userIdMustBeAPlainId() {
        refused(base(",\"userId\":\"\""), "userId");
        refused(base(",\"userId\":\"a b\""), "userId");
        refused(base(",\"userId\":\"" + "u".repeat(201) + "\""), "userId");
        refused(base(",\"userId\":5"), "userId");
    }

    @ParameterizedTest
    @ValueSource(strings = {"javascript:alert(1)", "JavaScript:alert(1)", "java\\tscript:alert(1)", " javascript:alert(1)",
            "data:text/html,<b>x</b>", "vbscript:x", "//evil.example/x", "/\\\\evil.example", "http://", "https:///path",
            "ftp://example.com/f", "mailto:a@b.c", "http://exa mple.com"})
    void actionUrlRefusesAnythingButHttpAndRelative(String url) {
        refused(base(",\"actionUrl\":\"" + url + "\""), "actionUrl");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://example.com/a?b=c#d", "HTTP://example.com", "/dashboard.html", "chat.html?room=general",
            "../x", "?tab=2", "#top"})
    void actionUrlTakesHttpHttpsAndRelativePaths(String url) {
        assertEquals(url, NotificationDraft.parse(json(base(",\"actionUrl\":\"" + url + "\""))).actionUrl());
    }

    @Test
    void actionUrlIsAStringAndAtMost2000() {
        refused(base(",\"actionUrl\":1"), "actionUrl");
        refused(base(",\"actionUrl\":\"/" + "a".repeat(2000) + "\""), "actionUrl");
    }

    @Test
    void actionLabelIsBoundedAndNeedsAUrl() {
        refused(base(",\"actionLabel\":\"Open\""), "actionLabel");
        refused(base(",\"actionUrl\":\"/x\",\"actionLabel\":\"" + "l".repeat(61) + "\""), "actionLabel");
        refused(base(",\"actionUrl\":\"/x\",\"actionLabel\":\"\""), "actionLabel");
    }

    @Test
    void autoRemoveIsABoolean() {
        refused(base(",\"autoRemove\":\"yes\""), "autoRemove");
        refused(base(",\"autoRemove\":1"), "autoRemove");
    }

    @Test
    void durationIsWholeMillisecondsFrom1000To60000() {
        refused(base(",\"duration\":999"), "duration");
        refused(base(",\"duration\":60001"), "duration");
        refused(base(",\"duration\":1500.5"), "duration");
        refused(base(",\"duration\":\"5000\""), "duration");
        refused(base(",\"duration\":-1"), "duration");
        assertEquals(1000, NotificationDraft.parse(json(base(",\"duration\":1000"))).duration());
        assertEquals(60000, NotificationDraft.parse(json(base(",\"duration\":60000"))).duration());
    }

    @Test
    void textIsKeptAsTypedHtmlIncluded() {
        var d = NotificationDraft.parse(json("{\"title\":\"<img src=x onerror=alert(1)>\",\"message\":\"<b>bold</b> & co\",\"type\":\"info\"}"));
        assertEquals("<img src=x onerror=alert(1)>", d.title());
        assertEquals("<b>bold</b> & co", d.message());
    }

    @Test
    void serverBroadcastsShortenOverlongTextInsteadOfFailing() {
        var d = NotificationDraft.broadcast(NotificationType.WARNING, "t".repeat(300), "m".repeat(3000));
        assertEquals(200, d.title().length());
        assertEquals(2000, d.message().length());
        assertTrue(d.isBroadcast());
        assertEquals(NotificationDraft.DEFAULT_DURATION, d.duration());
    }
}
