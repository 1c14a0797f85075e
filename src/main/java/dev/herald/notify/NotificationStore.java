package dev.herald.notify;

import java.util.List;

/**
 * Where notifications and each user's read and removed state live. The memory
 * implementation serves one node; a shared one (Redis) lets every node agree.
 *
 * <p>A user's notifications are the newest {@code retention} of those addressed to
 * them and the broadcasts; older ones drop out. Read and removed are per user, also
 * for broadcasts. An id outside a user's notifications (another user's, removed,
 * dropped, unknown) is {@link Change#NOT_FOUND} to them: nobody learns of anyone else's.
 */
public interface NotificationStore {

    enum Change { CHANGED, UNCHANGED, NOT_FOUND }

    /** Assigns the id, stores it, and lets the oldest beyond retention drop out. */
    Notification add(NotificationDraft draft, long timestamp);

    /**
     * @param beforeId only notifications older than this id (the previous page's last), or null
     * @param limit    page size, at least 1
     */
    NotificationPage list(String userId, boolean unreadOnly, String beforeId, int limit);

    int unreadCount(String userId);

    Change markRead(String userId, String id);

    /** @return the ids that were unread and now are read */
    List<String> markAllRead(String userId);

    Change remove(String userId, String id);

    /** @return the ids removed */
    List<String> removeAll(String userId);
}
