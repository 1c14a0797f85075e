package dev.herald.chat;

import dev.herald.boot.ShippedDefaults;
import dev.herald.http.JsonOut;
import dev.herald.http.ProblemException;
import dev.herald.hub.EventDraft;
import dev.herald.security.identity.Identity;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.function.Executable;

import java.io.StringReader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A chat service on a memory store, with a clock the test moves and an outbox that records. */
final class ChatTestSupport {
    private ChatTestSupport() {
    }

    static Identity user(String name) {
        return new Identity(name.toLowerCase(), name, Set.of(Identity.USER));
    }

    static JsonObject json(String text) {
        try (var r = Json.createReader(new StringReader(text))) {
            return r.readObject();
        }
    }

    static JsonObject text(String content) {
        return Json.createObjectBuilder().add("content", content).build();
    }

    static JsonObject text(String content, String clientId) {
        return Json.createObjectBuilder().add("content", content).add("clientId", clientId).build();
    }

    static ProblemException problem(int status, Executable call) {
        ProblemException e = assertThrows(ProblemException.class, call);
        assertEquals(status, e.problem().status(), e.problem().detail());
        return e;
    }

    static final class MutableClock extends Clock {
        private long millis = 1_800_000_000_000L;

        void advance(Duration d) {
            millis += d.toMillis();
        }

        @Override
        public long millis() {
            return millis;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    static final class RecordingOutbox implements ChatOutbox {
        final List<EventDraft> published = new ArrayList<>();
        final List<String> system = new ArrayList<>();

        @Override
        public synchronized void publish(EventDraft draft) {
            published.add(draft);
        }

        @Override
        public String lastEventId() {
            return "e:" + published.size();
        }

        synchronized List<EventDraft> ofType(String type) {
            return published.stream().filter(d -> d.type().equals(type)).toList();
        }

        synchronized void clear() {
            published.clear();
        }
    }

    /** A fresh service: general and random, 10 messages per 5 s, typing ends after 5 s. */
    static final class Fixture {
        final MutableClock clock = new MutableClock();
        final RecordingOutbox outbox = new RecordingOutbox();
        final MemoryChatStore store;
        final ChatApi chat;

        Fixture() {
            this(ChatSettings.from(ShippedDefaults.config()));
        }

        Fixture(ChatSettings settings) {
            store = new MemoryChatStore(settings.historyLimit());
            chat = new ChatApi(Chat.build(store, outbox, (kind, severity, message, details) -> outbox.system.add(kind + ":" + message + details),
                    settings, clock));
        }
    }

    /**
     * What {@link ChatResource} does, without HTTP: a body is read into chat's input record,
     * the part of {@link Chat} that holds the rule is asked, and its answer is written by
     * {@link dev.herald.http.JsonOut} and read back, so what a test asserts on is the JSON a client gets.
     */
    record ChatApi(Chat parts) {
        List<JsonObject> rooms(Identity who) {
            return parts.rooms().rooms(who).stream().map(ChatApi::wire).toList();
        }

        JsonObject roomsList(String userId) {
            return wire(parts.rooms().roomsList(userId));
        }

        JsonObject createRoom(Identity who, JsonObject body) {
            return wire(parts.rooms().createRoom(who, NewRoom.from(body)));
        }

        JsonObject join(Identity who, String roomId, Optional<String> userId) {
            return wire(parts.rooms().join(who, roomId, userId));
        }

        JsonObject leave(Identity who, String roomId) {
            return wire(parts.rooms().leave(who, roomId));
        }

        HistoryPage history(Identity who, String roomId, String before, Integer limit) {
            return parts.messages().history(who, roomId, before, limit);
        }

        Appended post(Identity who, String roomId, JsonObject body) {
            return parts.messages().post(who, roomId, MessageInput.from(body));
        }

        void typing(Identity who, String roomId, boolean typing) {
            parts.activity().typing(who, roomId, typing);
        }

        /** The schedule's call: typing expiry is part of chat's housekeeping. */
        void expireTyping() {
            parts.sweep();
        }

        JsonObject read(Identity who, String roomId, JsonObject body) {
            return wire(parts.reads().read(who, roomId, MarkRead.from(body)));
        }

        JsonObject presence(Identity who, String roomId) {
            return wire(parts.activity().presence(who, roomId));
        }

        void streamOpened(String roomId, String userId) {
            parts.activity().streamOpened(roomId, userId);
        }

        void streamClosed(String roomId, String userId) {
            parts.activity().streamClosed(roomId, userId);
        }

        void checkTopic(String topic, Identity who) {
            parts.access().checkTopic(topic, who);
        }

        private static JsonObject wire(Object answer) {
            return json(JsonOut.of(answer));
        }
    }
}
