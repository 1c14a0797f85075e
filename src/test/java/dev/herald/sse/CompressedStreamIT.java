package dev.herald.sse;

import dev.herald.testing.Api;
import dev.herald.testing.Await;
import dev.herald.testing.Browser;
import dev.herald.testing.CurlStream;
import dev.herald.testing.SharedNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A gzip stream for a client that asks, plain text for one that does not, and no event held
 * back by the compressor: curl with and without {@code --compressed} side by side, timed per
 * event, and Chromium's own EventSource and fetch.
 */
@ExtendWith(SharedNode.class)
class CompressedStreamIT {
    private static final Duration WAIT = Duration.ofSeconds(10);
    /** How much later a compressed event may come out of curl than the same event uncompressed. */
    private static final long SAME_TIME_NANOS = 50_000_000L;
    /** The JAX-RS transport never compresses (docs/api.md, "Compression"): the same tests then expect plain text. */
    private static final boolean GZIP = !"jaxrs".equals(System.getProperty("herald.it.transport"));
    /** HTTP/1.1, as curl speaks it (see RawStream). */
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void curlCompressedGetsEachEventAsSoonAsPlainCurlDoes() throws Exception {
        String topic = "custom/gz-" + System.nanoTime();
        String url = Api.uri("/api/events?topic=" + topic).toString();
        try (var plain = new CurlStream(url); var compressed = new CurlStream(url, "--compressed")) {
            plain.arrival("retry: 3000", WAIT);
            compressed.arrival("retry: 3000", WAIT);
            assertEquals(GZIP, compressed.headers().contains("content-encoding: gzip"), compressed.headers());
            assertEquals(GZIP, compressed.headers().contains("vary: accept-encoding"), compressed.headers());
            assertFalse(plain.headers().contains("content-encoding"), "curl without --compressed asks for nothing: " + plain.headers());

            var lags = new ArrayList<Long>();
            for (int i = 0; i < 20; i++) {
                String id = Api.publish(topic, "tick", "{\"i\":" + i + ",\"note\":\"the same words again and again\"}");
                long plainAt = plain.arrival("id: " + id, WAIT);
                long gzipAt = compressed.arrival("id: " + id, WAIT);
                lags.add(gzipAt - plainAt);
                // Spread out, so that every event is a write of its own, never in a batch with the next.
                Thread.sleep(50);
            }
            for (int i = 0; i < lags.size(); i++) {
                assertTrue(lags.get(i) < SAME_TIME_NANOS, "event " + i + " came " + lags.get(i) / 1_000_000
                        + " ms later compressed than plain; all: " + lags.stream().map(l -> l / 1_000_000).toList());
            }
            List<String> plainLines = plain.lines();
            List<String> gzipLines = compressed.lines();
            assertEquals(plainLines.subList(0, Math.min(plainLines.size(), gzipLines.size())),
                    gzipLines.subList(0, Math.min(plainLines.size(), gzipLines.size())), "the same text either way");
        }
    }

    /**
     * A gzip stream the server ends (here every stream of the node, as a rolling deploy does)
     * ends as a whole gzip member, trailer and all: a strict decoder reads it to its end without
     * an error, rather than seeing it cut off.
     */
    @Test
    void aGzipStreamTheServerEndsIsAWholeMember() throws Exception {
        String topic = "custom/gz-end-" + System.nanoTime();
        var request = HttpRequest.newBuilder(Api.uri("/api/events?topic=" + topic))
                .header("Accept", "text/event-stream").header("Accept-Encoding", "gzip").build();
        var response = HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        assertEquals(GZIP, response.headers().firstValue("Content-Encoding").filter("gzip"::equals).isPresent(), response.headers().toString());
        var text = new StringBuffer();
        var ending = new CompletableFuture<Throwable>();
        var reader = new Thread(() -> {
            try (InputStream in = GZIP ? new GZIPInputStream(response.body(), 64) : response.body()) {
                byte[] buffer = new byte[256];
                for (int n; (n = in.read(buffer)) > 0; ) text.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                ending.complete(null);
            } catch (IOException | RuntimeException e) {
                ending.complete(e);
            }
        }, "gzip-reader");
        reader.setDaemon(true);
        reader.start();
        assertTrue(Await.until(() -> text.indexOf("retry:") >= 0, WAIT.toMillis()), "the opening: " + text);
        String id = Api.publish(topic, "tick", "{\"note\":\"before the end\"}");
        assertTrue(Await.until(() -> text.indexOf("id: " + id) >= 0, WAIT.toMillis()), "the event: " + text);

        assertEquals(200, Api.postJson("/api/admin/disconnect", "", Api.PUBLISHER_TOKEN).statusCode());
        Throwable failure = ending.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertNull(failure, "the stream ended as a whole member: " + failure + "\nread:\n" + text);
        assertTrue(text.toString().endsWith("\n\n"), "nothing cut off: " + text);
    }

    @Test
    void chromiumReadsTheGzipStreamEventByEvent() throws Exception {
        String topic = "custom/gz-browser-" + System.nanoTime();
        try (var browser = Browser.open()) {
            browser.get("/favicon.svg");
            browser.script("""
                    window.got = []; window.fetched = ''; window.encoding = null;
                    const source = new EventSource('/api/events?topic=' + arguments[0]);
                    source.addEventListener('tick', e => window.got.push({id: e.lastEventId, at: Date.now(), data: JSON.parse(e.data)}));
                    window.source = source;
                    fetch('/api/events?topic=' + arguments[0], {headers: {Accept: 'text/event-stream'}}).then(async r => {
                      window.encoding = r.headers.get('content-encoding');
                      const reader = r.body.getReader(); const text = new TextDecoder();
                      for (;;) { const {value, done} = await reader.read(); if (done) break; window.fetched += text.decode(value, {stream: true}); }
                    });
                    """, topic);
            String expected = GZIP ? "gzip" : null;
            assertTrue(Await.until(() -> java.util.Objects.equals(expected, browser.script("return window.encoding"))
                            && ((String) browser.script("return window.fetched")).contains("retry:"), WAIT.toMillis()),
                    "Chromium asked for gzip and got " + expected + ": " + browser.script("return window.encoding"));
            // Both streams are open once each has its opening: the EventSource's shows as readyState 1.
            assertTrue(Await.until(() -> Long.valueOf(1).equals(browser.script("return window.source.readyState")), WAIT.toMillis()));
            for (int i = 0; i < 10; i++) {
                String id = Api.publish(topic, "tick", "{\"i\":" + i + "}");
                long published = System.currentTimeMillis();
                final int n = i + 1;
                assertTrue(Await.until(() -> ((Number) browser.script("return window.got.length")).intValue() >= n, WAIT.toMillis()),
                        "event " + i + " never reached the EventSource");
                long arrived = ((Number) browser.script("return window.got[arguments[0]].at", i)).longValue();
                assertEquals(id, browser.script("return window.got[arguments[0]].id", i));
                assertTrue(arrived - published < 500, "event " + i + " took " + (arrived - published) + " ms to the page");
                assertTrue(Await.until(() -> ((String) browser.script("return window.fetched")).contains("id: " + id), WAIT.toMillis()),
                        "the fetch stream has each event as it comes, not when a buffer fills");
            }
            assertTrue(browser.consoleProblems().isEmpty(), browser.consoleProblems().toString());
        }
    }
}
