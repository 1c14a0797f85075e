package dev.herald.chat;

import dev.herald.http.Fields;
import dev.herald.http.ProblemException;
import dev.herald.security.Identity;
import dev.herald.security.UserIds;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.text.Normalizer;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

import static dev.herald.http.Jsonp.JSON;

/**
 * The rules of chat: who may see, read, post in, type in and join which room;
 * what a message may be; how fast one may post. Every call takes the signed-in
 * user and refuses with a problem (404 unknown room, 403 private room of others,
 * 400 bad input, 429 too fast) before it changes or publishes anything.
 */
public final class ChatService {
    private static final Logger LOG = Logger.getLogger(ChatService.class.getName());
    public static final int DEFAULT_PAGE = 50;
    public static final int MAX_PAGE = 200;
    private static final int MAX_MEMBERS = 100;

    private final ChatStore store;
    private final ChatOutbox outbox;
    private final SystemLog systemLog;
    private final Clock clock;
    private final Presence presence;
    private final TypingTracker typing;
    private final MessageRate rate;
    private final ChatFanout fanout;
    private final ChatSettings settings;
    /** Storing a message and publishing it happen under the room's lock, so stream order is id order. */
    private final Map<String, Object> roomLocks = new ConcurrentHashMap<>();
    private volatile boolean defaultRoomsReady;
    private boolean defaultRoomsDelayed;

    /** Chat on one node: presence and message rate in memory. */
    public ChatService(ChatStore store, ChatOutbox outbox, SystemLog systemLog, ChatSettings settings, Clock clock) {
        this(store, new MemoryPresence(), new MemoryMessageRate(settings.rateMessages(), settings.rateWindow()), outbox,
                systemLog, settings, clock);
    }

    /** @param rate how fast a user may post: this node's count, or the cluster's */
    public ChatService(ChatStore store, Presence presence, MessageRate rate, ChatOutbox outbox, SystemLog systemLog,
                       ChatSettings settings, Clock clock) {
        this.store = store;
        this.presence = presence;
        this.outbox = outbox;
        this.systemLog = systemLog;
        this.clock = clock;
        this.settings = settings;
        this.typing = new TypingTracker(settings.typingTimeout());
        this.rate = rate;
        this.fanout = new ChatFanout(store, presence, outbox);
        ensureDefaultRooms();
    }

    /**
     * Creates the configured public rooms where missing. A shared store may be unreachable
     * at start; {@link #expireTyping}'s schedule then tries again until it succeeds.
     */
    private void ensureDefaultRooms() {
        try {
            for (String name : settings.defaultRooms()) store.ensureRoom(slug(name), name, clock.millis());
            defaultRoomsReady = true;
        } catch (RuntimeException e) {
            if (!defaultRoomsDelayed) LOG.warning(() -> "default rooms not created yet, retrying: " + e.getMessage());
            defaultRoomsDelayed = true;
        }
    }

    public ChatSettings settings() {
        return settings;
    }

    // --- rooms ---------------------------------------------------------------

    public List<JsonObject> rooms(Identity who) {
        remember(who);
        return fanout.visibleRooms(who.id()).stream().map(r -> fanout.view(r, who.id())).toList();
    }

    public JsonObject roomsList(String userId) {
        return fanout.roomsList(userId);
    }

    public JsonObject createRoom(Identity who, JsonObject body) {
        remember(who);
        String name = Fields.text(body, "name", 1, 80);
        if (name.codePoints().anyMatch(Character::isISOControl)) throw ProblemException.invalid("name", "must not contain control characters");
        boolean isPrivate = Fields.optionalBoolean(body, "private").orElse(false);
        Set<String> members = memberIds(body.get("members"));
        Room room = store.createRoom(slug(name), name, isPrivate, who.id(), members, clock.millis());
        // A private room's name is its members' business: the public events topic only learns one was made.
        systemLog.record("room_created", "info",
                isPrivate ? who.name() + " created a private room" : who.name() + " created #" + room.name(),
                isPrivate ? Map.of("private", "true") : Map.of("roomId", room.id(), "private", "false"));
        fanout.roomUpdated(room);
        return fanout.view(room, who.id());
    }

    /** Joins the caller, or with {@code userId} adds somebody else (the room's creator only). */
    public JsonObject join(Identity who, String roomId, Optional<String> userId) {
        remember(who);
        Room room = visibleRoom(who, roomId);
        String target = userId.map(UserIds::fromName).orElse(who.id());
        if (!target.equals(who.id()) && !who.id().equals(room.createdBy())) {
            throw ProblemException.forbidden("only the room's creator may add members");
        }
        Optional<Room> changed = store.addMember(roomId, target);
        if (changed.isPresent()) {
            room = changed.get();
            String name = store.username(target).orElse(target);
            fanout.membership(room, target, name, true);
            postSystem(room, target, name, name + " joined");
            fanout.roomUpdated(room);
        }
        return fanout.view(room, who.id());
    }

    public JsonObject leave(Identity who, String roomId) {
        remember(who);
        Room room = visibleRoom(who, roomId);
        Optional<Room> changed = store.removeMember(roomId, who.id());
        if (changed.isPresent()) {
            room = changed.get();
            stopTyping(roomId, who.id());
            fanout.membership(room, who.id(), who.name(), false);
            postSystem(room, who.id(), who.name(), who.name() + " left");
            fanout.roomUpdated(room);
            if (room.isPrivate()) {
                fanout.roomRemoved(roomId, who.id());
                outbox.revoke(who.id(), ChatTopics.of(roomId));
            }
        }
        return fanout.view(room, who.id());
    }

    // --- messages ------------------------------------------------------------

    public HistoryPage history(Identity who, String roomId, String before, Integer limit) {
        visibleRoom(who, roomId);
        int size = limit == null ? DEFAULT_PAGE : limit;
        if (size < 1 || size > MAX_PAGE) throw ProblemException.invalid("limit", "must be between 1 and " + MAX_PAGE);
        Long beforeId = before == null || before.isEmpty() ? null : messageId("before", before);
        return store.history(roomId, beforeId, size);
    }

    public Appended post(Identity who, String roomId, JsonObject body) {
        remember(who);
        Room room = visibleRoom(who, roomId);
        MessageInput input = MessageInput.from(body);
        if (input.clientId() != null) {
            Optional<Message> first = store.byClientId(roomId, who.id(), input.clientId());
            if (first.isPresent()) return new Appended(first.get(), true);
        }
        long now = clock.millis();
        long waitMillis = rate.tryAcquire(who.id(), now);
        if (waitMillis > 0) {
            throw ProblemException.tooManyRequests("at most " + settings.rateMessages() + " messages per "
                    + settings.rateWindow().toSeconds() + " s", (waitMillis + 999) / 1000);
        }
        var draft = new MessageDraft(roomId, who.id(), who.name(), input.content(), input.type(), input.metadata(), input.clientId());
        Appended appended = appendAndPublish(draft, now);
        if (!appended.duplicate()) {
            // Writing a message means having read the room up to it.
            store.markRead(roomId, who.id(), appended.message().id());
            stopTyping(roomId, who.id());
            fanout.roomUpdated(room);
        }
        return appended;
    }

    private Appended appendAndPublish(MessageDraft draft, long now) {
        synchronized (roomLocks.computeIfAbsent(draft.roomId(), r -> new Object())) {
            Appended appended = store.append(draft, now);
            if (!appended.duplicate()) fanout.message(appended.message());
            return appended;
        }
    }

    private void postSystem(Room room, String userId, String username, String text) {
        appendAndPublish(new MessageDraft(room.id(), userId, username, text, MessageType.SYSTEM, null, null), clock.millis());
    }

    // --- typing, read markers, presence -------------------------------------

    public void typing(Identity who, String roomId, boolean isTyping) {
        remember(who);
        visibleRoom(who, roomId);
        if (!isTyping) {
            stopTyping(roomId, who.id());
            return;
        }
        var typist = new Typist(roomId, who.id(), who.name());
        if (typing.start(typist, clock.millis())) fanout.typing(typist, true);
    }

    private void stopTyping(String roomId, String userId) {
        Typist was = typing.stop(roomId, userId);
        if (was != null) fanout.typing(was, false);
    }

    /** Ends typing states nobody refreshed in time; called on a schedule. */
    public void expireTyping() {
        if (!defaultRoomsReady) ensureDefaultRooms();
        long now = clock.millis();
        for (Typist t : typing.expire(now)) fanout.typing(t, false);
        rate.prune(now);
    }

    /** Keeps this node's presence entries alive in a shared view; called on a schedule. */
    public void refreshPresence() {
        presence.refresh();
    }

    public JsonObject read(Identity who, String roomId, JsonObject body) {
        remember(who);
        Room room = visibleRoom(who, roomId);
        JsonValue raw = body.get("lastReadId");
        String text = raw instanceof JsonString s ? s.getString() : raw instanceof JsonNumber n ? n.toString() : null;
        if (text == null) throw ProblemException.invalid("lastReadId", "is required: the id of the newest message read");
        long id = messageId("lastReadId", text);
        long newest = store.latest(roomId).map(Message::id).orElse(0L);
        if (id > newest) throw ProblemException.invalid("lastReadId", "no such message in this room");
        long marker = store.markRead(roomId, who.id(), id);
        fanout.roomUpdated(room, who.id());
        return JSON.createObjectBuilder()
                .add("roomId", roomId)
                .add("lastReadId", Long.toString(marker))
                .add("unreadCount", room.hasMember(who.id()) ? store.unreadCount(roomId, who.id()) : 0)
                .build();
    }

    public JsonObject presence(Identity who, String roomId) {
        visibleRoom(who, roomId);
        // Read the position first: anything after it is newer than this snapshot or already in it, never missed.
        String lastEventId = outbox.lastEventId();
        var online = JSON.createArrayBuilder();
        presence.online(roomId).stream().sorted().forEach(userId -> online.add(JSON.createObjectBuilder()
                .add("userId", userId).add("username", store.username(userId).orElse(userId))));
        JsonArray users = online.build();
        var b = JSON.createObjectBuilder().add("roomId", roomId).add("online", users).add("count", users.size());
        if (lastEventId == null) b.add("lastEventId", JsonValue.NULL);
        else b.add("lastEventId", lastEventId);
        return b.build();
    }

    /** A stream subscribed to a room: the user may have come online there. */
    public void streamOpened(String roomId, String userId) {
        if (presence.opened(roomId, userId)) store.room(roomId).ifPresent(fanout::roomUpdated);
    }

    public void streamClosed(String roomId, String userId) {
        if (presence.closed(roomId, userId)) {
            stopTyping(roomId, userId);
            store.room(roomId).ifPresent(fanout::roomUpdated);
        }
    }

    // --- access --------------------------------------------------------------

    /** The topic guard of {@code rooms} and {@code chat/…}: signed-in users, members only for private rooms. */
    public void checkTopic(String topic, Identity who) {
        if (who == null) throw ProblemException.unauthorized("chat topics need a signed-in user");
        if (!who.isUser()) throw ProblemException.forbidden("chat topics need a signed-in user");
        remember(who);
        if (topic.equals(ChatTopics.ROOMS)) return;
        String roomId = ChatTopics.roomOf(topic).orElseThrow(() -> ProblemException.notFound("no room '" + topic + "'"));
        visibleRoom(who, roomId);
    }

    /** The room when it exists and the user may see it: 404 for no such room, 403 for another's private room. */
    Room visibleRoom(Identity who, String roomId) {
        if (!ChatTopics.isRoomId(roomId)) throw ProblemException.notFound("no such room");
        Room room = store.room(roomId).orElseThrow(() -> ProblemException.notFound("no room '" + roomId + "'"));
        if (!room.visibleTo(who.id())) throw ProblemException.forbidden("this private room is for its members only");
        return room;
    }

    private void remember(Identity who) {
        store.rememberUser(who.id(), who.name());
    }

    private static long messageId(String field, String text) {
        if (text.length() > 19 || !text.chars().allMatch(Character::isDigit) || text.isEmpty()) {
            throw ProblemException.invalid(field, "is not a message id");
        }
        return Long.parseLong(text);
    }

    private static Set<String> memberIds(JsonValue raw) {
        if (raw == null || raw == JsonValue.NULL) return Set.of();
        if (raw.getValueType() != JsonValue.ValueType.ARRAY) throw ProblemException.invalid("members", "must be an array of user ids");
        JsonArray list = raw.asJsonArray();
        if (list.size() > MAX_MEMBERS) throw ProblemException.invalid("members", "at most " + MAX_MEMBERS);
        var ids = new LinkedHashSet<String>();
        for (JsonValue v : list) {
            if (!(v instanceof JsonString s) || s.getString().isBlank() || s.getString().length() > 40) {
                throw ProblemException.invalid("members", "each member is a user id or name of 1-40 characters");
            }
            ids.add(UserIds.fromName(s.getString().strip()));
        }
        return ids;
    }

    /** A room id from its name: "Design Team!" → "design-team". */
    static String slug(String name) {
        String s = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        if (s.length() > 48) s = s.substring(0, 48).replaceAll("-+$", "");
        return s.isEmpty() ? "room" : s;
    }
}
