package dev.herald.chat;

import dev.herald.redis.KeySpace;
import dev.herald.redis.LuaScript;
import jakarta.json.JsonObject;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ZRangeParams;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static dev.herald.http.Jsonp.JSON;

/**
 * Chat state shared by every node through Redis. A room's changes are Lua scripts over
 * its keys, so a message's id (one counter per room), its idempotency entry, the
 * history limit and the unread bookkeeping change together; any node may serve any
 * room. Unread counts use a second sorted set of the ids that count (not system
 * messages), trimmed with the history, so a count is one {@code ZCOUNT}.
 */
public final class RedisChatStore implements ChatStore {
    private static final LuaScript SCRIPT = LuaScript.load(RedisChatStore.class, "chat.lua");

    private final UnifiedJedis redis;
    private final String prefix;
    private final String historyLimit;

    public RedisChatStore(KeySpace keys, int historyLimit) {
        if (historyLimit < 1) throw new IllegalArgumentException("historyLimit must be positive");
        this.redis = keys.redis();
        this.prefix = keys.prefix() + "chat:";
        this.historyLimit = Integer.toString(historyLimit);
    }

    @Override
    public List<Room> rooms() {
        var rooms = new ArrayList<Room>();
        for (String id : redis.lrange(prefix + "rooms", 0, -1)) room(id).ifPresent(rooms::add);
        return rooms;
    }

    @Override
    public Optional<Room> room(String roomId) {
        return room(run(roomId, "room"));
    }

    @Override
    public Room createRoom(String slug, String name, boolean isPrivate, String createdBy, Set<String> members, long now) {
        String id = slug;
        // Reserving the id first makes two nodes creating "Design" at once get design and design-2.
        for (int n = 2; redis.hsetnx(prefix + "ids", id, "1") == 0; n++) id = slug + "-" + n;
        return create(id, name, isPrivate, createdBy, members, now);
    }

    @Override
    public Room ensureRoom(String id, String name, long now) {
        return create("ensure", id, name, false, null, Set.of(), now);
    }

    private Room create(String id, String name, boolean isPrivate, String createdBy, Set<String> members, long now) {
        return create("create", id, name, isPrivate, createdBy, members, now);
    }

    private Room create(String op, String id, String name, boolean isPrivate, String createdBy, Set<String> members, long now) {
        var all = new LinkedHashSet<String>();
        if (createdBy != null) all.add(createdBy);
        all.addAll(members);
        var args = new ArrayList<>(List.of(id, name, isPrivate ? "1" : "0", createdBy == null ? "" : createdBy, Long.toString(now)));
        args.addAll(all);
        return room(run(id, op, args.toArray(String[]::new))).orElseThrow();
    }

    @Override
    public Optional<Room> addMember(String roomId, String userId) {
        requireRoom(roomId);
        return room(run(roomId, "join", userId));
    }

    @Override
    public Optional<Room> removeMember(String roomId, String userId) {
        requireRoom(roomId);
        return room(run(roomId, "leave", userId));
    }

    @Override
    public Appended append(MessageDraft draft, long now) {
        requireRoom(draft.roomId());
        String clientKey = draft.clientId() == null ? "" : draft.userId() + "\n" + draft.clientId();
        String body = encode(draft.stored(0, now));
        List<?> out = (List<?>) run(draft.roomId(), "append", clientKey, body,
                draft.type() == MessageType.SYSTEM ? "0" : "1", historyLimit);
        return new Appended(decode(out.get(1).toString()), ((Long) out.get(0)) == 1L);
    }

    @Override
    public Optional<Message> byClientId(String roomId, String userId, String clientId) {
        String id = redis.hget(key("cids", roomId), userId + "\n" + clientId);
        if (id == null) return Optional.empty();
        return redis.zrangeByScore(key("messages", roomId), id, id).stream().findFirst().map(RedisChatStore::decode);
    }

    @Override
    public HistoryPage history(String roomId, Long beforeId, int limit) {
        requireRoom(roomId);
        String max = beforeId == null ? "+inf" : "(" + beforeId;
        List<String> newestFirst = redis.zrevrangeByScore(key("messages", roomId), max, "-inf", 0, limit + 1);
        boolean more = newestFirst.size() > limit;
        var page = new ArrayList<Message>(Math.min(limit, newestFirst.size()));
        for (int i = Math.min(limit, newestFirst.size()) - 1; i >= 0; i--) page.add(decode(newestFirst.get(i)));
        return new HistoryPage(page, more);
    }

    @Override
    public Optional<Message> latest(String roomId) {
        requireRoom(roomId);
        return redis.zrange(key("messages", roomId), ZRangeParams.zrangeParams(-1, -1)).stream().findFirst()
                .map(RedisChatStore::decode);
    }

    @Override
    public long markRead(String roomId, String userId, long messageId) {
        requireRoom(roomId);
        return (Long) run(roomId, "read", userId, Long.toString(messageId));
    }

    @Override
    public int unreadCount(String roomId, String userId) {
        requireRoom(roomId);
        return ((Long) run(roomId, "unread", userId)).intValue();
    }

    @Override
    public void rememberUser(String userId, String username) {
        redis.hset(prefix + "users", userId, username);
    }

    @Override
    public Optional<String> username(String userId) {
        return Optional.ofNullable(redis.hget(prefix + "users", userId));
    }

    @Override
    public Collection<String> knownUsers() {
        return List.copyOf(redis.hkeys(prefix + "users"));
    }

    private void requireRoom(String roomId) {
        if (!redis.exists(key("room", roomId))) throw new IllegalArgumentException("no room " + roomId);
    }

    private Object run(String roomId, String op, String... args) {
        var all = new ArrayList<String>(1 + args.length);
        all.add(op);
        all.addAll(List.of(args));
        return SCRIPT.run(redis, List.of(prefix + "rooms", key("room", roomId), key("members", roomId), key("seq", roomId),
                key("messages", roomId), key("counted", roomId), key("cids", roomId), key("read", roomId), prefix + "ids"), all);
    }

    private String key(String kind, String roomId) {
        return prefix + kind + ":" + roomId;
    }

    private static Optional<Room> room(Object out) {
        if (!(out instanceof List<?> r)) return Optional.empty();
        Set<String> members = new LinkedHashSet<>();
        for (Object m : (List<?>) r.get(5)) members.add(m.toString());
        String createdBy = r.get(3).toString();
        return Optional.of(new Room(r.get(0).toString(), r.get(1).toString(), "1".equals(r.get(2).toString()),
                createdBy.isEmpty() ? null : createdBy, Long.parseLong(r.get(4).toString()), members));
    }

    /** The message without its id, which the script puts in front: "id json". */
    private static String encode(Message m) {
        var b = JSON.createObjectBuilder()
                .add("roomId", m.roomId())
                .add("userId", m.userId())
                .add("username", m.username())
                .add("content", m.content())
                .add("type", m.type().wire())
                .add("timestamp", m.timestamp());
        if (m.metadata() != null) b.add("metadata", m.metadata());
        if (m.clientId() != null) b.add("clientId", m.clientId());
        return b.build().toString();
    }

    private static Message decode(String stored) {
        int space = stored.indexOf(' ');
        JsonObject o;
        try (var reader = JSON.createReader(new StringReader(stored.substring(space + 1)))) {
            o = reader.readObject();
        }
        return new Message(Long.parseLong(stored.substring(0, space)), o.getString("roomId"), o.getString("userId"),
                o.getString("username"), o.getString("content"), MessageType.valueOf(o.getString("type").toUpperCase(java.util.Locale.ROOT)),
                o.containsKey("metadata") ? o.getJsonObject("metadata") : null, o.getString("clientId", null),
                o.getJsonNumber("timestamp").longValue());
    }
}
