package dev.herald.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Workload for issue 24: many topics on a cluster of N Herald nodes sharing K Redis shards (bench/cluster.sh
 * starts them). Each topic's subscribers sit on one node (topic t on node t mod N) and the publishes go through
 * the nodes in turn, so a node should read only its own topics' events, about 1/N of all, where every node used
 * to read every event. Then the publish capacity: single publishes, then batches, as fast as the nodes answer, to
 * topics nobody follows, with each Redis's CPU per 1,000 events, so a second shard's share shows even where this machine's
 * nodes are the bottleneck. One cluster per generator run; {@link #summarize} gathers the runs.
 */
final class ClusterTopics {
    static final String READ = "herald_broker_events_read_total";
    static final String PUBLISHED = "herald_events_published_total";
    static final String DELIVERED = "herald_events_delivered_total";

    private final Bench bench;
    private final BenchOptions.Cluster o;
    private final List<HeraldTarget> nodes;

    ClusterTopics(Bench bench, List<HeraldTarget> nodes) {
        this.bench = bench;
        this.o = bench.options.cluster();
        this.nodes = nodes;
        if (o.redis().size() != o.redisPids().size()) throw new IllegalArgumentException("one pid file per Redis");
    }

    /**
     * One node over the measured interval. {@code readPerPublished} is the node's events read over the events the
     * cluster accepted (1.0 where every node reads everything); {@code topicShare} what it should be, its topics
     * over all of them. CPU per delivery divides the node's CPU by the deliveries its streams made.
     */
    record NodeFigures(String node, int topics, int streams, long eventsRead, double readPerPublished, double topicShare,
                       long publishedHere, long deliveredHere, long received, long lost, Latency latency, double cpuCores,
                       double idleCpuCores, double cpuShareOfNodes, double cpuMicrosPerDelivery, double netCpuMicrosPerDelivery,
                       double cpuMicrosPerClusterPublish) {
    }

    /**
     * One Redis over an interval: its CPU, and the commands and scripts it ran, also per event accepted. Idle is
     * the same Redis just before, with the same streams open and nothing published (the nodes' pings, leases,
     * metrics); net takes that out of the CPU per 1,000 events, leaving what the publishes cost.
     */
    record ShardFigures(String redis, double cpuCores, double cpuMillisPer1000Events, double idleCpuCores, double netCpuMillisPer1000Events,
                        long commands, double commandsPerEvent, double idleCommandsPerSecond, Map<String, Double> callsPerEvent,
                        long scripts, long keysAtEnd) {
    }

    record RatePhase(int topics, int subscribersPerTopic, int rate, int publishers, double warmupSeconds, double seconds,
                     int connected, double connectSeconds, long published, long publishFailed, double publishedPerSecond,
                     double publishSeconds, Latency publishRoundTrip, long clusterEventsRead, long received, long lost,
                     long duplicates, long reorders, Latency latency, List<NodeFigures> nodes, List<ShardFigures> shards,
                     double nodesCpuCores, double generatorCores, double loadAverage1, double wallSeconds) {
    }

    record Capacity(int publishersPerNode, int batchSize, int topics, double seconds, long batches, long failed, long events,
                    double eventsPerSecond, Latency roundTrip, List<Double> nodeCpuCores, double nodesCpuMicrosPerEvent,
                    List<ShardFigures> shards, double generatorCores, double loadAverage1) {
    }

    record Result(String build, int nodes, int shards, List<String> nodeAddresses, List<String> redis, RatePhase rate, List<Capacity> capacity,
                  Map<String, Object> environment) {
    }

    Result run(Map<String, Object> environment) throws InterruptedException {
        String run = "cluster-" + System.currentTimeMillis();
        RatePhase rate = rate(run);
        var capacity = new ArrayList<Capacity>();
        for (int size : o.batchSizes()) capacity.add(capacity(run, size));
        return new Result(o.build(), nodes.size(), o.redis().size(), nodes.stream().map(n -> n.address.getHostString() + ":" + n.address.getPort()).toList(),
                o.redis(), rate, capacity, environment);
    }

    // --- many topics at a steady rate ---------------------------------------------------------------------------

    private RatePhase rate(String run) throws InterruptedException {
        int n = nodes.size(), topics = o.topics(), subs = o.subscribersPerTopic(), publishers = o.publishers();
        // One publisher per topic keeps each topic's events in order, whichever node each goes through.
        if (topics % publishers != 0) throw new IllegalArgumentException("--cluster-topics must be a multiple of --cluster-publishers");
        bench.progress.phase(String.format("cluster %d nodes x %d shards: %d topics x %d sub, %d publishes/s", n, o.redis().size(),
                topics, subs, o.rate()), null);
        var recorders = new ArrayList<Recorder>();
        var streams = new ArrayList<List<Stream>>();
        long c0 = System.nanoTime();
        for (int k = 0; k < n; k++) {
            final int node = k;
            var recorder = new Recorder(bench.client.ioThreads());
            recorders.add(recorder);
            // Node k holds topics k, k + N, k + 2N, ...; stream i of it is on topic k + (i / subs) * N.
            streams.add(bench.open(nodes.get(k), i -> channel(run, node + (i / subs) * n), topicsOn(k) * subs, recorder, 0, null));
        }
        double connectSeconds = (System.nanoTime() - c0) / 1e9;
        int connected = 0;
        for (List<Stream> s : streams) {
            connected += (int) Bench.countOpen(s);
            Bench.sayFailures(bench.progress, s);
        }
        bench.progress.say(String.format("   %d of %d open in %.1f s", connected, topics * subs, connectSeconds));
        Thread.sleep(1000);

        int warmPer = (int) Math.round(o.rate() * o.warmupSeconds() / publishers);
        int measuredPer = (int) Math.round(o.rate() * o.seconds() / publishers);
        long warmEnd = (long) warmPer * publishers, end = warmEnd + (long) measuredPer * publishers;
        java.util.function.LongSupplier received = () -> recorders.stream().mapToLong(r -> r.delivered.sum()).sum();
        if (warmPer > 0) {
            // Fresh JVMs compile for a while: the same load first, unmeasured, until it is all delivered.
            bench.progress.say(String.format("   warm-up: %.0f s at %d/s", o.warmupSeconds(), o.rate()));
            publish(run, 0, warmPer, new Histogram());
            bench.awaitDeliveries(received, expected(streams, 0, warmEnd), 3, 60);
        }

        Snapshot[] idle = idle();
        long[] before = recorders.stream().mapToLong(r -> r.delivered.sum()).toArray();
        for (Recorder r : recorders) r.start();
        var s0 = new Snapshot();
        var rtt = new Histogram();
        Publisher.Result pub = publish(run, warmPer, measuredPer, rtt);
        bench.awaitDeliveries(received, expected(streams, 0, end), 3, 60);
        var s1 = new Snapshot();
        for (Recorder r : recorders) r.stop();
        bench.client.barrier();

        double wall = (s1.nanos - s0.nanos) / 1e9;
        long clusterPublished = 0, clusterRead = 0;
        double nodesCpu = 0;
        for (int k = 0; k < n; k++) {
            clusterPublished += s1.published[k] - s0.published[k];
            clusterRead += Math.max(0, s1.read[k] - s0.read[k]);
            nodesCpu += s1.nodeCpu[k] - s0.nodeCpu[k];
        }
        // The cluster's count of accepted events where the nodes give it, else the generator's.
        long published = clusterPublished > 0 ? clusterPublished : pub.ok();
        var all = new Histogram();
        var perNode = new ArrayList<NodeFigures>();
        long receivedAll = 0, lostAll = 0, dupsAll = 0, reordersAll = 0;
        for (int k = 0; k < n; k++) {
            long lost = 0, dups = 0, reorders = 0;
            for (Stream s : streams.get(k)) {
                if (s.openedNanos == 0 || s.openedNanos > s0.nanos) continue;
                int topic = k + (s.index / subs) * n;
                long lo = countBelow(topic, warmEnd), hi = countBelow(topic, end);
                if (hi > lo) lost += (hi - lo) - s.distinctSeen(lo, hi - 1);
                dups += s.duplicates;
                reorders += s.reorders;
            }
            Histogram h = recorders.get(k).latency();
            all.add(h);
            long got = recorders.get(k).delivered.sum() - before[k];
            double cpu = s1.nodeCpu[k] - s0.nodeCpu[k];
            double idleCores = (idle[1].nodeCpu[k] - idle[0].nodeCpu[k]) / seconds(idle);
            // A build from before interest routing has no such counter: every node read every event.
            long read = s0.read[k] < 0 ? -1 : s1.read[k] - s0.read[k];
            perNode.add(new NodeFigures(nodes.get(k).name, topicsOn(k), streams.get(k).size(), read, read < 0 ? Double.NaN : ratio(read, published),
                    (double) topicsOn(k) / topics, s1.published[k] - s0.published[k], s1.delivered[k] - s0.delivered[k], got, lost,
                    Latency.of(h), cpu / wall, idleCores, nodesCpu > 0 ? cpu / nodesCpu : Double.NaN, got == 0 ? Double.NaN : cpu / got * 1e6,
                    got == 0 ? Double.NaN : (cpu - idleCores * wall) / got * 1e6, published == 0 ? Double.NaN : cpu / published * 1e6));
            receivedAll += got;
            lostAll += lost;
            dupsAll += dups;
            reordersAll += reorders;
        }
        var result = new RatePhase(topics, subs, o.rate(), publishers, o.warmupSeconds(), o.seconds(), connected, connectSeconds,
                pub.ok(), pub.failed(), pub.ok() / pub.seconds(), pub.seconds(), pub.roundTrip(), clusterRead, receivedAll, lostAll,
                dupsAll, reordersAll, Latency.of(all), perNode, shards(s0, s1, published, idle), nodesCpu / wall,
                (s1.generator - s0.generator) / wall, Proc.loadAverage1(), wall);
        bench.progress.say(String.format("   published %,d (%d failed) at %,.0f/s in %.1f s (planned %.1f), RTT p99 %.1f ms; received %,d, lost %d, "
                        + "dup %d, reord %d, delivery p50 %.1f p99 %.1f ms; generator %.2f cores, load %.2f", pub.ok(), pub.failed(),
                result.publishedPerSecond, pub.seconds(), pub.plannedSeconds(), pub.roundTrip().p99(), receivedAll, lostAll, dupsAll,
                reordersAll, result.latency.p50(), result.latency.p99(), result.generatorCores, result.loadAverage1));
        for (NodeFigures f : perNode) {
            bench.progress.say(String.format("   %s: %d topics, read %,d = %.3f of published (its topics: %.3f), cpu %.2f cores (idle %.2f) = %.2f "
                            + "of the nodes', %.0f us/delivery (net of idle %.0f), p99 %.1f ms, lost %d", f.node, f.topics, f.eventsRead,
                    f.readPerPublished, f.topicShare, f.cpuCores, f.idleCpuCores, f.cpuShareOfNodes, f.cpuMicrosPerDelivery,
                    f.netCpuMicrosPerDelivery, f.latency.p99(), f.lost));
        }
        for (ShardFigures f : result.shards) {
            bench.progress.say(String.format("   redis %s: cpu %.3f cores (idle %.3f), %.1f ms per 1,000 events (net of idle %.1f), %.1f commands "
                            + "per event (idle %,.0f/s), %,d scripts", f.redis, f.cpuCores, f.idleCpuCores, f.cpuMillisPer1000Events,
                    f.netCpuMillisPer1000Events, f.commandsPerEvent, f.idleCommandsPerSecond, f.scripts));
            bench.progress.say("     calls per event: " + f.callsPerEvent.entrySet().stream().filter(e -> e.getValue() >= 0.01)
                    .map(e -> String.format(Locale.ROOT, "%s %.2f", e.getKey(), e.getValue())).collect(java.util.stream.Collectors.joining(", ")));
        }
        var every = new ArrayList<Stream>();
        streams.forEach(every::addAll);
        bench.closeAll(every);
        return result;
    }

    /**
     * Open loop: publisher p sends its events {@code first .. first + count - 1} each on schedule (a slow answer makes it
     * late, never skips one), event i being g = i·P + p, to topic g mod T, numbered g / T within it, through node
     * (g + g / T) mod N: a topic's events go through every node in turn, the subscriber's and the others.
     */
    private Publisher.Result publish(String run, int first, int count, Histogram rtt) throws InterruptedException {
        int publishers = o.publishers(), topics = o.topics(), n = nodes.size();
        long period = (long) (1e9 * publishers / o.rate());
        var results = new ArrayList<Publisher.Result>();
        var histograms = new ArrayList<Histogram>();
        var threads = new ArrayList<Thread>();
        long start = System.nanoTime() + 10_000_000L;
        for (int p = 0; p < publishers; p++) {
            final int me = p;
            var h = new Histogram();
            histograms.add(h);
            Thread t = new Thread(() -> {
                var connections = new ArrayList<HttpConnection>();
                for (HeraldTarget node : nodes) connections.add(new HttpConnection(node.address));
                long ok = 0, failed = 0;
                // Staggered, so the publishers' sends spread over each period.
                long mine = start + me * period / publishers;
                for (int i = 0; i < count; i++) {
                    long wait = mine + i * period - System.nanoTime();
                    if (wait > 0) LockSupport.parkNanos(wait);
                    long g = (long) (first + i) * publishers + me;
                    int topic = (int) (g % topics);
                    long seq = g / topics;
                    int node = (int) ((g + seq) % n);
                    long t0 = System.nanoTime();
                    try {
                        int status = connections.get(node).send(nodes.get(node).publishRequest(channel(run, topic),
                                Payload.of(seq, Clock.micros(t0), Payload.SIZE)));
                        if (status / 100 == 2) ok++;
                        else failed++;
                    } catch (IOException e) {
                        failed++;
                    }
                    h.record((System.nanoTime() - t0) / 1000);
                }
                connections.forEach(HttpConnection::close);
                synchronized (results) {
                    results.add(new Publisher.Result(ok + failed, ok, failed, (System.nanoTime() - start) / 1e9, 0, null));
                }
            }, "bench-cluster-publisher-" + p);
            t.setDaemon(true);
            threads.add(t);
        }
        for (Thread t : threads) t.start();
        for (Thread t : threads) t.join();
        for (Histogram h : histograms) rtt.add(h);
        return new Publisher.Result(results.stream().mapToLong(Publisher.Result::published).sum(),
                results.stream().mapToLong(Publisher.Result::ok).sum(), results.stream().mapToLong(Publisher.Result::failed).sum(),
                results.stream().mapToDouble(Publisher.Result::seconds).max().orElse(0), (double) count * publishers / o.rate(), Latency.of(rtt));
    }

    // --- publish capacity --------------------------------------------------------------------------------------

    /**
     * Publishes as fast as the nodes answer, closed loop, no subscriber: each node's publishers send one request after
     * another, a batch of {@code size} events on consecutive topics of many (so they spread over every shard), or with
     * size 1 a single {@code POST /api/publish}, each to the next topic.
     */
    private Capacity capacity(String run, int size) throws InterruptedException {
        int n = nodes.size(), per = o.capacityPublishersPerNode();
        bench.progress.phase(String.format("cluster capacity %d nodes x %d shards: %d publishers per node, %s", n,
                o.redis().size(), per, size == 1 ? "single publishes" : "batches of " + size), null);
        // The streams of the first step have just closed; a node lets go of a topic's channel 2 s after its last stream.
        Thread.sleep(3000);
        Snapshot[] idle = idle();
        var next = new AtomicLong();
        if (o.capacityWarmupSeconds() > 0) batches(run, size, next, o.capacityWarmupSeconds(), new Histogram());
        var s0 = new Snapshot();
        var rtt = new Histogram();
        long[] counts = batches(run, size, next, o.capacitySeconds(), rtt);
        var s1 = new Snapshot();
        double wall = (s1.nanos - s0.nanos) / 1e9;
        long events = counts[0] * size;
        var nodeCores = new ArrayList<Double>();
        double nodesCpu = 0;
        for (int k = 0; k < n; k++) {
            nodeCores.add((s1.nodeCpu[k] - s0.nodeCpu[k]) / wall);
            nodesCpu += s1.nodeCpu[k] - s0.nodeCpu[k];
        }
        var result = new Capacity(per, size, o.topics(), wall, counts[0], counts[1], events, events / wall, Latency.of(rtt), nodeCores,
                events == 0 ? Double.NaN : nodesCpu / events * 1e6, shards(s0, s1, events, idle), (s1.generator - s0.generator) / wall,
                Proc.loadAverage1());
        bench.progress.say(String.format("   %,.0f events/s (%,d requests, %d failed), RTT p50 %.1f p99 %.1f ms, nodes %s cores, %.1f us/event; "
                        + "generator %.2f cores, load %.2f", result.eventsPerSecond, counts[0], counts[1], result.roundTrip.p50(),
                result.roundTrip.p99(), cores(nodeCores), result.nodesCpuMicrosPerEvent, result.generatorCores, result.loadAverage1));
        for (ShardFigures f : result.shards) {
            bench.progress.say(String.format("   redis %s: cpu %.3f cores (idle %.3f), %.1f ms per 1,000 events (net of idle %.1f), %.2f commands "
                            + "per event, %,d scripts, %,d keys", f.redis, f.cpuCores, f.idleCpuCores, f.cpuMillisPer1000Events,
                    f.netCpuMillisPer1000Events, f.commandsPerEvent, f.scripts, f.keysAtEnd));
        }
        return result;
    }

    /** Answers {accepted requests, failed requests}. */
    private long[] batches(String run, int size, AtomicLong next, double seconds, Histogram rtt) throws InterruptedException {
        int n = nodes.size(), topics = o.topics();
        var ok = new AtomicLong();
        var failed = new AtomicLong();
        var histograms = new ArrayList<Histogram>();
        var threads = new ArrayList<Thread>();
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        for (int p = 0; p < n * o.capacityPublishersPerNode(); p++) {
            HeraldTarget node = nodes.get(p % n);
            var h = new Histogram();
            histograms.add(h);
            Thread t = new Thread(() -> {
                try (var http = new HttpConnection(node.address)) {
                    while (System.nanoTime() < deadline) {
                        long from = next.getAndAdd(size);
                        long sent = System.nanoTime();
                        byte[] request;
                        if (size == 1) {
                            request = node.publishRequest(run + "/cap" + (from % topics), Payload.of(from, Clock.micros(sent), Payload.SIZE));
                        } else {
                            var items = new ArrayList<String>(size);
                            for (long seq = from; seq < from + size; seq++) {
                                items.add(HeraldTarget.event(HeraldTarget.topic(run + "/cap" + (seq % topics)), Payload.of(seq, Clock.micros(sent), Payload.SIZE)));
                            }
                            request = node.batchRequest(items);
                        }
                        try {
                            if (http.send(request) / 100 == 2) ok.incrementAndGet();
                            else failed.incrementAndGet();
                        } catch (IOException e) {
                            failed.incrementAndGet();
                        }
                        h.record((System.nanoTime() - sent) / 1000);
                    }
                }
            }, "bench-cluster-batch-" + p);
            t.setDaemon(true);
            threads.add(t);
        }
        for (Thread t : threads) t.start();
        for (Thread t : threads) t.join();
        for (Histogram h : histograms) rtt.add(h);
        return new long[]{ok.get(), failed.get()};
    }

    // --- measuring ---------------------------------------------------------------------------------------------

    /** Every node's counters and CPU, every Redis's CPU and commands, and the generator's CPU, at one moment. */
    private final class Snapshot {
        final long nanos = System.nanoTime();
        final double generator = Proc.selfCpuSeconds();
        final double[] nodeCpu = new double[nodes.size()];
        final long[] read = new long[nodes.size()], published = new long[nodes.size()], delivered = new long[nodes.size()];
        final double[] shardCpu = new double[o.redis().size()];
        final RedisInfo.Sample[] shard = new RedisInfo.Sample[o.redis().size()];

        Snapshot() {
            for (int k = 0; k < nodes.size(); k++) {
                HeraldTarget node = nodes.get(k);
                nodeCpu[k] = node.cpuSeconds();
                Map<String, Long> m = node.metrics(READ, PUBLISHED, DELIVERED);
                read[k] = m.get(READ);
                published[k] = m.get(PUBLISHED);
                delivered[k] = m.get(DELIVERED);
            }
            for (int s = 0; s < shard.length; s++) {
                shardCpu[s] = Proc.cpuSeconds(Proc.readPid(o.redisPids().get(s)));
                shard[s] = RedisInfo.sample(o.redis().get(s));
            }
        }
    }

    /** Two snapshots {@code --cluster-idle} seconds apart, with nothing published between them. */
    private Snapshot[] idle() throws InterruptedException {
        var i0 = new Snapshot();
        Thread.sleep((long) (o.idleSeconds() * 1000));
        return new Snapshot[]{i0, new Snapshot()};
    }

    private static double seconds(Snapshot[] interval) {
        return (interval[1].nanos - interval[0].nanos) / 1e9;
    }

    private List<ShardFigures> shards(Snapshot s0, Snapshot s1, long events, Snapshot[] idle) {
        double wall = (s1.nanos - s0.nanos) / 1e9, idleWall = seconds(idle);
        var out = new ArrayList<ShardFigures>();
        for (int s = 0; s < o.redis().size(); s++) {
            double cpu = s1.shardCpu[s] - s0.shardCpu[s];
            double idleCores = (idle[1].shardCpu[s] - idle[0].shardCpu[s]) / idleWall;
            long commands = s1.shard[s].commands() - s0.shard[s].commands();
            var calls = new java.util.TreeMap<String, Double>();
            for (var c : s1.shard[s].calls().entrySet()) {
                long d = c.getValue() - s0.shard[s].calls().getOrDefault(c.getKey(), 0L);
                if (d > 0 && events > 0) calls.put(c.getKey(), (double) d / events);
            }
            out.add(new ShardFigures(o.redis().get(s), cpu / wall, events == 0 ? Double.NaN : cpu / events * 1e6, idleCores,
                    events == 0 ? Double.NaN : (cpu - idleCores * wall) / events * 1e6, commands, ratio(commands, events),
                    (idle[1].shard[s].commands() - idle[0].shard[s].commands()) / idleWall, calls,
                    s1.shard[s].scripts() - s0.shard[s].scripts(), s1.shard[s].keys()));
        }
        return out;
    }

    /** Topics on node k: k, k + N, ... below T. */
    private int topicsOn(int k) {
        return (o.topics() - k + nodes.size() - 1) / nodes.size();
    }

    /** Events of topic t among the global events 0 .. end - 1 (topic g mod T); they are numbered 0 .. count - 1 within it. */
    private long countBelow(int topic, long end) {
        return end / o.topics() + (topic < end % o.topics() ? 1 : 0);
    }

    /** Deliveries due to the open streams for global events {@code from .. to - 1}. */
    private long expected(List<List<Stream>> streams, long from, long to) {
        long sum = 0;
        for (int k = 0; k < streams.size(); k++) {
            for (Stream s : streams.get(k)) {
                if (!s.isOpen()) continue;
                int topic = k + (s.index / o.subscribersPerTopic()) * nodes.size();
                sum += countBelow(topic, to) - countBelow(topic, from);
            }
        }
        return sum;
    }

    private static String channel(String run, int topic) {
        return run + "/t" + topic;
    }

    private static double ratio(long a, long b) {
        return b == 0 ? Double.NaN : (double) a / b;
    }

    private static String cores(List<Double> cores) {
        var sb = new StringBuilder();
        for (double c : cores) sb.append(sb.length() == 0 ? "" : " / ").append(String.format(Locale.ROOT, "%.2f", c));
        return sb.toString();
    }

    // --- gathering the runs ------------------------------------------------------------------------------------

    /**
     * Gathers the results bench/cluster.sh's runs left in {@code --cluster-summary}'s directory into
     * {@code bench/results/<date>-cluster.json}, and prints them as two markdown tables.
     */
    @SuppressWarnings("unchecked")
    static void summarize(BenchOptions options) throws IOException {
        var runs = new ArrayList<Map<String, Object>>();
        try (var files = Files.list(options.cluster().summaryDir())) {
            for (Path f : (Iterable<Path>) files.sorted()::iterator) {
                if (f.getFileName().toString().endsWith(".json")) runs.add((Map<String, Object>) Json.read(Files.readString(f)));
            }
        }
        if (runs.isEmpty()) throw new IllegalStateException("no cluster results in " + options.cluster().summaryDir());
        // By nodes; a baseline build's run before this checkout's, then by shards.
        runs.sort(java.util.Comparator.comparingLong((Map<String, Object> r) -> lng(r, "nodes"))
                .thenComparing(r -> isThis(r) ? 1 : 0).thenComparingLong(r -> lng(r, "shards")));

        // Capacity with K shards against one, for the same number of nodes and the same batch size.
        var versusOne = new ArrayList<Map<String, Object>>();
        for (Map<String, Object> r : runs) {
            if (lng(r, "shards") == 1) continue;
            for (Map<String, Object> c : capacities(r)) {
                Map<String, Object> one = oneShard(runs, r, c);
                if (one == null) continue;
                var v = new LinkedHashMap<String, Object>();
                v.put("nodes", lng(r, "nodes"));
                v.put("shards", lng(r, "shards"));
                v.put("batchSize", lng(c, "batchSize"));
                v.put("eventsPerSecond", dbl(c, "eventsPerSecond"));
                v.put("oneShardEventsPerSecond", dbl(one, "eventsPerSecond"));
                v.put("ratio", dbl(c, "eventsPerSecond") / dbl(one, "eventsPerSecond"));
                versusOne.add(v);
            }
        }
        String date = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HHmm"));
        String scale = String.valueOf(((Map<String, Object>) runs.get(0).get("environment")).get("scale"));
        var out = new LinkedHashMap<String, Object>();
        out.put("date", date);
        out.put("scale", scale);
        out.put("loadAverage1BeforeTheRun", options.loadBefore());
        out.put("notes", options.notes());
        out.put("runs", runs);
        out.put("capacityVersusOneShard", versusOne);
        Files.createDirectories(options.resultsDir());
        Path json = options.resultsDir().resolve(date + "-cluster" + ("quick".equals(scale) ? "-quick" : "") + ".json");
        Files.writeString(json, Json.write(out));
        System.out.println("results: " + json);
        System.out.println();
        System.out.print(markdown(runs));
    }

    @SuppressWarnings("unchecked")
    private static String markdown(List<Map<String, Object>> runs) {
        var md = new StringBuilder();
        Map<String, Object> first = (Map<String, Object>) runs.get(0).get("rate");
        md.append(String.format(Locale.ROOT, "Many topics: %,d topics x %d subscriber, topic t's on node t mod N; %,d publishes/s open loop "
                        + "through the nodes in turn, %.0f s measured after %.0f s of warm-up. Read share: the node's "
                        + "`herald_broker_events_read_total` over the events the cluster accepted (1.00 where every node reads every event).%n%n",
                lng(first, "topics"), lng(first, "subscribersPerTopic"), lng(first, "rate"), dbl(first, "seconds"), dbl(first, "warmupSeconds")));
        md.append("| build | nodes | shards | published/s | received | lost | p99 ms | events read per node | read share per node (1/N) "
                + "| node CPU, cores (idle) | node CPU per publish of the cluster, µs | node µs/delivery (net of idle) "
                + "| Redis ms CPU per 1,000 publishes, per shard (net of idle) | generator CPU | load |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---|---|---|---|---|---|---:|---:|\n");
        for (Map<String, Object> r : runs) {
            Map<String, Object> rate = (Map<String, Object>) r.get("rate");
            List<Map<String, Object>> ns = (List<Map<String, Object>>) rate.get("nodes");
            List<Map<String, Object>> ss = (List<Map<String, Object>>) rate.get("shards");
            md.append(String.format(Locale.ROOT, "| %s | %d | %d | %,.0f | %,d | %d | %.1f | %s | %s (%.2f) | %s | %s | %s | %s | %.2f | %.2f |\n",
                    r.get("build"), lng(r, "nodes"), lng(r, "shards"), dbl(rate, "publishedPerSecond"), lng(rate, "received"), lng(rate, "lost"),
                    dbl(rate, "latency", "p99"), counted(ns) ? join(ns, "eventsRead", "%,.0f") : "no count (every event)",
                    counted(ns) ? join(ns, "readPerPublished", "%.2f") : "1", 1.0 / lng(r, "nodes"),
                    join(ns, "cpuCores", "%.2f") + " (" + join(ns, "idleCpuCores", "%.2f") + ")", join(ns, "cpuMicrosPerClusterPublish", "%.0f"),
                    join(ns, "cpuMicrosPerDelivery", "%.0f") + " (" + join(ns, "netCpuMicrosPerDelivery", "%.0f") + ")",
                    join(ss, "cpuMillisPer1000Events", "%.1f") + " (" + join(ss, "netCpuMillisPer1000Events", "%.1f") + ")",
                    dbl(rate, "generatorCores"), dbl(rate, "loadAverage1")));
        }
        Map<String, Object> cap = capacities(runs.get(0)).get(0);
        md.append(String.format(Locale.ROOT, "%nPublish capacity: %d publishers per node, each sending the next request as soon as the "
                        + "last is answered, for %.0f s, no subscriber: single publishes (batch 1, `POST /api/publish`) each to the next "
                        + "of %,d topics, or batches of consecutive topics. Redis figures per shard, in the order of `HERALD_REDIS_SHARDS`, "
                        + "each per event the cluster accepted; scripts are the Lua calls each shard ran. The events/s that fill one core "
                        + "of a shard follow from its CPU per event: the cluster's ceiling is the lowest, however loaded the machine was.%n%n",
                lng(cap, "publishersPerNode"), dbl(cap, "seconds"), lng(cap, "topics")));
        md.append("| batch | build | nodes | shards | events/s | vs 1 shard | failed | RTT p50 / p99 ms | node CPU, cores | node µs/event "
                + "| Redis CPU, cores | Redis ms CPU per 1,000 events (net of idle) | events/s that fill one core of the shard | scripts | generator CPU | load |\n");
        md.append("|---:|---|---:|---:|---:|---:|---:|---:|---|---:|---|---|---|---|---:|---:|\n");
        var sizes = new java.util.TreeSet<Long>();
        for (Map<String, Object> r : runs) for (Map<String, Object> c : capacities(r)) sizes.add(lng(c, "batchSize"));
        for (long size : sizes) {
            for (Map<String, Object> r : runs) {
                for (Map<String, Object> c : capacities(r)) {
                    if (lng(c, "batchSize") != size) continue;
                    Map<String, Object> one = oneShard(runs, r, c);
                    String vs = one == null ? "–" : String.format(Locale.ROOT, "%.2f", dbl(c, "eventsPerSecond") / dbl(one, "eventsPerSecond"));
                    List<Map<String, Object>> ss = (List<Map<String, Object>>) c.get("shards");
                    md.append(String.format(Locale.ROOT, "| %d | %s | %d | %d | %,.0f | %s | %d | %.1f / %.1f | %s | %.1f | %s | %s | %s | %s | %.2f | %.2f |\n",
                            size, r.get("build"), lng(r, "nodes"), lng(r, "shards"), dbl(c, "eventsPerSecond"), vs, lng(c, "failed"), dbl(c, "roundTrip", "p50"),
                            dbl(c, "roundTrip", "p99"), joinValues((List<Object>) c.get("nodeCpuCores"), "%.2f"), dbl(c, "nodesCpuMicrosPerEvent"),
                            join(ss, "cpuCores", "%.2f"),
                            join(ss, "cpuMillisPer1000Events", "%.1f") + " (" + join(ss, "netCpuMillisPer1000Events", "%.1f") + ")",
                            ceilings(ss), join(ss, "scripts", "%,.0f"), dbl(c, "generatorCores"), dbl(c, "loadAverage1")));
                }
            }
        }
        versusBaseline(md, runs);
        return md.toString();
    }

    /**
     * This checkout against a baseline build (one shard each, same nodes): what a node reads and what it spends. The
     * baseline's nodes read every event, so its read count is the events published.
     */
    @SuppressWarnings("unchecked")
    private static void versusBaseline(StringBuilder md, List<Map<String, Object>> runs) {
        var pairs = new ArrayList<Map<String, Object>[]>();
        for (Map<String, Object> b : runs) {
            if (isThis(b)) continue;
            runs.stream().filter(r -> isThis(r) && lng(r, "nodes") == lng(b, "nodes") && lng(r, "shards") == lng(b, "shards"))
                    .findFirst().ifPresent(r -> pairs.add(new Map[]{b, r}));
        }
        if (pairs.isEmpty()) return;
        md.append(String.format(Locale.ROOT, "%nAgainst the baseline build %s (`--baseline`), same workload, one shard; per node, the mean "
                + "over the nodes; baseline → this checkout (this / baseline). A baseline without `herald_broker_events_read_total` "
                + "(before interest routing) is taken to read every event published.%n%n", pairs.get(0)[0].get("build")));
        md.append("| nodes | events read per node | node CPU, cores | node CPU per publish of the cluster, µs | node µs/delivery "
                + "| node µs/delivery net of idle | delivery p99 ms | Redis ms CPU per 1,000 publishes | generator CPU | load |\n");
        md.append("|---:|---|---|---|---|---|---|---|---|---|\n");
        for (Map<String, Object>[] p : pairs) {
            Map<String, Object> b = (Map<String, Object>) p[0].get("rate"), r = (Map<String, Object>) p[1].get("rate");
            List<Map<String, Object>> bn = (List<Map<String, Object>>) b.get("nodes");
            double readBefore = counted(bn) ? mean(b, "nodes", "eventsRead") : dbl(b, "published"), readNow = mean(r, "nodes", "eventsRead");
            md.append(String.format(Locale.ROOT, "| %d | %s | %s | %s | %s | %s | %s | %s | %.2f / %.2f | %.2f / %.2f |\n", lng(p[1], "nodes"),
                    change(readBefore, readNow, "%,.0f"), change(mean(b, "nodes", "cpuCores"), mean(r, "nodes", "cpuCores"), "%.2f"),
                    change(mean(b, "nodes", "cpuMicrosPerClusterPublish"), mean(r, "nodes", "cpuMicrosPerClusterPublish"), "%.0f"),
                    change(mean(b, "nodes", "cpuMicrosPerDelivery"), mean(r, "nodes", "cpuMicrosPerDelivery"), "%.0f"),
                    change(mean(b, "nodes", "netCpuMicrosPerDelivery"), mean(r, "nodes", "netCpuMicrosPerDelivery"), "%.0f"),
                    change(dbl(b, "latency", "p99"), dbl(r, "latency", "p99"), "%.1f"),
                    change(mean(b, "shards", "cpuMillisPer1000Events"), mean(r, "shards", "cpuMillisPer1000Events"), "%.1f"),
                    dbl(b, "generatorCores"), dbl(r, "generatorCores"), dbl(b, "loadAverage1"), dbl(r, "loadAverage1")));
        }
    }

    private static String change(double before, double now, String format) {
        return String.format(Locale.ROOT, format + " → " + format + " (%.2f)", before, now, now / before);
    }

    /** The mean of a figure over a run's nodes (or shards). */
    @SuppressWarnings("unchecked")
    private static double mean(Map<String, Object> phase, String list, String key) {
        return ((List<Map<String, Object>>) phase.get(list)).stream().mapToDouble(m -> dbl(m, key)).average().orElse(Double.NaN);
    }

    /** Whether the nodes counted what they read (builds before interest routing do not). */
    private static boolean counted(List<Map<String, Object>> nodes) {
        return nodes.stream().allMatch(m -> lng(m, "eventsRead") >= 0);
    }

    private static boolean isThis(Map<String, Object> run) {
        return "this".equals(run.get("build"));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> capacities(Map<String, Object> run) {
        return run.get("capacity") instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
    }

    /** The capacity step of the same batch size on one shard with as many nodes as {@code run}, or null. */
    private static Map<String, Object> oneShard(List<Map<String, Object>> runs, Map<String, Object> run, Map<String, Object> capacity) {
        for (Map<String, Object> x : runs) {
            if (lng(x, "nodes") != lng(run, "nodes") || lng(x, "shards") != 1 || !x.get("build").equals(run.get("build"))) continue;
            for (Map<String, Object> c : capacities(x)) if (lng(c, "batchSize") == lng(capacity, "batchSize")) return c;
        }
        return null;
    }

    /**
     * Per shard that ran scripts, the cluster's events/s at which that shard's one core would be full, from its CPU per
     * event of the cluster (net of idle): a ceiling that holds however loaded the machine was, where events/s itself
     * depends on what CPU the nodes got.
     */
    private static String ceilings(List<Map<String, Object>> shards) {
        var values = new ArrayList<Object>();
        for (Map<String, Object> m : shards) {
            double micros = dbl(m, "netCpuMillisPer1000Events");
            values.add(lng(m, "scripts") > 0 && micros > 0 ? (Object) (1e6 / micros) : null);
        }
        return joinValues(values, "%,.0f");
    }

    /** A figure of each node (or shard), "a / b / c". */
    private static String join(List<Map<String, Object>> items, String key, String format) {
        var values = new ArrayList<Object>();
        for (Map<String, Object> m : items) values.add(m.get(key));
        return joinValues(values, format);
    }

    private static String joinValues(List<Object> values, String format) {
        var sb = new StringBuilder();
        for (Object v : values) {
            sb.append(sb.length() == 0 ? "" : " / ");
            sb.append(v instanceof Number x ? String.format(Locale.ROOT, format, x.doubleValue()) : "–");
        }
        return sb.toString();
    }

    @SuppressWarnings("unchecked")
    private static Object at(Map<String, Object> m, String... path) {
        Object v = m;
        for (String p : path) v = v instanceof Map<?, ?> x ? ((Map<String, Object>) x).get(p) : null;
        return v;
    }

    private static double dbl(Map<String, Object> m, String... path) {
        return at(m, path) instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    private static long lng(Map<String, Object> m, String... path) {
        return at(m, path) instanceof Number n ? n.longValue() : -1;
    }
}
