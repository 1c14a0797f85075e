package dev.herald.health;

import dev.herald.testing.ThirdLane;
import dev.herald.testing.Await;
import dev.herald.testing.LibertyNode;
import dev.herald.testing.TestNodes;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A node whose Herald did not deploy is not ready: made from the template as every node is,
 * but with its WAR gone, Liberty starts and answers, and {@code /health/ready} says 503 with
 * the log naming the application, never 200 while {@code /api} is 404.
 */
@Tag("own-node")
@ThirdLane
class NodeWithoutHeraldIT {

    @Test
    void aNodeWhoseApplicationIsMissingAnswers503OnReadinessAndSaysWhy() throws Exception {
        LibertyNode node = TestNodes.WITHOUT_HERALD.create(Map.of());
        Files.delete(node.dir().resolve("apps/herald.war"));
        node.launch();
        try {
            assertTrue(Await.until(() -> node.messages().contains("CWWKF0011I"), 120_000), "Liberty itself starts:\n" + node.messages());
            assertTrue(Await.until(() -> status(node, "/health/ready") == 503, 30_000), "not ready without Herald");
            assertEquals(404, status(node, "/api/events?topic=custom/x"), "no Herald behind it");
            String log = node.messages();
            assertTrue(log.contains("CWWKZ0014W") && log.contains("herald"), "the log says the application was not found:\n" + log);
            String ready = node.send("GET", "/health/ready", null, Map.of()).body();
            assertTrue(ready.contains("\"status\":\"DOWN\""), ready);
            // Readiness stays DOWN: the application never arrives.
            Thread.sleep(2000);
            assertEquals(503, status(node, "/health/ready"));
        } finally {
            node.stop();
        }
    }

    private static int status(LibertyNode node, String path) {
        return node.send("GET", path, null, Map.of()).statusCode();
    }
}
