package dev.herald.store;

import dev.herald.testing.SecondLane;
import dev.herald.testing.LibertyNode;
import dev.herald.testing.TestNodes;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static dev.herald.store.NodeScenario.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A node on PostgreSQL through Liberty's {@code <dataSource>}, configured by the shipped
 * {@code liberty/production/postgresql.xml}: what it acknowledged survives a restart and a
 * {@code kill -9}; with PostgreSQL stopped under load, writes answer 503 with
 * {@code Retry-After}, readiness is DOWN, streams stay open, and all comes back by itself.
 */
@Tag("own-node")
@SecondLane
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PostgresNodeIT {
    private static String schema;
    private static LibertyNode node;

    @BeforeAll
    static void start() throws Exception {
        TestDatabases.requirePostgres("PostgresNodeIT");
        schema = TestDatabases.createSchema();
        Path driver = Path.of(org.postgresql.Driver.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        node = TestNodes.POSTGRES.create(Map.of("herald.postgres.url", TestDatabases.urlWithSchema(schema),
                                "herald.postgres.user", "postgres", "herald.postgres.password", "unused-with-trust-auth",
                                // The load below is one user writing fast: out of the way of the per-user limits.
                                "herald.chat.rate.messages", "100000", "herald.limit.write.rate", "100000/s"),
                        Path.of("liberty/production/postgresql.xml"))
                .withSharedLibrary("postgresql", driver)
                .start();
    }

    @AfterAll
    static void stop() {
        if (node != null) node.discard();
        if (schema != null) TestDatabases.dropSchema(schema);
    }

    @Test
    @Order(1)
    void everythingSurvivesServerStopAndStart() {
        assertTrue(node.messages().contains("Herald keeps its data in the DataSource jdbc/herald"), "not on PostgreSQL");
        var scenario = new NodeScenario(node).before();
        node.stop();
        node.start();
        scenario.after();
    }

    @Test
    @Order(2)
    void whatWasAnsweredSurvivesKillNine() {
        var scenario = new NodeScenario(node);
        String alice = scenario.signIn("alice");
        ok(201, scenario.post("/api/chat/rooms/general/messages", "{\"content\":\"before the kill\",\"clientId\":\"pk1\"}", alice));
        node.kill();
        node.start();
        var history = ok(200, scenario.get("/api/chat/rooms/general/messages", alice)).getJsonArray("messages");
        assertEquals("before the kill", history.getJsonObject(history.size() - 1).getString("content"));
    }

    @Test
    @Order(3)
    void aDatabaseThatGoesAwayIs503ThenComesBackWithNothingLost() throws Exception {
        var scenario = new NodeScenario(node);
        String alice = scenario.signIn("alice");
        var accepted = new ArrayList<String>();
        var refused = new ArrayList<HttpResponse<String>>();
        var running = new AtomicBoolean(true);
        // A client as the chat page is one: each message retried with its clientId until it is taken.
        Thread load = new Thread(() -> {
            for (int i = 0; running.get(); i++) {
                String clientId = "load-" + i;
                while (true) {
                    var r = scenario.post("/api/chat/rooms/general/messages", "{\"content\":\"" + clientId + "\",\"clientId\":\"" + clientId + "\"}", alice);
                    synchronized (accepted) {
                        if (r.statusCode() == 201) {
                            accepted.add(clientId);
                            break;
                        }
                        refused.add(r);
                    }
                    sleepQuietly(100);
                }
            }
        }, "chat-load");
        try (var stream = dev.herald.testing.RawStream.open(node.uri("/api/events?topic=chat/general&access_token=" + alice), Map.of())) {
            load.start();
            Thread.sleep(500);
            PostgresControl.stop();
            try {
                Thread.sleep(2000);
                assertEquals(503, node.send("GET", "/health/ready", null, Map.of()).statusCode(), "readiness is DOWN without the database");
                synchronized (accepted) {
                    assertTrue(!refused.isEmpty(), "writes went on answering success without a database");
                    for (var r : refused) {
                        assertEquals(503, r.statusCode(), r.body());
                        assertEquals("1", r.headers().firstValue("Retry-After").orElse(null));
                        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
                    }
                }
                assertEquals(200, scenario.get("/api/metrics", null).statusCode(), "what needs no database goes on");
                assertTrue(!stream.ended(Duration.ofMillis(1500)), "an open stream stays open");
            } finally {
                PostgresControl.start();
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (node.send("GET", "/health/ready", null, Map.of()).statusCode() != 200) {
                assertTrue(System.nanoTime() < deadline, "readiness did not come back with the database");
                Thread.sleep(250);
            }
            int before;
            synchronized (accepted) {
                before = accepted.size();
            }
            Thread.sleep(1000);
            synchronized (accepted) {
                assertTrue(accepted.size() > before, "writes did not resume by themselves");
            }
        } finally {
            running.set(false);
            load.join(30_000);
        }
        List<String> stored = new ArrayList<>();
        Long beforeId = null;
        while (true) {
            var page = ok(200, scenario.get("/api/chat/rooms/general/messages?limit=200" + (beforeId == null ? "" : "&before=" + beforeId), alice));
            var messages = page.getJsonArray("messages");
            for (int i = messages.size() - 1; i >= 0; i--) stored.add(0, messages.getJsonObject(i).getString("content"));
            if (!page.getBoolean("hasMore") || messages.isEmpty()) break;
            beforeId = Long.parseLong(messages.getJsonObject(0).getString("id"));
        }
        var loadMessages = stored.stream().filter(c -> c.startsWith("load-")).toList();
        assertEquals(accepted, loadMessages, "every message stored exactly once, in order, however often it was retried");
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
