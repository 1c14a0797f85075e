package dev.herald.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Stops and starts the machine's PostgreSQL cluster as its operator would ({@code pg_ctlcluster}). */
final class PostgresControl {
    private PostgresControl() {
    }

    static void stop() {
        pgCtl("stop", "-m", "fast");
    }

    static void start() {
        pgCtl("start");
        TestDatabases.requirePostgres("PostgresControl.start");
    }

    private static void pgCtl(String action, String... options) {
        try (var versions = Files.list(Path.of("/etc/postgresql"))) {
            String version = versions.map(p -> p.getFileName().toString()).sorted().reduce((a, b) -> b)
                    .orElseThrow(() -> new IllegalStateException("no cluster under /etc/postgresql"));
            var command = new java.util.ArrayList<>(List.of("pg_ctlcluster", "--skip-systemctl-redirect", version, "main", action));
            if (options.length > 0) {
                command.add("--");
                command.addAll(List.of(options));
            }
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
            }
        } catch (IOException e) {
            throw new IllegalStateException("pg_ctlcluster " + action + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
