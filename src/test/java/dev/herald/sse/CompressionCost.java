package dev.herald.sse;

import dev.herald.testing.LibertyNode;
import dev.herald.testing.Prometheus;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * What gzip streams cost and save (BENCHMARKS.md, "Compressed streams"): a Herald of its own
 * ({@code heraldGzipCost}, port 9196) with N streams on one topic, plain then gzip, E events/s
 * of the dashboard's own {@code metrics_update} data for S seconds after a warm-up; the server
 * process's CPU per delivery (from {@code /proc}, over Herald's delivered counter) and the wire
 * bytes per event per stream. Then the bytes of chat messages, plain and gzip, on one stream.
 * Run under the shared lock, from the checkout, after {@code ./mvnw package}:
 * {@code ./mvnw dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test}, then
 * {@code flock /tmp/herald-it.lock java -cp target/test-classes:target/classes:$(cat target/cp.txt) dev.herald.sse.CompressionCost 1000 50 20}
 */
public final class CompressionCost {
    private static final int PORT = 9196;

    public static void main(String[] args) throws Exception {
        int streams = Integer.parseInt(args.length > 0 ? args[0] : "1000");
        int rate = Integer.parseInt(args.length > 1 ? args[1] : "50");
        int seconds = Integer.parseInt(args.length > 2 ? args[2] : "20");
        var node = LibertyNode.create("heraldGzipCost", PORT, 9756,
                Map.of("herald.limit.connections", "1000000", "herald.limit.streams.per-address", "1000000",
                        "herald.limit.connect.rate", "1000000/s", "herald.limit.publish.rate", "1000000/s",
                        "herald.limit.write.rate", "1000000/s", "herald.limit.signin.rate", "1000000/s",
                        "herald.chat.rate.messages", "1000000"));
        Files.copy(Path.of("bench/liberty/jvm.options"), node.dir().resolve("jvm.options"));
        node.start();
        try {
            long pid = Long.parseLong(Files.readString(node.dir().resolveSibling(".pid/heraldGzipCost.pid")).strip());
            String metricsData = node.send("GET", "/api/metrics", null, Map.of()).body();
            System.out.printf("the dashboard's data per event: %d bytes: %s%n", metricsData.length(), metricsData);
            for (String mode : List.of("plain", "gzip", "plain", "gzip")) {
                run(node, pid, mode.equals("gzip"), streams, rate, seconds);
            }
            chat(node);
        } finally {
            node.stop();
        }
    }

    /** One stream's reader: counts the bytes that came over the wire and the events in them (inflated first when gzip). */
    private static final class Reader implements Flow.Subscriber<List<ByteBuffer>> {
        final AtomicLong wire = new AtomicLong();
        final AtomicLong events = new AtomicLong();
        final boolean gzip;
        private final Inflater inflater = new Inflater(true);
        private int headerLeft = 10;
        private final byte[] out = new byte[64 * 1024];
        private byte last;
        Flow.Subscription subscription;

        Reader(boolean gzip) {
            this.gzip = gzip;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            for (ByteBuffer b : items) {
                wire.addAndGet(b.remaining());
                byte[] bytes = new byte[b.remaining()];
                b.get(bytes);
                if (!gzip) {
                    count(bytes, bytes.length);
                    continue;
                }
                int skip = Math.min(headerLeft, bytes.length);
                headerLeft -= skip;
                inflater.setInput(bytes, skip, bytes.length - skip);
                try {
                    for (int n; (n = inflater.inflate(out)) > 0; ) count(out, n);
                } catch (DataFormatException e) {
                    throw new IllegalStateException(e);
                }
            }
        }

        /** An event block ends with a blank line: two newlines in a row. */
        private void count(byte[] b, int n) {
            for (int i = 0; i < n; i++) {
                if (b[i] == '\n' && last == '\n') events.incrementAndGet();
                last = b[i];
            }
        }

        @Override
        public void onError(Throwable t) {
        }

        @Override
        public void onComplete() {
        }
    }

    private static long cpuTicks(long pid) throws Exception {
        String[] f = Files.readString(Path.of("/proc/" + pid + "/stat")).split("\\) ")[1].split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    private static double delivered(LibertyNode node) {
        return Prometheus.parse(node.send("GET", "/metrics", null, Map.of()).body()).value("herald_events_delivered_total");
    }

    private static void run(LibertyNode node, long pid, boolean gzip, int streams, int rate, int seconds) throws Exception {
        String topic = "custom/cost-" + System.nanoTime();
        var executor = Executors.newFixedThreadPool(1);
        var client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(executor).build();
        var readers = new ArrayList<Reader>();
        for (int i = 0; i < streams; i++) {
            var reader = new Reader(gzip);
            var b = HttpRequest.newBuilder(node.uri("/api/events?topic=" + topic)).header("Accept", "text/event-stream");
            if (gzip) b.header("Accept-Encoding", "gzip");
            client.sendAsync(b.build(), HttpResponse.BodyHandlers.fromSubscriber(reader));
            readers.add(reader);
        }
        while (readers.stream().anyMatch(r -> r.wire.get() == 0)) Thread.sleep(50);
        var publisher = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        // Warm-up, then the measured window.
        publish(node, publisher, topic, rate, 10);
        long wireBefore = readers.stream().mapToLong(r -> r.wire.get()).sum();
        long eventsBefore = readers.stream().mapToLong(r -> r.events.get()).sum();
        double deliveredBefore = delivered(node);
        long ticksBefore = cpuTicks(pid);
        long start = System.nanoTime();
        publish(node, publisher, topic, rate, seconds);
        Thread.sleep(500);
        long ticks = cpuTicks(pid) - ticksBefore;
        double wall = (System.nanoTime() - start) / 1e9;
        double deliveries = delivered(node) - deliveredBefore;
        long wire = readers.stream().mapToLong(r -> r.wire.get()).sum() - wireBefore;
        long events = readers.stream().mapToLong(r -> r.events.get()).sum() - eventsBefore;
        double cpuSeconds = ticks / 100.0;
        System.out.printf("%s: %d streams x %d/s for %.1f s: %.0f deliveries (%.0f/s), server CPU %.2f cores, %.1f µs per delivery;"
                        + " %d events read, %.1f wire bytes per event per stream%n",
                gzip ? "gzip " : "plain", streams, rate, wall, deliveries, deliveries / wall, cpuSeconds / wall,
                cpuSeconds * 1e6 / deliveries, events, (double) wire / Math.max(1, events));
        for (Reader r : readers) if (r.subscription != null) r.subscription.cancel();
        executor.shutdown();
        Thread.sleep(3000);
    }

    /** {@code rate} publishes a second for {@code seconds}, each the dashboard's current metrics sample. */
    private static void publish(LibertyNode node, HttpClient http, String topic, int rate, int seconds) throws Exception {
        long every = 1_000_000_000L / rate;
        long next = System.nanoTime();
        long end = next + seconds * 1_000_000_000L;
        int i = 0;
        while (System.nanoTime() < end) {
            String data = i % rate == 0 ? metrics(node) : last;
            String body = "{\"topic\":\"" + topic + "\",\"type\":\"metrics_update\",\"data\":" + data + "}";
            http.send(HttpRequest.newBuilder(node.uri("/api/publish")).header("Content-Type", "application/json")
                    .header("Authorization", "Bearer dev-publisher-token").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.discarding());
            i++;
            next += every;
            long wait = next - System.nanoTime();
            if (wait > 0) Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }

    private static String last = "{}";

    private static String metrics(LibertyNode node) {
        String body = node.send("GET", "/api/metrics", null, Map.of()).body();
        // The sample as the topic carries it: the envelope has the timestamp.
        last = body.replaceAll(",\"timestamp\":\\d+", "");
        return last;
    }

    /** Wire bytes per chat message on one stream of chat/general, plain and gzip, 200 messages of varied text. */
    private static void chat(LibertyNode node) throws Exception {
        String token = dev.herald.testing.Api.json(node.send("POST", "/api/session", "{\"username\":\"cost\"}",
                Map.of("Content-Type", "application/json")).body()).getString("token");
        for (boolean gzip : new boolean[]{false, true}) {
            var client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            var reader = new Reader(gzip);
            var b = HttpRequest.newBuilder(node.uri("/api/events?topic=chat/general")).header("Accept", "text/event-stream")
                    .header("Authorization", "Bearer " + token);
            if (gzip) b.header("Accept-Encoding", "gzip");
            client.sendAsync(b.build(), HttpResponse.BodyHandlers.fromSubscriber(reader));
            while (reader.wire.get() == 0) Thread.sleep(20);
            Thread.sleep(500);
            long wire0 = reader.wire.get();
            long events0 = reader.events.get();
            String[] words = {"deploy", "looks", "good", "on", "staging", "can", "someone", "review", "the", "PR", "for", "issue", "26", "thanks", "lunch?"};
            for (int i = 0; i < 200; i++) {
                var text = new StringBuilder();
                for (int w = 0; w < 4 + i % 9; w++) text.append(words[(i * 7 + w * 3) % words.length]).append(' ');
                node.send("POST", "/api/chat/rooms/general/messages", "{\"content\":\"" + text.toString().strip() + "\"}",
                        Map.of("Content-Type", "application/json", "Authorization", "Bearer " + token));
            }
            Thread.sleep(1000);
            long events = reader.events.get() - events0;
            System.out.printf("chat %s: %d events, %.1f wire bytes per event%n", gzip ? "gzip " : "plain", events,
                    (double) (reader.wire.get() - wire0) / Math.max(1, events));
            reader.subscription.cancel();
        }
    }
}
