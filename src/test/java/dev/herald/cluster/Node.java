package dev.herald.cluster;

import dev.herald.testing.Api;
import dev.herald.testing.RawStream;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** One Liberty node of the test cluster, spoken to over plain HTTP as a load balancer would. */
record Node(String name, int port) {

    static Node fromProperty(String name, String property) {
        return new Node(name, Integer.parseInt(System.getProperty(property, "0")));
    }

    String url(String path) {
        return "http://localhost:" + port + path;
    }

    HttpResponse<String> publish(String topic, String type, String dataJson) {
        return Api.postJson(url("/api/publish"),
                "{\"topic\":\"" + topic + "\",\"type\":\"" + type + "\",\"data\":" + dataJson + "}", Api.PUBLISHER_TOKEN);
    }

    /** Publishes and returns the acknowledged id; anything but 200 fails the test. */
    String publishOk(String topic, String dataJson) {
        var response = publish(topic, "message", dataJson);
        if (response.statusCode() != 200) throw new AssertionError(name + " refused a publish: " + response.statusCode() + " " + response.body());
        return Api.json(response.body()).getString("id");
    }

    RawStream stream(String topic) {
        return RawStream.open(url("/api/events?topic=" + topic));
    }

    RawStream resume(String topic, String lastEventId) {
        return RawStream.open(url("/api/events?topic=" + topic), Map.of("Last-Event-ID", lastEventId));
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

    /** Ends the node's JVM the hard way (SIGKILL): no shutdown hooks, no goodbyes. */
    void killAbruptly() throws IOException, InterruptedException {
        Path pidFile = Path.of(System.getProperty("herald.it.wlp"), "usr", "servers", ".pid", name + ".pid");
        long pid = Long.parseLong(Files.readString(pidFile).strip());
        ProcessHandle process = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError(name + " has no process " + pid));
        process.destroyForcibly();
        process.onExit().join();
    }
}
