package dev.herald.chat;

import dev.herald.store.Database;
import dev.herald.store.EmbeddedFile;
import dev.herald.store.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** The chat store contract on the embedded SQLite file; each store gets a file of its own. */
class SqliteChatStoreTest extends ChatStoreContractTest {
    /** Static: the contract makes its first store in its constructor, before this class's fields exist. */
    private static final Map<ChatStore, Opened> opened = new IdentityHashMap<>();

    private record Opened(Database db, int historyLimit) {
    }

    @Override
    ChatStore store(int historyLimit) {
        return open(TestDatabases.sqlite(), historyLimit);
    }

    /** A restart: the file is closed and opened again, as by a new node. */
    private static ChatStore reopen(ChatStore store) {
        Opened first = opened.remove(store);
        first.db().close();
        return open(EmbeddedFile.open(Path.of(first.db().name()), "NORMAL"), first.historyLimit());
    }

    private static ChatStore open(Database db, int historyLimit) {
        var store = new SqlChatStore(db, historyLimit);
        opened.put(store, new Opened(db, historyLimit));
        return store;
    }

    @Test
    void trimsAsTheMemoryStoreDoes() {
        walkAlongsideTheMemoryStore(7);
    }

    @Test
    void aRestartedNodeSeesEverything() {
        aRestartedNodeSeesEverything(SqliteChatStoreTest::reopen);
    }

    @AfterEach
    void deleteFiles() throws IOException {
        for (Opened o : opened.values()) o.db().close();
        for (Opened o : opened.values()) deleteTree(Path.of(o.db().name()).getParent());
        opened.clear();
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        List<Path> deepestFirst;
        try (var walk = Files.walk(dir)) {
            deepestFirst = walk.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path p : deepestFirst) Files.deleteIfExists(p);
    }
}
