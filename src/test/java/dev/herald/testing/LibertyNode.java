package dev.herald.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Herald node started the one way the docs tell users to start one: {@code server create
 * NAME --template=herald} from the template {@code ./mvnw package} lays out (the shipped
 * {@code liberty/config} and the built WAR), its settings in the environment of
 * {@code server start} ({@code HERALD_STORE}, {@code HTTP_PORT} …). Stopped and killed the
 * ways an operator does, with Liberty's own script ({@code server.bat} on Windows).
 */
public final class LibertyNode implements AutoCloseable {
    private static final Duration START = Duration.ofSeconds(180);

    private final Path wlp;
    private final String name;
    private final int port;
    private final Path dir;
    private final Map<String, String> environment;

    private LibertyNode(Path wlp, String name, int port, Map<String, String> environment) {
        this.wlp = wlp;
        this.name = name;
        this.port = port;
        this.dir = wlp.resolve("usr/servers").resolve(name);
        this.environment = environment;
    }

    /**
     * Java options of every test node (Liberty's {@code server} script reads {@code JVM_ARGS}):
     * a test node lives minutes under light load, so the JIT's optimizing tier (C2) costs it more
     * CPU than it ever pays back; C1 alone halves the CPU a start takes (December 2026: 12.8–13.1
     * against 23.5–29.1 CPU-seconds to ready), which on CI's two cores is wall time. No collector
     * is chosen here: the production options the deploy guide's server has already choose one,
     * and a JVM given two refuses to start. Production nodes keep the JIT's defaults
     * ({@code liberty/production/jvm.options}). {@code -Dherald.it.jvm.args} replaces them. The
     * docs' walks set them around their blocks too.
     */
    public static final String JVM_ARGS = System.getProperty("herald.it.jvm.args", "-XX:TieredStopAtLevel=1");

    public static Path wlp() {
        return Path.of(System.getProperty("herald.it.wlp", "target/liberty/wlp"));
    }

    /**
     * The node {@code name}, its settings given to the server as environment variables; nothing
     * is made until {@link #create}.
     *
     * @param settings Herald's settings and server variables by their keys ({@code herald.store},
     *                 {@code write.timeout})
     */
    public static LibertyNode at(String name, int port, int httpsPort, Map<String, String> settings) {
        var environment = new LinkedHashMap<String, String>();
        environment.put("JVM_ARGS", JVM_ARGS);
        environment.put("HTTP_PORT", Integer.toString(port));
        environment.put("HTTPS_PORT", Integer.toString(httpsPort));
        settings.forEach((key, value) -> environment.put(environmentName(key), value));
        return new LibertyNode(wlp(), name, port, environment);
    }

    /** {@link #at}, then {@link #create}. */
    public static LibertyNode create(String name, int port, int httpsPort, Map<String, String> settings, Path... overrides) {
        return at(name, port, httpsPort, settings).create(overrides);
    }

    /**
     * Creates the server afresh from the template (a previous run's files, data included, are gone).
     *
     * @param overrides more shipped configuration files for {@code configDropins/overrides}
     *                  ({@code liberty/production/postgresql.xml})
     */
    public LibertyNode create(Path... overrides) {
        try {
            if (Files.exists(dir)) {
                stop();
                deleteTree(dir);
            }
            server("create", name, "--template=herald");
            if (!Files.exists(dir.resolve("apps/herald.war"))) {
                throw new AssertionError("no Herald in " + dir + ": `./mvnw package` lays out the template " + wlp.resolve("templates/servers/herald"));
            }
            if (overrides.length > 0) {
                Path dropins = Files.createDirectories(dir.resolve("configDropins/overrides"));
                for (Path file : overrides) Files.copy(file, dropins.resolve(file.getFileName()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /**
     * A key's environment form, as MicroProfile Config and Liberty's variables look it up:
     * {@code herald.limit.streams.per-user} → {@code HERALD_LIMIT_STREAMS_PER_USER}.
     */
    static String environmentName(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    /** Puts a library where the server's {@code ${shared.resource.dir}/<folder>} finds it. */
    public LibertyNode withSharedLibrary(String folder, Path jar) {
        try {
            Path into = Files.createDirectories(wlp.resolve("usr/shared/resources").resolve(folder));
            Files.copy(jar, into.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String name() {
        return name;
    }

    public Path dir() {
        return dir;
    }

    public int port() {
        return port;
    }

    public URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    /** Starts the server and waits until Herald answers (not only Liberty). */
    public LibertyNode start() {
        server("start", name);
        try {
            awaitHerald();
        } catch (RuntimeException | Error failed) {
            stop(); // never leave a server behind a failed start
            throw failed;
        }
        return this;
    }

    /** {@code server start}, waiting for nothing but the script. */
    public void launch() {
        server("start", name);
    }

    /** Starts the server expecting Herald to refuse to start; returns the log once it has. */
    public String startRefused() {
        clearLog();
        server("start", name);
        long deadline = System.nanoTime() + START.toNanos();
        while (System.nanoTime() < deadline) {
            String log = messages();
            if (log.contains("CWWKZ0002E") || log.contains("CWWKZ0012I")) return log;
            sleep(250);
        }
        throw new AssertionError(name + ": neither started nor refused; log:\n" + messages());
    }

    /**
     * {@code server stop}: the graceful way. Liberty quiesces for up to 30 s while streams are
     * open, and the script waits only 30 s by default: it is told to wait for the whole stop.
     */
    public void stop() {
        server("stop", name, "--timeout=2m");
    }

    /**
     * {@code server stop --force}: for a node whose end nothing checks, the quiesce (up to 30 s
     * while a stream is open) skipped.
     */
    public void discard() {
        server("stop", name, "--force", "--timeout=2m");
    }

    /** The server's JVM killed outright ({@code kill -9}): no shutdown hook, no flush, nothing. */
    public void kill() {
        Path pidFile = wlp.resolve("usr/servers/.pid/" + name + ".pid");
        try {
            long pid = Long.parseLong(Files.readString(pidFile).strip());
            ProcessHandle process = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError(name + " is not running (pid " + pid + ")"));
            if (!process.destroyForcibly()) throw new AssertionError("could not kill " + name + " (pid " + pid + ")");
            process.onExit().get(30, TimeUnit.SECONDS);
            Files.deleteIfExists(pidFile);
        } catch (Exception e) {
            throw new IllegalStateException("killing " + name + ": " + e.getMessage(), e);
        }
    }

    public String messages() {
        Path log = dir.resolve("logs/messages.log");
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void clearLog() {
        try {
            Files.deleteIfExists(dir.resolve("logs/messages.log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public HttpResponse<String> send(String method, String path, String body, Map<String, String> headers) {
        return Api.send(uri(path), method, body, headers, HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<byte[]> sendForBytes(String method, String path, Map<String, String> headers) {
        return Api.send(uri(path), method, null, headers, HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Whether Herald itself answers at {@code base}: a stream without topics gets 400 problem JSON. */
    public static boolean heraldAnswers(URI base) {
        try {
            var r = Api.send(base.resolve("/api/events"), "GET", null, Map.of(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 400 && r.body().contains("\"status\":400");
        } catch (UncheckedIOException notYet) {
            return false;
        }
    }

    private void awaitHerald() {
        long deadline = System.nanoTime() + START.toNanos();
        while (System.nanoTime() < deadline) {
            if (heraldAnswers(uri("/"))) return;
            String log = messages();
            // The application failed, or the configuration did (then Liberty runs without Herald).
            if (log.contains("CWWKZ0002E") || log.contains("CWWKG0014E") || log.contains("CWWKZ0014W")) {
                throw new AssertionError(name + ": Herald failed to start:\n" + log);
            }
            sleep(250);
        }
        throw new AssertionError(name + " did not come up on port " + port + "; log:\n" + messages());
    }

    private void server(String... args) {
        script(wlp, environment, args);
    }

    /** Liberty's own {@code server} script ({@code server.bat} on Windows), waited for. */
    public static void script(Path wlp, Map<String, String> environment, String... args) {
        boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        var command = new ArrayList<String>();
        command.add(wlp.resolve(windows ? "bin/server.bat" : "bin/server").toString());
        command.addAll(List.of(args));
        try {
            var builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
            builder.environment().putAll(environment);
            Process p = builder.start();
            if (!p.waitFor(START.toSeconds(), TimeUnit.SECONDS)) throw new AssertionError("server " + String.join(" ", args) + " hung");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }

    @Override
    public void close() {
        stop();
    }
}
