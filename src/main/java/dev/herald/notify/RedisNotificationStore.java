package dev.herald.notify;

import dev.herald.redis.KeySpace;
import dev.herald.redis.LuaScript;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import redis.clients.jedis.UnifiedJedis;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import static dev.herald.http.Jsonp.JSON;

/**
 * Notifications shared by every node through Redis, with the memory store's model:
 * broadcasts kept once, each user's read and removed state as two watermarks plus the
 * ids above them. Every operation is one Lua script, so a change and the checks it
 * rests on (is it this user's? still in the window?) are atomic across nodes; ids come
 * from one counter, so all nodes agree on them and on their order.
 */
public final class RedisNotificationStore implements NotificationStore {
    private static final LuaScript SCRIPT = LuaScript.load(RedisNotificationStore.class, "notifications.lua");

    private final UnifiedJedis redis;
    private final String prefix;
    private final String retention;

    public RedisNotificationStore(KeySpace keys, int retention) {
        if (retention < 1) throw new IllegalArgumentException("retention must be at least 1, was " + retention);
        this.redis = keys.redis();
        this.prefix = keys.prefix() + "notify:";
        this.retention = Integer.toString(retention);
    }

    @Override
    public Notification add(NotificationDraft draft, long timestamp) {
        String into = draft.isBroadcast() ? prefix + "broadcasts" : prefix + "user:" + draft.userId();
        Object seq = run(keys(null, into), "add", encode(draft, timestamp));
        return new Notification(seq.toString(), timestamp, draft);
    }

    @Override
    public NotificationPage list(String userId, boolean unreadOnly, String beforeId, int limit) {
        long before = beforeId == null ? Long.MAX_VALUE : NotificationIds.parse(beforeId);
        List<?> out = (List<?>) run(keys(userId), "list", unreadOnly ? "1" : "0",
                before < 0 ? "0" : Long.toString(before), Integer.toString(limit));
        var items = new ArrayList<UserNotification>();
        for (int i = 1; i < out.size(); i += 3) {
            String id = out.get(i).toString();
            boolean read = ((Long) out.get(i + 1)) == 1L;
            items.add(new UserNotification(decode(id, out.get(i + 2).toString()), read));
        }
        return new NotificationPage(items, ((Long) out.get(0)) == 1L);
    }

    @Override
    public int unreadCount(String userId) {
        return ((Long) run(keys(userId), "count")).intValue();
    }

    @Override
    public Change markRead(String userId, String id) {
        return change(userId, "read", id);
    }

    @Override
    public List<String> markAllRead(String userId) {
        return ids(run(keys(userId), "readall"));
    }

    @Override
    public Change remove(String userId, String id) {
        return change(userId, "remove", id);
    }

    /** One notification's state by the script's {@code op}; an id that cannot be ours is simply not found. */
    private Change change(String userId, String op, String id) {
        long seq = NotificationIds.parse(id);
        if (seq <= 0) return Change.NOT_FOUND;
        return Change.valueOf(run(keys(userId), op, Long.toString(seq)).toString());
    }

    @Override
    public List<String> removeAll(String userId) {
        return ids(run(keys(userId), "removeall"));
    }

    private Object run(List<String> keys, String op, String... args) {
        var all = new ArrayList<String>(2 + args.length);
        all.add(op);
        all.add(retention);
        all.addAll(List.of(args));
        return SCRIPT.run(redis, keys, all);
    }

    private List<String> keys(String userId) {
        return keys(userId, prefix + "user:" + userId);
    }

    private List<String> keys(String userId, String own) {
        String state = userId == null ? prefix + "none" : prefix + "state:" + userId;
        return List.of(prefix + "seq", prefix + "items", prefix + "broadcasts", own,
                state, state + ":read", state + ":removed");
    }

    private static List<String> ids(Object out) {
        return ((List<?>) out).stream().map(Object::toString).toList();
    }

    private static String encode(NotificationDraft d, long timestamp) {
        JsonObjectBuilder b = JSON.createObjectBuilder()
                .add("title", d.title()).add("message", d.message()).add("type", d.type().wire())
                .add("autoRemove", d.autoRemove()).add("duration", d.duration()).add("timestamp", timestamp);
        if (d.userId() != null) b.add("userId", d.userId());
        if (d.actionUrl() != null) b.add("actionUrl", d.actionUrl());
        if (d.actionLabel() != null) b.add("actionLabel", d.actionLabel());
        return b.build().toString();
    }

    private static Notification decode(String id, String text) {
        JsonObject o;
        try (var reader = JSON.createReader(new StringReader(text))) {
            o = reader.readObject();
        }
        var draft = new NotificationDraft(o.getString("title"), o.getString("message"),
                NotificationType.fromWire(o.getString("type")).orElseThrow(), o.getString("userId", null),
                o.getString("actionUrl", null), o.getString("actionLabel", null), o.getBoolean("autoRemove"),
                o.getJsonNumber("duration").longValue());
        return new Notification(id, o.getJsonNumber("timestamp").longValue(), draft);
    }
}
