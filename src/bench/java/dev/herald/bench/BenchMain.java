package dev.herald.bench;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the workloads against Herald and Nchan, alternating between them, and writes
 * {@code bench/results/<date>.json} and the report. Started by bench/run.sh, which builds
 * and starts the servers first: Herald on its durable default, Nchan, Herald on the
 * memory store for the workloads that compare the two stores, and Herald on the JAX-RS stream transport
 * for those that compare the two transports.
 */
public final class BenchMain {

    public static void main(String[] args) throws Exception {
        if (List.of(args).contains("--help")) {
            System.out.print(BenchOptions.USAGE);
            return;
        }
        BenchOptions o = BenchOptions.parse(args);
        if (o.cluster().summaryDir() != null) {
            ClusterTopics.summarize(o);
            System.exit(0);
        }
        if (o.workloads().contains("cluster")) {
            runCluster(o);
            System.exit(0);
        }
        if (List.of(args).contains("--servers")) {
            // For bench/run.sh, before it starts anything: a server no workload of this run loads is not started.
            System.out.println(String.join(" ", targetNames(o)));
            return;
        }
        var targets = new ArrayList<Target>();
        for (String t : targetNames(o)) {
            targets.add(switch (t) {
                case "herald" -> new HeraldTarget("herald", new InetSocketAddress(o.heraldHost(), o.heraldPort()), o.heraldToken(), o.heraldPidFile());
                case HeraldTarget.MEMORY -> new HeraldTarget(HeraldTarget.MEMORY, new InetSocketAddress(o.heraldMemoryHost(), o.heraldMemoryPort()),
                        o.heraldToken(), o.heraldMemoryPidFile());
                case HeraldTarget.JAXRS -> new HeraldTarget(HeraldTarget.JAXRS, new InetSocketAddress(o.heraldJaxrsHost(), o.heraldJaxrsPort()),
                        o.heraldToken(), o.heraldJaxrsPidFile());
                case "nchan" -> new NchanTarget(new InetSocketAddress(o.nchanHost(), o.nchanPort()), o.nchanPidFile());
                default -> throw new IllegalArgumentException("unknown target " + t);
            });
        }
        String date = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HHmm"));
        double loadAtStart = Proc.loadAverage1();
        long wall0 = System.nanoTime();
        double cpu0 = Proc.selfCpuSeconds();

        var fanout = new ArrayList<FanOut.Result>();
        var idle = new ArrayList<Idle.Result>();
        var storm = new ArrayList<Storm.Result>();
        var slow = new ArrayList<SlowConsumers.Result>();
        var topics = new ArrayList<ManyTopics.Result>();
        var publish = new ArrayList<PublishRate.Result>();
        var chat = new ArrayList<ChatSend.Result>();
        var batch = new ArrayList<BatchRate.Result>();
        try (var client = new StreamClient(o.ioThreads(), o.maxOpening());
             var progress = new Progress(client, 2)) {
            var bench = new Bench(o, client, progress, targets);
            progress.say(String.format("load average %.2f; generator: %d I/O threads on CPU %s of %d, open-files limit %s",
                    loadAtStart, o.ioThreads(), Proc.selfCpusAllowed(), Proc.machineCores(), openFilesLimit()));
            if (o.warmupSeconds() > 0) {
                // JIT, thread pools and buffer pools of every server get going before anything is measured.
                var w = new FanOut(bench);
                for (Target t : targets) w.run(t, o.warmupSubscribers(), 50, o.warmupSeconds());
                // The chat path (sign-in, the chat store) is not on the fan-out's: warmed on its own.
                if (o.workloads().contains("chat")) {
                    ChatSend.runAll(bench, targets.stream().filter(t -> Bench.joins(o, t.name, "chat")).toList(), o.chatUsers(),
                            o.chatRate(), o.warmupSeconds(), null);
                }
            }
            if (o.workloads().contains("idle")) {
                var w = new Idle(bench);
                for (int n : o.idleCounts())
                    for (Target t : bench.nextOrder("idle")) idle.add(w.run(t, n, o.idleHoldSeconds()));
            }
            if (o.workloads().contains("fanout")) {
                var w = new FanOut(bench);
                for (int subs : o.fanoutSubscribers())
                    for (int rate : o.fanoutRates())
                        for (Target t : bench.nextOrder("fanout")) fanout.add(w.run(t, subs, rate, o.fanoutSeconds()));
            }
            if (o.workloads().contains("storm")) {
                var w = new Storm(bench);
                for (Target t : bench.nextOrder("storm")) {
                    storm.add(w.run(t, Storm.Drop.SERVER, o.stormSubscribers(), o.stormEvents()));
                    // Nchan has no disconnect-all: its channel delete is the server-side drop, and with more
                    // than one worker it can lose what is published meanwhile, so it also runs with the
                    // clients dropping themselves, which leaves the channel as it is.
                    if (t instanceof NchanTarget) storm.add(w.run(t, Storm.Drop.CLIENT, o.stormSubscribers(), o.stormEvents()));
                }
            }
            if (o.workloads().contains("churn")) {
                // Every client leaves and comes back at once while events flow: what a proxy restart does to a node.
                var w = new Storm(bench);
                for (Target t : bench.nextOrder("churn")) storm.add(w.run(t, Storm.Drop.CHURN, o.churnSubscribers(), o.stormEvents()));
            }
            if (o.workloads().contains("slow")) {
                var w = new SlowConsumers(bench);
                for (Target t : bench.nextOrder("slow")) {
                    slow.add(w.run(t, o.slowReaders(), o.slowCount(), o.slowRate(), o.slowPayload(), o.slowSeconds()));
                }
            }
            if (o.workloads().contains("topics")) {
                var w = new ManyTopics(bench);
                for (Target t : bench.nextOrder("topics")) topics.add(w.run(t, o.topics(), o.topicsRate(), o.topicsPublishers(), o.topicsSeconds()));
            }
            if (o.workloads().contains("publish")) {
                var w = new PublishRate(bench);
                for (int subs : o.publishSubscribers())
                    for (Target t : bench.nextOrder("publish")) publish.add(w.run(t, subs, o.publishPublishers(), o.publishSeconds()));
            }
            if (o.workloads().contains("batch")) batch.addAll(BatchRate.runAll(bench, bench.nextOrder("batch"), o));
            if (o.workloads().contains("chat")) {
                ChatSend.runAll(bench, bench.nextOrder("chat"), o.chatUsers(), o.chatRate(), o.chatSeconds(), chat);
            }
            progress.say("== done");
        }
        double wall = (System.nanoTime() - wall0) / 1e9;
        var environment = new LinkedHashMap<String, Object>();
        environment.put("cores", Proc.machineCores());
        environment.put("loadAverage1Before", o.loadBefore());
        environment.put("loadAverage1AtGeneratorStart", loadAtStart);
        environment.put("loadAverage1After", Proc.loadAverage1());
        environment.put("kernel", System.getProperty("os.version"));
        environment.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        environment.put("heraldHeap", o.heraldHeap());
        environment.put("heraldMemoryWorkloads", targets.stream().anyMatch(t -> t.name.equals(HeraldTarget.MEMORY))
                ? String.join(",", new java.util.TreeSet<>(o.memoryWorkloads())) : "none");
        environment.put("heraldJaxrsWorkloads", targets.stream().anyMatch(t -> t.name.equals(HeraldTarget.JAXRS))
                ? String.join(",", new java.util.TreeSet<>(o.jaxrsWorkloads())) : "none");
        environment.put("openFilesLimit", openFilesLimit());
        environment.put("generatorIoThreads", o.ioThreads());
        environment.put("warmup", o.warmupSeconds() > 0
                ? String.format(java.util.Locale.ROOT, "%d subscribers x 50/s for %.0f s on each server", o.warmupSubscribers(), o.warmupSeconds())
                : "none");
        environment.put("generatorCpus", Proc.selfCpusAllowed());
        environment.put("generatorCpuCoresAverage", (Proc.selfCpuSeconds() - cpu0) / wall);
        environment.put("wallSeconds", wall);
        environment.put("scale", o.quick() ? "quick" : "full");
        environment.put("notes", o.notes());

        var results = new Results(date, environment, fanout, idle, storm, slow, topics, publish, chat, batch,
                Ratios.of(fanout, idle, storm, slow, topics, publish, batch), Ratios.stores(publish, chat, fanout),
                Ratios.transports(fanout));
        Files.createDirectories(o.resultsDir());
        Path json = o.resultsDir().resolve(date + (o.quick() ? "-quick" : "") + ".json");
        Files.writeString(json, Json.write(results));
        System.out.println("results: " + json);
        new Report(o).write(results, json);
        System.out.println("report: " + o.report());
        for (Ratios.Ratio r : results.ratios()) System.out.println("  " + r.line("herald", "nchan"));
        for (Ratios.Ratio r : results.storeRatios()) System.out.println("  " + r.line("durable", "memory"));
        for (Ratios.Ratio r : results.transportRatios()) System.out.println("  " + r.line("JAX-RS", "servlet"));
        System.exit(0);
    }

    /**
     * The cluster workload (bench/cluster.sh): one cluster of nodes and Redis shards per run, its result
     * written to {@code --cluster-out} for {@link ClusterTopics#summarize} to gather with the others.
     */
    private static void runCluster(BenchOptions o) throws Exception {
        var c = o.cluster();
        if (c.nodes().isEmpty() || c.nodes().size() != c.nodePids().size() || c.out() == null) {
            throw new IllegalArgumentException("--workloads=cluster needs --cluster-nodes, one --cluster-node-pids each, and --cluster-out");
        }
        var nodes = new ArrayList<HeraldTarget>();
        for (int i = 0; i < c.nodes().size(); i++) {
            String hostPort = c.nodes().get(i);
            int colon = hostPort.lastIndexOf(':');
            nodes.add(new HeraldTarget("node" + (i + 1), new InetSocketAddress(hostPort.substring(0, colon),
                    Integer.parseInt(hostPort.substring(colon + 1))), o.heraldToken(), c.nodePids().get(i)));
        }
        double loadAtStart = Proc.loadAverage1();
        long wall0 = System.nanoTime();
        double cpu0 = Proc.selfCpuSeconds();
        ClusterTopics.Result result;
        var environment = new LinkedHashMap<String, Object>();
        try (var client = new StreamClient(o.ioThreads(), o.maxOpening());
             var progress = new Progress(client, 2)) {
            var bench = new Bench(o, client, progress, List.copyOf(nodes));
            progress.say(String.format("load average %.2f; generator: %d I/O threads on CPU %s of %d, open-files limit %s",
                    loadAtStart, o.ioThreads(), Proc.selfCpusAllowed(), Proc.machineCores(), openFilesLimit()));
            environment.put("cores", Proc.machineCores());
            environment.put("loadAverage1Before", o.loadBefore());
            environment.put("loadAverage1AtGeneratorStart", loadAtStart);
            environment.put("kernel", System.getProperty("os.version"));
            environment.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
            environment.put("heraldHeap", o.heraldHeap());
            environment.put("openFilesLimit", openFilesLimit());
            environment.put("generatorIoThreads", o.ioThreads());
            environment.put("generatorCpus", Proc.selfCpusAllowed());
            environment.put("scale", o.quick() ? "quick" : "full");
            environment.put("notes", o.notes());
            result = new ClusterTopics(bench, nodes).run(environment);
            progress.say("== done");
        }
        double wall = (System.nanoTime() - wall0) / 1e9;
        environment.put("loadAverage1After", Proc.loadAverage1());
        environment.put("generatorCpuCoresAverage", (Proc.selfCpuSeconds() - cpu0) / wall);
        environment.put("wallSeconds", wall);
        Files.createDirectories(c.out().toAbsolutePath().getParent());
        Files.writeString(c.out(), Json.write(result));
        System.out.println("cluster result: " + c.out());
    }

    /**
     * The targets of {@code --targets} this run loads, in that order: Herald on the memory store and Herald on the JAX-RS
     * transport only serve the workloads that compare them with the default Herald, and are left out when none of those runs.
     */
    static List<String> targetNames(BenchOptions o) {
        return o.targets().stream().filter(t -> o.workloads().stream().anyMatch(w -> Bench.joins(o, t, w))).toList();
    }

    private static String openFilesLimit() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
                if (line.startsWith("Max open files")) return line.replaceAll("\\s+", " ").replace("Max open files ", "").trim();
            }
        } catch (Exception ignored) {
        }
        return "?";
    }

    record Results(String date, Map<String, Object> environment, List<FanOut.Result> fanout, List<Idle.Result> idle,
                   List<Storm.Result> storm, List<SlowConsumers.Result> slow, List<ManyTopics.Result> topics,
                   List<PublishRate.Result> publish, List<ChatSend.Result> chat, List<BatchRate.Result> batch, List<Ratios.Ratio> ratios,
                   List<Ratios.Ratio> storeRatios, List<Ratios.Ratio> transportRatios) {
    }
}
