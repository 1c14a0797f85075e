package dev.herald.notify;

import dev.herald.testing.Api;
import dev.herald.testing.Browser;
import dev.herald.testing.SharedNode;
import jakarta.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebElement;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The notification centre in a real Chromium: toasts, the bell's count, tabs in step, text never HTML. */
@ExtendWith(SharedNode.class)
class NotificationCentreIT {
    /** Toasts stay unread, so counts move only when the test says. */
    private static final String NO_AUTO_READ = "notifyReadAfter=600000";

    private record User(String id, String token) {
        static User fresh() {
            String token = Api.signIn("pat-" + UUID.randomUUID().toString().substring(0, 8));
            String id = Api.json(Api.get("/api/session", Map.of("Authorization", "Bearer " + token)).body())
                    .getJsonObject("user").getString("id");
            return new User(id, token);
        }

        void call(String method, String path) {
            var r = Api.send(method, path, null, Map.of("Authorization", "Bearer " + token));
            assertEquals(200, r.statusCode(), r.body());
        }

        int unreadCount() {
            return Api.json(Api.send("GET", "/api/notifications/unread-count", null,
                    Map.of("Authorization", "Bearer " + token)).body()).getInt("unreadCount");
        }
    }

    private static String send(User to, String type, String title, String message, boolean autoRemove, int duration) {
        var body = Json.createObjectBuilder().add("title", title).add("message", message).add("type", type)
                .add("autoRemove", autoRemove).add("duration", duration);
        if (to != null) body.add("userId", to.id());
        var r = Api.postJson("/api/notifications", body.build().toString(), Api.PUBLISHER_TOKEN);
        assertEquals(201, r.statusCode(), r.body());
        return Api.json(r.body()).getString("id");
    }

    /** Signs the browser in as the user (the session cookie) and opens the page. */
    private static void openAs(Browser browser, User user, String pathAndQuery) {
        browser.get("/css/herald.css");
        browser.driver().manage().addCookie(new Cookie("herald_session", user.token(), "/"));
        browser.get(pathAndQuery);
        awaitLive(browser, user);
    }

    /**
     * The page asks for the notifications topic once it knows the user; until the stream
     * carrying it is open, a notification would not reach it. Knock until one arrives,
     * then clear what the knocking left.
     */
    private static void awaitLive(Browser browser, User user) {
        browser.waitUntil(d -> !d.findElements(By.cssSelector("[data-testid=unread-count]")).isEmpty(), "the bell");
        for (int attempt = 0; ; attempt++) {
            String id = send(user, "info", "warm-up", "warm-up", true, 1000);
            try {
                browser.waitUntil(d -> !d.findElements(By.cssSelector(toast(id))).isEmpty(), "warm-up toast", Duration.ofSeconds(2));
                break;
            } catch (AssertionError notYet) {
                if (attempt == 10) throw notYet;
            }
        }
        user.call("DELETE", "/api/notifications");
        awaitCount(browser, 0);
        browser.waitUntil(d -> d.findElements(By.cssSelector("[data-testid=toast]")).isEmpty(), "no toasts left");
    }

    private static String toast(String id) {
        return "[data-testid=toast][data-id='" + id + "']";
    }

    /** The element's text, also while a toast is still sliding in (Selenium's getText is empty at opacity 0). */
    private static String text(WebElement e) {
        return e.getDomProperty("textContent");
    }

    private static void awaitCount(Browser browser, int n) {
        browser.waitUntil(d -> String.valueOf(n).equals(
                d.findElement(By.cssSelector("[data-testid=unread-count]")).getAttribute("data-count")), "unread count " + n);
    }

    @Test
    void aPostedNotificationPopsUpAsAToastAndGoesAfterItsDuration() {
        var user = User.fresh();
        try (var browser = Browser.open()) {
            openAs(browser, user, "/?" + NO_AUTO_READ);
            String id = send(user, "success", "Deployed", "v2 is live", true, 2000);
            WebElement toast = browser.waitUntil(d -> d.findElement(By.cssSelector(toast(id))), "the toast");
            long shownAt = System.nanoTime();
            assertEquals("success", toast.getAttribute("data-type"));
            assertTrue(text(toast.findElement(By.cssSelector("[data-testid=toast-title]"))).contains("Deployed"));
            assertEquals("v2 is live", text(toast.findElement(By.cssSelector("[data-testid=toast-message]"))));

            browser.waitUntil(d -> d.findElements(By.cssSelector(toast(id))).isEmpty(), "the toast to go", Duration.ofSeconds(8));
            long shownMs = (System.nanoTime() - shownAt) / 1_000_000;
            assertTrue(shownMs >= 1200, "removed after " + shownMs + " ms, before its 2000 ms duration");

            String sticky = send(user, "error", "Disk full", "node 3", false, 1000);
            browser.waitUntil(d -> d.findElement(By.cssSelector(toast(sticky))), "the sticky toast");
            long deadline = System.currentTimeMillis() + 2500;
            while (System.currentTimeMillis() < deadline) {
                assertEquals(1, browser.findAll(toast(sticky)).size(), "autoRemove false: it stays");
            }
            browser.find(toast(sticky) + " [data-testid=toast-close]").click();
            browser.waitUntil(d -> d.findElements(By.cssSelector(toast(sticky))).isEmpty(), "closed by its button");
        }
    }

    @Test
    void atMostFiveToastsNewestOnTop() {
        var user = User.fresh();
        try (var browser = Browser.open()) {
            openAs(browser, user, "/?" + NO_AUTO_READ);
            String last = null;
            for (int i = 1; i <= 7; i++) last = send(user, "info", "n" + i, "m", false, 1000);
            String newest = last;
            browser.waitUntil(d -> d.findElements(By.cssSelector(toast(newest))).size() == 1, "the newest toast");
            browser.waitUntil(d -> {
                List<WebElement> toasts = d.findElements(By.cssSelector("[data-testid=toast]"));
                return toasts.size() == 5 && text(toasts.get(0)).contains("n7") && text(toasts.get(4)).contains("n3");
            }, "five toasts, n7 on top, n3 at the bottom");
            awaitCount(browser, 7);
        }
    }

    @Test
    void theBadgeCountsClearsAndAToastOnScreenIsReadAfterThreeSeconds() {
        var user = User.fresh();
        try (var browser = Browser.open()) {
            openAs(browser, user, "/?" + NO_AUTO_READ);
            send(user, "info", "one", "m", false, 60000);
            send(user, "warning", "two", "m", false, 60000);
            awaitCount(browser, 2);
            assertEquals("2", browser.find("[data-testid=unread-count]").getText());

            browser.find("[data-testid=notification-bell]").click();
            browser.waitUntil(d -> d.findElements(By.cssSelector("[data-testid=notification-item][data-read=false]")).size() == 2, "two unread in the panel");
            browser.find("[data-testid=mark-all-read]").click();
            awaitCount(browser, 0);
            assertEquals(0, user.unreadCount(), "the server agrees");
            browser.waitUntil(d -> d.findElements(By.cssSelector("[data-testid=notification-item][data-read=false]")).isEmpty(), "all read in the panel");
            browser.find("[data-testid=clear-all]").click();
            browser.waitUntil(d -> d.findElements(By.cssSelector("[data-testid=notification-item]")).isEmpty(), "the panel cleared");
        }
        try (var browser = Browser.open()) {
            openAs(browser, user, "/");
            send(user, "info", "seen", "m", false, 60000);
            awaitCount(browser, 1);
            long shown = System.nanoTime();
            awaitCount(browser, 0);
            long ms = (System.nanoTime() - shown) / 1_000_000;
            assertTrue(ms >= 2000, "read after " + ms + " ms on screen");
            assertEquals(0, user.unreadCount());
        }
    }

    @Test
    void readingInOneTabClearsItInTheOther() {
        var user = User.fresh();
        try (var browser = Browser.open()) {
            openAs(browser, user, "/?" + NO_AUTO_READ);
            String tab1 = browser.driver().getWindowHandle();
            String tab2 = browser.newTab("/?" + NO_AUTO_READ);
            awaitLive(browser, user);
            browser.switchTo(tab1);
            awaitCount(browser, 0);

            String id = send(user, "info", "both tabs", "m", false, 60000);
            awaitCount(browser, 1);
            browser.switchTo(tab2);
            awaitCount(browser, 1);
            browser.find("[data-testid=notification-bell]").click();
            browser.click("[data-testid=notification-item][data-id='" + id + "'] [data-testid=notification-read]");
            awaitCount(browser, 0);

            browser.switchTo(tab1);
            awaitCount(browser, 0);
            browser.find("[data-testid=notification-bell]").click();
            browser.waitUntil(d -> "true".equals(d.findElement(By.cssSelector("[data-testid=notification-item][data-id='" + id + "']")).getAttribute("data-read")), "read in tab 1");

            browser.click("[data-testid=notification-item][data-id='" + id + "'] [data-testid=notification-remove]");
            browser.switchTo(tab2);
            browser.waitUntil(d -> d.findElements(By.cssSelector("[data-testid=notification-item][data-id='" + id + "']")).isEmpty(), "removed in tab 2");
        }
    }

    @Test
    void htmlInTitleAndMessageShowsAsText() {
        var user = User.fresh();
        String title = "<img src=x onerror=\"window.__xss=1\">";
        String message = "<b>bold</b> <script>window.__xss=2</script>";
        try (var browser = Browser.open()) {
            openAs(browser, user, "/?" + NO_AUTO_READ);
            String id = send(user, "error", title, message, false, 60000);
            WebElement toast = browser.waitUntil(d -> d.findElement(By.cssSelector(toast(id))), "the toast");
            assertTrue(text(toast.findElement(By.cssSelector("[data-testid=toast-title]"))).endsWith(title));
            assertEquals(message, text(toast.findElement(By.cssSelector("[data-testid=toast-message]"))));
            assertTrue(toast.findElements(By.cssSelector("img, b, script")).isEmpty(), "rendered as HTML");

            browser.find("[data-testid=notification-bell]").click();
            // The panel re-renders its list on every change: find the item afresh each time, never hold it.
            String item = "[data-testid=notification-item][data-id='" + id + "']";
            browser.waitUntil(d -> title.equals(browser.text(item + " [data-testid=notification-title]")), "the item, as the user sees it");
            assertTrue(browser.findAll(item + " img, " + item + " b, " + item + " script").isEmpty(), "rendered as HTML in the panel");
            assertNull(browser.script("return window.__xss;"));
        }
    }

    @Test
    void theConsoleSendsWithTheTokenKeptInTheTabOnly() {
        var user = User.fresh();
        try (var browser = Browser.open()) {
            // The first send is refused on purpose (400): the browser logs the failed request itself.
            browser.allowConsole("/api/notifications - Failed to load resource: the server responded with a status of 400");
            openAs(browser, user, "/notifications.html?" + NO_AUTO_READ);
            browser.find("[data-testid=publisher-token]").sendKeys(Api.PUBLISHER_TOKEN);
            browser.find("[data-testid=notify-title]").sendKeys("From the console");
            browser.find("[data-testid=notify-message]").sendKeys("hello");
            browser.find("[data-testid=notify-user]").sendKeys(user.id());
            browser.find("[data-testid=notify-action-url]").sendKeys("javascript:alert(1)");
            browser.find("[data-testid=notify-send]").click();
            browser.waitUntil(d -> "true".equals(d.findElement(By.id("actionUrl")).getAttribute("aria-invalid")), "the bad URL refused");

            browser.find("[data-testid=notify-action-url]").clear();
            browser.find("[data-testid=notify-action-url]").sendKeys("/chat.html");
            browser.find("[data-testid=notify-send]").click();
            WebElement toast = browser.waitUntil(d -> d.findElement(By.cssSelector("[data-testid=toast]")), "the toast");
            assertTrue(text(toast).contains("From the console"), text(toast));
            assertTrue(toast.findElement(By.cssSelector("[data-testid=toast-action]")).getAttribute("href").endsWith("/chat.html"));
            assertEquals(Api.PUBLISHER_TOKEN, browser.script("return sessionStorage.getItem('herald.publisherToken');"));
            assertNull(browser.script("return localStorage.getItem('herald.publisherToken');"));
        }
    }
}
