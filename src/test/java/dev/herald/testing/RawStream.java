package dev.herald.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * An event stream read the way curl shows it: every block, comments included,
 * parsed by hand so tests see exactly what went over the wire.
 */
public final class RawStream implements AutoCloseable {
    /** HTTP/1.1 as curl speaks it: the JDK client's default h2c upgrade can hang on Liberty. */
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final SseEvent END = new SseEvent(null, "__end__", null, List.of(), null);

    private final HttpResponse<InputStream> response;
    private final BlockingQueue<SseEvent> blocks = new LinkedBlockingQueue<>();
    private final Thread reader;
    /** Everything read so far, line by line, each line ended by {@code \n} as Herald ends them. */
    private final StringBuffer text = new StringBuffer();

    private RawStream(HttpResponse<InputStream> response) {
        this.response = response;
        this.reader = new Thread(this::read, "raw-stream");
        reader.setDaemon(true);
        reader.start();
    }

    public static RawStream open(String pathAndQuery, Map<String, String> headers) {
        return open(Api.uri(pathAndQuery), headers);
    }

    /** A stream of any server (a {@link LibertyNode}'s). */
    public static RawStream open(java.net.URI uri, Map<String, String> headers) {
        var b = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream");
        headers.forEach(b::header);
        try {
            var response = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                String body = new String(response.body().readAllBytes(), StandardCharsets.UTF_8);
                throw new AssertionError("stream refused: " + response.statusCode() + " " + body);
            }
            return new RawStream(response);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static RawStream open(String pathAndQuery) {
        return open(pathAndQuery, Map.of());
    }

    public HttpResponse<InputStream> response() {
        return response;
    }

    private void read() {
        try (var in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            var parser = new SseBlocks();
            String line;
            while ((line = in.readLine()) != null) {
                text.append(line).append('\n');
                parser.line(line).ifPresent(blocks::add);
            }
        } catch (IOException closed) {
            // the stream ended; END below tells the waiters
        } finally {
            blocks.add(END);
        }
    }

    /** The body read so far, as it went over the wire (after HTTP's chunking): for tests of the exact bytes. */
    public String text() {
        return text.toString();
    }

    /** The next block (event or comment), or null if none arrives in time or the stream ended. */
    public SseEvent next(Duration timeout) {
        try {
            SseEvent e = blocks.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (e == END) {
                blocks.add(END);
                return null;
            }
            return e;
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Skips blocks until one matches; fails the test when none does in time. */
    public SseEvent await(Predicate<SseEvent> wanted, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            SseEvent e = next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (e == null) break;
            if (wanted.test(e)) return e;
        }
        throw new AssertionError("no matching event within " + timeout);
    }

    /** The next {@code n} events of a type, in arrival order, skipping anything else. */
    public List<SseEvent> events(String type, int n, Duration timeout) {
        var found = new ArrayList<SseEvent>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (found.size() < n && System.nanoTime() < deadline) {
            SseEvent e = next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (e == null) break;
            if (type.equals(e.event())) found.add(e);
        }
        return found;
    }

    /** True once the server has closed the stream. */
    public boolean ended(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (next(Duration.ofMillis(100)) == null && !reader.isAlive()) return true;
        }
        return !reader.isAlive();
    }

    @Override
    public void close() {
        try {
            response.body().close();
        } catch (IOException ignored) {
            // closing a dead stream
        }
    }
}
