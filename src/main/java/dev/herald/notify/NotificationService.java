package dev.herald.notify;

import dev.herald.boot.HeraldConfig;
import dev.herald.boot.Storage;
import dev.herald.http.Fields;
import dev.herald.http.JsonOut;
import dev.herald.http.ProblemException;
import dev.herald.hub.EventDraft;
import dev.herald.hub.EventHub;
import dev.herald.security.identity.Identity;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;

/**
 * Notifications: stores them, fans them out on {@code notifications} (addressed ones
 * to their user's streams only) and keeps each user's read and removed state,
 * telling all of that user's streams about every change so their tabs agree.
 *
 * <p>Other capabilities raise notifications with {@link #send} or
 * {@link #notifyAllUsers} (the dashboard's alerts, for instance).
 */
@ApplicationScoped
public class NotificationService {
    public static final String TOPIC = "notifications";
    public static final String CREATED = "notification";
    public static final String READ = "notification_read";
    public static final String REMOVED = "notification_removed";

    @Inject
    EventHub hub;
    @Inject
    HeraldConfig config;
    @Inject
    Storage storage;

    private NotificationStore store;
    /**
     * Each change and its event happen under this lock, so events leave in the order the
     * store changed and the unread count each one carries is never overtaken by an older one.
     */
    private final Object changes = new Object();

    @PostConstruct
    void init() {
        int retention = config.integer("herald.notifications.retention");
        store = storage.keep(() -> new MemoryNotificationStore(retention), db -> new SqlNotificationStore(db, retention),
                redis -> new RedisNotificationStore(redis.keys(), retention));
    }

    /** Stores a notification and fans it out: to its addressee's streams, or to every signed-in user's. */
    public Notification send(NotificationDraft draft) {
        synchronized (changes) {
            Notification n = store.add(draft, System.currentTimeMillis());
            EventDraft event = EventDraft.of(TOPIC, CREATED, JsonOut.of(NotificationView.of(n, null)));
            hub.publish(n.isBroadcast() ? event : event.to(n.userId()));
            return n;
        }
    }

    /**
     * The hook for notifications the server raises itself: a broadcast to every
     * signed-in user with the default duration. Over-long text is shortened, not refused.
     */
    public Notification notifyAllUsers(NotificationType type, String title, String message) {
        return send(NotificationDraft.broadcast(type, title, message));
    }

    /** A page of the user's own, newest first, each with its read state, and their unread count. */
    public NotificationList list(Identity who, boolean unreadOnly, String beforeId, int limit) {
        NotificationPage page = store.list(who.id(), unreadOnly, beforeId, limit);
        return new NotificationList(page.items().stream().map(u -> NotificationView.of(u.notification(), u.read())).toList(),
                page.hasMore(), store.unreadCount(who.id()));
    }

    public UnreadCount unreadCount(Identity who) {
        return new UnreadCount(store.unreadCount(who.id()));
    }

    /** @return what changed, also the data of the event that tells the user's streams */
    public NotificationChange markRead(Identity who, String id) {
        synchronized (changes) {
            var change = store.markRead(who.id(), id);
            if (change == NotificationStore.Change.NOT_FOUND) throw notFound(id);
            return announce(who, READ, change == NotificationStore.Change.CHANGED ? List.of(id) : List.of(), false);
        }
    }

    public NotificationChange markAllRead(Identity who) {
        synchronized (changes) {
            return announce(who, READ, store.markAllRead(who.id()), true);
        }
    }

    public NotificationChange remove(Identity who, String id) {
        synchronized (changes) {
            if (store.remove(who.id(), id) == NotificationStore.Change.NOT_FOUND) throw notFound(id);
            return announce(who, REMOVED, List.of(id), false);
        }
    }

    public NotificationChange removeAll(Identity who) {
        synchronized (changes) {
            return announce(who, REMOVED, store.removeAll(who.id()), true);
        }
    }

    /** Publishes the change to the user's own streams, unless nothing changed. */
    private NotificationChange announce(Identity who, String type, List<String> ids, boolean all) {
        var change = new NotificationChange(ids, all, store.unreadCount(who.id()));
        if (!ids.isEmpty()) hub.publish(EventDraft.of(TOPIC, type, JsonOut.of(change)).to(who.id()));
        return change;
    }

    private static ProblemException notFound(String id) {
        return ProblemException.notFound("you have no notification '" + Fields.printable(id) + "'");
    }
}
