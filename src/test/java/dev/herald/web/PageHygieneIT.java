package dev.herald.web;

import dev.herald.testing.Api;
import dev.herald.testing.Browser;
import dev.herald.testing.SharedNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.Cookie;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every page owes a person before any feature: it loads with an empty console,
 * its icons draw without an emoji font, and its forms do not start red. The console
 * check itself is tested here too, so a page error cannot slip past it unseen.
 */
@ExtendWith(SharedNode.class)
class PageHygieneIT {
    /** herald.css's --bad, as computed. */
    private static final String RED = "rgb(220, 38, 38)";

    /** Each page with what shows it has started. */
    private static final Map<String, String> PAGES = new LinkedHashMap<>();

    static {
        PAGES.put("/", "[data-testid=connection-state][data-state=connected]");
        PAGES.put("/dashboard.html", "[data-testid=connection-state][data-state=connected]");
        PAGES.put("/chat.html", "[data-testid=signin-name]");
        PAGES.put("/notifications.html", "[data-testid=signin-username]");
    }

    private static String borderColour(Browser b, String css) {
        return (String) b.script("return getComputedStyle(document.querySelector(arguments[0])).borderTopColor;", css);
    }

    @Test
    void everyPageLoadsSignedOutWithAnEmptyConsole() {
        try (var browser = Browser.open()) {
            PAGES.forEach((page, ready) -> {
                browser.get(page);
                browser.waitUntil(d -> browser.shown(ready), page + " started");
                assertEquals(java.util.List.of(), browser.consoleProblems(), page);
            });
        }
    }

    @Test
    void theConsoleCheckSeesUncaughtErrorsRejectionsAndConsoleErrors() {
        try (var browser = Browser.open()) {
            browser.get("/");
            browser.awaitState("connected");
            browser.script("setTimeout(() => { throw new TypeError('Illegal invocation, on purpose'); });"
                    + "Promise.reject(new Error('rejected on purpose'));"
                    + "console.error('logged on purpose');");
            browser.waitUntil(d -> browser.consoleProblems().size() >= 3, "three problems seen");
            String all = String.join("\n", browser.consoleProblems());
            assertTrue(all.contains("Illegal invocation, on purpose"), all);
            assertTrue(all.contains("rejected on purpose"), all);
            assertTrue(all.contains("logged on purpose"), all);
            browser.allowConsole("on purpose");
            assertEquals(java.util.List.of(), browser.consoleProblems(), "allowed once the test says so");
        }
    }

    @Test
    void requiredFieldsTurnRedOnlyOnceTouchedOrTried() {
        try (var browser = Browser.open()) {
            browser.get("/css/herald.css");
            browser.driver().manage().addCookie(new Cookie("herald_session", Api.signIn("forms-" + UUID.randomUUID().toString().substring(0, 6)), "/"));
            browser.get("/notifications.html");
            browser.waitUntil(d -> browser.shown("[data-testid=notify-title]"), "the console");
            assertNotEquals(RED, borderColour(browser, "[data-testid=notify-title]"), "an untouched required field is not an error");
            assertNotEquals(RED, borderColour(browser, "[data-testid=notify-message]"));
            browser.click("[data-testid=notify-send]");
            browser.waitUntil(d -> RED.equals(borderColour(browser, "[data-testid=notify-title]")), "red after trying to send");
        }
        try (var browser = Browser.open()) {
            browser.get("/");
            browser.waitUntil(d -> browser.shown("[data-testid=signin-username]"), "the sign-in box");
            assertNotEquals(RED, borderColour(browser, "[data-testid=signin-username]"));
            var field = browser.find("[data-testid=signin-username]");
            field.sendKeys("x");
            field.sendKeys(org.openqa.selenium.Keys.BACK_SPACE);
            browser.find("h1").click(); // leaving the field, as a person does
            browser.waitUntil(d -> RED.equals(borderColour(browser, "[data-testid=signin-username]")), "red once touched and left empty");
        }
        try (var browser = Browser.open()) {
            browser.get("/chat.html");
            browser.waitUntil(d -> browser.shown("[data-testid=signin-name]"), "the chat sign-in");
            assertNotEquals(RED, borderColour(browser, "[data-testid=signin-name]"));
        }
    }

    @Test
    void theBellAndTheOtherIconsAreSvgNotEmoji() {
        try (var browser = Browser.open()) {
            browser.get("/css/herald.css");
            browser.driver().manage().addCookie(new Cookie("herald_session", Api.signIn("icons-" + UUID.randomUUID().toString().substring(0, 6)), "/"));
            browser.get("/");
            browser.waitUntil(d -> browser.shown("[data-testid=notification-bell] svg[data-icon=bell]"), "the bell drawn as SVG");
            String bellText = browser.text("[data-testid=notification-bell]");
            assertTrue(bellText.matches("\\d*"), "no emoji in the bell: '" + bellText + "'");
            var scan = browser.script("return [...document.body.querySelectorAll('*')].filter(e => e.children.length === 0)"
                    + ".map(e => e.textContent).filter(t => /\\p{Extended_Pictographic}/u.test(t));");
            assertEquals(java.util.List.of(), scan, "no pictographic emoji anywhere on the page");
            assertFalse(browser.findAll("svg[data-icon]").isEmpty());
        }
    }
}
