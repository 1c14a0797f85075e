package dev.herald.notify;

import dev.herald.notify.NotificationStore.Change;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What every {@link NotificationStore} must do; each implementation's test extends this. */
abstract class NotificationStoreContractTest {

    abstract NotificationStore store(int retention);

    private long clock = 1_000;

    Notification to(NotificationStore s, String userId, String title) {
        return s.add(new NotificationDraft(title, "m", NotificationType.INFO, userId, null, null, true, 5000), clock++);
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
}
