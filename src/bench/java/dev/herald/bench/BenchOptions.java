package dev.herald.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The generator's settings from {@code --name=value} arguments. {@code --quick} picks small
 * scales (a run of about four minutes); any setting given explicitly wins over either preset.
 */
record BenchOptions(boolean quick, Set<String> workloads, List<String> targets, Set<String> memoryWorkloads, Set<String> jaxrsWorkloads,
                    List<Integer> fanoutSubscribers, List<Integer> fanoutRates, double fanoutSeconds,
                    List<Integer> idleCounts, double idleHoldSeconds,
                    int stormSubscribers, int stormEvents, int churnSubscribers,
                    int slowReaders, int slowCount, int slowRate, int slowPayload, double slowSeconds,
                    int topics, int topicsRate, int topicsPublishers, double topicsSeconds,
                    List<Integer> publishSubscribers, int publishPublishers, double publishSeconds,
                    int batchPublishers, int batchSize, int batchTopics,
                    int chatUsers, int chatRate, double chatSeconds,
                    int ioThreads, int maxOpening, double settleSeconds, double warmupSeconds, int warmupSubscribers,
                    String heraldHost, int heraldPort, String heraldToken, Path heraldPidFile,
                    String heraldMemoryHost, int heraldMemoryPort, Path heraldMemoryPidFile,
                    String heraldJaxrsHost, int heraldJaxrsPort, Path heraldJaxrsPidFile,
                    String nchanHost, int nchanPort, Path nchanPidFile,
                    Path resultsDir, Path report, String heraldHeap, double loadBefore, String notes, Cluster cluster) {

    /**
     * The cluster workload's settings (bench/cluster.sh starts the nodes and shards and names them here), kept
     * apart from the single-server ones above.
     * @param build      which Herald the nodes run: "this" (the checkout) or the commit of a baseline build
     * @param out        where one cluster's result goes (JSON), for {@link ClusterTopics#summarize} to gather
     * @param summaryDir set: no load, gather the results found there into bench/results and print the table
     */
    record Cluster(List<String> nodes, List<Path> nodePids, List<String> redis, List<Path> redisPids,
                   int topics, int subscribersPerTopic, int rate, int publishers, double warmupSeconds, double idleSeconds, double seconds,
                   int capacityPublishersPerNode, List<Integer> batchSizes, double capacityWarmupSeconds, double capacitySeconds,
                   String build, Path out, Path summaryDir) {
    }

    static final String USAGE = """
            dev.herald.bench.BenchMain [--quick] [--name=value ...]
              --workloads=fanout,idle,storm,churn,slow,topics,publish,batch,chat   --targets=herald,nchan,herald-memory,herald-jaxrs
              --memory-workloads=publish,batch,chat   (the workloads herald-memory joins)
              --jaxrs-workloads=fanout   (the workloads herald-jaxrs, Herald with HERALD_STREAM_TRANSPORT=jaxrs, joins)
              --fanout-subs=100,1000,5000,10000    --fanout-rates=10,50   --fanout-seconds=20
              --idle=10000,18000 --idle-hold=30    --storm=5000 --storm-events=100 --churn=10000
              --slow-readers=1000 --slow=100 --slow-rate=50 --slow-payload=4096 --slow-seconds=60
              --topics=10000 --topics-rate=2000 --topics-publishers=8 --topics-seconds=20
              --publish-subs=0,1000 --publish-publishers=4 --publish-seconds=10
              --batch-publishers=4 --batch-size=100 --batch-topics=10   (batch: Herald only, for --publish-seconds)
              --chat-users=10 --chat-rate=50 --chat-seconds=60
              --io-threads=2 --max-opening=500 --settle=2 --warmup=30 --warmup-subs=1000
              --herald=127.0.0.1:9190 --herald-token=dev-publisher-token --herald-pid=FILE
              --herald-memory=127.0.0.1:9192 --herald-memory-pid=FILE
              --herald-jaxrs=127.0.0.1:9193 --herald-jaxrs-pid=FILE
              --nchan=127.0.0.1:9191 --nchan-pid=FILE
              --results=bench/results --report=BENCHMARKS.md --herald-heap="-Xms1g -Xmx1g" --load-before=N --notes=TEXT
              --servers   (runs nothing: prints the targets this run would load, for bench/run.sh to start only those)
            cluster (bench/cluster.sh; --workloads=cluster):
              --cluster-nodes=127.0.0.1:9190,... --cluster-node-pids=FILE,... --cluster-redis=127.0.0.1:6391,... --cluster-redis-pids=FILE,...
              --cluster-topics=10000 --cluster-subs-per-topic=1 --cluster-rate=2000 --cluster-publishers=40
              --cluster-warmup=30 --cluster-idle=5 --cluster-seconds=30 --cluster-capacity-publishers=4 (per node) --cluster-batch-sizes=1,100 (1: POST /api/publish)
              --cluster-capacity-warmup=5 --cluster-capacity-seconds=15 --cluster-build=this|COMMIT --cluster-out=FILE
              --cluster-summary=DIR (gather, no load)
            """;

    static BenchOptions parse(String[] args) {
        Map<String, String> a = new HashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--")) throw new IllegalArgumentException("unexpected argument " + arg + "\n" + USAGE);
            int eq = arg.indexOf('=');
            if (eq < 0) a.put(arg.substring(2), "true");
            else a.put(arg.substring(2, eq), arg.substring(eq + 1));
        }
        boolean quick = Boolean.parseBoolean(a.getOrDefault("quick", "false"));
        String herald = a.getOrDefault("herald", "127.0.0.1:9190");
        String nchan = a.getOrDefault("nchan", "127.0.0.1:9191");
        String heraldMemory = a.getOrDefault("herald-memory", "127.0.0.1:9192");
        String heraldJaxrs = a.getOrDefault("herald-jaxrs", "127.0.0.1:9193");
        return new BenchOptions(quick,
                Set.copyOf(List.of(a.getOrDefault("workloads", "fanout,idle,storm,churn,slow,topics,publish,batch,chat").split(","))),
                List.of(a.getOrDefault("targets", "herald,nchan," + HeraldTarget.MEMORY + "," + HeraldTarget.JAXRS).split(",")),
                Set.copyOf(List.of(a.getOrDefault("memory-workloads", "publish,batch,chat").split(","))),
                // The transports differ only in how a stream is written: the fan-out is where that shows.
                Set.copyOf(List.of(a.getOrDefault("jaxrs-workloads", "fanout").split(","))),
                ints(a.getOrDefault("fanout-subs", quick ? "100,1000,2000" : "100,1000,5000,10000")),
                ints(a.getOrDefault("fanout-rates", quick ? "50" : "10,50")),
                dbl(a.getOrDefault("fanout-seconds", quick ? "5" : "20")),
                ints(a.getOrDefault("idle", quick ? "2000" : "10000,18000")),
                dbl(a.getOrDefault("idle-hold", quick ? "5" : "30")),
                Integer.parseInt(a.getOrDefault("storm", quick ? "1000" : "5000")),
                Integer.parseInt(a.getOrDefault("storm-events", "100")),
                Integer.parseInt(a.getOrDefault("churn", quick ? "1000" : "10000")),
                Integer.parseInt(a.getOrDefault("slow-readers", quick ? "200" : "1000")),
                Integer.parseInt(a.getOrDefault("slow", quick ? "20" : "100")),
                Integer.parseInt(a.getOrDefault("slow-rate", quick ? "100" : "50")),
                Integer.parseInt(a.getOrDefault("slow-payload", "4096")),
                dbl(a.getOrDefault("slow-seconds", quick ? "15" : "60")),
                Integer.parseInt(a.getOrDefault("topics", quick ? "2000" : "10000")),
                Integer.parseInt(a.getOrDefault("topics-rate", quick ? "500" : "2000")),
                Integer.parseInt(a.getOrDefault("topics-publishers", quick ? "4" : "8")),
                dbl(a.getOrDefault("topics-seconds", quick ? "5" : "20")),
                ints(a.getOrDefault("publish-subs", quick ? "0,200" : "0,1000")),
                Integer.parseInt(a.getOrDefault("publish-publishers", "4")),
                dbl(a.getOrDefault("publish-seconds", quick ? "4" : "10")),
                Integer.parseInt(a.getOrDefault("batch-publishers", "4")),
                Integer.parseInt(a.getOrDefault("batch-size", "100")),
                Integer.parseInt(a.getOrDefault("batch-topics", "10")),
                // 50 messages/s from 10 users is a busy room, 5/s each; measured long enough for a p99 of 1,000 or more.
                Integer.parseInt(a.getOrDefault("chat-users", "10")),
                Integer.parseInt(a.getOrDefault("chat-rate", "50")),
                dbl(a.getOrDefault("chat-seconds", quick ? "20" : "60")),
                Integer.parseInt(a.getOrDefault("io-threads", "2")),
                Integer.parseInt(a.getOrDefault("max-opening", "500")),
                dbl(a.getOrDefault("settle", "2")),
                // A JVM keeps compiling for a minute or more after it starts: the warm-up runs at
                // the everyday scale, long enough that Herald's JIT is done before anything is measured.
                dbl(a.getOrDefault("warmup", quick ? "3" : "30")),
                Integer.parseInt(a.getOrDefault("warmup-subs", quick ? "200" : "1000")),
                host(herald), port(herald), a.getOrDefault("herald-token", "dev-publisher-token"),
                Path.of(a.getOrDefault("herald-pid", "target/liberty/wlp/usr/servers/.pid/heraldBench.pid")),
                host(heraldMemory), port(heraldMemory),
                Path.of(a.getOrDefault("herald-memory-pid", "target/liberty/wlp/usr/servers/.pid/heraldBenchMemory.pid")),
                host(heraldJaxrs), port(heraldJaxrs),
                Path.of(a.getOrDefault("herald-jaxrs-pid", "target/liberty/wlp/usr/servers/.pid/heraldBenchJaxrs.pid")),
                host(nchan), port(nchan), Path.of(a.getOrDefault("nchan-pid", "bench/work/nginx.pid")),
                Path.of(a.getOrDefault("results", "bench/results")), Path.of(a.getOrDefault("report", "BENCHMARKS.md")),
                a.getOrDefault("herald-heap", "-Xms1g -Xmx1g"),
                dbl(a.getOrDefault("load-before", "-1")), a.getOrDefault("notes", ""),
                new Cluster(list(a.get("cluster-nodes")), list(a.get("cluster-node-pids")).stream().map(Path::of).toList(),
                        list(a.get("cluster-redis")), list(a.get("cluster-redis-pids")).stream().map(Path::of).toList(),
                        Integer.parseInt(a.getOrDefault("cluster-topics", quick ? "2000" : "10000")),
                        Integer.parseInt(a.getOrDefault("cluster-subs-per-topic", "1")),
                        Integer.parseInt(a.getOrDefault("cluster-rate", quick ? "500" : "2000")),
                        // 50/s each: a publisher waits 20 ms between sends, many round trips even on a loaded machine,
                        // so the rate stays open loop.
                        Integer.parseInt(a.getOrDefault("cluster-publishers", quick ? "10" : "40")),
                        dbl(a.getOrDefault("cluster-warmup", quick ? "5" : "30")),
                        dbl(a.getOrDefault("cluster-idle", quick ? "3" : "5")),
                        dbl(a.getOrDefault("cluster-seconds", quick ? "10" : "30")),
                        Integer.parseInt(a.getOrDefault("cluster-capacity-publishers", "4")),
                        // Single publishes cost Redis several round trips each, batches one per batch: both, since a shard
                        // relieves the first far more.
                        ints(a.getOrDefault("cluster-batch-sizes", "1,100")),
                        dbl(a.getOrDefault("cluster-capacity-warmup", quick ? "2" : "5")),
                        dbl(a.getOrDefault("cluster-capacity-seconds", quick ? "5" : "15")),
                        a.getOrDefault("cluster-build", "this"),
                        a.containsKey("cluster-out") ? Path.of(a.get("cluster-out")) : null,
                        a.containsKey("cluster-summary") ? Path.of(a.get("cluster-summary")) : null));
    }

    private static List<Integer> ints(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).map(Integer::parseInt).toList();
    }

    private static List<String> list(String csv) {
        return csv == null ? List.of() : Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static double dbl(String s) {
        return Double.parseDouble(s);
    }

    private static String host(String hostPort) {
        return hostPort.substring(0, hostPort.lastIndexOf(':'));
    }

    private static int port(String hostPort) {
        return Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1));
    }
}
