package dev.herald.chat;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.function.UnaryOperator;
import java.util.stream.LongStream;

import static dev.herald.http.Jsonp.JSON;
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

    @Test
    void aMarkerOnATrimmedMessageCountsWhatHistoryHolds() {
        var small = store(5);
        small.createRoom("r", "r", false, "a", Set.of(), 0);
        small.addMember("r", "b");
        for (int i = 1; i <= 3; i++) post(small, "r", "a", "m" + i, null);
        small.markRead("r", "b", 3);
        for (int i = 4; i <= 20; i++) {
            MessageType type = i % 3 == 0 ? MessageType.SYSTEM : MessageType.TEXT;
            small.append(new MessageDraft("r", "a", "a", "m" + i, type, null, null), 1);
        }
        long counted = small.history("r", null, 50).messages().stream().filter(Message::countsAsUnread).count();
        assertEquals(counted, small.unreadCount("r", "b"));
        assertEquals(3, small.markRead("r", "b", 2), "a trimmed marker still never moves back");
    }

    @Test
    void concurrentAppendsGetContiguousIds() throws Exception {
        var big = store(1000);
        big.createRoom("r", "r", false, "a", Set.of(), 0);
        List<List<Long>> perThread = inParallel(4, t -> {
            var ids = new ArrayList<Long>();
            for (int i = 0; i < 50; i++) ids.add(post(big, "r", "u" + t, "m" + i, "c" + i).message().id());
            return ids;
        });
        List<Long> all = perThread.stream().flatMap(List::stream).sorted().toList();
        assertEquals(LongStream.rangeClosed(1, 200).boxed().toList(), all, "no gap, no duplicate");
        for (List<Long> ids : perThread) assertEquals(ids.stream().sorted().toList(), ids, "a thread's messages keep its order");
        assertEquals(all, big.history("r", null, 500).messages().stream().map(Message::id).toList());
    }

    @Test
    void aClientIdSentTwiceAtOnceStoresOnce() throws Exception {
        store.createRoom("r", "r", false, "a", Set.of(), 0);
        for (int round = 1; round <= 10; round++) {
            String clientId = "k" + round;
            List<Appended> results = inParallel(4, t -> post(store, "r", "a", "try " + t, clientId));
            assertEquals(1, results.stream().filter(a -> !a.duplicate()).count(), "stored once: " + results);
            assertEquals(1, results.stream().map(Appended::message).distinct().count(), "all see the first: " + results);
            assertEquals(round, results.get(0).message().id());
        }
        assertEquals(10, store.history("r", null, 50).messages().size());
    }

    @Test
    void roomsCreatedAtOnceGetTheirOwnIds() throws Exception {
        List<Room> made = inParallel(4, t -> store.createRoom("design", "Design " + t, false, "u" + t, Set.of(), t));
        assertEquals(Set.of("design", "design-2", "design-3", "design-4"), Set.copyOf(made.stream().map(Room::id).toList()));
        List<Room> ensured = inParallel(4, t -> store.ensureRoom("general", "general", t));
        assertEquals(1, ensured.stream().distinct().count(), "one general: " + ensured);
        assertEquals(5, store.rooms().size());
        for (Room room : made) assertEquals(room, store.room(room.id()).orElseThrow());
    }

    @Test
    void markersMovedAtOnceEndAtTheHighest() throws Exception {
        store.createRoom("r", "r", false, "a", Set.of("b"), 0);
        for (int i = 1; i <= 40; i++) post("r", "a", "m" + i, null);
        inParallel(4, t -> {
            for (long id = 40 - t; id > 0; id -= 4) store.markRead("r", "b", id);
            return null;
        });
        assertEquals(40, store.markRead("r", "b", 1));
        assertEquals(0, store.unreadCount("r", "b"));
    }

    /**
     * For stores that keep their data past themselves: {@code reopen} gives a store over what
     * the given one kept, as a restarted node opens it (the first may be closed by then).
     */
    void aRestartedNodeSeesEverything(UnaryOperator<ChatStore> reopen) {
        store.createRoom("design", "Design", true, "a", Set.of("b"), 5);
        store.ensureRoom("general", "general", 6);
        store.addMember("general", "c");
        Message hello = post("design", "a", "hello", "k1");
        store.append(new MessageDraft("design", "b", "b", "b joined", MessageType.SYSTEM,
                JSON.createObjectBuilder().add("why", "test").build(), null), 7);
        post("design", "b", "hi", "k2");
        post("general", "c", "anyone?", null);
        store.markRead("design", "b", hello.id());
        store.markRead("general", "c", 1);
        store.rememberUser("a", "Alice");
        store.rememberUser("b", "Bob");
        List<Room> rooms = store.rooms();
        HistoryPage design = store.history("design", null, 10);
        HistoryPage general = store.history("general", null, 10);

        ChatStore after = reopen.apply(store);
        assertEquals(rooms, after.rooms());
        assertEquals(design, after.history("design", null, 10));
        assertEquals(general, after.history("general", null, 10));
        assertEquals(Optional.of(hello), after.byClientId("design", "a", "k1"));
        assertEquals(1, after.unreadCount("design", "b"), "b's marker, and the system message not counted");
        assertEquals(0, after.unreadCount("general", "c"));
        assertEquals(hello.id(), after.markRead("design", "b", 0), "the marker was kept");
        assertEquals(Optional.of("Alice"), after.username("a"));
        assertEquals(Set.of("a", "b"), Set.copyOf(after.knownUsers()));
        assertEquals(new Appended(hello, true), post(after, "design", "a", "hello", "k1"));
        assertEquals(4, post(after, "design", "a", "next", null).message().id(), "ids go on from the last");
    }

    @Test
    void answersAsTheMemoryStoreDoes() {
        walkAlongsideTheMemoryStore(1000);
    }

    /**
     * A seeded walk through every operation, each answer compared with the memory store's.
     * With a small {@code historyLimit} it compares trimming too, for the stores that trim as
     * the memory store does: the contract lets a store keep a little more than the limit
     * (Redis trims to the limit on every message, the memory store in batches).
     */
    void walkAlongsideTheMemoryStore(int historyLimit) {
        var random = new Random(17);
        var tested = store(historyLimit);
        var reference = new MemoryChatStore(historyLimit);
        List<String> users = List.of("a", "b", "c");
        for (String slug : List.of("r", "r", "s")) {
            assertEquals(reference.createRoom(slug, slug, false, "a", Set.of("b"), 1), tested.createRoom(slug, slug, false, "a", Set.of("b"), 1));
        }
        List<String> rooms = List.of("r", "r-2", "s");
        for (int step = 0; step < 200; step++) {
            String room = rooms.get(random.nextInt(rooms.size()));
            String user = users.get(random.nextInt(users.size()));
            long id = random.nextInt(40);
            String what = "step " + step;
            switch (random.nextInt(9)) {
                case 0 -> assertEquals(reference.addMember(room, user), tested.addMember(room, user), what);
                case 1 -> assertEquals(reference.removeMember(room, user), tested.removeMember(room, user), what);
                case 2 -> assertEquals(reference.markRead(room, user, id), tested.markRead(room, user, id), what);
                case 3 -> {
                    Long before = random.nextBoolean() ? null : id;
                    int limit = 1 + random.nextInt(5);
                    assertEquals(reference.history(room, before, limit), tested.history(room, before, limit), what);
                }
                case 4 -> assertEquals(reference.byClientId(room, user, "k" + id % 8), tested.byClientId(room, user, "k" + id % 8), what);
                default -> {
                    MessageType type = random.nextInt(4) == 0 ? MessageType.SYSTEM : MessageType.TEXT;
                    String clientId = random.nextBoolean() ? null : "k" + id % 8;
                    var draft = new MessageDraft(room, user, user, what, type, null, clientId);
                    assertEquals(reference.append(draft, step), tested.append(draft, step), what);
                }
            }
            assertEquals(reference.unreadCount(room, user), tested.unreadCount(room, user), what + ", unread");
            assertEquals(reference.latest(room), tested.latest(room), what);
        }
        assertEquals(reference.rooms(), tested.rooms());
        for (String room : rooms) {
            for (String u : users) assertEquals(reference.unreadCount(room, u), tested.unreadCount(room, u), room + ", unread of " + u);
            assertEquals(reference.history(room, null, 50), tested.history(room, null, 50), room);
        }
    }

    /** Runs {@code work} on {@code threads} threads released together; their results in thread order. */
    private static <T> List<T> inParallel(int threads, IntFunction<T> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            var start = new CountDownLatch(1);
            var futures = new ArrayList<Future<T>>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    return work.apply(thread);
                }));
            }
            start.countDown();
            var results = new ArrayList<T>();
            for (Future<T> f : futures) results.add(f.get());
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
