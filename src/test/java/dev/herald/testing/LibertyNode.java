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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Herald node as a user runs one: a Liberty server made with Liberty's own {@code server}
 * script from the shipped {@code liberty/config}, the built WAR in {@code apps/}, and the
 * node's settings as {@code <variable>}s in {@code configDropins/overrides/zz-node.xml}. Started,
 * stopped and killed the ways an operator does.
 */
public final class LibertyNode implements AutoCloseable {
    private static final Duration START = Duration.ofSeconds(180);

    private final Path wlp;
    private final String name;
    private final int port;
    private final Path dir;

    private LibertyNode(Path wlp, String name, int port) {
        this.wlp = wlp;
        this.name = name;
        this.port = port;
        this.dir = wlp.resolve("usr/servers").resolve(name);
    }

    /**
     * Creates the server afresh (a previous run's files, data included, are gone).
     *
     * @param variables Liberty variables, i.e. Herald's settings ({@code herald.store} …)
     * @param overrides more shipped configuration files for {@code configDropins/overrides}
     *                  ({@code liberty/production/postgresql.xml})
     */
    public static LibertyNode create(String name, int port, int httpsPort, Map<String, String> variables, Path... overrides) {
        Path wlp = Path.of(System.getProperty("herald.it.wlp", "target/liberty/wlp"));
        var node = new LibertyNode(wlp, name, port);
        try {
            if (Files.exists(node.dir)) {
                node.stop();
                deleteTree(node.dir);
            }
            node.server("create", name);
            for (String file : new String[]{"server.xml", "herald-app.xml"}) {
                Files.copy(Path.of("liberty/config", file), node.dir.resolve(file), StandardCopyOption.REPLACE_EXISTING);
            }
            Files.createDirectories(node.dir.resolve("apps"));
            Files.copy(Path.of(System.getProperty("herald.it.war", "target/herald.war")), node.dir.resolve("apps/herald.war"));
            var xml = new StringBuilder("<server>\n");
            xml.append("  <variable name=\"http.port\" value=\"").append(port).append("\"/>\n");
            xml.append("  <variable name=\"https.port\" value=\"").append(httpsPort).append("\"/>\n");
            variables.forEach((k, v) -> xml.append("  <variable name=\"").append(k).append("\" value=\"").append(escape(v)).append("\"/>\n"));
            xml.append("</server>\n");
            Path dropins = Files.createDirectories(node.dir.resolve("configDropins/overrides"));
            // Liberty reads overrides in name order: the node's own settings last, so they win.
            Files.writeString(dropins.resolve("zz-node.xml"), xml);
            for (Path file : overrides) Files.copy(file, dropins.resolve(file.getFileName()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return node;
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
        awaitHerald();
        return this;
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

    /** {@code server stop}: the graceful way. */
    public void stop() {
        server("stop", name);
    }

    /** {@code kill -9} of the server's JVM: no shutdown hook, no flush, nothing. */
    public void kill() {
        Path pidFile = wlp.resolve("usr/servers/.pid/" + name + ".pid");
        try {
            long pid = Long.parseLong(Files.readString(pidFile).strip());
            ProcessHandle process = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError(name + " is not running (pid " + pid + ")"));
            if (!new ProcessBuilder("kill", "-9", Long.toString(pid)).start().waitFor(10, TimeUnit.SECONDS)) {
                throw new AssertionError("kill -9 " + pid + " hung");
            }
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
            if (log.contains("CWWKZ0002E") || log.contains("CWWKG0014E")) throw new AssertionError(name + ": Herald failed to start:\n" + log);
            sleep(250);
        }
        throw new AssertionError(name + " did not come up on port " + port + "; log:\n" + messages());
    }

    private void server(String... args) {
        script(wlp, args);
    }

    /** Liberty's own {@code server} script ({@code server.bat} on Windows), waited for. */
    public static void script(Path wlp, String... args) {
        boolean windows = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("windows");
        var command = new ArrayList<String>();
        command.add(wlp.resolve(windows ? "bin/server.bat" : "bin/server").toString());
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(START.toSeconds(), TimeUnit.SECONDS)) throw new AssertionError("server " + String.join(" ", args) + " hung");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String escape(String value) {
        return value.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;");
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
