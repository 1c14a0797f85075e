package dev.herald.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A stream read by the real {@code curl -N}, each line of its output noted with the moment it
 * came out: what a person at a terminal sees, and when. Extra arguments ({@code --compressed})
 * go before the URL; the response headers are kept apart.
 */
public final class CurlStream implements AutoCloseable {
    private final Process curl;
    private final Path headers;
    private final Map<String, Long> arrivals = new ConcurrentHashMap<>();
    private final List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());

    public CurlStream(String url, String... extra) throws IOException {
        headers = Files.createTempFile("herald-curl-", ".headers");
        var command = new ArrayList<>(List.of("curl", "-sSN", "-D", headers.toString(), "-H", "Accept: text/event-stream"));
        command.addAll(List.of(extra));
        command.add(url);
        curl = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        var reader = new Thread(this::read, "curl-stream");
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        try (var in = new BufferedReader(new InputStreamReader(curl.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                arrivals.putIfAbsent(line, System.nanoTime());
                lines.add(line);
            }
        } catch (IOException closed) {
            // curl was stopped.
        }
    }

    /** When {@code line} first came out of curl ({@link System#nanoTime()}), waiting for it up to {@code timeout}. */
    public long arrival(String line, Duration timeout) throws Exception {
        if (!Await.until(() -> arrivals.containsKey(line), timeout.toMillis())) {
            throw new AssertionError("curl never printed '" + line + "'; it printed:\n" + String.join("\n", lines));
        }
        return arrivals.get(line);
    }

    /** The response's header block, lower-cased names, as curl wrote it. */
    public String headers() throws IOException {
        return Files.readString(headers).toLowerCase(java.util.Locale.ROOT);
    }

    public List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    @Override
    public void close() throws Exception {
        curl.destroy();
        if (!curl.waitFor(5, TimeUnit.SECONDS)) curl.destroyForcibly();
        Files.deleteIfExists(headers);
    }
}
