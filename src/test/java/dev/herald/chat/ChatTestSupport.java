package dev.herald.chat;

import dev.herald.boot.ShippedDefaults;
import dev.herald.http.ProblemException;
import dev.herald.hub.EventDraft;
import dev.herald.security.Identity;
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
        final ChatService chat;

        Fixture() {
            this(ChatSettings.from(ShippedDefaults.config()));
        }

        Fixture(ChatSettings settings) {
            store = new MemoryChatStore(settings.historyLimit());
            chat = new ChatService(store, outbox, (kind, severity, message, details) -> outbox.system.add(kind + ":" + message + details),
                    settings, clock);
        }
    }
}
