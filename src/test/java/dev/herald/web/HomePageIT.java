package dev.herald.web;

import dev.herald.testing.Api;
import dev.herald.testing.Browser;
import dev.herald.testing.SharedNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The browser client in a real Chromium against a real Liberty. */
@ExtendWith(SharedNode.class)
class HomePageIT {
    /** Fast reconnects so the tests do not wait out the default 3 s backoff. */
    private static final String FAST = "backoffBase=100&backoffCap=500";

    private static String topic() {
        return "custom/page-" + UUID.randomUUID();
    }

    /** Event ids shown on the page, oldest first (the page lists newest first), read in one script call. */
    @SuppressWarnings("unchecked")
    private static List<String> shownIds(Browser browser) {
        var ids = new ArrayList<>((List<String>) browser.script(
                "return [...document.querySelectorAll('[data-testid=event]')].map(e => e.getAttribute('data-id'));"));
        java.util.Collections.reverse(ids);
        return ids;
    }

    @Test
    void eventsPublishedOverRestAppearOnThePage() {
        String topic = topic();
        try (var browser = Browser.open()) {
            browser.get("/?topic=" + topic);
            browser.awaitState("connected");
            String id = Api.publish(topic, "hello", "{\"text\":\"<b>bold</b>\"}");
            browser.waitUntil(d -> shownIds(browser).contains(id), "event " + id + " on the page");
            String shown = browser.find("[data-testid=event][data-id='" + id + "'] [data-testid=event-data]").getText();
            assertTrue(shown.contains("<b>bold</b>"), "event data must show as text: " + shown);
            assertTrue(browser.findAll("[data-testid=event] b").isEmpty(), "event data was rendered as HTML");
        }
    }

    /** The page lists no types and the client listens for none: a brand-new name shows, on both paths. */
    @Test
    void anEventTypeNoPageHasHeardOfShowsUpInEitherMode() {
        for (String mode : List.of("sharedWorker=0", "sharedWorker=1")) {
            String topic = topic();
            String type = "never_heard_of_" + UUID.randomUUID().toString().substring(0, 8);
            try (var browser = Browser.open()) {
                browser.get("/?" + mode + "&topic=" + topic);
                browser.awaitState("connected");
                assertTrue(browser.findAll("[data-testid=types-input]").isEmpty(), "the page asks for no type names");
                String id = Api.publish(topic, type, "{\"n\":1}");
                browser.waitUntil(d -> type.equals(browser.attr("[data-testid=event][data-id='" + id + "']", "data-type")),
                        "an event of type " + type + " with " + mode);
                assertEquals(mode.endsWith("0") ? "local" : "shared-worker", browser.attr("[data-testid=connection-state]", "data-mode"));
            }
        }
    }

    /**
     * Signed in on the home page, the session ends (signed out elsewhere): the page says
     * so and offers the sign-in, the bell goes, and the public topic carries on live.
     */
    @Test
    void whenTheSessionEndsThePageSaysSoAndThePublicTopicCarriesOn() {
        String topic = topic();
        String name = "home-" + UUID.randomUUID().toString().substring(0, 6);
        try (var browser = Browser.open()) {
            browser.get("/?" + FAST + "&topic=" + topic);
            browser.waitUntil(d -> browser.shown("[data-testid=signin-username]"), "the sign-in box");
            browser.find("[data-testid=signin-username]").sendKeys(name);
            browser.click("[data-testid=signin-submit]");
            browser.waitUntil(d -> name.equals(browser.text("[data-testid=signed-in-user]")), "signed in as " + name);
            browser.waitUntil(d -> browser.shown("[data-testid=notification-bell]"), "the bell");
            browser.awaitState("connected");

            String token = browser.driver().manage().getCookieNamed("herald_session").getValue();
            var out = Api.send("DELETE", "/api/session", null, Map.of("Authorization", "Bearer " + token));
            assertEquals(204, out.statusCode(), out.body());

            browser.waitUntil(d -> browser.shown("[data-testid=session-ended]"), "the page says the session ended");
            assertTrue(browser.shown("[data-testid=signin-username]"), "and offers the sign-in again");
            assertTrue(browser.findAll("[data-testid=signed-in-user]").isEmpty(), "no longer says who is signed in");
            browser.waitUntil(d -> !browser.shown("[data-testid=notification-bell]"), "the bell is gone");
            browser.awaitState("connected");
            String id = Api.publish(topic, "hello", "{}");
            browser.waitUntil(d -> shownIds(browser).contains(id), "the public topic is still live");
        }
    }

    @Test
    void serverCutsEveryStreamAndThePageMissesNothing() {
        String topic = topic();
        try (var browser = Browser.open()) {
            browser.get("/?" + FAST + "&topic=" + topic);
            browser.awaitState("connected");
            browser.script("window.__states = []; window.herald.onState(s => window.__states.push(s));");
            var published = new ArrayList<String>();
            for (int i = 0; i < 3; i++) published.add(Api.publish(topic, "hello", "{\"i\":" + i + "}"));
            browser.waitUntil(d -> shownIds(browser).size() == 3, "the first three events");

            Api.postJson("/api/admin/disconnect", "", Api.PUBLISHER_TOKEN);
            for (int i = 3; i < 8; i++) published.add(Api.publish(topic, "hello", "{\"i\":" + i + "}"));
            browser.waitUntil(d -> shownIds(browser).size() >= 8, "the events published while cut off");
            browser.awaitState("connected");
            for (int i = 8; i < 10; i++) published.add(Api.publish(topic, "hello", "{\"i\":" + i + "}"));
            browser.waitUntil(d -> shownIds(browser).size() >= 10, "live events after the reconnect");

            assertEquals(published, shownIds(browser), "every event exactly once, in order");
            @SuppressWarnings("unchecked")
            List<String> states = (List<String>) browser.script("return window.__states;");
            int down = states.indexOf("disconnected");
            assertTrue(down >= 0 && states.subList(down, states.size()).contains("connected"),
                    "the indicator went disconnected then connected: " + states);
        }
    }

    @Test
    void twoTabsShareOneServerConnection() {
        try (var browser = Browser.open()) {
            double before = Api.metric("herald_connections_open", null);
            String first = topic();
            String second = topic();
            browser.get("/?topic=" + first);
            browser.awaitState("connected");
            assertEquals("shared-worker", browser.find("[data-testid=connection-state]").getAttribute("data-mode"));
            String tab1 = browser.driver().getWindowHandle();
            String tab2 = browser.newTab("/?topic=" + second);
            browser.awaitState("connected");
            awaitConnections(before + 1);

            // Each tab receives only its own topic's events over the one stream.
            String a = Api.publish(first, "hello", "{}");
            String b = Api.publish(second, "hello", "{}");
            browser.waitUntil(d -> shownIds(browser).equals(List.of(b)), "tab 2 shows only its topic");
            browser.switchTo(tab1);
            browser.waitUntil(d -> shownIds(browser).equals(List.of(a)), "tab 1 shows only its topic");
            assertEquals(before + 1, Api.metric("herald_connections_open", null), "two tabs, one connection");
            browser.switchTo(tab2);
        }
    }

    @Test
    void backoffGivesUpAfterMaxAttemptsAndShowsError() {
        try (var browser = Browser.open()) {
            // The refused streams are logged by the browser itself: expected here.
            browser.allowConsole("api/events|EventSource");
            browser.get("/?sharedWorker=0&maxAttempts=2&" + FAST + "&topic=" + topic());
            browser.awaitState("connected");
            // A topic the server refuses makes every attempt fail (400), as a dead server would.
            browser.script("window.herald.subscribe('not-a-topic', () => {});");
            browser.awaitState("error", Duration.ofSeconds(20));
            // It stays in error: no silent retries behind the user's back.
            long deadline = System.currentTimeMillis() + 1500;
            while (System.currentTimeMillis() < deadline) {
                assertEquals("error", browser.find("[data-testid=connection-state]").getAttribute("data-state"));
            }
        }
    }

    private static void awaitConnections(double expected) {
        long deadline = System.currentTimeMillis() + 10_000;
        double now = Api.metric("herald_connections_open", null);
        while (now != expected && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            now = Api.metric("herald_connections_open", null);
        }
        assertEquals(expected, now, "open connections");
    }
}
