package dev.herald.store;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The embedded file's refusals: in use, damaged; and what it keeps across a reopen. */
class EmbeddedFileTest {

    @Test
    void aCommittedWriteIsThereAfterReopening() throws Exception {
        Path file = Files.createTempDirectory("herald-file").resolve("data/herald.db");
        try (Database db = EmbeddedFile.open(file, "NORMAL")) {
            db.update("INSERT INTO herald_meta (name, value) VALUES (?, ?)", "probe", "kept");
        }
        try (Database db = EmbeddedFile.open(file, "NORMAL")) {
            String value = db.transaction(c -> {
                try (var s = c.prepareStatement("SELECT value FROM herald_meta WHERE name = 'probe'"); ResultSet r = s.executeQuery()) {
                    return r.next() ? r.getString(1) : null;
                }
            });
            assertEquals("kept", value);
        }
    }

    @Test
    void aFileInUseIsRefusedWithItsName() throws Exception {
        Path file = Files.createTempDirectory("herald-file").resolve("herald.db");
        try (Database first = EmbeddedFile.open(file, "NORMAL")) {
            var refused = assertThrows(StoreStartException.class, () -> EmbeddedFile.open(file, "NORMAL"));
            assertTrue(refused.getMessage().contains(file.toAbsolutePath().toString()), refused.getMessage());
            assertTrue(refused.getMessage().contains("in use"), refused.getMessage());
        }
        EmbeddedFile.open(file, "NORMAL").close();
    }

    @Test
    void aDamagedFileIsRefusedWithWhatToDo() throws Exception {
        Path file = Files.createTempDirectory("herald-file").resolve("herald.db");
        Files.writeString(file, "this is not a database, it was overwritten by accident ".repeat(200));
        var refused = assertThrows(StoreStartException.class, () -> EmbeddedFile.open(file, "NORMAL"));
        assertTrue(refused.getMessage().contains(file.toAbsolutePath().toString()), refused.getMessage());
        assertTrue(refused.getMessage().contains("damaged") && refused.getMessage().contains("backup"), refused.getMessage());
        // The refusal let go of the file: once it is mended, the node starts.
        Files.delete(file);
        EmbeddedFile.open(file, "NORMAL").close();
    }

    @Test
    void postgresTakesTheSameSchema() {
        TestDatabases.requirePostgres("EmbeddedFileTest");
        try (var schema = TestDatabases.postgres()) {
            assertEquals(1, schema.database().update("INSERT INTO herald_meta (name, value) VALUES ('probe', 'x') ON CONFLICT (name) DO NOTHING"));
            assertEquals(0, schema.database().update("INSERT INTO herald_meta (name, value) VALUES ('probe', 'y') ON CONFLICT (name) DO NOTHING"));
        }
    }
}
