package dev.herald.store;

import dev.herald.testing.ThirdLane;
import dev.herald.testing.LibertyNode;
import dev.herald.testing.TestNodes;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static dev.herald.store.NodeScenario.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The embedded default keeps what it acknowledged: a node on the shipped configuration (no
 * herald.store set), stopped and started, and killed with {@code kill -9} right after its
 * answers; a second node on the same file, and a damaged file, are refused with what to do.
 */
@Tag("own-node")
@ThirdLane
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RestartIT {
    private static LibertyNode node;

    @BeforeAll
    static void start() {
        node = TestNodes.RESTART.create(Map.of()).start();
    }

    @AfterAll
    static void stop() {
        if (node != null) node.discard();
    }

    static int port() {
        return TestNodes.RESTART.port();
    }

    private Path dataFile() {
        return node.dir().resolve("data/herald.db");
    }

    @Test
    @Order(1)
    void everythingSurvivesServerStopAndStart() {
        assertTrue(Files.exists(dataFile()), "the data is where the docs say: " + dataFile());
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
        var room = ok(201, scenario.post("/api/chat/rooms", "{\"name\":\"Kill Room\"}", alice));
        String roomId = room.getString("id");
        ok(201, scenario.post("/api/chat/rooms/" + roomId + "/messages", "{\"content\":\"last words\",\"clientId\":\"k1\"}", alice));
        String notification = ok(201, scenario.post("/api/notifications", "{\"title\":\"kept\",\"message\":\"m\",\"type\":\"info\",\"userId\":\"alice\"}",
                NodeScenario.PUBLISHER)).getString("id");
        String published = scenario.publish(99);
        node.kill();
        node.start();

        var history = ok(200, scenario.get("/api/chat/rooms/" + roomId + "/messages", alice)).getJsonArray("messages");
        assertEquals("last words", history.getJsonObject(history.size() - 1).getString("content"));
        var inbox = ok(200, scenario.get("/api/notifications", alice)).getJsonArray("notifications");
        assertEquals(notification, inbox.getJsonObject(0).getString("id"), "the newest notification is the one answered 201");
        try (var stream = dev.herald.testing.RawStream.open(node.uri("/api/events?topic=custom/restart"), Map.of("Last-Event-ID", published))) {
            String next = scenario.publish(100);
            var first = stream.await(e -> e.id() != null || "reset".equals(e.event()), java.time.Duration.ofSeconds(10));
            assertEquals(next, first.id(), "resume from the last id answered before the kill: no reset, nothing replayed twice");
        }
    }

    @Test
    @Order(3)
    void aSecondNodeOnTheSameFileIsRefused() {
        var second = TestNodes.RESTART_TWIN.create(Map.of("herald.store.path", dataFile().toAbsolutePath().toString()));
        try {
            String log = second.startRefused();
            assertTrue(log.contains("is in use by another Herald") && log.contains(dataFile().toAbsolutePath().toString()), log);
            assertEquals(503, second.send("GET", "/health/ready", null, Map.of()).statusCode(), "a node without its data is not ready");
        } finally {
            second.stop();
        }
    }

    @Test
    @Order(4)
    void aBackupTakenWhileRunningRestoresADamagedFile() throws Exception {
        var scenario = new NodeScenario(node);
        String alice = scenario.signIn("alice");
        String roomId = ok(201, scenario.post("/api/chat/rooms", "{\"name\":\"Backed Up\"}", alice)).getString("id");
        // The documented backup: the running node writes a consistent copy as the answer.
        var backup = node.sendForBytes("POST", "/api/admin/backup", Map.of("Authorization", "Bearer " + NodeScenario.PUBLISHER));
        assertEquals(200, backup.statusCode());
        assertEquals("SQLite format 3", new String(backup.body(), 0, 15, java.nio.charset.StandardCharsets.US_ASCII));
        Path saved = Files.write(node.dir().resolve("herald-backup.db"), backup.body());

        node.stop();
        Files.deleteIfExists(dataFile().resolveSibling("herald.db-wal"));
        byte[] bytes = Files.readAllBytes(dataFile());
        for (int i = 0; i < 100; i++) bytes[i] = (byte) 0x5A;
        Files.write(dataFile(), bytes);
        String log = node.startRefused();
        assertTrue(log.contains("is damaged") && log.contains(dataFile().toAbsolutePath().toString()), log);
        node.stop();

        // The documented restore: the copy in place of the file, with the node stopped.
        Files.copy(saved, dataFile(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        node.start();
        var rooms = ok(200, scenario.get("/api/chat/rooms", alice)).getJsonArray("rooms");
        assertTrue(rooms.toString().contains("\"" + roomId + "\""), "the restored file has the room made before the backup: " + rooms);
    }
}
