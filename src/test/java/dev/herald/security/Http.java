package dev.herald.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** Plain HTTP/1.1 calls to any base URI, for the strict server as well as the shared one. */
final class Http {
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private Http() {
    }

    static HttpResponse<String> send(URI uri, String method, byte[] body, Map<String, String> headers) {
        var b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(b::header);
        try {
            return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static HttpResponse<String> send(URI uri, String method, String body, String bearer) {
        var headers = new HashMap<String, String>();
        if (body != null) headers.put("Content-Type", "application/json");
        if (bearer != null) headers.put("Authorization", "Bearer " + bearer);
        return send(uri, method, body == null ? null : body.getBytes(java.nio.charset.StandardCharsets.UTF_8), headers);
    }

    /** Opens a stream; the caller reads or closes the body. Status and headers are in the response. */
    static HttpResponse<InputStream> stream(URI uri, Map<String, String> headers) {
        var b = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream");
        headers.forEach(b::setHeader);
        try {
            return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void close(HttpResponse<InputStream> stream) {
        try {
            stream.body().close();
        } catch (IOException ignored) {
            // gone already
        }
    }

    static String bodyOf(HttpResponse<InputStream> stream) {
        try (var in = stream.body()) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
