package dev.herald.cluster;

import dev.herald.testing.RedisServer;
import dev.herald.testing.ThirdLane;
import dev.herald.testing.Api;
import dev.herald.testing.RawStream;
import dev.herald.testing.SseEvent;
import dev.herald.testing.TestNodes;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two real Liberty nodes (heraldA, heraldB, started by the build) form one hub over a
 * Redis of their own, which these tests start, kill and restart. Plain HTTP, as clients
 * behind a load balancer would talk. The node kill comes last: it leaves A down.
 */
@Tag("cluster")
@ThirdLane
@ExtendWith(ClusterNodes.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Node A = ClusterNodes.A;
    private static final Node B = ClusterNodes.B;
    private static RedisServer redis;

    @BeforeAll
    static void startRedis() throws Exception {
        RedisServer.require();
        redis = ClusterNodes.redis();
        redis.startEmpty();
        for (Node node : List.of(A, B)) {
            assertTrue(node.awaitReadiness(200, Duration.ofSeconds(30)), node + " did not become ready on " + redis.url());
        }
    }

    @AfterAll
    static void stopRedis() {
        if (redis != null) redis.kill();
    }

    private static String topic(String what) {
        return "custom/cluster-" + what + "-" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
    }

    private static List<String> ids(List<SseEvent> events) {
        return events.stream().map(SseEvent::id).toList();
    }

    @Test
    @Order(1)
    void anEventPublishedOnEitherNodeReachesBothInOneOrder() {
        String topic = topic("order");
        try (RawStream onA = A.stream(topic); RawStream onB = B.stream(topic)) {
            var acknowledged = new ArrayList<String>();
            for (int i = 0; i < 10; i++) {
                acknowledged.add(A.publishOk(topic, "{\"from\":\"A\",\"n\":" + i + "}"));
                acknowledged.add(B.publishOk(topic, "{\"from\":\"B\",\"n\":" + i + "}"));
            }
            List<SseEvent> seenOnA = onA.events("message", 20, WAIT);
            List<SseEvent> seenOnB = onB.events("message", 20, WAIT);

            assertEquals(acknowledged, ids(seenOnA), "a subscriber on A gets B's events too, in the order they were accepted");
            assertEquals(acknowledged, ids(seenOnB), "a subscriber on B sees the very same order");
            assertEquals("B", seenOnA.get(1).json().getJsonObject("data").getString("from"));
            assertEquals("A", seenOnB.get(0).json().getJsonObject("data").getString("from"));
        }
    }

    @Test
    @Order(2)
    void aClientCutOffOnAResumesOnBWithExactlyWhatItMissed() {
        String topic = topic("resume");
        String lastSeen;
        try (RawStream onA = A.stream(topic)) {
            for (int i = 0; i < 3; i++) A.publishOk(topic, "{\"n\":" + i + "}");
            lastSeen = onA.events("message", 3, WAIT).get(2).id();
        }
        var missed = new ArrayList<String>();
        for (int i = 3; i < 6; i++) missed.add(B.publishOk(topic, "{\"n\":" + i + "}"));

        try (RawStream onB = B.resume(topic, lastSeen)) {
            assertEquals(missed, ids(onB.events("message", 3, WAIT)), "exactly the missed events, in order");
            String live = A.publishOk(topic, "{\"n\":6}");
            assertEquals(live, onB.events("message", 1, WAIT).get(0).id(), "then live events, none twice");
        }
    }

    /**
     * Interest routing: A holds a stream of one topic and none of another; B publishes 100
     * events to the other and 5 to the held one. A reads the 5 (its stream gets them) and
     * nothing of the 100, as its count of events read says; a client resumes on B all the same.
     */
    @Test
    @Order(2)
    void aNodeReadsOnlyTheEventsOfTopicsItsStreamsHold() {
        String held = topic("held");
        String elsewhere = topic("elsewhere");
        var heldIds = new ArrayList<String>();
        try (RawStream onA = A.stream(held)) {
            assertTrue(onA.next(WAIT) != null, "the stream opened (its opening came)");
            double before = A.metric("herald_broker_events_read_total");
            for (int i = 0; i < 100; i++) B.publishOk(elsewhere, "{\"n\":" + i + "}");
            for (int i = 0; i < 5; i++) heldIds.add(B.publishOk(held, "{\"n\":" + i + "}"));
            assertEquals(heldIds, ids(onA.events("message", 5, WAIT)), "B's events of the held topic reach A's stream");
            double read = A.metric("herald_broker_events_read_total") - before;
            System.out.println("A read " + read + " events while B published 100 to a topic A holds no stream of and 5 to one it does");
            assertTrue(read >= 5 && read < 100, "A read the held topic's 5 and not the other topic's 100: it read " + read);
        }
        try (RawStream onB = B.resume(held, heldIds.get(1))) {
            assertEquals(heldIds.subList(2, 5), ids(onB.events("message", 3, WAIT)), "resume by id on the other node stays exact");
        }
    }

    @Test
    @Order(3)
    void twoUsersChatAcrossNodesWithTypingPresenceHistoryAndUnreadCountsThatAgree() throws Exception {
        String suffix = Long.toString(ThreadLocalRandom.current().nextLong(1L << 30), 36);
        Node.User alice = A.signIn("alice" + suffix);
        Node.User bob = B.signIn("bob" + suffix);
        var created = A.post("/api/chat/rooms", "{\"name\":\"cluster " + suffix + "\"}", alice);
        assertEquals(201, created.statusCode(), created.body());
        String room = Api.json(created.body()).getString("id");
        String path = "/api/chat/rooms/" + room;
        assertEquals(200, B.post(path + "/join", "{}", bob).statusCode(), "B knows the room A created");

        try (RawStream aliceOnA = A.stream(alice, "chat/" + room); RawStream bobOnB = B.stream(bob, "chat/" + room)) {
            for (Node node : List.of(A, B)) {
                assertTrue(await(() -> onlineIds(node, path, alice).equals(List.of(alice.id(), bob.id()))),
                        "presence on " + node + " shows both, each connected to another node: " + onlineIds(node, path, alice));
            }

            assertEquals(204, A.post(path + "/typing", "{\"typing\":true}", alice).statusCode());
            assertEquals(alice.id(), awaitType(bobOnB, "typing_start").getString("userId"), "typing on A shows on B");
            assertEquals(204, A.post(path + "/typing", "{\"typing\":false}", alice).statusCode());
            assertEquals(alice.id(), awaitType(bobOnB, "typing_stop").getString("userId"));

            String first = message(A, path, alice, "hello from A", "c1");
            awaitMessage(bobOnB, first, "A's message reaches B");
            var again = B.post(path + "/messages", "{\"content\":\"hello from A\",\"clientId\":\"c1\"}", alice);
            assertEquals(first, Api.json(again.body()).getString("id"), "a retry on the other node is the same message");
            String reply = message(B, path, bob, "hi from B", null);
            awaitMessage(aliceOnA, reply, "B's message reaches A");
            message(A, path, alice, "two", null);
            message(A, path, alice, "three", null);

            List<String> historyOnA = messageIds(A.getJson(path + "/messages", alice));
            assertEquals(historyOnA, messageIds(B.getJson(path + "/messages", bob)), "one history on both nodes");
            assertEquals(first, historyOnA.get(historyOnA.size() - 4));
            assertEquals(2, unread(A, room, bob), "bob's unread count, asked on A");
            assertEquals(2, unread(B, room, bob), "bob's unread count, asked on B");
            A.post(path + "/read", "{\"lastReadId\":\"" + historyOnA.get(historyOnA.size() - 1) + "\"}", bob);
            assertEquals(0, unread(B, room, bob), "read on A, read on B");
        }
        assertTrue(await(() -> onlineIds(B, path, bob).isEmpty()), "closed streams take both offline on both nodes");
    }

    @Test
    @Order(4)
    void aNotificationSentOnAIsListedOnBAndReadStateIsShared() throws Exception {
        Node.User carol = B.signIn("carol" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 30), 36));
        var sent = A.post("/api/notifications", "{\"title\":\"Deploy\",\"message\":\"done\",\"type\":\"success\",\"userId\":\""
                + carol.id() + "\"}", null);
        assertEquals(201, sent.statusCode(), sent.body());
        String id = Api.json(sent.body()).getString("id");

        JsonObject onB = B.getJson("/api/notifications", carol);
        assertEquals(id, onB.getJsonArray("notifications").getJsonObject(0).getString("id"), "B lists what A stored");
        assertEquals(1, onB.getInt("unreadCount"));
        assertEquals(200, B.post("/api/notifications/" + id + "/read", "{}", carol).statusCode());
        JsonObject onA = A.getJson("/api/notifications", carol);
        assertTrue(onA.getJsonArray("notifications").getJsonObject(0).getBoolean("read"), "read on B shows on A");
        assertEquals(0, onA.getInt("unreadCount"));
    }

    @Test
    @Order(5)
    void metricsShowEveryLiveNodeAndSumTheirUsers() {
        Node.User dana = A.signIn("dana" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 30), 36));
        try (RawStream danaOnA = A.stream(dana, "notifications"); RawStream metrics = B.stream("metrics")) {
            JsonObject data = metrics.await(e -> "metrics_update".equals(e.event())
                    && e.json().getJsonObject("data").getJsonArray("nodes").size() == 2
                    && e.json().getJsonObject("data").getInt("activeUsers") >= 1, WAIT).json().getJsonObject("data");
            List<JsonObject> nodes = data.getJsonArray("nodes").getValuesAs(JsonObject.class);
            assertEquals(2, nodes.stream().map(n -> n.getString("id")).distinct().count(), "two nodes, each with its id: " + nodes);
            assertEquals(nodes.stream().mapToInt(n -> n.getInt("activeUsers")).sum(), data.getInt("activeUsers"),
                    "a user on A counts in the cluster's figure, streamed from B");
            assertEquals(nodes.stream().mapToLong(n -> n.getJsonNumber("requestsPerMinute").longValue()).sum(),
                    data.getJsonNumber("requestsPerMinute").longValue());
            for (JsonObject n : nodes) assertTrue(n.containsKey("lastSeen") && n.containsKey("systemLoad") && n.containsKey("memoryUsage"), n.toString());
        }
    }

    private static boolean await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) return false;
            Thread.sleep(100);
        }
        return true;
    }

    private static List<String> onlineIds(Node node, String roomPath, Node.User asker) {
        return node.getJson(roomPath + "/presence", asker).getJsonArray("online").getValuesAs(JsonObject.class).stream()
                .map(u -> u.getString("userId")).sorted().toList();
    }

    private static JsonObject awaitType(RawStream stream, String type) {
        return stream.await(e -> type.equals(e.event()), WAIT).json().getJsonObject("data");
    }

    /**
     * A stream held by A is renewed through B (issue 26): B finds it listed in Redis and hands
     * the new credential over the cluster's feed, and A's stream carries on past its first
     * token's expiry. A sign-out on B of the renewed session still ends it on A.
     */
    @Test
    @Order(5)
    void aStreamOnAIsRenewedThroughBAndCarriesOnUntilSignedOutOnB() throws Exception {
        String topic = topic("renew");
        var signIn = Api.postJson(A.url("/api/session"), "{\"username\":\"renewer" + ThreadLocalRandom.current().nextInt(1 << 20) + "\",\"ttl\":4}", null);
        assertEquals(200, signIn.statusCode(), signIn.body());
        String token = Api.json(signIn.body()).getString("token");
        long firstExpiry = Api.json(signIn.body()).getJsonNumber("expiresAt").longValue();
        String stranger = B.signIn("stranger" + ThreadLocalRandom.current().nextInt(1 << 20)).token();
        try (RawStream onA = RawStream.open(A.url("/api/events?topic=" + topic), java.util.Map.of("Authorization", "Bearer " + token))) {
            String streamId = onA.await(e -> "expiring".equals(e.event()), WAIT).json().getString("stream");

            assertEquals(403, postAs(B, "/api/streams/" + streamId + "/credential", stranger).statusCode(), "another user's stream");
            assertEquals(404, postAs(B, "/api/streams/AAAAAAAAAAAAAAAAAAAAAA/credential", token).statusCode(), "no such stream anywhere");
            var renewed = postAs(B, "/api/session/renew", token);
            assertEquals(200, renewed.statusCode(), renewed.body());
            token = Api.json(renewed.body()).getString("token");
            var handed = postAs(B, "/api/streams/" + streamId + "/credential", token);
            assertEquals(200, handed.statusCode(), handed.body());

            Thread.sleep(Math.max(0, firstExpiry + 300 - System.currentTimeMillis()));
            String id = B.publishOk(topic, "{\"after\":\"renewal\"}");
            // The next expiring (halfway through the renewed 4 s) may come before the event: kept.
            String[] again = {null};
            SseEvent live = onA.await(e -> {
                if ("expiring".equals(e.event())) again[0] = e.json().getString("stream");
                return "message".equals(e.event()) || "expired".equals(e.event());
            }, WAIT);
            assertEquals(id, live.id(), "A's stream carries on past the first token's expiry: " + live);

            // Once more through B: the listing followed the renewal.
            if (again[0] == null) {
                SseEvent next = onA.await(e -> "expiring".equals(e.event()) || "expired".equals(e.event()), WAIT);
                assertEquals("expiring", next.event(), "told again before the renewed expiry");
                again[0] = next.json().getString("stream");
            }
            assertEquals(streamId, again[0]);
            var second = postAs(B, "/api/session/renew", token);
            token = Api.json(second.body()).getString("token");
            assertEquals(200, postAs(B, "/api/streams/" + streamId + "/credential", token).statusCode());

            long signedOut = System.nanoTime();
            assertEquals(204, Api.send("DELETE", B.url("/api/session"), null, java.util.Map.of("Authorization", "Bearer " + token)).statusCode());
            var end = onA.await(e -> "expired".equals(e.event()), WAIT);
            assertEquals("expired", end.json().getString("reason"));
            assertTrue(System.nanoTime() - signedOut < Duration.ofSeconds(1).toNanos(), "ended within a second of the sign-out on B");
            assertTrue(onA.ended(WAIT));
            assertEquals(401, postAs(A, "/api/session/renew", token).statusCode(), "a signed-out session renews nothing on any node");
        }
    }

    /**
     * A user's open streams are counted over the cluster (issue 24): the limit's worth split over
     * A and B, the next is refused on either node, and a stream closed on A frees a slot on B.
     */
    @Test
    @Order(5)
    void aUserHoldsTheStreamLimitOnceForTheWholeCluster() throws Exception {
        Node.User carol = A.signIn("carol" + ThreadLocalRandom.current().nextInt(1 << 20));
        String topic = topic("limit");
        int limit = TestNodes.CLUSTER_STREAMS_PER_USER;
        var open = new ArrayList<RawStream>();
        try {
            for (int i = 0; i < limit; i++) open.add((i % 2 == 0 ? A : B).stream(carol, topic));
            for (Node node : List.of(A, B)) {
                var refused = openStream(node, carol, topic);
                assertEquals(429, refused.statusCode(), node + " admitted one stream too many");
                assertTrue(refused.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
                assertEquals("5", refused.headers().firstValue("Retry-After").orElse(null));
                String body = new String(refused.body().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                assertEquals("at most " + limit + " open streams per user; close one first", Api.json(body).getString("detail"));
            }

            open.remove(0).close();
            long deadline = System.nanoTime() + WAIT.toNanos();
            java.net.http.HttpResponse<java.io.InputStream> onB;
            // A's node notices the closed client within about a second (api.md §7).
            while ((onB = openStream(B, carol, topic)).statusCode() == 429 && System.nanoTime() < deadline) {
                onB.body().close();
                Thread.sleep(200);
            }
            assertEquals(200, onB.statusCode(), "the stream closed on A frees a slot on B");
            onB.body().close();
        } finally {
            open.forEach(RawStream::close);
        }
    }

    /** A stream request answered as it comes: a refusal in full, an admitted stream still open (the caller closes its body). */
    private static java.net.http.HttpResponse<java.io.InputStream> openStream(Node node, Node.User user, String topic) {
        return Api.send(java.net.URI.create(node.url("/api/events?topic=" + topic)), "GET", null,
                java.util.Map.of("Authorization", "Bearer " + user.token(), "Accept", "text/event-stream"),
                java.net.http.HttpResponse.BodyHandlers.ofInputStream());
    }

    private static java.net.http.HttpResponse<String> postAs(Node node, String path, String token) {
        return Api.send("POST", node.url(path), null, java.util.Map.of("Authorization", "Bearer " + token));
    }

    private static void awaitMessage(RawStream stream, String id, String what) {
        assertEquals(id, stream.await(e -> "message".equals(e.event()) && id.equals(e.json().getJsonObject("data").getString("id")), WAIT)
                .json().getJsonObject("data").getString("id"), what);
    }

    private static String message(Node node, String roomPath, Node.User user, String content, String clientId) {
        var r = node.post(roomPath + "/messages", "{\"content\":\"" + content + "\""
                + (clientId == null ? "" : ",\"clientId\":\"" + clientId + "\"") + "}", user);
        assertEquals(201, r.statusCode(), r.body());
        return Api.json(r.body()).getString("id");
    }

    private static List<String> messageIds(JsonObject page) {
        return page.getJsonArray("messages").getValuesAs(JsonObject.class).stream().map(m -> m.getString("id")).toList();
    }

    private static int unread(Node node, String room, Node.User user) {
        return node.getJson("/api/chat/rooms", user).getJsonArray("rooms").getValuesAs(JsonObject.class).stream()
                .filter(r -> r.getString("id").equals(room)).findFirst().orElseThrow().getInt("unreadCount");
    }

    @Test
    @Order(6)
    void losingRedisTakesReadinessDownRefusesPublishesAndLosesNothingAcknowledged() throws Exception {
        String topic = topic("redis-down");
        try (RawStream onA = A.stream(topic)) {
            String before = B.publishOk(topic, "{\"n\":0}");
            String acknowledged = B.publishOk(topic, "{\"n\":1}");
            assertEquals(List.of(before, acknowledged), ids(onA.events("message", 2, WAIT)));

            redis.kill();
            assertTrue(A.awaitReadiness(503, WAIT), "A's readiness goes down with Redis");
            assertTrue(B.awaitReadiness(503, WAIT), "B's readiness goes down with Redis");
            var refused = B.publish(topic, "message", "{\"n\":-1}");
            assertEquals(503, refused.statusCode(), refused.body());
            assertTrue(refused.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
            assertEquals(503, Api.json(refused.body()).getInt("status"));

            redis.start();
            assertTrue(A.awaitReadiness(200, WAIT), "A's readiness comes back with Redis");
            assertTrue(B.awaitReadiness(200, WAIT), "B's readiness comes back with Redis");
            String after = B.publishOk(topic, "{\"n\":2}");
            assertEquals(List.of(after), ids(onA.events("message", 1, WAIT)),
                    "the stream stayed open through the outage and goes on live, with nothing refused in it");

            try (RawStream resumed = A.resume(topic, before)) {
                assertEquals(List.of(acknowledged, after), ids(resumed.events("message", 2, WAIT)),
                        "what Redis acknowledged before it went down is still there to replay");
            }
        }
    }

    @Test
    @Order(7)
    void aNodeKilledAbruptlyLosesNothingForItsClients() throws Exception {
        String topic = topic("node-down");
        String lastSeen;
        var published = new ArrayList<String>();
        try (RawStream onA = A.stream(topic)) {
            for (int i = 0; i < 5; i++) published.add(B.publishOk(topic, "{\"n\":" + i + "}"));
            lastSeen = onA.events("message", 5, WAIT).get(4).id();
            assertEquals(published.get(4), lastSeen);

            A.killAbruptly();
            assertTrue(onA.ended(WAIT), "A's streams end with its JVM");
        }
        var missed = new ArrayList<String>();
        for (int i = 5; i < 15; i++) missed.add(B.publishOk(topic, "{\"n\":" + i + "}"));

        try (RawStream onB = B.resume(topic, lastSeen)) {
            assertEquals(missed, ids(onB.events("message", missed.size(), WAIT)), "A's client resumes on B with nothing lost");
        }
    }
}
