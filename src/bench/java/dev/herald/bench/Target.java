package dev.herald.bench;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

/** A server under test, as the workloads see it: how to subscribe, publish, drop everyone, and weigh it. */
abstract class Target {
    final String name;
    final InetSocketAddress address;
    final HttpClient http;

    Target(String name, InetSocketAddress address) {
        this.name = name;
        this.address = address;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .executor(Executors.newFixedThreadPool(2, r -> {
                    Thread t = new Thread(r, "bench-http-" + name);
                    t.setDaemon(true);
                    return t;
                })).build();
    }

    /** The raw HTTP/1.1 request that opens an event stream on {@code channel}, resuming after {@code lastEventId} if set. */
    abstract byte[] subscribeRequest(String channel, String lastEventId);

    /** The raw HTTP/1.1 request that publishes {@code payload} on {@code channel}. */
    abstract byte[] publishRequest(String channel, String payload);

    /** Drops every subscriber of {@code channel} from the server side; they may resume by id. */
    abstract void dropAll(String channel) throws Exception;

    /** The server's processes (nginx: master and workers). */
    abstract List<Long> pids();

    /** Memory now; {@code collect} asks a garbage-collected server to collect first, so its heap figure is live data. */
    abstract Memory memory(boolean collect);

    /** Subscribers the server itself disconnected as too slow, or -1 if it does not say. */
    long slowDisconnects() {
        return disconnects().getOrDefault("slow_consumer", -1L);
    }

    /** Streams the server has ended so far, by reason, for a server that counts them (else empty). */
    java.util.Map<String, Long> disconnects() {
        return java.util.Map.of();
    }

    /** Streams the server believes open, or -1 if it does not say. */
    long openConnections() {
        return -1;
    }

    /**
     * Waits until the server has let go of every stream (a server that notices a client's close only
     * when a write fails holds closed streams until then), so they do not count in the next baseline.
     * Returns the seconds waited.
     */
    double awaitNoConnections(double maxSeconds) throws InterruptedException {
        long t0 = System.nanoTime();
        while (openConnections() > 0 && System.nanoTime() - t0 < maxSeconds * 1e9) Thread.sleep(500);
        return (System.nanoTime() - t0) / 1e9;
    }

    /** Server CPU seconds so far, all its processes. */
    double cpuSeconds() {
        return pids().stream().mapToDouble(Proc::cpuSeconds).sum();
    }

    /** The CPU of every thread of the server's processes, by thread. */
    Map<String, Proc.ThreadCpu> threadCpu() {
        var out = new HashMap<String, Proc.ThreadCpu>();
        for (long pid : pids()) out.putAll(Proc.threadCpu(pid));
        return out;
    }

    URI uri(String pathAndQuery) {
        return URI.create("http://" + address.getHostString() + ":" + address.getPort() + pathAndQuery);
    }

    String get(String pathAndQuery) throws Exception {
        var rsp = http.send(HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (rsp.statusCode() / 100 != 2) throw new IllegalStateException("GET " + pathAndQuery + ": " + rsp.statusCode());
        return rsp.body();
    }

    static byte[] request(String method, String pathAndQuery, InetSocketAddress host, String... headers) {
        var sb = new StringBuilder(method).append(' ').append(pathAndQuery).append(" HTTP/1.1\r\n")
                .append("Host: ").append(host.getHostString()).append(':').append(host.getPort()).append("\r\n")
                .append("Accept: text/event-stream\r\nCache-Control: no-cache\r\n");
        for (String h : headers) if (h != null) sb.append(h).append("\r\n");
        return sb.append("\r\n").toString().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /**
     * @param rss      resident set of all the server's processes
     * @param pss      proportional set: shared pages counted once across processes
     * @param heapUsed Java heap in use (after a collection when asked), or -1 for a server without one
     */
    record Memory(long rss, long pss, long heapUsed) {
        /** What the server holds: RSS, plus for a JVM whose heap is pre-touched the live heap inside it. */
        long footprint() {
            return pss + Math.max(0, heapUsed);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
