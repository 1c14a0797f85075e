package dev.herald.chat;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The single-node chat store. One lock guards rooms and history: chat writes are
 * rare next to fan-out, and one lock keeps id order, idempotency and read markers
 * consistent without reasoning about interleavings.
 */
public final class MemoryChatStore implements ChatStore {
    private final int historyLimit;
    private final Map<String, RoomLog> rooms = new LinkedHashMap<>();
    private final Map<String, String> usernames = new ConcurrentHashMap<>();

    /** @param historyLimit messages kept per room; older ones are dropped */
    public MemoryChatStore(int historyLimit) {
        if (historyLimit < 1) throw new IllegalArgumentException("historyLimit must be positive");
        this.historyLimit = historyLimit;
    }

    @Override
    public synchronized List<Room> rooms() {
        return rooms.values().stream().map(r -> r.room).toList();
    }

    @Override
    public synchronized Optional<Room> room(String roomId) {
        return Optional.ofNullable(rooms.get(roomId)).map(r -> r.room);
    }

    @Override
    public synchronized Room createRoom(String slug, String name, boolean isPrivate, String createdBy, Set<String> members, long now) {
        String id = slug;
        for (int n = 2; rooms.containsKey(id); n++) id = slug + "-" + n;
        var all = new LinkedHashSet<String>();
        if (createdBy != null) all.add(createdBy);
        all.addAll(members);
        var log = new RoomLog(new Room(id, name, isPrivate, createdBy, now, all));
        rooms.put(id, log);
        return log.room;
    }

    @Override
    public synchronized Room ensureRoom(String id, String name, long now) {
        RoomLog log = rooms.get(id);
        return log != null ? log.room : createRoom(id, name, false, null, Set.of(), now);
    }

    @Override
    public synchronized Optional<Room> addMember(String roomId, String userId) {
        RoomLog log = log(roomId);
        if (log.room.hasMember(userId)) return Optional.empty();
        var members = new LinkedHashSet<>(log.room.members());
        members.add(userId);
        log.room = with(log.room, members);
        // A newcomer starts with everything read: history before they joined is not news to them.
        log.readMarkers.put(userId, log.lastId());
        return Optional.of(log.room);
    }

    @Override
    public synchronized Optional<Room> removeMember(String roomId, String userId) {
        RoomLog log = log(roomId);
        if (!log.room.hasMember(userId)) return Optional.empty();
        var members = new LinkedHashSet<>(log.room.members());
        members.remove(userId);
        log.room = with(log.room, members);
        log.readMarkers.remove(userId);
        return Optional.of(log.room);
    }

    @Override
    public synchronized Appended append(MessageDraft draft, long now) {
        RoomLog log = log(draft.roomId());
        if (draft.clientId() != null) {
            Optional<Message> first = log.byClientId(draft.userId(), draft.clientId());
            if (first.isPresent()) return new Appended(first.get(), true);
        }
        Message message = draft.stored(log.lastId() + 1, now);
        log.add(message, historyLimit);
        return new Appended(message, false);
    }

    @Override
    public synchronized Optional<Message> byClientId(String roomId, String userId, String clientId) {
        return log(roomId).byClientId(userId, clientId);
    }

    @Override
    public synchronized HistoryPage history(String roomId, Long beforeId, int limit) {
        RoomLog log = log(roomId);
        int end = beforeId == null ? log.messages.size() : log.indexOf(beforeId);
        end = Math.max(0, Math.min(end, log.messages.size()));
        int start = Math.max(0, end - limit);
        var page = new ArrayList<Message>(end - start);
        for (int i = start; i < end; i++) page.add(log.messages.get(i).message);
        return new HistoryPage(page, start > 0);
    }

    @Override
    public synchronized Optional<Message> latest(String roomId) {
        RoomLog log = log(roomId);
        return log.messages.isEmpty() ? Optional.empty() : Optional.of(log.messages.get(log.messages.size() - 1).message);
    }

    @Override
    public synchronized long markRead(String roomId, String userId, long messageId) {
        RoomLog log = log(roomId);
        return log.readMarkers.merge(userId, Math.min(messageId, log.lastId()), Math::max);
    }

    @Override
    public synchronized int unreadCount(String roomId, String userId) {
        RoomLog log = log(roomId);
        Long marker = log.readMarkers.get(userId);
        if (marker == null || log.messages.isEmpty()) return 0;
        return (int) (log.ordinalAt(log.lastId()) - log.ordinalAt(marker));
    }

    @Override
    public void rememberUser(String userId, String username) {
        usernames.put(userId, username);
    }

    @Override
    public Optional<String> username(String userId) {
        return Optional.ofNullable(usernames.get(userId));
    }

    @Override
    public Collection<String> knownUsers() {
        return List.copyOf(usernames.keySet());
    }

    private RoomLog log(String roomId) {
        RoomLog log = rooms.get(roomId);
        if (log == null) throw new IllegalArgumentException("no room " + roomId);
        return log;
    }

    private static Room with(Room room, Set<String> members) {
        return new Room(room.id(), room.name(), room.isPrivate(), room.createdBy(), room.createdAt(), members);
    }

    /**
     * @param ordinal how many unread-counting messages the room has had up to and
     *                including this one, so an unread count is one subtraction
     */
    private record Stored(Message message, long ordinal) {
    }

    private static final class RoomLog {
        Room room;
        /** Contiguous ids: messages.get(i).id == firstId + i. */
        final List<Stored> messages = new ArrayList<>();
        final Map<String, Long> readMarkers = new HashMap<>();
        /** (userId \n clientId) → message id, for the messages still in history. */
        final Map<String, Long> clientIds = new HashMap<>();
        long nextId = 1;
        long ordinal;
        /** The ordinal of the newest message dropped from history. */
        long droppedOrdinal;

        RoomLog(Room room) {
            this.room = room;
        }

        long lastId() {
            return nextId - 1;
        }

        long firstId() {
            return messages.isEmpty() ? nextId : messages.get(0).message.id();
        }

        int indexOf(long id) {
            return (int) Math.max(0, Math.min(id - firstId(), messages.size()));
        }

        void add(Message message, int limit) {
            if (message.countsAsUnread()) ordinal++;
            messages.add(new Stored(message, ordinal));
            nextId = message.id() + 1;
            if (message.clientId() != null) clientIds.put(key(message.userId(), message.clientId()), message.id());
            if (messages.size() > limit + Math.max(1, limit / 16)) {
                // Trim in batches so a full room does not shift its list on every message.
                List<Stored> dropped = messages.subList(0, messages.size() - limit);
                for (Stored s : dropped) {
                    if (s.message.clientId() != null) clientIds.remove(key(s.message.userId(), s.message.clientId()));
                }
                droppedOrdinal = dropped.get(dropped.size() - 1).ordinal;
                dropped.clear();
            }
        }

        /** Ordinal at a message id; ids before the retained history count as the oldest dropped one. */
        long ordinalAt(long id) {
            if (id < firstId()) return droppedOrdinal;
            return messages.get(indexOf(Math.min(id, lastId()))).ordinal;
        }

        Optional<Message> byClientId(String userId, String clientId) {
            Long id = clientIds.get(key(userId, clientId));
            return id == null || id < firstId() ? Optional.empty() : Optional.of(messages.get(indexOf(id)).message);
        }

        private static String key(String userId, String clientId) {
            return userId + "\n" + clientId;
        }
    }
}
