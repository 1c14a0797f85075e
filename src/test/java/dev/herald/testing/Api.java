package dev.herald.testing;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** Plain HTTP calls against the running server, as curl would make them. */
public final class Api {
    public static final String PUBLISHER_TOKEN = "dev-publisher-token";
    /** HTTP/1.1 as curl speaks it: the JDK client's default h2c upgrade can hang on Liberty. */
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private Api() {
    }

    public static URI uri(String path) {
        return SharedNode.base().resolve(path.startsWith("/") ? path.substring(1) : path);
    }

    public static HttpResponse<String> send(String method, String path, String body, Map<String, String> headers) {
        return send(uri(path), method, body, headers, HttpResponse.BodyHandlers.ofString());
    }

    /** A request to any server (a {@link LibertyNode}'s), answered as {@code answer} reads it. */
    public static <T> HttpResponse<T> send(URI uri, String method, String body, Map<String, String> headers,
                                           HttpResponse.BodyHandler<T> answer) {
        var b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        try {
            return HTTP.send(b.build(), answer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static HttpResponse<String> get(String path, Map<String, String> headers) {
        return send("GET", path, null, headers);
    }

    public static HttpResponse<String> postJson(String path, String json, String bearer) {
        var headers = new java.util.HashMap<String, String>();
        headers.put("Content-Type", "application/json");
        if (bearer != null) headers.put("Authorization", "Bearer " + bearer);
        return send("POST", path, json, headers);
    }

    /** Publishes to a custom topic and returns the event id the hub assigned. */
    public static String publish(String topic, String type, String dataJson) {
        var response = postJson("/api/publish",
                "{\"topic\":\"" + topic + "\",\"type\":\"" + type + "\",\"data\":" + dataJson + "}", PUBLISHER_TOKEN);
        if (response.statusCode() != 200) {
            throw new AssertionError("publish failed: " + response.statusCode() + " " + response.body());
        }
        return json(response.body()).getString("id");
    }

    /** Signs a user in and returns their session token. */
    public static String signIn(String username) {
        var response = postJson("/api/session", "{\"username\":\"" + username + "\"}", null);
        if (response.statusCode() != 200) throw new AssertionError("sign-in failed: " + response.body());
        return json(response.body()).getString("token");
    }

    public static JsonObject json(String text) {
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    /** A figure from the Prometheus text at /metrics, e.g. {@code herald_connections_open}. */
    public static double metric(String name, String labelFragment) {
        String body = get("/metrics?scope=application", Map.of()).body();
        for (String line : body.split("\n")) {
            if (line.startsWith(name + "{") && (labelFragment == null || line.contains(labelFragment))) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        throw new AssertionError("no metric " + name + " " + labelFragment + " in:\n" + body);
    }
}
