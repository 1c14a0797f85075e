package dev.herald.web;

import dev.herald.testing.Api;
import dev.herald.testing.Await;
import dev.herald.testing.Browser;
import dev.herald.testing.SharedNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The browser client on a page that is not Herald's: the five lines of
 * docs/browser-client.md, served as they are written there, receive an event of a
 * type nobody told them about. The page is an application of its own beside Herald on the
 * shared node, at /elsewhere: another origin's path, the same server.
 */
@ExtendWith(SharedNode.class)
class ForeignPageIT {
    private static final Path DOC = Path.of("docs/browser-client.md");
    private static final String PAGE = """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>Orders</title>
            <script type="module" src="orders.js"></script></head>
            <body><h1>Orders</h1><ul id="orders"></ul></body></html>
            """;

    /** The first js block of the doc: the example a reader copies. */
    static String example() {
        try {
            var m = Pattern.compile("```js\\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(DOC));
            if (!m.find()) throw new AssertionError("no js example in " + DOC);
            return m.group(1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @BeforeAll
    static void deployThePage() throws Exception {
        Path app = Files.createDirectories(SharedNode.dir().resolve("apps/elsewhere.war"));
        Files.writeString(app.resolve("index.html"), PAGE);
        Files.writeString(app.resolve("orders.js"), example());
        // Liberty reads a new configuration file within half a second and starts the application.
        Path overrides = Files.createDirectories(SharedNode.dir().resolve("configDropins/overrides"));
        Files.writeString(overrides.resolve("elsewhere.xml"),
                "<server><webApplication id=\"elsewhere\" location=\"elsewhere.war\" contextRoot=\"/elsewhere\"/></server>");
        assertTrue(Await.until(() -> Api.get("/elsewhere/index.html", java.util.Map.of()).statusCode() == 200, 60_000), "the page is served");
    }

    @AfterAll
    static void removeThePage() throws IOException {
        Files.deleteIfExists(SharedNode.dir().resolve("configDropins/overrides/elsewhere.xml"));
    }

    @Test
    void theFiveLinesOfTheDocReceiveAnyEventType() {
        String example = example();
        assertTrue(example.strip().lines().count() <= 5, "the doc promises five lines:\n" + example);
        String type = "order_" + UUID.randomUUID().toString().substring(0, 8);
        try (var browser = Browser.open()) {
            browser.get("/elsewhere/index.html");
            browser.waitUntil(d -> browser.shown("h1"), "the page");
            // The page has no indicator: it is live once a published event shows.
            String expected = type + ": {\"n\":1}";
            long deadline = System.currentTimeMillis() + 15_000;
            boolean seen = false;
            while (!seen && System.currentTimeMillis() < deadline) {
                Api.publish("custom/orders", type, "{\"n\":1}");
                try {
                    browser.waitUntil(d -> expected.equals(browser.text("#orders li")), "the event on the page", java.time.Duration.ofSeconds(2));
                    seen = true;
                } catch (AssertionError notYet) {
                    // the stream was not open yet when that one was published: publish again
                }
            }
            assertTrue(seen, "an event of type " + type + " reached the foreign page");
        }
    }
}
