package dev.herald.bench;

import java.util.List;

/**
 * Workload 3: N subscribers, each with a last id, are dropped by the server at once
 * (Herald: POST /api/admin/disconnect; Nchan: channel delete). While they are away,
 * M events are published. Then all reconnect at once with Last-Event-ID. Catch-up is the
 * time from the reconnect until every subscriber has every one of the M events.
 */
final class Storm {
    private static final int WARM_UP = 5;
    private final Bench bench;

    Storm(Bench bench) {
        this.bench = bench;
    }

    /** How the subscribers are dropped. */
    enum Drop {
        /** By the server: Herald's disconnect-all, Nchan's channel delete. */
        SERVER,
        /** By the clients, all sockets closed at once: the server keeps its channel as it is. */
        CLIENT,
        /**
         * By the clients, who reconnect at once with their last id while events are published
         * all the while (a proxy restart or a network blip under EventSource): no time away.
         */
        CHURN
    }

    /** How long a churn's publisher runs; the clients leave and come back half a second in. */
    private static final double CHURN_SECONDS = 4;

    record Result(String target, Drop drop, int subscribers, int eventsWhileAway, int connected, long dropped, double dropSeconds,
                  int reconnected, double reconnectSeconds, double catchUpSeconds, long caughtUp, long lost, long duplicates,
                  long resets, Latency catchUpPerSubscriber, Bench.Cpu cpu) {
    }

    Result run(Target target, Drop drop, int subscribers, int events) throws InterruptedException {
        String channel = "storm-" + subscribers + "-" + System.currentTimeMillis();
        var first = new Recorder(bench.client.ioThreads());
        bench.progress.phase("storm " + target + " " + subscribers + " subs, dropped by the " + drop.name().toLowerCase(), null);
        List<Stream> streams = bench.open(target, channel, subscribers, first, 0, null);
        int connected = (int) Bench.countOpen(streams);
        Bench.sayFailures(bench.progress, streams);
        Thread.sleep(500);
        new Publisher(target, channel, Payload.SIZE).publish(0, WARM_UP, 50);
        bench.awaitDeliveries(first.delivered::sum, (long) connected * WARM_UP, 3, 20);
        bench.client.barrier();

        bench.progress.say("   dropping " + connected + " subscribers");
        var cpu = new Bench.CpuMeter(target);
        Thread churnPublisher = null;
        if (drop == Drop.CHURN) {
            churnPublisher = new Thread(() -> new Publisher(target, channel, Payload.SIZE).publish(WARM_UP, events, events / CHURN_SECONDS),
                    "churn-publisher");
            churnPublisher.start();
            Thread.sleep(500);
        }
        long d0 = System.nanoTime();
        if (drop != Drop.SERVER) {
            for (Stream s : streams) s.close();
        } else {
            try {
                target.dropAll(channel);
            } catch (Exception e) {
                throw new IllegalStateException(target + " drop failed", e);
            }
        }
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline && streams.stream().anyMatch(Stream::isOpen)) Thread.sleep(20);
        double dropSeconds = (System.nanoTime() - d0) / 1e9;
        long dropped = streams.stream().filter(s -> s.isClosed() && (drop != Drop.SERVER || !"client".equals(s.closedWhy()))).count();
        if (drop != Drop.CHURN) {
            bench.client.barrier();
            publishWhileAway(target, channel, dropped, dropSeconds, events);
        }

        String[] lastIds = streams.stream().map(Stream::lastEventId).toArray(String[]::new);
        long withoutId = java.util.Arrays.stream(lastIds).filter(java.util.Objects::isNull).count();
        if (withoutId > 0) bench.progress.say("   " + withoutId + " subscribers have no last id to resume from");
        for (Stream s : streams) if (!s.isClosed()) s.close();
        long lastSeq = WARM_UP + events - 1;
        var second = new CatchUp(bench.client.ioThreads(), lastSeq);
        bench.progress.phase("storm " + target + " reconnect " + subscribers, () -> "caught up=" + second.caughtUp.sum());
        long r0 = System.nanoTime();
        second.start();
        List<Stream> again = bench.open(target, channel, subscribers, second, 0, i -> lastIds[i]);
        double reconnectSeconds = (System.nanoTime() - r0) / 1e9;
        int reconnected = (int) Bench.countOpen(again);
        Bench.sayFailures(bench.progress, again);
        bench.awaitDeliveries(second.caughtUp::sum, reconnected, 5, 60);
        if (churnPublisher != null) churnPublisher.join();
        double catchUp = (System.nanoTime() - r0) / 1e9;
        Bench.Cpu used = cpu.stop();
        bench.client.barrier();
        long caughtUp = second.caughtUp.sum();
        if (caughtUp >= reconnected) {
            catchUp = (again.stream().mapToLong(s -> s.lastEventNanos).max().orElse(r0) - r0) / 1e9;
        }
        long lost = 0, dups = 0, resets = 0;
        for (int i = 0; i < again.size(); i++) {
            Stream before = streams.get(i), after = again.get(i);
            if (!after.isOpen() && after.openedNanos == 0) continue;
            for (long seq = 0; seq <= lastSeq; seq++) {
                boolean a = before.hasSeen(seq), b = after.hasSeen(seq);
                if (!a && !b && seq >= WARM_UP) lost++;
                if (a && b) dups++;
            }
            dups += after.duplicates;
            resets += after.resets;
        }
        var result = new Result(target.name, drop, subscribers, events, connected, dropped, dropSeconds, reconnected, reconnectSeconds,
                catchUp, caughtUp, lost, dups, resets, Latency.of(second.latency()), used);
        bench.progress.say(String.format("   %s: %d reconnected in %.2f s, all %d caught up in %.2f s, lost %d dup %d resets %d",
                target, reconnected, reconnectSeconds, caughtUp, catchUp, lost, dups, resets));
        bench.closeAll(again);
        return result;
    }

    private void publishWhileAway(Target target, String channel, long dropped, double dropSeconds, int events) throws InterruptedException {
        // Nchan's ids are <unix second>:<index in that second>, and a deleted channel starts its index again:
        // publishing in the same second as the last event they had would reuse ids the subscribers resume after.
        // So, for both servers alike, the events while away are published from the next whole second.
        Thread.sleep(1000 - System.currentTimeMillis() % 1000 + 10);
        bench.progress.say(String.format("   %d dropped in %.2f s; publishing %d while away", dropped, dropSeconds, events));
        new Publisher(target, channel, Payload.SIZE).publish(WARM_UP, events, 1000);

    }

    /**
     * Counts the subscribers that have received the last event, and records per subscriber
     * the time from the reconnect to that moment (in the latency histogram).
     */
    static final class CatchUp extends Recorder {
        private final long lastSeq;
        private final Histogram[] perSubscriber;
        final java.util.concurrent.atomic.LongAdder caughtUp = new java.util.concurrent.atomic.LongAdder();
        private volatile long start;

        CatchUp(int ioThreads, long lastSeq) {
            super(ioThreads);
            this.lastSeq = lastSeq;
            this.perSubscriber = new Histogram[ioThreads];
            for (int i = 0; i < ioThreads; i++) perSubscriber[i] = new Histogram();
        }

        @Override
        void start() {
            start = System.nanoTime();
        }

        @Override
        public void onEvent(Stream stream, long seq, long sentMicros, long nowNanos) {
            boolean fresh = stream.maxSeq < lastSeq;
            super.onEvent(stream, seq, sentMicros, nowNanos);
            if (fresh && stream.maxSeq >= lastSeq) {
                caughtUp.increment();
                perSubscriber[stream.ioIndex()].record((nowNanos - start) / 1000);
            }
        }

        @Override
        Histogram latency() {
            var all = new Histogram();
            for (Histogram h : perSubscriber) all.add(h);
            return all;
        }
    }
}
