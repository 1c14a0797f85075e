package dev.herald.hub;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One open stream. It owns a bounded queue of live frames, filled by a fan-out
 * thread (see {@link FanOutShards}) and drained onto its {@link Outlet} by the shared
 * {@link WriterPool}, a virtual thread per write, so a write stuck on a client that
 * stopped reading never delays anybody else.
 *
 * <p>The replay seam: the subscription is registered for live events before the
 * broker is asked for the replay. Live events that arrive meanwhile are held aside
 * and, once the replay is queued, only those newer than the seam (the last event
 * replayed, or the client's id, or the hub's newest when the stream opened) are
 * kept, so every event is written exactly once and in order.
 */
public final class Subscription {
    /** Frames written in one go before the writer thread moves on to other streams. */
    private static final int WRITE_BATCH = 256;
    /**
     * Queued frames joined into one write: a stream that fell behind catches up in a few
     * large writes instead of one container call and one send per frame.
     */
    private static final int COALESCE = 64;

    private final long id;
    private final Set<String> topics;
    private final String userId;
    private final boolean heartbeatAsEvent;
    private final Outlet outlet;
    private final Keeper keeper;
    private final WriterPool writers;

    /** Live frames: bounded, overflow means the client is too slow. */
    private final BoundedQueue<Frame> live;
    /** The opening, snapshots and replay: already-retained data, written before anything live. */
    private final ConcurrentLinkedQueue<Frame> backlog = new ConcurrentLinkedQueue<>();

    private final Object seam = new Object();
    private List<Frame.Live> held = new ArrayList<>();
    /**
     * Set once the opening and replay are in the backlog. The writer reads it before
     * polling the backlog and only then takes live frames, so a live frame can never
     * overtake replay frames queued while it was between the two queues.
     */
    private volatile boolean replayQueued;
    /**
     * Set with the replay: events up to here are already queued or were published
     * before the stream opened. The dispatch thread may still be handing such events
     * out after the replay is done, so the check stays for the life of the stream.
     */
    private Cursor seamAt;
    /**
     * The stream's cursor as written so far, for a stream over several orders (each event goes
     * out with it); null for one order, where the event's id is the cursor. The writer's alone.
     */
    private Cursor position;
    /**
     * Set last in {@link #finishReplay}, after the held events are queued: from then on
     * the seam is fixed, so {@link #deliver} checks it without taking the lock, which
     * keeps a lock off the fan-out path for the life of the stream.
     */
    private volatile boolean seamed;

    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Set by {@link #end}: nothing more is queued, only the ending frame is still to go out. */
    private volatile boolean ending;
    private volatile long lastWriteNanos = System.nanoTime();
    /** The frames of the write under way, for {@link #lag}; empty between writes. */
    private volatile List<Frame> writing = List.of();
    private volatile long lastHeartbeatNanos = lastWriteNanos;

    /**
     * Whoever keeps the stream's books (the hub): told of each frame written and of the end,
     * once. The stream knows this much of its keeper and nothing else.
     */
    interface Keeper {
        /** {@code writtenNanos}: when the write returned. */
        void written(Frame frame, Outlet outlet, long writtenNanos);

        /**
         * A write of {@code batch} is about to start: its span when one of its events is traced,
         * else null (the usual answer, at the cost of a look at each frame while tracing is on).
         */
        Tracing.Span writing(long streamId, List<Frame> batch, Outlet outlet);

        /** When the event was accepted on the monotonic clock, 0 for a replayed one. */
        long acceptedNanos(Frame.Live live);

        void closed(Subscription sub, DisconnectReason reason, Outlet outlet);
    }

    Subscription(long id, SubscribeRequest request, Outlet outlet, Keeper keeper, WriterPool writers, int capacity) {
        this.id = id;
        this.topics = Set.copyOf(request.topics());
        this.userId = request.userId();
        this.heartbeatAsEvent = request.heartbeatAsEvent();
        this.outlet = outlet;
        this.keeper = keeper;
        this.writers = writers;
        this.live = new BoundedQueue<>(capacity);
    }

    public long id() {
        return id;
    }

    public Set<String> topics() {
        return topics;
    }

    /** The signed-in user, or null for an anonymous stream. */
    public String userId() {
        return userId;
    }

    public boolean isOpen() {
        return !closed.get();
    }

    /** Called on the stream's fan-out thread for every event of one of its topics, in publish order. */
    void deliver(Frame.Live frame) {
        Event event = frame.event();
        if (closed.get() || ending || !event.visibleTo(userId)) return;
        if (seamed) {
            if (seamAt.admits(event.id())) enqueueLive(frame);
            return;
        }
        boolean replaying;
        synchronized (seam) {
            if (seamAt != null && !seamAt.admits(event.id())) return;
            replaying = held != null;
            if (replaying && held.size() < live.remainingCapacity()) {
                held.add(frame);
                return;
            }
        }
        if (replaying) close(DisconnectReason.SLOW_CONSUMER);
        else enqueueLive(frame);
    }

    /** Writes the opening frame at once, so the client sees headers and {@code retry:} immediately. */
    void open(long retryMillis) {
        backlog.add(new Frame.Open(retryMillis));
        schedule();
    }

    /**
     * Queues what precedes live events, then releases the live events held during the
     * replay that are newer than the seam: in each order, the last event replayed, or else
     * where the replay started ({@code from}: the client's own position, or the hub's newest
     * when the stream opened; none: keep all).
     *
     * @param positioned whether each event goes out with the stream's cursor (several orders)
     */
    void finishReplay(List<Frame> opening, List<Event> replayed, Cursor from, boolean positioned) {
        boolean overflow = false;
        Cursor seamAt = passed(from, replayed);
        synchronized (seam) {
            // Before the replay is queued: the writer may take its first event at once.
            if (positioned) position = from;
            if (!ending) {
                backlog.addAll(opening);
                for (Event e : replayed) backlog.add(new Frame.Live(e));
            }
            replayQueued = true;
            this.seamAt = seamAt;
            List<Frame.Live> pending = held;
            held = null;
            if (pending == null) {
                overflow = true;
            } else {
                for (Frame.Live f : pending) {
                    if (!seamAt.admits(f.event().id())) continue;
                    if (!live.offer(f)) {
                        overflow = true;
                        break;
                    }
                }
            }
            seamed = true;
        }
        if (overflow) close(DisconnectReason.SLOW_CONSUMER);
        else schedule();
    }

    /** {@code from} moved past the replayed events: the newest of each order, found from the end. */
    private static Cursor passed(Cursor from, List<Event> replayed) {
        Cursor seamAt = from;
        for (int i = replayed.size() - 1; i >= 0; i--) {
            EventId id = replayed.get(i).id();
            if (seamAt.admits(id)) seamAt = seamAt.at(id);
        }
        return seamAt;
    }

    /**
     * Comment heartbeats fill silence only. Event heartbeats come every interval even
     * on a busy stream: a browser sees only the event types it listens for, so its
     * watchdog can count on nothing else to prove the stream alive.
     */
    void heartbeatIfDue(long nowNanos, long intervalNanos) {
        if (closed.get() || ending) return;
        long since = nowNanos - (heartbeatAsEvent ? lastHeartbeatNanos : lastWriteNanos);
        if (since < intervalNanos || (!heartbeatAsEvent && draining.get())) return;
        lastHeartbeatNanos = nowNanos;
        if (live.offer(new Frame.Heartbeat(heartbeatAsEvent, System.currentTimeMillis()))) schedule();
    }

    /**
     * Tells the client that the stream's credential is about to expire. It goes with the live
     * frames, after the replay; a queue too full to take it belongs to a stream about to be
     * dropped as too slow anyway.
     */
    public void expiring(long expiresInMillis, String stream) {
        if (closed.get() || ending) return;
        if (live.offer(new Frame.Expiring(expiresInMillis, stream))) schedule();
    }

    /**
     * Writes a {@link Frame.Probe} if nothing was written for {@code quietNanos} and no
     * write is under way: a client that left fails the write, and the stream closes as
     * {@link DisconnectReason#CLIENT_GONE}. A busy stream needs no probe; its own writes ask.
     */
    public void probeIfQuiet(long nowNanos, long quietNanos) {
        if (closed.get() || ending || draining.get() || nowNanos - lastWriteNanos < quietNanos) return;
        if (live.offer(Frame.Probe.INSTANCE)) schedule();
    }

    /**
     * A stream that keeps up has nothing queued and no writer when its next event comes:
     * the frame then goes to a writer with the task, past the queue. Most deliveries take
     * that way, and the queue's links from a long-lived stream to new nodes are stores G1's
     * refinement threads must process (about a third less refinement at 5,000 × 10/s without them, see
     * BENCHMARKS.md). Frames that come meanwhile queue behind it.
     */
    private void enqueueLive(Frame frame) {
        if (replayQueued && backlog.isEmpty() && live.isEmpty() && !closed.get() && draining.compareAndSet(false, true)) {
            start(frame);
        } else if (live.offer(frame)) {
            schedule();
        } else {
            close(DisconnectReason.SLOW_CONSUMER);
        }
    }

    private void schedule() {
        if (!closed.get() && draining.compareAndSet(false, true)) start(null);
    }

    /** Hands the drain, which the caller has just taken, to a writer. */
    private void start(Frame first) {
        try {
            writers.execute(() -> drain(first));
        } catch (RuntimeException rejected) {
            draining.set(false);
            close(DisconnectReason.SHUTDOWN);
        }
    }

    /** {@code first}: a live frame handed over with the task, written before anything queued. */
    private void drain(Frame first) {
        try {
            for (int n = 0; n < WRITE_BATCH && !closed.get(); ) {
                List<Frame> batch = nextBatch(first);
                first = null;
                // A close clears the queue while this polls it: a frame polled after one it dropped
                // must not go out, or the client resumes past the dropped one.
                if (batch.isEmpty() || closed.get()) break;
                CompletableFuture<?> written;
                writing = batch;
                Tracing.Span span = keeper.writing(id, batch, outlet);
                try {
                    written = (batch.size() == 1 ? outlet.send(batch.get(0)) : outlet.sendAll(batch)).toCompletableFuture();
                } catch (RuntimeException failed) {
                    if (span != null) span.end(batch.size(), true);
                    throw failed;
                }
                if (!written.isDone()) {
                    // An asynchronous write: continue when it completes, still holding the drain.
                    written.whenComplete((ok, error) -> {
                        if (span != null) span.end(batch.size(), error != null);
                        if (error != null) close(DisconnectReason.CLIENT_GONE);
                        else if (wrote(batch)) {
                            writers.execute(() -> drain(null));
                        }
                    });
                    return;
                }
                if (span != null) span.end(batch.size(), written.isCompletedExceptionally());
                written.join();
                if (!wrote(batch)) return;
                n += batch.size();
            }
        } catch (RuntimeException writeFailed) {
            close(DisconnectReason.CLIENT_GONE);
            return;
        }
        draining.set(false);
        if (!closed.get() && (!backlog.isEmpty() || (replayQueued && !live.isEmpty()))) schedule();
    }

    /**
     * What is due, up to {@link #COALESCE} frames written as one: the backlog first, live
     * frames only once the replay is queued, and nothing after an ending.
     */
    private List<Frame> nextBatch(Frame first) {
        var batch = new ArrayList<Frame>(2);
        // An ending dropped what was queued; a frame handed over with the task goes the same way.
        if (first != null && !ending) batch.add(positioned(first));
        while (batch.size() < COALESCE) {
            boolean liveAllowed = replayQueued;
            Frame frame = backlog.poll();
            if (frame == null && liveAllowed) frame = live.poll();
            if (frame == null) break;
            // Ending clears the queues while this polls them: what is polled after one it dropped stays out.
            if (ending && !(frame instanceof Frame.Ending)) continue;
            batch.add(positioned(frame));
            if (frame instanceof Frame.Ending) break;
        }
        return batch;
    }

    /** An event of a stream over several orders, with the stream's cursor once it is written; any other frame as it is. */
    private Frame positioned(Frame frame) {
        if (position == null || !(frame instanceof Frame.Live live)) return frame;
        position = position.at(live.event().id());
        return live.positioned(position.toString());
    }

    /** @return false when the batch ended with the ending frame and the stream is now closed */
    private boolean wrote(List<Frame> batch) {
        // The write has returned: the socket time of every frame in it.
        long now = System.nanoTime();
        lastWriteNanos = now;
        writing = List.of();
        for (Frame frame : batch) if (!wrote(frame, now)) return false;
        return true;
    }

    /** @return false when that was the ending frame and the stream is now closed */
    private boolean wrote(Frame frame, long now) {
        keeper.written(frame, outlet, now);
        if (frame instanceof Frame.Ending e) {
            close(e.reason());
            return false;
        }
        return true;
    }

    /**
     * How far behind this stream is now: events queued or being written, and how long
     * ago the oldest of them was accepted. Read by the operator view and the metrics,
     * never on the delivery path: a write only keeps a reference to its frames.
     */
    public StreamLag lag(long nowNanos) {
        List<Frame> inWrite = writing;
        int queued = live.size();
        long oldest = 0;
        for (Frame f : inWrite) {
            if (!(f instanceof Frame.Live l)) continue;
            queued++;
            if (oldest == 0) oldest = keeper.acceptedNanos(l);
        }
        if (oldest == 0 && live.peek() instanceof Frame.Live head) oldest = keeper.acceptedNanos(head);
        long oldestAge = oldest == 0 ? 0 : Math.max(0, nowNanos - oldest);
        return new StreamLag(id, userId, topics, outlet.transport(), queued, oldestAge, Math.max(0, nowNanos - lastWriteNanos));
    }

    /**
     * Ends the stream on purpose: drops whatever is still queued (the user may no
     * longer be allowed to see it), writes one last event saying why, then closes.
     *
     * @return false if the stream was already ending or closed
     */
    public boolean end(DisconnectReason reason, String data) {
        synchronized (seam) {
            if (ending || closed.get()) return false;
            ending = true;
            held = held == null ? null : new ArrayList<>();
            live.clear();
            backlog.clear();
            backlog.add(new Frame.Ending(reason, data));
        }
        // The writer takes the backlog first, so the ending goes out even during a replay.
        schedule();
        return true;
    }

    /** Ends the stream once, whoever asks first and however often: frees its queue and registrations. */
    public void close(DisconnectReason reason) {
        if (!closed.compareAndSet(false, true)) return;
        live.clear();
        backlog.clear();
        synchronized (seam) {
            held = null;
        }
        keeper.closed(this, reason, outlet);
    }

    @Override
    public String toString() {
        return "Subscription[" + id + " " + topics + (userId == null ? "" : " user=" + userId) + "]";
    }
}
