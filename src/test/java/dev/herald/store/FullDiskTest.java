package dev.herald.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static dev.herald.broker.RedisTestSupport.requireThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The embedded file on a disk that fills up: a write is refused as unavailable and changes
 * nothing, the database says it cannot take writes (readiness), and once space is freed it
 * takes them again by itself. The disk is a real one: a 1 MiB tmpfs (mounting needs root,
 * which CI has; elsewhere the test is skipped with a message).
 */
class FullDiskTest {
    private Path mount;

    @AfterEach
    void unmount() throws Exception {
        if (mount != null) run("umount", mount.toString());
    }

    @Test
    void aFullDiskRefusesWritesThenRecoversWhenSpaceIsFreed() throws Exception {
        mount = Files.createTempDirectory("herald-full-disk");
        requireThat(run("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", mount.toString()),
                "FullDiskTest mounts a 1 MiB tmpfs, which needs root");
        try (Database db = EmbeddedFile.open(mount.resolve("herald.db"), "NORMAL")) {
            db.update("INSERT INTO herald_meta (name, value) VALUES ('before', 'kept')");
            Path filler = mount.resolve("filler");
            fill(filler);
            String big = "x".repeat(400);
            var refused = assertThrows(StoreUnavailableException.class, () -> {
                for (int i = 0; i < 10_000; i++) {
                    db.update("INSERT INTO herald_meta (name, value) VALUES (?, ?)", "row-" + i, big);
                }
            });
            assertTrue(refused.getMessage().contains("herald.db"), refused.getMessage());
            // A failed connection is replaced, and SQLite gives back its log's space as it closes: fill that too.
            fill(filler);
            assertFalse(db.writable(), "readiness sees a database that cannot take writes");

            Files.delete(filler);
            assertTrue(db.writable(), "space freed: writes are taken again, no restart");
            db.update("INSERT INTO herald_meta (name, value) VALUES ('after', 'kept')");
            assertEquals("kept", db.remember("before", "lost"), "what was kept before the disk filled is intact");
        }
    }

    /** Appends to the file until the disk has no room left. */
    private static void fill(Path filler) throws IOException {
        try (var out = Files.newOutputStream(filler, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND)) {
            byte[] block = new byte[1024];
            while (true) out.write(block);
        } catch (IOException full) {
            // no room left
        }
    }

    private static boolean run(String... command) throws Exception {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException noSuchCommand) {
            return false;
        }
    }
}
