package dev.herald.trace;

import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

/**
 * A trace collector for tests: takes what OpenTelemetry's Zipkin exporter posts (JSON v2, a list
 * of spans, gzipped or not) on {@code /api/v2/spans} and keeps every span.
 */
final class ZipkinCollector implements AutoCloseable {
    /** One span as Zipkin has it: names lowercased, {@code parentId} null for a root, {@code kind} null for an internal one. */
    record ZSpan(String traceId, String id, String parentId, String name, String kind, JsonObject tags) {
        String tag(String key) {
            return tags == null ? null : tags.getString(key, null);
        }
    }

    private final HttpServer server;
    private final List<ZSpan> spans = new CopyOnWriteArrayList<>();

    ZipkinCollector() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/api/v2/spans", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            InputStream in = new ByteArrayInputStream(body);
            if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) in = new GZIPInputStream(in);
            try (var reader = Json.createReader(in)) {
                for (JsonValue v : reader.readArray()) {
                    JsonObject s = v.asJsonObject();
                    spans.add(new ZSpan(s.getString("traceId"), s.getString("id"), s.getString("parentId", null),
                            s.getString("name", ""), s.getString("kind", null), s.getJsonObject("tags")));
                }
            }
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        });
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/v2/spans";
    }

    List<ZSpan> trace(String traceId) {
        return spans.stream().filter(s -> s.traceId().equals(traceId)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
