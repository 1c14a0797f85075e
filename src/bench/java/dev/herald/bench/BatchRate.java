package dev.herald.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Workload: the most events per second one Herald node accepts through batch publishes
 * ({@code POST /api/publish/batch}), no subscriber. Several publishers, each on its own
 * keep-alive connection, send one batch after another as fast as the server answers, each
 * event of a batch to one of a few topics in turn, as an application server flushing what
 * it has gathered. Nchan has no batch publish: its figure to set beside this is its single
 * publishes per second (the publish workload).
 */
final class BatchRate {
    private final Bench bench;

    BatchRate(Bench bench) {
        this.bench = bench;
    }

    record Result(String target, int publishers, int batchSize, int topics, double seconds, long batches, long failed,
                  long events, double eventsPerSecond, Latency roundTrip, Bench.Cpu cpu, double serverCpuMicrosPerEvent) {
    }

    Result run(HeraldTarget target, int publishers, int batchSize, int topics, double seconds) throws InterruptedException {
        String run = "batch-" + System.currentTimeMillis();
        bench.progress.phase("batch publish " + target + " " + publishers + " publishers x " + batchSize + " events", null);
        target.awaitNoConnections(60);
        var next = new AtomicLong();
        var ok = new AtomicLong();
        var failed = new AtomicLong();
        var histograms = new ArrayList<Histogram>();
        var threads = new ArrayList<Thread>();
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        var cpu = new Bench.CpuMeter(target);
        long t0 = System.nanoTime();
        for (int p = 0; p < publishers; p++) {
            var rtt = new Histogram();
            histograms.add(rtt);
            Thread t = new Thread(() -> {
                try (var http = new HttpConnection(target.address)) {
                    while (System.nanoTime() < deadline) {
                        long first = next.getAndAdd(batchSize);
                        long sent = System.nanoTime();
                        var items = new ArrayList<String>(batchSize);
                        for (int i = 0; i < batchSize; i++) {
                            long seq = first + i;
                            items.add(HeraldTarget.event(HeraldTarget.topic(run + "/t" + (seq % topics)), Payload.of(seq, Clock.micros(sent), Payload.SIZE)));
                        }
                        try {
                            if (http.send(target.batchRequest(items)) / 100 == 2) ok.incrementAndGet();
                            else failed.incrementAndGet();
                        } catch (IOException e) {
                            failed.incrementAndGet();
                        }
                        rtt.record((System.nanoTime() - sent) / 1000);
                    }
                }
            }, "bench-batch-" + p);
            t.setDaemon(true);
            threads.add(t);
        }
        for (Thread t : threads) t.start();
        for (Thread t : threads) t.join();
        double took = (System.nanoTime() - t0) / 1e9;
        Bench.Cpu used = cpu.stop();
        var all = new Histogram();
        for (Histogram h : histograms) all.add(h);
        long events = ok.get() * batchSize;
        var result = new Result(target.name, publishers, batchSize, topics, took, ok.get(), failed.get(), events, events / took,
                Latency.of(all), used, events == 0 ? Double.NaN : used.serverCores() * used.seconds() / events * 1e6);
        bench.progress.say(String.format("   %s: %,.0f events/s in batches of %d (%d batches, %d failed), RTT p50 %.2f p99 %.2f ms; "
                        + "cpu server %.2f (%.1f us/event) generator %.2f, load %.2f", target, result.eventsPerSecond, batchSize, ok.get(),
                failed.get(), result.roundTrip.p50(), result.roundTrip.p99(), used.serverCores(), result.serverCpuMicrosPerEvent,
                used.generatorCores(), used.loadAverage1()));
        return result;
    }

    static List<Result> runAll(Bench bench, List<Target> targets, BenchOptions o) throws InterruptedException {
        var out = new ArrayList<Result>();
        var w = new BatchRate(bench);
        for (Target t : targets) {
            if (t instanceof HeraldTarget h) out.add(w.run(h, o.batchPublishers(), o.batchSize(), o.batchTopics(), o.publishSeconds()));
        }
        return out;
    }
}
