package dev.herald.bench;

import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Herald on Open Liberty: topic {@code custom/bench/<channel>}, publisher token, /metrics for heap and slow consumers.
 * Three of them run: {@code herald} (heraldBench) on the default durable store, {@link #MEMORY} (heraldBenchMemory),
 * the same server with {@code herald.store=memory}, and {@link #JAXRS} (heraldBenchJaxrs), the same server with
 * {@code herald.stream.transport=jaxrs}.
 */
final class HeraldTarget extends Target {
    /** The name of the Herald that keeps nothing ({@code herald.store=memory}), beside the durable default. */
    static final String MEMORY = "herald-memory";
    /** The name of the Herald that writes {@code GET /api/events} through JAX-RS ({@code herald.stream.transport=jaxrs}). */
    static final String JAXRS = "herald-jaxrs";

    private final String token;
    private final Path pidFile;

    HeraldTarget(String name, InetSocketAddress address, String token, Path pidFile) {
        super(name, address);
        this.token = token;
        this.pidFile = pidFile;
    }

    static String topic(String channel) {
        return "custom/bench/" + channel;
    }

    long pid() {
        return Proc.readPid(pidFile);
    }

    @Override
    byte[] subscribeRequest(String channel, String lastEventId) {
        return request("GET", "/api/events?topic=" + URLEncoder.encode(topic(channel), StandardCharsets.UTF_8), address,
                lastEventId == null ? null : "Last-Event-ID: " + lastEventId);
    }

    @Override
    byte[] publishRequest(String channel, String payload) {
        return HttpConnection.request("POST", "/api/publish", address, "application/json", event(topic(channel), payload),
                "Authorization: Bearer " + token);
    }

    /** One event as {@code POST /api/publish} takes it, and as each item of a batch. */
    static String event(String topic, String payload) {
        return "{\"topic\":\"" + topic + "\",\"type\":\"tick\",\"data\":" + payload + "}";
    }

    /** The raw request that publishes these events ({@link #event}) in one batch. */
    byte[] batchRequest(List<String> events) {
        return HttpConnection.request("POST", "/api/publish/batch", address, "application/json",
                "{\"events\":[" + String.join(",", events) + "]}", "Authorization: Bearer " + token);
    }

    /** Signs {@code username} in (the embedded default's sign-in: a name is enough) and answers the bearer token. */
    String signIn(String username) throws Exception {
        var rsp = http.send(HttpRequest.newBuilder(uri("/api/session")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + username + "\"}")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        var m = java.util.regex.Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"").matcher(rsp.body());
        if (rsp.statusCode() != 200 || !m.find()) throw new IllegalStateException("sign-in: " + rsp.statusCode() + " " + rsp.body());
        return m.group(1);
    }

    /** The raw request that posts {@code content} to chat room {@code room} as the user of {@code userToken}. */
    byte[] chatRequest(String userToken, String room, String clientId, String content) {
        String body = "{\"content\":\"" + content + "\",\"clientId\":\"" + clientId + "\"}";
        return HttpConnection.request("POST", "/api/chat/rooms/" + room + "/messages", address, "application/json", body,
                "Authorization: Bearer " + userToken);
    }

    @Override
    void dropAll(String channel) throws Exception {
        var rsp = http.send(HttpRequest.newBuilder(uri("/api/admin/disconnect")).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        if (rsp.statusCode() != 200) throw new IllegalStateException("disconnect: " + rsp.statusCode() + " " + rsp.body());
    }

    @Override
    List<Long> pids() {
        return List.of(pid());
    }

    @Override
    Memory memory(boolean collect) {
        long pid = pid();
        if (collect) {
            jcmd(pid, "GC.run");
            jcmd(pid, "GC.run");
        }
        return new Memory(Proc.rssBytes(pid), Proc.pssBytes(pid), metric("memory_usedHeap_bytes", ""));
    }

    @Override
    long openConnections() {
        return metric("herald_connections_open", "");
    }

    @Override
    java.util.Map<String, Long> disconnects() {
        var out = new java.util.TreeMap<String, Long>();
        try {
            for (String line : get("/metrics").split("\n")) {
                if (!line.startsWith("herald_disconnects_total{")) continue;
                var m = java.util.regex.Pattern.compile("reason=\"([a-z_]+)\"").matcher(line);
                if (m.find()) out.put(m.group(1), (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)));
            }
        } catch (Exception e) {
            System.err.println("metrics: " + e);
        }
        return out;
    }

    /** The value of metric {@code name} on the /metrics line carrying {@code label} (any label order), or -1. */
    long metric(String name, String label) {
        try {
            for (String line : get("/metrics").split("\n")) {
                if ((line.startsWith(name + "{") || line.startsWith(name + " ")) && line.contains(label)) {
                    return (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
        } catch (Exception e) {
            System.err.println("metrics: " + e);
        }
        return -1;
    }

    /**
     * Several unlabelled counters from one read of /metrics (Liberty prints {@code name{mp_scope="application",} 12.0}),
     * each -1 where missing; all -1 if /metrics does not answer.
     */
    java.util.Map<String, Long> metrics(String... names) {
        var out = new java.util.LinkedHashMap<String, Long>();
        for (String n : names) out.put(n, -1L);
        try {
            for (String line : get("/metrics").split("\n")) {
                for (String n : names) {
                    if (out.get(n) < 0 && (line.startsWith(n + "{") || line.startsWith(n + " "))) {
                        out.put(n, (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)));
                    }
                }
            }
        } catch (Exception e) {
            System.err.println("metrics: " + e);
        }
        return out;
    }

    static String jcmd(long pid, String... command) {
        try {
            var args = new java.util.ArrayList<String>(List.of("jcmd", Long.toString(pid)));
            args.addAll(List.of(command));
            Process p = new ProcessBuilder(args).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(60, TimeUnit.SECONDS);
            return out;
        } catch (Exception e) {
            return "jcmd failed: " + e;
        }
    }
}
