package dev.herald.security;

import dev.herald.testing.Api;
import dev.herald.testing.Browser;
import dev.herald.testing.HeraldDeployment;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pages run under the strict Content-Security-Policy with no violation, and script payloads stay text. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CspBrowserIT {
    /** Pages that exist now; chat, dashboard and notifications add theirs when they land. */
    private static final List<String> PAGES = List.of("/");

    @Deployment(testable = false)
    static WebArchive deployment() {
        return HeraldDeployment.war();
    }

    private static List<String> violations(Browser browser) {
        return browser.consoleLog().stream()
                .filter(l -> l.contains("Content Security Policy") || l.contains("Refused to")).toList();
    }

    @Test
    void pagesRunUnderTheCspWithoutViolations() {
        try (var browser = Browser.open()) {
            for (String page : PAGES) {
                browser.get(page + "?sharedWorker=1");
                browser.awaitState("connected");
                assertEquals(List.of(), violations(browser), page);
            }
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
