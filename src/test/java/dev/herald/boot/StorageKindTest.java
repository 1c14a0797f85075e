package dev.herald.boot;

import org.junit.jupiter.api.Test;

import static dev.herald.boot.Storage.Kept.FILE;
import static dev.herald.boot.Storage.Kept.JDBC;
import static dev.herald.boot.Storage.Kept.MEMORY;
import static dev.herald.boot.Storage.Kept.REDIS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which {@code herald.store} goes with which {@code herald.broker}; a pair that cannot work stops the start. */
class StorageKindTest {

    @Test
    void autoIsTheFileForOneNodeAndRedisForACluster() {
        assertEquals(FILE, Storage.kind("auto", false));
        assertEquals(REDIS, Storage.kind("auto", true));
    }

    @Test
    void oneNodeTakesAFileADatabaseOrNothing() {
        assertEquals(FILE, Storage.kind("file", false));
        assertEquals(JDBC, Storage.kind("jdbc", false));
        assertEquals(MEMORY, Storage.kind("memory", false));
        var refused = assertThrows(IllegalArgumentException.class, () -> Storage.kind("redis", false));
        assertTrue(refused.getMessage().startsWith("herald.store:"), refused.getMessage());
    }

    @Test
    void aClusterTakesRedisOrASharedDatabase() {
        assertEquals(REDIS, Storage.kind("redis", true));
        assertEquals(JDBC, Storage.kind("jdbc", true));
        for (String perNode : new String[]{"file", "memory"}) {
            var refused = assertThrows(IllegalArgumentException.class, () -> Storage.kind(perNode, true));
            assertTrue(refused.getMessage().contains("cluster"), refused.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> Storage.kind("h2", false));
    }

    @Test
    void syncIsNormalOrFullAndABadOneNamesTheKey() {
        assertEquals("FULL", Storage.sync("full"));
        assertEquals("NORMAL", Storage.sync("NORMAL"));
        var refused = assertThrows(IllegalArgumentException.class, () -> Storage.sync("OFF"));
        assertTrue(refused.getMessage().startsWith("herald.store.sync:"), refused.getMessage());
    }
}
