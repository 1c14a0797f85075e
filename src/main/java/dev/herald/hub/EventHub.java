package dev.herald.hub;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The hub: takes events in through its {@link Broker}, fans them out to the
 * subscriptions of their topic, and opens streams with snapshot, replay and live
 * events in that order. No JAX-RS here; the SSE layer plugs in through {@link Outlet}.
 */
public final class EventHub implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(EventHub.class.getName());
    /** How long the broker goes on following a topic after its last stream here ended. */
    static final Duration UNFOLLOW_LINGER = Duration.ofSeconds(2);

    private final Broker broker;
    private final HubSettings settings;
    private final HubStats stats = new HubStats();
    private final AcceptClock accepts = new AcceptClock();
    private final Set<Subscription> all = ConcurrentHashMap.newKeySet();
    private final Map<String, SnapshotProvider> snapshots = new ConcurrentHashMap<>();
    private final List<SubscriptionListener> listeners = new CopyOnWriteArrayList<>();
    private final Set<String> volatileTypes = ConcurrentHashMap.newKeySet();
    private final AtomicLong ids = new AtomicLong();
    private final FanOutShards fanOut;
    private final WriterPool writers;
    /** Closing a sink can block behind a stuck write; never do it on a writer or the dispatcher. */
    private final ExecutorService closers;
    private final HeartbeatScheduler heartbeats;
    /** The topics this node's streams hold: the broker reads those, and only those. */
    private final TopicInterest interest;
    /** Where spans go: nowhere until {@link #trace} installs an implementation. */
    private volatile Tracing tracing = Tracing.OFF;
    /** What each stream reports: the hub's books, kept here rather than behind a call back into the hub. */
    private final Subscription.Keeper keeper = new Subscription.Keeper() {
        @Override
        public void written(Frame frame, Outlet outlet, long writtenNanos) {
            if (frame instanceof Frame.Live live) {
                long accepted = acceptedNanos(live);
                stats.countDelivered(outlet.transport(), accepted == 0 ? -1 : Math.max(0, writtenNanos - accepted));
            }
        }

        @Override
        public Tracing.Span writing(long streamId, List<Frame> batch, Outlet outlet) {
            Tracing t = tracing;
            if (t == Tracing.OFF) return null;
            Tracing.Span parent = null;
            List<Tracing.Span> linked = List.of();
            for (Frame frame : batch) {
                if (!(frame instanceof Frame.Live live) || live.fanOut() == null || live.fanOut() == parent) continue;
                if (parent == null) {
                    parent = live.fanOut();
                } else {
                    if (linked.isEmpty()) linked = new ArrayList<>(2);
                    linked.add(live.fanOut());
                }
            }
            return parent == null ? null : t.write(parent, linked, outlet.transport(), streamId);
        }

        @Override
        public long acceptedNanos(Frame.Live live) {
            return live.acceptedNanos(accepts::acceptedNanos);
        }

        @Override
        public void closed(Subscription sub, DisconnectReason reason, Outlet outlet) {
            unregister(sub, reason, outlet);
        }
    };

    public EventHub(Broker broker, HubSettings settings) {
        this(broker, settings, UNFOLLOW_LINGER);
    }

    /** A hub whose broker goes on following a topic for {@code unfollowLinger} after its last stream here ended. */
    public EventHub(Broker broker, HubSettings settings, Duration unfollowLinger) {
        this.broker = broker;
        this.settings = settings;
        this.volatileTypes.addAll(settings.volatileTypes());
        this.fanOut = new FanOutShards(settings.writerThreads(), DaemonThreads.numbered("herald-fanout"));
        this.writers = new WriterPool("herald-writer");
        this.closers = Executors.newCachedThreadPool(DaemonThreads.numbered("herald-closer"));
        this.heartbeats = new HeartbeatScheduler(() -> all, settings.heartbeat());
        this.interest = new TopicInterest(broker, unfollowLinger);
        broker.subscribe(new BrokerListener() {
            @Override
            public void event(Event event) {
                dispatch(event, null);
            }

            @Override
            public void event(Event event, String traceparent) {
                dispatch(event, traceparent);
            }

            @Override
            public void historyLost() {
                disconnectAll(DisconnectReason.HISTORY_LOST);
            }
        });
    }

    public HubSettings settings() {
        return settings;
    }

    public HubStats stats() {
        return stats;
    }

    public boolean isReady() {
        return broker.isReady();
    }

    /**
     * Where the hub stands: the newest event accepted so far in each order (empty before the
     * first). A REST snapshot says how current it is with this, and a stream opened from it
     * replays what came after.
     */
    public Cursor lastId() {
        return broker.lastIds();
    }

    /**
     * Sends the hub's spans (fan-out, writes) to {@code tracing}, for events published from now
     * on under a sampled span; {@link Tracing#OFF} stops it.
     */
    public void trace(Tracing tracing) {
        this.tracing = java.util.Objects.requireNonNull(tracing);
    }

    /** Accepts an event: when this returns, it has an id and is retained (unless volatile). */
    public Event publish(EventDraft draft) {
        // Accepted now: a delivery's latency counts the broker's write (journal, Redis) too.
        long accepted = System.nanoTime();
        Event event = broker.publish(marked(draft, traceparent()));
        accepts.accepted(event.id(), accepted);
        stats.countPublished(1);
        return event;
    }

    /**
     * Accepts several events at once, all or none ({@link Broker#publishAll}): when this returns,
     * each has its id, ascending in the order given, and is retained (unless volatile).
     */
    public List<Event> publishAll(List<EventDraft> drafts) {
        List<EventDraft> marked = new ArrayList<>(drafts.size());
        String traceparent = traceparent();
        for (EventDraft draft : drafts) marked.add(marked(draft, traceparent));
        long accepted = System.nanoTime();
        List<Event> events = broker.publishAll(marked);
        for (Event event : events) accepts.accepted(event.id(), accepted);
        stats.countPublished(events.size());
        return events;
    }

    /**
     * A volatile type (a family's {@code volatileTypes()}, or {@code herald.volatile.types}) makes
     * the event volatile; a traced publish's {@code traceparent} goes with it through the broker.
     */
    private EventDraft marked(EventDraft draft, String traceparent) {
        EventDraft marked = volatileTypes.contains(draft.type()) ? draft.volatileEvent() : draft;
        return traceparent == null ? marked : marked.traced(traceparent);
    }

    /** The publishing thread's sampled span, or null; only asked while tracing is on. */
    private String traceparent() {
        Tracing t = tracing;
        return t == Tracing.OFF ? null : t.traceparent();
    }

    /**
     * The broker's thread: hands the event to the fan-out shards, never writes or encodes. One
     * frame for all, encoded once; for a traced event, with the span of its fan-out.
     */
    private void dispatch(Event event, String traceparent) {
        stats.countRead();
        Tracing t = tracing;
        Tracing.Span span = traceparent == null || t == Tracing.OFF ? null : t.fanOut(traceparent, event);
        fanOut.fanOut(event.topic(), new Frame.Live(event, true, span));
    }

    /**
     * Opens a stream: registers it for live events first, then reads the replay,
     * so nothing published in between can fall through the seam.
     */
    public Subscription subscribe(SubscribeRequest request, Outlet outlet) {
        // First of all: from here on every event of its topics reaches this node, so what the
        // registration below misses, the replay after it has (and the seam drops what both have).
        // Each topic once, as the stream's end releases them (Subscription.topics(), a set).
        var topics = new LinkedHashSet<>(request.topics());
        interest.hold(topics);
        Subscription sub;
        try {
            sub = new Subscription(ids.incrementAndGet(), request, outlet, keeper, writers, settings.queueCapacity());
        } catch (RuntimeException e) {
            interest.release(topics);
            throw e;
        }
        all.add(sub);
        fanOut.add(sub);
        stats.countOpened();
        // Read after registering: every event up to here (hub-wide, not only what this node
        // read) was published before this stream existed, even if the dispatch thread has yet
        // to hand it to the stream.
        Cursor startedAfter = broker.lastIds();
        sub.open(settings.retryMillis());

        var opening = new ArrayList<Frame>();
        // Where the replay starts, in each order: the client's position, or for an order it
        // cannot resume (or a stream without an id) the hub's newest when the stream opened.
        Resumed resumed = new Resumed(List.of(), startedAfter);
        if (request.lastEventId() != null) {
            Optional<Cursor> after = Cursor.parse(request.lastEventId());
            Replay replay = after
                    .map(cursor -> broker.readAfter(sub.topics(), cursor))
                    .orElseGet(() -> new Replay.Gap("malformed", null));
            Replay.Gap gap = replay instanceof Replay.Gap g ? g : replay instanceof Replay.Partial p ? p.gap() : null;
            if (gap != null) {
                stats.countReset();
                opening.add(new Frame.Reset(gap.reason(), gap.earliestId()));
            }
            resumed = resumed(replay, after.orElse(null), startedAfter, sub.userId());
            stats.countReplayed(resumed.events().size());
        } else if (request.admittedAfter() != null && request.admittedAfter().isBehind(startedAfter)) {
            // Published while the stream opened: its client may have seen the response already and
            // published. No reset if that history is gone: the client asked for no replay.
            resumed = resumed(broker.readAfter(sub.topics(), request.admittedAfter()), request.admittedAfter(), startedAfter,
                    sub.userId());
        }
        for (String topic : request.topics()) {
            providerFor(topic).ifPresent(p -> opening.addAll(p.snapshot(topic, sub.userId())));
        }
        // Several orders: each event goes out with the stream's cursor, which starts where the replay does.
        sub.finishReplay(opening, resumed.events(), resumed.from(), startedAfter.ids().size() > 1);
        for (SubscriptionListener l : listeners) notify(() -> l.opened(sub));
        return sub;
    }

    /** What a replay gives a stream: the events its user may see, and where it starts in each order. */
    private record Resumed(List<Event> events, Cursor from) {
    }

    /**
     * {@code replay}, read after {@code after}: every order it replays starts at the position read
     * from, every other one (a gap, or no replay at all) at the hub's newest when the stream opened.
     */
    private static Resumed resumed(Replay replay, Cursor after, Cursor startedAfter, String userId) {
        if (replay instanceof Replay.Events events) {
            return new Resumed(visible(events.events(), userId), startedAfter.at(known(after, startedAfter)));
        }
        if (replay instanceof Replay.Partial partial) {
            return new Resumed(visible(partial.events(), userId), startedAfter.at(known(partial.from(), startedAfter)));
        }
        return new Resumed(List.of(), startedAfter);
    }

    private static List<Event> visible(List<Event> events, String userId) {
        return events.stream().filter(e -> e.visibleTo(userId)).toList();
    }

    /**
     * The positions of {@code cursor} in the orders the hub has now: an order that is gone (a
     * removed shard, a lost history) would only make the stream's cursor longer.
     */
    private static Cursor known(Cursor cursor, Cursor now) {
        if (now.isEmpty()) return cursor;
        var kept = new ArrayList<EventId>(cursor.ids().size());
        for (EventId id : cursor.ids()) if (now.in(id.epoch()) != null) kept.add(id);
        return new Cursor(kept);
    }

    /** Registers the snapshot of a topic, or of every topic under a prefix ending in '/'. */
    public void registerSnapshot(String topicOrPrefix, SnapshotProvider provider) {
        snapshots.put(topicOrPrefix, provider);
    }

    /** Event types, on any topic, fanned out but never retained: the configured ones and these. */
    public void registerVolatileTypes(Collection<String> types) {
        volatileTypes.addAll(types);
    }

    private Optional<SnapshotProvider> providerFor(String topic) {
        SnapshotProvider exact = snapshots.get(topic);
        if (exact != null) return Optional.of(exact);
        int slash = topic.indexOf('/');
        return slash < 0 ? Optional.empty() : Optional.ofNullable(snapshots.get(topic.substring(0, slash + 1)));
    }

    public void addListener(SubscriptionListener listener) {
        listeners.add(listener);
    }

    public Collection<Subscription> subscriptions() {
        return List.copyOf(all);
    }

    /** Every open stream's backlog now, the furthest behind first (oldest queued event, then queue length). */
    public List<StreamLag> lags() {
        long now = System.nanoTime();
        var lags = new ArrayList<StreamLag>(all.size());
        for (Subscription s : all) lags.add(s.lag(now));
        lags.sort(java.util.Comparator.comparingLong(StreamLag::oldestNanos).thenComparingInt(StreamLag::queued).reversed());
        return lags;
    }

    public int connectionCount() {
        return all.size();
    }

    /** Drops every open stream of this node; clients resume by id. */
    public int disconnectAll(DisconnectReason reason) {
        int n = 0;
        for (Subscription s : List.copyOf(all)) {
            if (s.isOpen()) {
                s.close(reason);
                n++;
            }
        }
        return n;
    }

    /**
     * A user lost access to a topic: every stream of theirs carrying it ends with
     * {@code event: revoked} and nothing queued for it is written. Reconnecting goes
     * through the topic's guard again, so replay is re-authorized too.
     *
     * @return how many streams were ended
     */
    public int revoke(String userId, String topic) {
        if (userId == null) return 0;
        String data = revokedData(topic);
        int n = 0;
        for (Subscription s : fanOut.subscribersOf(topic)) {
            if (userId.equals(s.userId()) && s.end(DisconnectReason.REVOKED, data)) n++;
        }
        return n;
    }

    /** The data of the {@code revoked} event that ends a stream: {@code {"reason":"revoked","topic":…}}. */
    public static String revokedData(String topic) {
        return Envelope.quote(new StringBuilder("{\"reason\":\"revoked\",\"topic\":"), topic).append('}').toString();
    }

    private void unregister(Subscription sub, DisconnectReason reason, Outlet outlet) {
        all.remove(sub);
        fanOut.remove(sub);
        interest.release(sub.topics());
        stats.disconnected(reason);
        if (reason == DisconnectReason.SLOW_CONSUMER) {
            LOG.warning(() -> sub + " disconnected: its queue of " + settings.queueCapacity() + " events overflowed");
        }
        try {
            closers.execute(outlet::close);
        } catch (RuntimeException rejected) {
            outlet.close();
        }
        for (SubscriptionListener l : listeners) notify(() -> l.closed(sub, reason));
    }

    private static void notify(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "subscription listener failed", e);
        }
    }

    @Override
    public void close() {
        heartbeats.close();
        disconnectAll(DisconnectReason.SHUTDOWN);
        interest.close();
        broker.close();
        fanOut.close();
        writers.close();
        closers.shutdown();
    }
}
