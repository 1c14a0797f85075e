package dev.herald.cluster;

import dev.herald.testing.Api;
import dev.herald.testing.LibertyNode;
import dev.herald.testing.Prometheus;
import dev.herald.testing.RawStream;
import jakarta.json.JsonObject;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** One Liberty node of the test cluster ({@link ClusterNodes}), spoken to over plain HTTP as a load balancer would. */
record Node(LibertyNode server) {

    String name() {
        return server.name();
    }

    int port() {
        return server.port();
    }

    String url(String path) {
        return "http://localhost:" + port() + path;
    }

    HttpResponse<String> publish(String topic, String type, String dataJson) {
        return Api.postJson(url("/api/publish"),
                "{\"topic\":\"" + topic + "\",\"type\":\"" + type + "\",\"data\":" + dataJson + "}", Api.PUBLISHER_TOKEN);
    }

    /** Publishes and returns the acknowledged id; anything but 200 fails the test. */
    String publishOk(String topic, String dataJson) {
        var response = publish(topic, "message", dataJson);
        if (response.statusCode() != 200) throw new AssertionError(name() + " refused a publish: " + response.statusCode() + " " + response.body());
        return Api.json(response.body()).getString("id");
    }

    /** Signs a user in on this node; the session works on every node (one shared secret). */
    User signIn(String username) {
        var response = Api.postJson(url("/api/session"), "{\"username\":\"" + username + "\"}", null);
        if (response.statusCode() != 200) throw new AssertionError(name() + " refused a sign-in: " + response.body());
        var body = Api.json(response.body());
        return new User(body.getJsonObject("user").getString("id"), body.getString("token"));
    }

    HttpResponse<String> post(String path, String json, User user) {
        return Api.postJson(url(path), json, user == null ? Api.PUBLISHER_TOKEN : user.token());
    }

    HttpResponse<String> send(String method, String path, User user) {
        return Api.send(method, url(path), null, Map.of("Authorization", "Bearer " + user.token()));
    }

    /** GETs JSON as the user; anything but 200 fails the test. */
    JsonObject getJson(String path, User user) {
        var response = send("GET", path, user);
        if (response.statusCode() != 200) throw new AssertionError(name() + " GET " + path + ": " + response.statusCode() + " " + response.body());
        return Api.json(response.body());
    }

    /** The user's stream of the topics, past its opening {@code retry:}. */
    RawStream stream(User user, String... topics) {
        var query = new StringBuilder("/api/events?heartbeat=comment");
        for (String t : topics) query.append("&topic=").append(t);
        var s = RawStream.open(url(query.toString()), Map.of("Authorization", "Bearer " + user.token()));
        s.next(Duration.ofSeconds(10));
        return s;
    }

    record User(String id, String token) {
    }

    RawStream stream(String topic) {
        return RawStream.open(url("/api/events?topic=" + topic));
    }

    RawStream resume(String topic, String lastEventId) {
        return RawStream.open(url("/api/events?topic=" + topic), Map.of("Last-Event-ID", lastEventId));
    }

    /** One value of this node's {@code /metrics} (Prometheus text). */
    double metric(String name) {
        var response = Api.get(url("/metrics"), Map.of("Accept", "text/plain"));
        if (response.statusCode() != 200) throw new AssertionError(name() + " /metrics answered " + response.statusCode());
        return Prometheus.parse(response.body()).value(name);
    }

    /** /health/ready's status, or -1 when the node does not answer at all. */
    int readiness() {
        try {
            return Api.get(url("/health/ready"), Map.of()).statusCode();
        } catch (RuntimeException unreachable) {
            return -1;
        }
    }

    boolean awaitReadiness(int status, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (readiness() == status) return true;
            Thread.sleep(100);
        }
        return readiness() == status;
    }

    /** Liberty's own {@code server stop}: streams end as at a planned restart. */
    void stop() {
        server.stop();
    }

    /** Starts the node again, as it was created. */
    void start() throws InterruptedException {
        server.start();
        if (!awaitReadiness(200, Duration.ofSeconds(60))) throw new AssertionError(name() + " did not become ready after a start");
    }

    boolean answers() {
        return readiness() > 0;
    }

    /** Ends the node's JVM the hard way (SIGKILL): no shutdown hooks, no goodbyes. */
    void killAbruptly() {
        server.kill();
    }

    @Override
    public String toString() {
        return name();
    }
}
