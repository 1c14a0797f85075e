package dev.herald.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Several {@link Publisher}s at once, each on its own connection and thread (as many
 * application servers publishing to one node), merged into one result: counts summed,
 * round trips in one histogram, the time of the slowest.
 */
final class PublisherGroup {
    private PublisherGroup() {
    }

    /**
     * @param plans  publisher {@code p}'s plan
     * @param count  events per publisher (a plan may stop earlier with a negative sequence number)
     * @param rate   per publisher, events/s; infinite for as fast as the server answers
     */
    static Publisher.Result run(Target target, int publishers, IntFunction<Publisher.Plan> plans, int count, double rate,
                                int payloadSize) throws InterruptedException {
        var histograms = new ArrayList<Histogram>();
        var results = new ArrayList<Publisher.Result>();
        var threads = new ArrayList<Thread>();
        for (int p = 0; p < publishers; p++) {
            var h = new Histogram();
            histograms.add(h);
            Publisher.Plan plan = plans.apply(p);
            Thread t = new Thread(() -> {
                var r = new Publisher(target, null, payloadSize).publish(plan, count, rate, h);
                synchronized (results) {
                    results.add(r);
                }
            }, "bench-publisher-" + p);
            t.setDaemon(true);
            threads.add(t);
        }
        for (Thread t : threads) t.start();
        for (Thread t : threads) t.join();
        return merge(results, histograms);
    }

    private static Publisher.Result merge(List<Publisher.Result> results, List<Histogram> histograms) {
        var all = new Histogram();
        for (Histogram h : histograms) all.add(h);
        return new Publisher.Result(results.stream().mapToLong(Publisher.Result::published).sum(),
                results.stream().mapToLong(Publisher.Result::ok).sum(), results.stream().mapToLong(Publisher.Result::failed).sum(),
                results.stream().mapToDouble(Publisher.Result::seconds).max().orElse(0),
                results.stream().mapToDouble(Publisher.Result::plannedSeconds).max().orElse(0), Latency.of(all));
    }
}
