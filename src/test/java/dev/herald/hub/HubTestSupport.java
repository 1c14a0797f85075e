package dev.herald.hub;

import dev.herald.broker.MemoryBroker;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.fail;

/** Fakes and waiting helpers shared by the hub tests. */
final class HubTestSupport {
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    static final RetentionPolicy GENEROUS = new RetentionPolicy(100_000, Duration.ofHours(1), false);

    private HubTestSupport() {
    }

    static EventHub newHub(HubSettings settings, RetentionPolicy retention) {
        return new EventHub(new MemoryBroker(RetentionRules.uniform(retention), Clock.systemUTC()), settings);
    }

    static EventHub newHub(HubSettings settings) {
        return newHub(settings, GENEROUS);
    }

    static SubscribeRequest topics(String... topics) {
        return new SubscribeRequest(Arrays.asList(topics), null, null, false);
    }

    static SubscribeRequest resume(String lastEventId, String... topics) {
        return new SubscribeRequest(Arrays.asList(topics), null, lastEventId, false);
    }

    static SubscribeRequest asUser(String userId, String lastEventId, String... topics) {
        return new SubscribeRequest(Arrays.asList(topics), userId, lastEventId, false);
    }

    static EventDraft message(String topic, int n) {
        return EventDraft.of(topic, "message", "{\"n\":" + n + "}");
    }

    static List<EventId> ids(List<Event> events) {
        return events.stream().map(Event::id).toList();
    }

    /** Polls until the condition holds; fails with the description (computed then) after {@link #TIMEOUT}. */
    static void await(Supplier<String> what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) fail("timed out waiting: " + what.get());
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted waiting: " + what.get());
            }
        }
    }

    /**
     * An {@link Outlet} that records what it is sent. It can be made to stall (every
     * write stays pending forever, like a client that stopped reading) or to fail.
     */
    static final class RecordingOutlet implements Outlet {
        record Sent(Frame frame, long nanos) {
        }

        private final List<Sent> sent = new ArrayList<>();
        private final Predicate<Frame> fails;
        private final boolean stalls;
        private final boolean throwsInstead;
        private final boolean completesLater;
        private final AtomicInteger closes = new AtomicInteger();
        private final AtomicInteger writes = new AtomicInteger();

        private RecordingOutlet(Predicate<Frame> fails, boolean stalls, boolean throwsInstead, boolean completesLater) {
            this.fails = fails;
            this.stalls = stalls;
            this.throwsInstead = throwsInstead;
            this.completesLater = completesLater;
        }

        private RecordingOutlet(Predicate<Frame> fails, boolean stalls, boolean throwsInstead) {
            this(fails, stalls, throwsInstead, false);
        }

        RecordingOutlet() {
            this(frame -> false, false, false);
        }

        /** Completes every write a millisecond later on another thread, as a socket that is briefly full does. */
        static RecordingOutlet completingLater() {
            return new RecordingOutlet(frame -> false, false, false, true);
        }

        /** Never completes a write: the client has stopped reading. */
        static RecordingOutlet stalled() {
            return new RecordingOutlet(frame -> false, true, false);
        }

        /** Completes matching writes exceptionally, as a broken pipe would. */
        static RecordingOutlet failingOn(Predicate<Frame> which) {
            return new RecordingOutlet(which, false, false);
        }

        /** Throws from send for matching frames instead of returning a failed stage. */
        static RecordingOutlet throwingOn(Predicate<Frame> which) {
            return new RecordingOutlet(which, false, true);
        }

        @Override
        public CompletionStage<?> send(Frame frame) {
            return write(List.of(frame));
        }

        /** One write for all of them, as the servlet outlet makes. */
        @Override
        public CompletionStage<?> sendAll(List<Frame> frames) {
            return write(frames);
        }

        private CompletionStage<?> write(List<Frame> frames) {
            writes.incrementAndGet();
            synchronized (sent) {
                for (Frame frame : frames) sent.add(new Sent(frame, System.nanoTime()));
            }
            if (frames.stream().anyMatch(fails)) {
                if (throwsInstead) throw new IllegalStateException("connection reset");
                return CompletableFuture.failedFuture(new IOException("broken pipe"));
            }
            if (completesLater) return CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(1, TimeUnit.MILLISECONDS));
            return stalls ? new CompletableFuture<>() : CompletableFuture.completedFuture(null);
        }

        /** How many writes the frames took. */
        int writes() {
            return writes.get();
        }

        @Override
        public void close() {
            closes.incrementAndGet();
        }

        int closes() {
            return closes.get();
        }

        List<Sent> sent() {
            synchronized (sent) {
                return List.copyOf(sent);
            }
        }

        List<Frame> frames() {
            return sent().stream().map(Sent::frame).toList();
        }

        /** The events written, replayed or live, in the order written. */
        List<Event> events() {
            return frames().stream().filter(Frame.Live.class::isInstance).map(f -> ((Frame.Live) f).event()).toList();
        }

        List<EventId> eventIds() {
            return ids(events());
        }

        void awaitFrames(int count) {
            await(() -> "expected " + count + " frames, got " + frames(), () -> frames().size() >= count);
        }

        void awaitEvents(int count) {
            await(() -> "expected " + count + " events, got " + eventIds(), () -> events().size() >= count);
        }

        /** Waits for the event with this id, which by hub order means all before it have been written too. */
        void awaitEvent(EventId id) {
            await(() -> "expected " + id + ", got " + eventIds(), () -> eventIds().contains(id));
        }

        void awaitClosed() {
            await(() -> "outlet was never closed", () -> closes() > 0);
        }
    }
}
