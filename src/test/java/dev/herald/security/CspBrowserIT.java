package dev.herald.security;

import dev.herald.security.identity.Authenticator;
import dev.herald.testing.Api;
import dev.herald.testing.Browser;
import dev.herald.testing.SharedNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;

import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pages run under the strict Content-Security-Policy with no violation, and script payloads stay text. */
@ExtendWith(SharedNode.class)
class CspBrowserIT {
    /** Pages that exist now; chat, dashboard and notifications add theirs when they land. */
    /** Each page with what shows it has started. */
    private static final java.util.Map<String, String> PAGES = java.util.Map.of(
            "/", "[data-testid=connection-state][data-state=connected]",
            "/notifications.html", "[data-testid=unread-count]",
            "/dashboard.html", "[data-testid=connection-state][data-state=connected]",
            "/chat.html", "[data-testid=connection-state][data-state=connected]");

    private static List<String> violations(Browser browser) {
        return browser.consoleLog().stream()
                .filter(l -> l.contains("Content Security Policy") || l.contains("Refused to")).toList();
    }

    @Test
    void pagesRunUnderTheCspWithoutViolations() {
        try (var browser = Browser.open()) {
            String token = Api.signIn("csp-viewer");
            browser.get("/css/herald.css");
            browser.driver().manage().addCookie(new Cookie(Authenticator.COOKIE, token, "/"));
            PAGES.forEach((page, ready) -> {
                browser.get(page);
                browser.waitUntil(d -> !d.findElements(By.cssSelector(ready)).isEmpty(), page + " started");
                assertEquals(List.of(), violations(browser), page);
            });
        }
    }

    @Test
    void scriptPayloadsInNotificationsRenderAsText() {
        String user = "csp-target-" + UUID.randomUUID().toString().substring(0, 8);
        String token = Api.signIn(user);
        try (var browser = Browser.open()) {
            browser.get("/css/herald.css");
            browser.driver().manage().addCookie(new Cookie(Authenticator.COOKIE, token, "/"));
            browser.get("/notifications.html?notifyReadAfter=600000");
            browser.waitUntil(d -> !d.findElements(By.cssSelector("[data-testid=unread-count]")).isEmpty(), "the bell");
            browser.script("window.__pwned = false;");
            String payload = "<img src=x onerror=\\\"window.__pwned=true\\\"><script>window.__pwned=true</script>";
            // The page subscribes once it knows the user: knock until a toast shows.
            String shown = null;
            for (int attempt = 0; attempt < 10 && shown == null; attempt++) {
                var r = Api.postJson("/api/notifications", "{\"title\":\"" + payload + "\",\"message\":\"" + payload
                        + "\",\"type\":\"info\",\"userId\":\"" + user + "\"}", Api.PUBLISHER_TOKEN);
                assertEquals(201, r.statusCode(), r.body());
                String selector = "[data-testid=toast][data-id='" + Api.json(r.body()).getString("id") + "']";
                try {
                    shown = browser.waitUntil(d -> d.findElements(By.cssSelector(selector)).stream().findFirst()
                            .map(e -> e.getDomProperty("textContent")).orElse(null), "toast", java.time.Duration.ofSeconds(2));
                } catch (AssertionError notYet) {
                    // not subscribed yet
                }
            }
            assertTrue(shown != null && shown.contains("<script>"), "shown as text: " + shown);
            assertTrue(browser.findAll("[data-testid=toast] img, [data-testid=toast] script").isEmpty(), "no element made from the payload");
            assertEquals(Boolean.FALSE, browser.script("return window.__pwned;"));
            assertEquals(List.of(), violations(browser));
        }
    }

    @Test
    void scriptPayloadsRenderAsTextAndNothingRuns() {
        String topic = "custom/csp-" + UUID.randomUUID();
        try (var browser = Browser.open()) {
            browser.get("/?topic=" + topic);
            browser.awaitState("connected");
            browser.script("window.__pwned = false;");
            String payload = "<img src=x onerror=\\\"window.__pwned=true\\\"><script>window.__pwned=true</script>";
            String id = Api.publish(topic, "message", "{\"text\":\"" + payload + "\"}");
            browser.waitUntil(d -> !browser.findAll("[data-testid=event][data-id='" + id + "']").isEmpty(), "the event on the page");
            String shown = browser.find("[data-testid=event][data-id='" + id + "'] [data-testid=event-data]").getText();
            assertTrue(shown.contains("<script>"), "shown as text: " + shown);
            assertTrue(browser.findAll("[data-testid=event] img, [data-testid=event] script").isEmpty(), "no element made from the payload");
            assertEquals(Boolean.FALSE, browser.script("return window.__pwned;"));
            assertEquals(List.of(), violations(browser));
        }
    }
}
