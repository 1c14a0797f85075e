package dev.herald.notify;

import dev.herald.notify.NotificationStore.Change;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What every {@link NotificationStore} must do; each implementation's test extends this. */
abstract class NotificationStoreContractTest {

    abstract NotificationStore store(int retention);

    private static final int THREADS = 4;

    /** Atomic: the concurrency tests add from several threads. */
    private final AtomicLong clock = new AtomicLong(1_000);

    Notification to(NotificationStore s, String userId, String title) {
        return s.add(new NotificationDraft(title, "m", NotificationType.INFO, userId, null, null, true, 5000), clock.getAndIncrement());
    }

    Notification broadcast(NotificationStore s, String title) {
        return to(s, null, title);
    }

    static List<String> titles(NotificationPage page) {
        return page.items().stream().map(u -> u.notification().draft().title()).toList();
    }

    static List<String> titles(NotificationStore s, String userId) {
        return titles(s.list(userId, false, null, 1000));
    }

    @Test
    void aUserSeesTheirOwnAndBroadcastsNewestFirstAndNobodyElses() {
        var s = store(500);
        to(s, "alice", "a1");
        broadcast(s, "b1");
        to(s, "bob", "bob1");
        to(s, "alice", "a2");
        assertEquals(List.of("a2", "b1", "a1"), titles(s, "alice"));
        assertEquals(List.of("bob1", "b1"), titles(s, "bob"));
        assertEquals(List.of("b1"), titles(s, "carol"));
    }

    @Test
    void idsAreUniqueAndIncreasing() {
        var s = store(500);
        var a = to(s, "alice", "a");
        var b = broadcast(s, "b");
        assertTrue(Long.parseLong(b.id()) > Long.parseLong(a.id()));
    }

    @Test
    void anotherUsersNotificationIsNotFoundToMe() {
        var s = store(500);
        var bobs = to(s, "bob", "secret");
        assertEquals(Change.NOT_FOUND, s.markRead("alice", bobs.id()));
        assertEquals(Change.NOT_FOUND, s.remove("alice", bobs.id()));
        assertEquals(List.of(), s.markAllRead("alice"));
        assertEquals(List.of(), s.removeAll("alice"));
        assertEquals(1, s.unreadCount("bob"));
        assertEquals(List.of("secret"), titles(s, "bob"));
    }

    @Test
    void unknownAndMalformedIdsAreNotFound() {
        var s = store(500);
        to(s, "alice", "a");
        for (String id : List.of("999", "0", "-1", "abc", "", "99999999999999999999999")) {
            assertEquals(Change.NOT_FOUND, s.markRead("alice", id), id);
            assertEquals(Change.NOT_FOUND, s.remove("alice", id), id);
        }
    }

    @Test
    void readStateOfABroadcastIsPerUser() {
        var s = store(500);
        var b = broadcast(s, "b");
        assertEquals(1, s.unreadCount("alice"));
        assertEquals(1, s.unreadCount("bob"));
        assertEquals(Change.CHANGED, s.markRead("alice", b.id()));
        assertEquals(Change.UNCHANGED, s.markRead("alice", b.id()));
        assertEquals(0, s.unreadCount("alice"));
        assertEquals(1, s.unreadCount("bob"));
        assertTrue(s.list("alice", false, null, 10).items().get(0).read());
        assertFalse(s.list("bob", false, null, 10).items().get(0).read());
    }

    @Test
    void removingABroadcastIsPerUser() {
        var s = store(500);
        var b = broadcast(s, "b");
        assertEquals(Change.CHANGED, s.remove("alice", b.id()));
        assertEquals(Change.NOT_FOUND, s.remove("alice", b.id()));
        assertEquals(List.of(), titles(s, "alice"));
        assertEquals(List.of("b"), titles(s, "bob"));
        assertEquals(0, s.unreadCount("alice"));
    }

    @Test
    void readAllMarksOnlyWhatWasThereAndReportsWhatChanged() {
        var s = store(500);
        var a1 = to(s, "alice", "a1");
        var b1 = broadcast(s, "b1");
        s.markRead("alice", a1.id());
        assertEquals(List.of(b1.id()), s.markAllRead("alice"));
        assertEquals(0, s.unreadCount("alice"));
        assertEquals(List.of(), s.markAllRead("alice"));
        to(s, "alice", "a2");
        broadcast(s, "b2");
        assertEquals(2, s.unreadCount("alice"), "newer ones stay unread");
        assertEquals(2, s.unreadCount("bob"), "alice's read-all is hers");
    }

    @Test
    void removeAllClearsOnlyWhatWasThere() {
        var s = store(500);
        to(s, "alice", "a1");
        broadcast(s, "b1");
        assertEquals(2, s.removeAll("alice").size());
        assertEquals(List.of(), titles(s, "alice"));
        assertEquals(List.of("b1"), titles(s, "bob"));
        broadcast(s, "b2");
        assertEquals(List.of("b2"), titles(s, "alice"));
        assertEquals(1, s.unreadCount("alice"));
    }

    @Test
    void unreadOnlyFiltersAndPagesGoBackwards() {
        var s = store(500);
        for (int i = 1; i <= 5; i++) to(s, "alice", "n" + i);
        s.markRead("alice", s.list("alice", false, null, 1).items().get(0).notification().id()); // n5
        assertEquals(List.of("n4", "n3", "n2", "n1"), titles(s.list("alice", true, null, 10)));

        var first = s.list("alice", false, null, 2);
        assertEquals(List.of("n5", "n4"), titles(first));
        assertTrue(first.hasMore());
        var second = s.list("alice", false, first.items().get(1).notification().id(), 2);
        assertEquals(List.of("n3", "n2"), titles(second));
        assertTrue(second.hasMore());
        var last = s.list("alice", false, second.items().get(1).notification().id(), 2);
        assertEquals(List.of("n1"), titles(last));
        assertFalse(last.hasMore());
    }

    @Test
    void retentionKeepsTheNewestPerUser() {
        var s = store(3);
        for (int i = 1; i <= 5; i++) to(s, "alice", "a" + i);
        to(s, "bob", "bob1");
        assertEquals(List.of("a5", "a4", "a3"), titles(s, "alice"));
        assertEquals(3, s.unreadCount("alice"));
        assertEquals(List.of("bob1"), titles(s, "bob"), "alice's volume never pushes out bob's");
    }

    @Test
    void retentionCountsBroadcastsInTheUsersWindow() {
        var s = store(3);
        var dropped = to(s, "alice", "a1");
        broadcast(s, "b1");
        to(s, "alice", "a2");
        broadcast(s, "b2");
        assertEquals(List.of("b2", "a2", "b1"), titles(s, "alice"));
        assertEquals(Change.NOT_FOUND, s.markRead("alice", dropped.id()), "dropped out, so gone");
        assertEquals(List.of("b2", "b1"), titles(s, "bob"));
    }

    @Test
    void removingDoesNotBringBackWhatRetentionDropped() {
        var s = store(2);
        to(s, "alice", "a1");
        to(s, "alice", "a2");
        var a3 = to(s, "alice", "a3");
        s.remove("alice", a3.id());
        assertEquals(List.of("a2"), titles(s, "alice"));
    }

    @Test
    void retentionAppliesAtScale() {
        var s = store(500);
        for (int i = 1; i <= 510; i++) to(s, "alice", "a" + i);
        var all = titles(s, "alice");
        assertEquals(500, all.size());
        assertEquals("a510", all.get(0));
        assertEquals("a11", all.get(499));
        assertEquals(500, s.unreadCount("alice"));
        assertEquals(500, s.markAllRead("alice").size());
        assertEquals(0, s.unreadCount("alice"));
    }

    @Test
    void concurrentAddsGetDistinctIdsIncreasingInTheOrderTheyWereMade() throws Exception {
        var s = store(500);
        List<List<Long>> perThread = concurrently(t -> {
            var ids = new ArrayList<Long>();
            for (int i = 0; i < 20; i++) ids.add(Long.parseLong((t % 2 == 0 ? broadcast(s, "t" + t) : to(s, "alice", "t" + t)).id()));
            return ids;
        });
        var all = new HashSet<Long>();
        for (List<Long> ids : perThread) {
            all.addAll(ids);
            assertEquals(ids.stream().sorted().toList(), ids, "one thread's adds, in order");
        }
        assertEquals(THREADS * 20, all.size(), "no id given twice");
        var listed = s.list("alice", false, null, 1000).items().stream().map(u -> Long.parseLong(u.notification().id())).toList();
        assertEquals(all.stream().sorted((a, b) -> Long.compare(b, a)).toList(), listed, "all of them, newest first");
    }

    @Test
    void concurrentChangesOfOneUserReportEachChangeOnce() throws Exception {
        var s = store(500);
        for (int round = 0; round < 10; round++) {
            var mine = to(s, "alice", "a" + round);
            var everyones = broadcast(s, "b" + round);
            // One thread reads all, the others read one of the two (two threads the same one).
            List<List<String>> changed = concurrently(t -> t == 0 ? s.markAllRead("alice")
                    : readOne(s, "alice", t == 2 ? mine : everyones));
            var reported = changed.stream().flatMap(List::stream).sorted().toList();
            assertEquals(List.of(mine.id(), everyones.id()).stream().sorted().toList(), reported, "round " + round);
            assertEquals(0, s.unreadCount("alice"));
            assertEquals(1, s.unreadCount("bob"), "alice's reads are hers");
            s.markAllRead("bob");
        }
    }

    @Test
    void concurrentMarkReadOfOneIdIsChangedOnceAndRemoveIsChangedOnce() throws Exception {
        var s = store(500);
        var b = broadcast(s, "b");
        List<Change> reads = concurrently(t -> s.markRead("alice", b.id()));
        assertEquals(1, reads.stream().filter(c -> c == Change.CHANGED).count(), reads.toString());
        assertEquals(THREADS - 1, reads.stream().filter(c -> c == Change.UNCHANGED).count(), reads.toString());
        List<Change> removes = concurrently(t -> s.remove("alice", b.id()));
        assertEquals(1, removes.stream().filter(c -> c == Change.CHANGED).count(), removes.toString());
        assertEquals(THREADS - 1, removes.stream().filter(c -> c == Change.NOT_FOUND).count(), removes.toString());
        assertEquals(List.of("b"), titles(s, "bob"));
    }

    private static List<String> readOne(NotificationStore s, String userId, Notification n) {
        return s.markRead(userId, n.id()) == Change.CHANGED ? List.of(n.id()) : List.of();
    }

    /**
     * What a store keeps is there for another one on the same data (a restarted node, another
     * node): every notification, each user's read and removed state, the id sequence.
     */
    void assertAnotherStoreSeesItAll(NotificationStore first, Supplier<NotificationStore> another) {
        var a1 = to(first, "alice", "a1");
        var b1 = broadcast(first, "b1");
        var a2 = to(first, "alice", "a2");
        broadcast(first, "b2");
        to(first, "bob", "bob1");
        var a3 = new NotificationDraft("a3", "long", NotificationType.WARNING, "alice", "https://example.com/x?y=1",
                "Open", false, 12_000);
        var withAction = first.add(a3, 4242);
        first.markRead("alice", a1.id());
        first.remove("alice", b1.id());
        first.markAllRead("bob");
        first.removeAll("carol");
        var b3 = broadcast(first, "b3");
        first.remove("alice", a2.id());

        NotificationStore second = another.get();
        assertEquals(List.of("b3", "a3", "b2", "a1"), titles(second, "alice"));
        var alice = second.list("alice", false, null, 10).items();
        assertEquals(List.of(false, false, false, true), alice.stream().map(UserNotification::read).toList());
        assertEquals(withAction, alice.get(1).notification(), "every field kept");
        assertEquals(3, second.unreadCount("alice"));
        assertEquals(List.of("b3", "bob1", "b2", "b1"), titles(second, "bob"));
        assertEquals(1, second.unreadCount("bob"), "bob's read-all kept");
        assertEquals(List.of("b3"), titles(second, "carol"), "carol's clear-all kept");
        assertEquals(Change.UNCHANGED, second.markRead("alice", a1.id()));
        assertEquals(Change.NOT_FOUND, second.remove("alice", b1.id()));
        assertEquals(Change.CHANGED, second.markRead("bob", b3.id()));
        var next = to(second, "alice", "a4");
        assertTrue(Long.parseLong(next.id()) > Long.parseLong(b3.id()), "the sequence goes on");
    }

    /** Runs {@code work} on {@link #THREADS} threads that start together; their results in thread order. */
    static <T> List<T> concurrently(Work<T> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            var start = new CyclicBarrier(THREADS);
            var futures = new ArrayList<Future<T>>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                Callable<T> task = () -> {
                    start.await(10, TimeUnit.SECONDS);
                    return work.run(thread);
                };
                futures.add(pool.submit(task));
            }
            var out = new ArrayList<T>();
            for (Future<T> f : futures) out.add(f.get(60, TimeUnit.SECONDS));
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    @FunctionalInterface
    interface Work<T> {
        T run(int thread) throws Exception;
    }
}
