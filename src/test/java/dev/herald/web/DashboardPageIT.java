package dev.herald.web;

import dev.herald.metrics.MetricsProbe;
import dev.herald.testing.Api;
import dev.herald.testing.Browser;
import dev.herald.testing.SharedNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The dashboard in a real Chromium against a real Liberty sampling every 500 ms. */
@ExtendWith(SharedNode.class)
class DashboardPageIT {
    private static final List<String> SIX = List.of("activeUsers", "requestsPerMinute", "errorRate", "avgResponseTime", "systemLoad", "memoryUsage");
    private static final String PAGE = "/dashboard.html?sharedWorker=0";

    private static String shown(Browser browser, String metric) {
        return browser.find("[data-metric=" + metric + "] [data-testid=metric-value]").getText();
    }

    private static double value(Browser browser, String metric) {
        String raw = browser.find("[data-metric=" + metric + "] [data-testid=metric-value]").getAttribute("data-value");
        return raw == null ? Double.NaN : Double.parseDouble(raw);
    }

    private static int points(Browser browser, String metric) {
        return Integer.parseInt(browser.find("[data-chart=" + metric + "]").getAttribute("data-points"));
    }

    @Test
    void showsTheSixFiguresWhichMoveWithTrafficWhileTheChartsGrow() {
        try (var browser = Browser.open()) {
            browser.get(PAGE);
            browser.awaitState("connected");
            browser.waitUntil(d -> SIX.stream().noneMatch(m -> shown(browser, m).equals("—")), "all six values shown");
            assertEquals(1, browser.findAll("[data-testid=nodes] [data-node-id]").size(), "a single node lists itself");
            assertTrue(shown(browser, "errorRate").endsWith("%"), shown(browser, "errorRate"));
            assertTrue(shown(browser, "memoryUsage").matches("\\d+\\.\\d%"), "a percentage with one decimal: " + shown(browser, "memoryUsage"));
            assertTrue(shown(browser, "avgResponseTime").endsWith(" ms"), shown(browser, "avgResponseTime"));
            assertEquals(6, browser.findAll("[data-testid=chart] canvas").size(), "a uPlot chart per metric");

            double rpm = value(browser, "requestsPerMinute");
            int chartPoints = points(browser, "requestsPerMinute");
            for (int i = 0; i < 120; i++) Api.get("/api/metrics", Map.of());
            browser.waitUntil(d -> value(browser, "requestsPerMinute") >= rpm + 120, "requests per minute to rise by 120");
            browser.waitUntil(d -> points(browser, "requestsPerMinute") >= chartPoints + 2, "the chart to grow");
            assertTrue(value(browser, "avgResponseTime") > 0, "served requests take time");
            List<String> log = browser.consoleLog();
            assertTrue(log.stream().noneMatch(l -> l.contains("SEVERE")), String.join("\n", log));
        }
    }

    @Test
    void forcedErrorsRaiseAnAlertOnThePageAndLogIt() {
        try (var browser = Browser.open()) {
            browser.get(PAGE);
            browser.awaitState("connected");
            assertTrue(browser.findAll("[data-testid=alert][data-metric=errorRate][data-state=firing]").isEmpty());

            MetricsProbe.forceFailures(20, 500, 0);
            browser.waitUntil(d -> !browser.findAll("[data-testid=alert][data-metric=errorRate][data-state=firing]").isEmpty(),
                    "the error-rate alert on the page");
            String text = browser.find("[data-testid=alert][data-metric=errorRate] [data-testid=alert-text]").getText();
            assertTrue(text.startsWith("Error rate") && text.contains("above 5.0%"), text);
            assertEquals("1", browser.find("[data-testid=alert-count]").getAttribute("data-count"));
            assertTrue(value(browser, "errorRate") > 0.05, "the card shows the errors too");
            browser.waitUntil(d -> !browser.findAll("[data-testid=system-events] [data-kind=alert_firing]").isEmpty(),
                    "the firing in the system events log");
        }
    }
}
