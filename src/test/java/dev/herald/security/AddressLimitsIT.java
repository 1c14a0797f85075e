package dev.herald.security;

import dev.herald.testing.BoundHttp;

import dev.herald.testing.Api;
import dev.herald.testing.Burst;
import dev.herald.testing.RawStream;
import dev.herald.testing.SharedNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The per-address limits at their defaults (64 open streams, 20 new streams a
 * second, 30 sign-ins a minute), each test from an address of its own on the
 * loopback network, while 127.0.0.1 (exempt on the test server) shows that
 * everyone else is still served.
 */
@Tag("both-transports")
@ExtendWith(SharedNode.class)
class AddressLimitsIT {
    private static final Map<String, String> JSON = Map.of("Content-Type", "application/json");

    private static void assertTooMany(BoundHttp.Reply r, String detailFragment) {
        assertEquals(429, r.status(), r.body());
        assertTrue(r.header("Content-Type").startsWith("application/problem+json"), r.headers().toString());
        assertNotNull(r.header("Retry-After"), "Retry-After");
        assertTrue(Long.parseLong(r.header("Retry-After")) >= 1);
        assertTrue(r.body().contains(detailFragment), r.body());
    }

    /**
     * A burst sent at once: at least the bucket's size served, the rest refused as too many
     * (a few more may pass as the bucket refills meanwhile), nothing else.
     */
    private static void assertBurstLimited(List<BoundHttp.Reply> replies, int bucket, String what) {
        var statuses = replies.stream().map(BoundHttp.Reply::status).toList();
        assertTrue(statuses.stream().allMatch(s -> s == 200 || s == 429), statuses.toString());
        assertTrue(statuses.stream().filter(s -> s == 200).count() >= bucket, "the burst of " + bucket + " is allowed: " + statuses);
        assertTooMany(replies.stream().filter(r -> r.status() == 429).findFirst()
                .orElseThrow(() -> new AssertionError("never limited: " + statuses)), what);
    }

    private static void othersAreServed() {
        try (var s = RawStream.open("/api/events?topic=custom/others")) {
            assertNotNull(s.next(Duration.ofSeconds(5)), "a stream from another address opens");
        }
        assertEquals(200, Api.postJson("/api/session", "{\"username\":\"someone-else\"}", null).statusCode());
    }

    @Test
    void signInsPerAddress() {
        String from = "127.0.0.21";
        var replies = Burst.of(40, i -> BoundHttp.send(from, BoundHttp.port(), "POST", "/api/session", JSON, "{\"username\":\"flood-" + i + "\"}"));
        assertBurstLimited(replies, 30, "sign-ins");
        othersAreServed();
    }

    /**
     * The test server keeps the default {@code herald.trusted.proxies} (empty). Liberty's own
     * remoteIp default would trust loopback and private peers; Herald's trusts none, so a peer
     * naming the exempt address in X-Forwarded-For or Forwarded still counts as itself.
     */
    @Test
    void forwardedHeadersAreIgnoredWhenNoProxyIsTrusted() {
        String from = "127.0.0.24";
        var claim = Map.of("Content-Type", "application/json", "X-Forwarded-For", "127.0.0.1", "Forwarded", "for=127.0.0.1");
        var replies = Burst.of(40, i -> BoundHttp.send(from, BoundHttp.port(), "POST", "/api/session", claim, "{\"username\":\"claim-" + i + "\"}"));
        assertBurstLimited(replies, 30, "sign-ins");
    }

    @Test
    void newStreamsPerSecondPerAddress() {
        String from = "127.0.0.23";
        var heads = Burst.of(40, i -> {
            try (var s = BoundHttp.openStream(from, BoundHttp.port(), "/api/events?topic=custom/rate", Map.of())) {
                return s.head();
            }
        });
        assertBurstLimited(heads, 20, "new streams");
        othersAreServed();
    }

    @Test
    void openStreamsPerAddress() throws InterruptedException {
        String from = "127.0.0.22";
        List<BoundHttp.Stream> open = new ArrayList<>();
        try {
            while (open.size() < 64) {
                var s = BoundHttp.openStream(from, BoundHttp.port(), "/api/events?topic=custom/held", Map.of());
                if (s.head().status() == 200) {
                    open.add(s);
                    continue;
                }
                s.close();
                // Opening 64 at once outruns the new-streams rate: wait for the bucket, as a client should.
                assertTooMany(s.head(), "new streams");
                Thread.sleep(100);
            }
            BoundHttp.Stream over;
            do {
                over = BoundHttp.openStream(from, BoundHttp.port(), "/api/events?topic=custom/held", Map.of());
                over.close();
                if (over.head().body().contains("new streams")) Thread.sleep(100);
            } while (over.head().body().contains("new streams"));
            assertTooMany(over.head(), "per client address");
            othersAreServed();
        } finally {
            open.forEach(BoundHttp.Stream::close);
        }
    }
}
