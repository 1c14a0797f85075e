package dev.herald.chat;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What every {@link ChatStore} must do; each implementation's test extends this. */
abstract class ChatStoreContractTest {

    abstract ChatStore store(int historyLimit);

    private final ChatStore store = store(100);

    private static Appended post(ChatStore s, String room, String user, String content, String clientId) {
        return s.append(new MessageDraft(room, user, user, content, MessageType.TEXT, null, clientId), 1);
    }

    private Message post(String room, String user, String content, String clientId) {
        return post(store, room, user, content, clientId).message();
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
        var small = store(5);
        small.createRoom("r", "r", false, "a", Set.of("b"), 0);
        small.markRead("r", "b", 0);
        for (int i = 1; i <= 20; i++) small.append(new MessageDraft("r", "a", "a", "m" + i, MessageType.TEXT, null, "c" + i), 1);
        var kept = small.history("r", null, 50).messages();
        assertTrue(kept.size() >= 5 && kept.size() <= 6, "kept " + kept.size());
        assertEquals(20, kept.get(kept.size() - 1).id());
        assertFalse(small.byClientId("r", "a", "c1").isPresent(), "idempotency outlived the message");
        assertEquals(kept.size(), small.unreadCount("r", "b"), "unread counts what history still holds");
    }

    @Test
    void roomsKeepCreationOrderAndNeverShareAnId() {
        Room first = store.createRoom("design", "Design", false, "a", Set.of(), 5);
        Room second = store.createRoom("design", "design!", true, "b", Set.of("c"), 6);
        assertEquals("design", first.id());
        assertEquals("design-2", second.id());
        assertEquals(List.of("design", "design-2"), store.rooms().stream().map(Room::id).toList());
        Room stored = store.room("design-2").orElseThrow();
        assertEquals(new Room("design-2", "design!", true, "b", 6, Set.of("b", "c")), stored);
        assertEquals(Optional.empty(), store.room("nope"));
        assertEquals("design", store.ensureRoom("design", "Other", 9).id(), "an existing room is kept");
        assertEquals("Design", store.room("design").orElseThrow().name());
        assertEquals(new Room("general", "general", false, null, 9, Set.of()), store.ensureRoom("general", "general", 9));
        assertEquals(3, store.rooms().size());
    }

    @Test
    void aClientIdStoresOnceAndReturnsTheFirstMessage() {
        store.createRoom("r", "r", false, null, Set.of(), 0);
        Appended first = post(store, "r", "a", "hello", "k1");
        Appended again = post(store, "r", "a", "hello again", "k1");
        Appended otherUser = post(store, "r", "b", "hi", "k1");
        assertFalse(first.duplicate());
        assertTrue(again.duplicate());
        assertEquals(first.message(), again.message());
        assertFalse(otherUser.duplicate(), "client ids are per user");
        assertEquals(first.message(), store.byClientId("r", "a", "k1").orElseThrow());
        assertEquals(List.of("hello", "hi"), store.history("r", null, 10).messages().stream().map(Message::content).toList());
        assertEquals(first.message(), store.history("r", null, 10).messages().get(0), "stored as given");
    }

    @Test
    void membersReadMarkersAndUnreadCounts() {
        store.createRoom("r", "r", false, "a", Set.of(), 0);
        post("r", "a", "before b joined", null);
        assertEquals(Set.of("a", "b"), store.addMember("r", "b").orElseThrow().members());
        assertTrue(store.addMember("r", "b").isEmpty(), "already a member");
        assertEquals(0, store.unreadCount("r", "b"), "a newcomer starts with everything read");
        Message m2 = post("r", "a", "two", null);
        store.append(new MessageDraft("r", "c", "c", "c joined", MessageType.SYSTEM, null, null), 1);
        Message m4 = post("r", "a", "four", null);
        assertEquals(2, store.unreadCount("r", "b"), "system messages do not count");
        assertEquals(m2.id(), store.markRead("r", "b", m2.id()));
        assertEquals(m2.id(), store.markRead("r", "b", 1), "a marker never moves back");
        assertEquals(1, store.unreadCount("r", "b"));
        assertEquals(m4.id(), store.markRead("r", "b", 999), "a marker stops at the newest message");
        assertEquals(0, store.unreadCount("r", "b"));
        assertEquals(m4, store.latest("r").orElseThrow());
        assertEquals(Set.of("a"), store.removeMember("r", "b").orElseThrow().members());
        assertTrue(store.removeMember("r", "b").isEmpty());
        assertEquals(0, store.unreadCount("r", "b"));
    }

    @Test
    void remembersUsersByName() {
        store.rememberUser("alice", "Alice");
        store.rememberUser("bob", "Bob");
        assertEquals(Optional.of("Alice"), store.username("alice"));
        assertEquals(Optional.empty(), store.username("carol"));
        assertEquals(Set.of("alice", "bob"), Set.copyOf(store.knownUsers()));
    }
}
