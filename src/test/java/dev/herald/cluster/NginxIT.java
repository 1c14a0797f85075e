package dev.herald.cluster;

import dev.herald.testing.RedisServer;
import dev.herald.testing.ThirdLane;
import dev.herald.testing.Api;
import dev.herald.testing.BoundHttp;
import dev.herald.testing.CurlStream;
import dev.herald.testing.RawStream;
import dev.herald.testing.SseEvent;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.TestMethodOrder;
import redis.clients.jedis.Jedis;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Debian's nginx with {@code liberty/nginx/herald.conf} in front of the two cluster nodes
 * (heraldA, heraldB over their own Redis), talked to as a browser behind a load balancer
 * would: streams, heartbeats and resume through the proxy, per-client limits on the
 * address nginx forwards, and a sign-out through the proxy ending streams on both nodes.
 * Clients come from 127.0.0.x addresses of their own; 127.0.0.1 is nginx (the nodes'
 * trusted proxy) and exempt from per-address limits.
 */
@Tag("cluster")
@ThirdLane
@ExtendWith(ClusterNodes.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NginxIT {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Map<String, String> JSON = Map.of("Content-Type", "application/json");
    private static final Node A = ClusterNodes.A;
    private static final Node B = ClusterNodes.B;
    private static RedisServer redis;
    private static NginxProxy nginx;

    @BeforeAll
    static void start() throws Exception {
        NginxProxy.require();
        RedisServer.require();
        redis = ClusterNodes.redis();
        redis.startEmpty();
        for (Node node : List.of(A, B)) {
            // ClusterIT ends with a node killed; whichever ran first, both nodes serve here.
            if (!node.answers()) node.start();
            assertTrue(node.awaitReadiness(200, Duration.ofSeconds(30)), node + " did not become ready on " + redis.url());
        }
        awaitSignOutFeeds();
        nginx = new NginxProxy(Integer.parseInt(System.getProperty("herald.cluster.nginx.port", "9383")),
                Path.of(System.getProperty("herald.cluster.nginx.dir", "target/cluster-nginx")).toAbsolutePath());
        nginx.start(Path.of(System.getProperty("herald.cluster.nginx.conf", "liberty/nginx/herald.conf")).toAbsolutePath(), List.of(A.port(), B.port()));
    }

    @AfterAll
    static void stop() {
        if (nginx != null) nginx.close();
        if (redis != null) redis.kill();
    }

    /** Both nodes hear sign-outs once each has subscribed to the cluster's channel. */
    private static void awaitSignOutFeeds() throws InterruptedException {
        String channel = "herald-cluster-it:signouts";
        long deadline = System.nanoTime() + WAIT.toNanos();
        try (var client = new Jedis(URI.create(redis.url()))) {
            while (client.pubsubNumSub(channel).getOrDefault(channel, 0L) < 2) {
                if (System.nanoTime() > deadline) throw new AssertionError("the nodes never subscribed to " + channel);
                Thread.sleep(50);
            }
        }
    }

    private static String topic(String what) {
        return "custom/nginx-" + what + "-" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
    }

    private static String publish(String topic, int n) {
        var r = Api.postJson(nginx.url("/api/publish"), "{\"topic\":\"" + topic + "\",\"type\":\"message\",\"data\":{\"n\":" + n + "}}",
                Api.PUBLISHER_TOKEN);
        assertEquals(200, r.statusCode(), r.body());
        return Api.json(r.body()).getString("id");
    }

    /** Which node nginx sent a request to (a header the test's nginx adds): "A" or "B". */
    private static String servedBy(String upstreamHeader) {
        assertNotNull(upstreamHeader, "nginx names the node it used");
        if (upstreamHeader.endsWith(":" + A.port())) return "A";
        if (upstreamHeader.endsWith(":" + B.port())) return "B";
        throw new AssertionError("an unknown upstream: " + upstreamHeader);
    }

    @Test
    @Order(1)
    void aStreamThroughTheProxyOpensAtOnceGetsEventsAndHeartbeatsUnbuffered() {
        String topic = topic("live");
        try (RawStream stream = RawStream.open(nginx.url("/api/events?topic=" + topic))) {
            assertTrue(stream.response().headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
            SseEvent opening = stream.next(WAIT);
            assertNotNull(opening, "the opening frame passes nginx at once, not when a buffer fills");
            assertNotNull(opening.retry(), "the stream opens with retry:");

            String id = publish(topic, 1);
            assertEquals(List.of(id), stream.events("message", 1, WAIT).stream().map(SseEvent::id).toList());

            // The nodes send a heartbeat after 1 s of quiet: three in a row, each within 2.5 s.
            for (int i = 0; i < 3; i++) {
                long start = System.nanoTime();
                stream.await(e -> e.comments().contains("heartbeat"), Duration.ofMillis(2500));
                assertTrue(System.nanoTime() - start < Duration.ofMillis(2500).toNanos());
            }
        }
    }

    @Test
    @Order(1)
    void aGzipStreamPassesTheProxyEventByEvent() throws Exception {
        String topic = topic("gzip");
        String url = nginx.url("/api/events?topic=" + topic).toString();
        try (var plain = new CurlStream(url); var compressed = new CurlStream(url, "--compressed")) {
            plain.arrival("retry: 3000", WAIT);
            compressed.arrival("retry: 3000", WAIT);
            assertTrue(compressed.headers().contains("content-encoding: gzip"), "nginx passes the node's gzip on: " + compressed.headers());
            assertFalse(plain.headers().contains("content-encoding"), plain.headers());
            // nginx alternates the two streams between the nodes, so one may hear the event through
            // Redis a moment later than the other: each is timed from the publish, not from the other.
            // A proxy that buffered would hold the event until more bytes came (the next heartbeat, 1 s).
            for (int i = 0; i < 10; i++) {
                long before = System.nanoTime();
                String id = publish(topic, i);
                long gzip = compressed.arrival("id: " + id, WAIT) - before;
                long text = plain.arrival("id: " + id, WAIT) - before;
                // Against the plain stream of the same event, not the clock: a stall of the whole machine
                // (CI's three lanes) delays both alike, while a proxy that buffered delays only the gzip one.
                assertTrue(gzip - text < 500_000_000L, "event " + i + " took " + gzip / 1_000_000 + " ms gzipped through nginx ("
                        + text / 1_000_000 + " ms plain): nginx held it");
                Thread.sleep(50);
            }
        }
    }

    @Test
    @Order(2)
    void aClientWhoseNodeIsStoppedResumesThroughTheProxyOnTheOtherWithExactlyWhatItMissed() throws Exception {
        String topic = topic("resume");
        var opened = new ArrayList<RawStream>();
        RawStream onB = null;
        try {
            // Round robin: within a few streams one lands on B, the node about to stop.
            for (int i = 0; i < 8 && onB == null; i++) {
                RawStream s = RawStream.open(nginx.url("/api/events?topic=" + topic));
                opened.add(s);
                if (servedBy(s.response().headers().firstValue("X-Herald-Upstream").orElse(null)).equals("B")) onB = s;
            }
            assertNotNull(onB, "nginx spreads streams over both nodes");
            var seen = new ArrayList<String>();
            for (int i = 0; i < 3; i++) seen.add(publish(topic, i));
            assertEquals(seen, onB.events("message", 3, WAIT).stream().map(SseEvent::id).toList());
            String lastSeen = seen.get(2);

            // A planned stop as the cluster guide has it: hand B's clients over, then stop B.
            assertEquals(200, Api.postJson(B.url("/api/admin/disconnect"), "{}", Api.PUBLISHER_TOKEN).statusCode());
            assertTrue(onB.ended(WAIT), "B's streams end");
            B.stop();
            var missed = new ArrayList<String>();
            for (int i = 3; i < 6; i++) missed.add(publish(topic, i));

            try (RawStream resumed = RawStream.open(nginx.url("/api/events?topic=" + topic), Map.of("Last-Event-ID", lastSeen))) {
                assertEquals("A", servedBy(resumed.response().headers().firstValue("X-Herald-Upstream").orElse(null)),
                        "nginx passes over the stopped node");
                assertEquals(missed, resumed.events("message", 3, WAIT).stream().map(SseEvent::id).toList(),
                        "exactly the missed events, in order");
                String live = publish(topic, 6);
                assertEquals(live, resumed.events("message", 1, WAIT).get(0).id(), "then live events");
            }
        } finally {
            opened.forEach(RawStream::close);
            if (!B.answers()) B.start();
        }
        awaitSignOutFeeds();
        awaitNginxUses(B);
    }

    /** nginx leaves a node that refused a connection alone for fail_timeout (5 s), then tries it again. */
    private static void awaitNginxUses(Node node) throws InterruptedException {
        String wanted = node == A ? "A" : "B";
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            var r = Api.get(nginx.url("/health/ready"), Map.of());
            if (r.statusCode() == 200 && wanted.equals(servedBy(r.headers().firstValue("X-Herald-Upstream").orElse(null)))) return;
            Thread.sleep(200);
        }
        throw new AssertionError("nginx never sent a request to " + node + " again");
    }

    @Test
    @Order(3)
    void perClientLimitsCountTheAddressNginxForwardsAndNoClientCanClaimAnother() {
        Set<String> nodes = new HashSet<>();
        // 3 sign-ins a minute per address on the test cluster, counted across both nodes.
        for (int i = 0; i < 3; i++) {
            var ok = BoundHttp.send("127.0.0.41", nginx.port(), "POST", "/api/session", JSON, "{\"username\":\"proxied-" + i + "\"}");
            assertEquals(200, ok.status(), ok.body());
            nodes.add(servedBy(ok.header("X-Herald-Upstream")));
        }
        var refused = BoundHttp.send("127.0.0.41", nginx.port(), "POST", "/api/session", JSON, "{\"username\":\"proxied-4\"}");
        nodes.add(servedBy(refused.header("X-Herald-Upstream")));
        assertEquals(429, refused.status(), refused.body());
        assertTrue(refused.header("Content-Type").startsWith("application/problem+json"));
        assertNotNull(refused.header("Retry-After"));
        assertEquals(Set.of("A", "B"), nodes, "the four went to both nodes, and the limit held for the pair");

        var neighbour = BoundHttp.send("127.0.0.42", nginx.port(), "POST", "/api/session", JSON, "{\"username\":\"neighbour\"}");
        assertEquals(200, neighbour.status(), "another client behind the same proxy has a limit of its own: " + neighbour.body());

        // A client naming the exempt address itself: nginx replaces the claim with the real one.
        var spoof = Map.of("Content-Type", "application/json", "X-Forwarded-For", "127.0.0.1", "Forwarded", "for=127.0.0.1");
        for (int i = 0; i < 3; i++) {
            assertEquals(200, BoundHttp.send("127.0.0.43", nginx.port(), "POST", "/api/session", spoof, "{\"username\":\"spoof-" + i + "\"}").status());
        }
        assertEquals(429, BoundHttp.send("127.0.0.43", nginx.port(), "POST", "/api/session", spoof, "{\"username\":\"spoof-4\"}").status(),
                "a forged X-Forwarded-For or Forwarded does not make a client exempt");
    }

    @Test
    @Order(4)
    void aForwardedHeaderCountsOnlyFromTheTrustedProxy() {
        // Straight to node A, not through nginx: the peer decides whether the header is believed.
        var claim = Map.of("Content-Type", "application/json", "X-Forwarded-For", "127.0.0.1");
        for (int i = 0; i < 3; i++) {
            assertEquals(200, BoundHttp.send("127.0.0.44", A.port(), "POST", "/api/session", claim, "{\"username\":\"direct-" + i + "\"}").status());
        }
        assertEquals(429, BoundHttp.send("127.0.0.44", A.port(), "POST", "/api/session", claim, "{\"username\":\"direct-4\"}").status(),
                "an untrusted peer's X-Forwarded-For is ignored: it counts as itself, not as the exempt address it names");

        var forwarded = Map.of("Content-Type", "application/json", "X-Forwarded-For", "127.0.0.45");
        for (int i = 0; i < 3; i++) {
            assertEquals(200, BoundHttp.send("127.0.0.1", A.port(), "POST", "/api/session", forwarded, "{\"username\":\"fwd-" + i + "\"}").status());
        }
        assertEquals(429, BoundHttp.send("127.0.0.1", A.port(), "POST", "/api/session", forwarded, "{\"username\":\"fwd-4\"}").status(),
                "from the trusted proxy the forwarded client counts, though the proxy itself is exempt");
        assertEquals(200, BoundHttp.send("127.0.0.1", A.port(), "POST", "/api/session", JSON, "{\"username\":\"proxy-itself\"}").status(),
                "the proxy's own requests are still its own");
    }

    @Test
    @Order(5)
    void aSignOutThroughTheProxyEndsTheSessionsStreamsOnBothNodesWithinASecond() {
        var signIn = Api.postJson(nginx.url("/api/session"), "{\"username\":\"leaver" + ThreadLocalRandom.current().nextInt(1 << 20) + "\"}", null);
        assertEquals(200, signIn.statusCode(), signIn.body());
        var user = new Node.User(Api.json(signIn.body()).getJsonObject("user").getString("id"), Api.json(signIn.body()).getString("token"));
        var bearer = Map.of("Authorization", "Bearer " + user.token());

        try (RawStream onA = A.stream(user, "notifications"); RawStream onB = B.stream(user, "notifications");
             RawStream proxied = RawStream.open(nginx.url("/api/events?topic=notifications"), bearer)) {
            var out = Api.send("DELETE", nginx.url("/api/session"), null, bearer);
            assertEquals(204, out.statusCode(), out.body());
            long signedOut = System.nanoTime();
            for (RawStream s : List.of(onA, onB, proxied)) {
                var expired = s.await(e -> "expired".equals(e.event()), WAIT);
                assertEquals("expired", expired.json().getString("reason"));
            }
            long took = System.nanoTime() - signedOut;
            System.out.println("NginxIT: a sign-out ended the session's streams on both nodes in " + took / 1_000_000 + " ms");
            assertTrue(took < Duration.ofSeconds(1).toNanos(), "every stream of the session ended within a second: " + took / 1_000_000 + " ms");
            assertTrue(onA.ended(WAIT) && onB.ended(WAIT) && proxied.ended(WAIT));
        }
        for (Node node : List.of(A, B)) {
            assertTrue(Api.json(Api.get(node.url("/api/session"), bearer).body()).isNull("user"), node + " no longer knows the token");
            var refused = Api.get(node.url("/api/events?topic=notifications"), bearer);
            assertEquals(401, refused.statusCode(), node + " refuses a stream with it: " + refused.body());
        }
    }

    @Test
    @Order(6)
    void theChatRateLimitHoldsForTheClusterNotPerNode() {
        Node.User talker = A.signIn("talker" + ThreadLocalRandom.current().nextInt(1 << 20));
        // 10 messages a minute (TestNodes.cluster), posted alternately on A and B.
        for (int i = 0; i < 10; i++) {
            Node node = i % 2 == 0 ? A : B;
            var r = node.post("/api/chat/rooms/general/messages", "{\"content\":\"m" + i + "\"}", talker);
            assertEquals(201, r.statusCode(), node + ": " + r.body());
        }
        for (Node node : List.of(A, B)) {
            var r = node.post("/api/chat/rooms/general/messages", "{\"content\":\"one too many\"}", talker);
            assertEquals(429, r.statusCode(), node + " counts the messages posted on the other node too: " + r.body());
            assertTrue(r.headers().firstValue("Retry-After").isPresent());
        }
    }
}
