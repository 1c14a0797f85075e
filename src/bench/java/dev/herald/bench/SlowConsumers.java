package dev.herald.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Workload 4: R subscribers that read and S that stop reading (after a short while, with a
 * small receive buffer, as a stalled client on a slow link). Figures: the readers' latency
 * window by window (it should stay flat), the server's memory over the run (it should stay
 * bounded), and how many of the stalled subscribers the server disconnected.
 */
final class SlowConsumers {
    private static final int STALLED_RECEIVE_BUFFER = 4096;
    private final Bench bench;

    SlowConsumers(Bench bench) {
        this.bench = bench;
    }

    record Result(String target, int readers, int slow, int rate, int payloadBytes, double seconds, double stallAfterSeconds,
                  Latency readersLatency, List<Latency> readersLatencyPerWindow, double windowSeconds, long readersLost,
                  long slowDisconnectedSeen, long slowDisconnectsReported, java.util.Map<String, Long> serverDisconnectReasons, long slowStillOpen,
                  Target.Memory memoryBefore, long footprintMax, Target.Memory memoryAfter, Bench.Cpu cpu) {
        /** Most the server grew during the run (for a JVM, garbage included). */
        long growthMax() {
            return footprintMax - memoryBefore.footprint();
        }

        /** What it still held at the end (after a GC). */
        long growthAfter() {
            return memoryAfter.footprint() - memoryBefore.footprint();
        }
    }

    Result run(Target target, int readers, int slow, int rate, int payload, double seconds) throws InterruptedException {
        String channel = "slow-" + readers + "-" + slow + "-" + System.currentTimeMillis();
        double window = Math.max(1, seconds / 10);
        var readerRec = new Recorder(bench.client.ioThreads(), window);
        var slowRec = new Recorder(bench.client.ioThreads());
        bench.progress.phase("slow " + target + " " + readers + " readers + " + slow + " stalled", null);
        target.awaitNoConnections(60);
        Target.Memory before = target.memory(true);
        var reasonsBefore = target.disconnects();
        long reportedBefore = target.slowDisconnects();
        List<Stream> readerStreams = bench.open(target, channel, readers, readerRec, 0, null);
        List<Stream> slowStreams = bench.open(target, channel, slow, slowRec, STALLED_RECEIVE_BUFFER, null);
        Thread.sleep(1000);

        int count = (int) Math.round(rate * seconds);
        double stallAfter = Math.min(2, seconds / 5);
        var sampler = new MemorySampler(target);
        sampler.start();
        var cpu = new Bench.CpuMeter(target);
        Thread staller = new Thread(() -> {
            try {
                Thread.sleep((long) (stallAfter * 1000));
                for (Stream s : slowStreams) s.pause();
                bench.progress.say("   " + slowStreams.size() + " subscribers stopped reading");
            } catch (InterruptedException ignored) {
            }
        });
        staller.start();
        readerRec.start();
        long t0 = System.nanoTime();
        var publisher = new Publisher(target, channel, payload);
        bench.progress.phase("slow " + target + " publishing", () -> String.format("server footprint=%.0f MB", sampler.last() / 1e6));
        publisher.publish(0, count, rate);
        long readersOpen = readerStreams.stream().filter(s -> s.openedNanos > 0 && s.openedNanos < t0).count();
        bench.awaitDeliveries(readerRec.delivered::sum, readersOpen * count, 3, 30);
        readerRec.stop();
        Bench.Cpu used = cpu.stop();
        staller.join();
        sampler.stopSampling();
        bench.client.barrier();

        // Let the stalled ones read again: a stream the server dropped reads out its buffer and meets the end.
        for (Stream s : slowStreams) s.resume();
        long deadline = System.nanoTime() + 10_000_000_000L;
        long lastReceived = -1;
        while (System.nanoTime() < deadline) {
            long r = slowStreams.stream().mapToLong(s -> s.received).sum();
            if (r == lastReceived) break;
            lastReceived = r;
            Thread.sleep(1000);
        }
        long disconnected = slowStreams.stream().filter(s -> s.isClosed() && !"client".equals(s.closedWhy())).count();
        long stillOpen = slowStreams.stream().filter(Stream::isOpen).count();
        long reported = target.slowDisconnects();
        var reasons = new java.util.TreeMap<String, Long>();
        target.disconnects().forEach((k, v) -> {
            long d = v - reasonsBefore.getOrDefault(k, 0L);
            if (d != 0) reasons.put(k, d);
        });
        long readersLost = 0;
        bench.client.barrier();
        for (Stream s : readerStreams) if (s.openedNanos > 0 && s.openedNanos < t0) readersLost += count - s.distinctSeen(0, count - 1);
        Target.Memory after = target.memory(true);
        var result = new Result(target.name, readers, slow, rate, payload, seconds, stallAfter, Latency.of(readerRec.latency()),
                readerRec.windows(), window, readersLost, disconnected,
                reported < 0 || reportedBefore < 0 ? -1 : reported - reportedBefore, reasons, stillOpen,
                before, sampler.max(), after, used);
        var w = result.readersLatencyPerWindow;
        bench.progress.say(String.format("   %s: readers p99 %.1f ms (first window %.1f, last %.1f), lost %d; stalled: %d disconnected (server counts %s), %d still open; grew by at most %.0f MB, %.0f MB at the end",
                target, result.readersLatency.p99(), w.isEmpty() ? 0 : w.get(0).p99(), w.isEmpty() ? 0 : w.get(w.size() - 1).p99(),
                readersLost, disconnected, reasons, stillOpen, result.growthMax() / 1e6, result.growthAfter() / 1e6));
        var all = new ArrayList<>(readerStreams);
        all.addAll(slowStreams);
        bench.closeAll(all);
        return result;
    }

    /** Samples the server's footprint once a second; no GC, which would disturb what is measured, so a JVM's figure includes garbage. */
    static final class MemorySampler extends Thread {
        private final Target target;
        private volatile boolean running = true;
        private volatile long max;
        private volatile long last;

        MemorySampler(Target target) {
            super("bench-memory");
            setDaemon(true);
            this.target = target;
        }

        @Override
        public void run() {
            while (running) {
                long f = target.memory(false).footprint();
                last = f;
                max = Math.max(max, f);
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        long max() {
            return max;
        }

        long last() {
            return last;
        }

        void stopSampling() {
            running = false;
            interrupt();
        }
    }
}
