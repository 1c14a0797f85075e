package dev.herald.chat;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MemoryChatStoreTest {
    private final MemoryChatStore store = new MemoryChatStore(100);

    private Message post(String room, String user, String content, String clientId) {
        return store.append(new MessageDraft(room, user, user, content, MessageType.TEXT, null, clientId), 1).message();
    }

    @Test
    void historyPagesBackCompleteAndInOrder() {
        store.createRoom("r", "r", false, "a", Set.of(), 0);
        for (int i = 1; i <= 25; i++) post("r", "a", "m" + i, null);
        var seen = new ArrayList<Long>();
        Long before = null;
        boolean more = true;
        while (more) {
            HistoryPage page = store.history("r", before, 10);
            List<Long> ids = page.messages().stream().map(Message::id).toList();
            seen.addAll(0, ids);
            before = ids.get(0);
            more = page.hasMore();
        }
        assertEquals(25, seen.size());
        for (int i = 0; i < 25; i++) assertEquals(i + 1, seen.get(i));
    }

    @Test
    void keepsTheNewestMessagesUpToTheLimit() {
        var small = new MemoryChatStore(5);
        small.createRoom("r", "r", false, "a", Set.of("b"), 0);
        small.markRead("r", "b", 0);
        for (int i = 1; i <= 20; i++) small.append(new MessageDraft("r", "a", "a", "m" + i, MessageType.TEXT, null, "c" + i), 1);
        var kept = small.history("r", null, 50).messages();
        assertTrue(kept.size() >= 5 && kept.size() <= 6, "kept " + kept.size());
        assertEquals(20, kept.get(kept.size() - 1).id());
        assertFalse(small.byClientId("r", "a", "c1").isPresent(), "idempotency outlived the message");
        assertEquals(kept.size(), small.unreadCount("r", "b"), "unread counts what history still holds");
    }
}
