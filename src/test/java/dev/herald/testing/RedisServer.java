package dev.herald.testing;

import dev.herald.broker.RedisTestSupport;
import redis.clients.jedis.RedisClient;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A redis-server of a test's own, so stopping it never disturbs the machine's shared one.
 * Append-only with fsync on every write, like a production Redis that must not lose
 * what it acknowledged: a kill and restart keeps the history and the epoch.
 */
public final class RedisServer {
    private final int port;
    private final Path dir;
    private Process process;

    public RedisServer(int port, Path dir) {
        this.port = port;
        this.dir = dir;
    }

    /** A Redis of the test's own on a port nobody listens on, in {@code dir}; not started. */
    public static RedisServer onAFreePort(Path dir) {
        try (var socket = new ServerSocket(0)) {
            return new RedisServer(socket.getLocalPort(), dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static boolean installed() {
        try {
            return new ProcessBuilder("redis-server", "--version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    /** A fresh, empty Redis. */
    public void startEmpty() throws IOException, InterruptedException {
        if (answers()) throw new AssertionError("port " + port + " already has a Redis: stop it or set -Dherald.cluster.redis.port");
        if (Files.exists(dir)) {
            try (Stream<Path> old = Files.walk(dir)) {
                old.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
        Files.createDirectories(dir);
        start();
    }

    public void start() throws InterruptedException, IOException {
        process = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "yes", "--appendfsync", "always", "--dir", dir.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!answers()) {
            if (System.nanoTime() > deadline || !process.isAlive()) throw new AssertionError("redis-server did not start; see " + dir.resolve("redis.log"));
            Thread.sleep(50);
        }
    }

    /** SIGKILL: Redis gets no chance to do anything more. */
    public void kill() {
        if (process == null) return;
        process.destroyForcibly();
        process.onExit().join();
        process = null;
    }

    public boolean answers() {
        try (var redis = RedisClient.create(URI.create(url()))) {
            return "PONG".equals(redis.ping());
        } catch (RuntimeException e) {
            return false;
        }
    }

    public static void require() {
        RedisTestSupport.requireThat(installed(), "the cluster tests need `redis-server` on the PATH (apt-get install redis-server)");
    }
}
