package dev.herald.sse;

import dev.herald.testing.Api;
import dev.herald.testing.RawStream;
import dev.herald.testing.SharedNode;
import dev.herald.testing.SseEvent;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A client that stops reading is cut off once its queue (200 events on the test
 * server) overflows, and a reading client beside it misses nothing.
 */
@Tag("both-transports")
@ExtendWith(SharedNode.class)
class SlowConsumerIT {

    @Test
    void slowSubscriberIsDisconnectedWhileReaderMissesNothing() throws Exception {
        String topic = "custom/slow-" + System.nanoTime();
        String payload = "\"" + "p".repeat(60_000) + "\"";
        double slowBefore = Api.metric("herald_disconnects_total", "slow_consumer");

        try (Socket stalled = new Socket()) {
            stalled.setReceiveBufferSize(4096);
            stalled.connect(new java.net.InetSocketAddress("localhost", SharedNode.base().getPort()));
            OutputStream out = stalled.getOutputStream();
            out.write(("GET /api/events?topic=" + topic + " HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = stalled.getInputStream();
            byte[] head = new byte[64];
            assertTrue(in.read(head) > 0, "the stalled client's stream never opened");
            // From here on the stalled client reads nothing.

            try (var reader = RawStream.open("/api/events?topic=" + topic)) {
                var published = new ArrayList<String>();
                for (int i = 0; i < 3000 && Api.metric("herald_disconnects_total", "slow_consumer") == slowBefore; i++) {
                    published.add(Api.publish(topic, "bulk", "{\"i\":" + i + ",\"pad\":" + payload + "}"));
                    if (i % 50 == 49) Thread.sleep(5);
                }
                assertEquals(slowBefore + 1, Api.metric("herald_disconnects_total", "slow_consumer"),
                        "the stalled client was never disconnected after " + published.size() + " events");

                List<SseEvent> got = reader.events("bulk", published.size(), Duration.ofSeconds(60));
                assertEquals(published, got.stream().map(SseEvent::id).toList(), "the reading client lost or reordered events");
            }

            // The stalled client, reading again, finds its response ended by the server:
            // the chunked body's last chunk, or the connection closed outright.
            stalled.setSoTimeout(20_000);
            String tail = "";
            byte[] buf = new byte[65536];
            boolean ended = false;
            try {
                for (int n; !ended && (n = in.read(buf)) >= 0; ) {
                    // The last chunk may arrive in a read of its own: keep the end of what came so far.
                    tail += new String(buf, Math.max(0, n - 16), Math.min(n, 16), StandardCharsets.US_ASCII);
                    tail = tail.substring(Math.max(0, tail.length() - 16));
                    ended = tail.endsWith("\r\n0\r\n\r\n");
                }
                ended = true;
            } catch (java.net.SocketException reset) {
                ended = true;
            } catch (java.net.SocketTimeoutException stillOpen) {
                ended = false;
            }
            assertTrue(ended, "the server did not end the slow client's stream");

        }
    }
}
