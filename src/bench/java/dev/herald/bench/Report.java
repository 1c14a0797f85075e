package dev.herald.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Draws the charts (SVG, beside the results file) and writes the generated part of BENCHMARKS.md, between
 * two markers; text outside them (the analysis) is kept as it is.
 */
final class Report {
    static final String BEGIN = "<!-- bench:generated:begin -->";
    static final String END = "<!-- bench:generated:end -->";
    private static final String HERALD = "#1f77b4", NCHAN = "#d62728";

    private final BenchOptions options;

    /** A chart drawn for the report: its file and what it shows (the image's alt text). */
    record Drawn(Path file, String alt) {
    }

    Report(BenchOptions options) {
        this.options = options;
    }

    void write(BenchMain.Results r, Path json) throws IOException {
        Path dir = json.toAbsolutePath().getParent();
        String stem = json.getFileName().toString().replace(".json", "");
        Path reportDir = options.report().toAbsolutePath().getParent();
        List<Drawn> charts = charts(r, dir, stem);
        var md = new StringBuilder();
        md.append(BEGIN).append('\n');
        md.append("## Latest run: ").append(r.date()).append(" (").append(r.environment().get("scale")).append(" scale)\n\n");
        md.append(String.format(Locale.ROOT, "Machine: %s cores, shared; 1-minute load average before the run **%.2f** "
                        + "(at the generator's start %.2f, after %.2f). Herald: Open Liberty, `%s`, writer threads as configured "
                        + "(`herald.writer.threads`, default 4). Nchan: nginx-light with libnginx-mod-nchan, `worker_processes 2`, "
                        + "1000-message buffer. Generator: one JVM, %s I/O threads, pinned to CPU %s (`taskset`; the servers are not "
                        + "pinned), averaged %.2f cores over the whole run; its CPU and the load average are beside every figure. "
                        + "Warm-up before anything is measured (a JVM compiles for a minute or more after it starts): %s. "
                        + "Open-files limit %s. Every figure: [`%s`](%s).\n\n",
                r.environment().get("cores"), dbl(r.environment().get("loadAverage1Before")),
                dbl(r.environment().get("loadAverage1AtGeneratorStart")), dbl(r.environment().get("loadAverage1After")),
                r.environment().get("heraldHeap"), r.environment().get("generatorIoThreads"), r.environment().get("generatorCpus"),
                dbl(r.environment().get("generatorCpuCoresAverage")), r.environment().get("warmup"), r.environment().get("openFilesLimit"),
                rel(reportDir, json), rel(reportDir, json)));
        // Runs from before the memory server have no such entry.
        Object memoryWorkloads = r.environment().get("heraldMemoryWorkloads");
        if (memoryWorkloads != null && !"none".equals(memoryWorkloads)) {
            md.append("`herald` is Herald on its default store (`herald.store=auto`: the embedded SQLite file, empty at the start "
                    + "of the run, every publish's event and every chat message committed before the answer); `herald-memory` is the "
                    + "same WAR with the same JVM options and limits and `herald.store=memory` (nothing kept), a second server on "
                    + "its own port, loaded only while the other servers wait, in: ")
                    .append(r.environment().get("heraldMemoryWorkloads")).append(".\n\n");
        }
        // Nor have runs from before the JAX-RS server.
        Object jaxrsWorkloads = r.environment().get("heraldJaxrsWorkloads");
        if (jaxrsWorkloads != null && !"none".equals(jaxrsWorkloads)) {
            md.append("`herald-jaxrs` is the same WAR as `herald`, with the same JVM options, limits and durable store and "
                    + "`herald.stream.transport=jaxrs`: `GET /api/events` written by a JAX-RS resource through `SseEventSink` "
                    + "instead of Herald's servlet; a server on its own port, loaded only while the other servers wait, in: ")
                    .append(jaxrsWorkloads).append(".\n\n");
        }
        if (!String.valueOf(r.environment().get("notes")).isBlank()) md.append(r.environment().get("notes")).append("\n\n");
        for (Drawn c : charts) md.append("![").append(c.alt()).append("](").append(rel(reportDir, c.file())).append(")\n");
        if (!charts.isEmpty()) md.append('\n');

        ratioTable(md, "Targets (Herald / Nchan)", "Herald", "Nchan", r.ratios());
        if (!r.storeRatios().isEmpty()) ratioTable(md, "Durable store / memory store (Herald / Herald)", "durable", "memory", r.storeRatios());
        if (!r.transportRatios().isEmpty()) {
            ratioTable(md, "JAX-RS transport / servlet transport (Herald / Herald)", "JAX-RS", "servlet", r.transportRatios());
        }

        if (!r.fanout().isEmpty()) {
            md.append("### Fan-out\n\nOne topic, N subscribers, a publisher at a fixed rate for ")
                    .append(num(r.fanout().get(0).seconds())).append(" s, 64-byte events carrying a sequence number and the send time. ")
                    .append("Deliveries/s counts every event received over the time from the first publish to the last delivery; ")
                    .append("latency is receive time minus the send time inside the event (one clock, one process); ")
                    .append("publish RTT is the publisher's HTTP round trip (one connection, one request at a time, so events stay in order). ")
                    .append("CPU is cores used on average from the first publish to the last delivery; server CPU per delivery is the ")
                    .append("figure least disturbed by other load on the machine. Lost counts events a subscriber never got ")
                    .append("(Herald: mostly subscribers it disconnected as slow when their queue of 1000 overflowed).\n\n");
            md.append("| subs | rate/s | server | deliveries/s | offered/s | p50 ms | p99 ms | max ms | lost | dup | reordered | publish RTT p99 ms | server CPU | server µs/delivery | generator CPU | load |\n");
            md.append("|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            for (FanOut.Result x : besideHerald(r.fanout())) {
                md.append(String.format(Locale.ROOT, "| %d | %d | %s | %s | %s | %.1f | %.1f | %.1f | %d | %d | %d | %.1f | %.2f | %.1f | %.2f | %.2f |\n",
                        x.subscribers(), x.rate(), x.target(), num(x.deliveriesPerSecond()), num(x.offeredPerSecond()),
                        x.latency().p50(), x.latency().p99(), x.latency().max(), x.lost(), x.duplicates(), x.reorders(),
                        x.publish().roundTrip().p99(), x.cpu().serverCores(), x.serverCpuMicrosPerDelivery(), x.cpu().generatorCores(),
                        x.cpu().loadAverage1()));
            }
            md.append('\n');
            threadKinds(md, r.fanout());
        }
        if (!r.idle().isEmpty()) {
            md.append("### Idle connections\n\nN streams opened, held, then one probe event published: *held* means every stream "
                    + "was still open and got the probe. Memory per connection is the server's growth over the hold divided by N: "
                    + "proportional set size (all nginx processes; the JVM with its 1 GiB heap pre-touched) plus, for Herald, "
                    + "the live heap after a full GC.\n\n");
            md.append("| streams | server | opened | held | connect s | per connection KB | of which resident KB | of which heap KB | server CPU idle | generator CPU | load |\n");
            md.append("|---:|---|---:|---|---:|---:|---:|---:|---:|---:|---:|\n");
            for (Idle.Result x : r.idle()) {
                md.append(String.format(Locale.ROOT, "| %d | %s | %d | %s | %.1f | %.1f | %.1f | %s | %.3f | %.2f | %.2f |\n", x.requested(), x.target(), x.opened(),
                        x.allHeld() ? "yes" : "no (" + x.stillOpen() + " open, " + x.probeReceived() + " probed)", x.connectSeconds(),
                        x.bytesPerConnection() / 1024, x.pssBytesPerConnection() / 1024,
                        Double.isNaN(x.heapBytesPerConnection()) ? "–" : String.format(Locale.ROOT, "%.1f", x.heapBytesPerConnection() / 1024),
                        x.cpu().serverCores(), x.cpu().generatorCores(), x.cpu().loadAverage1()));
            }
            md.append('\n');
        }
        if (!r.storm().isEmpty()) {
            md.append("### Reconnect storm\n\nEvery subscriber is dropped at once: by the server (Herald: `POST /api/admin/disconnect`; "
                    + "Nchan: `DELETE` of the channel, which ends its subscribers' streams; messages published afterwards go to "
                    + "the channel made anew) or, for Nchan also, by the clients closing their sockets. From the next whole second "
                    + "(Nchan's ids count within a second) events are published while they are away, then all reconnect at once "
                    + "with `Last-Event-ID`. Catch-up: from the reconnect until the last subscriber has the last event. "
                    + "The target ratio compares Herald with Nchan's lossless variant. \"clients, at once\": the churn, where "
                    + "the clients close and reconnect at once while events are published all the while (no time away); "
                    + "catch-up is then until every subscriber has the last event of the publisher's " + "4 s.\n\n");
            md.append("| subs | server | dropped by | events while away | dropped | drop s | reconnected | reconnect s | catch-up s | per-subscriber catch-up p50/p99 ms | lost | dup | resets | generator CPU | load |\n");
            md.append("|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            for (Storm.Result x : r.storm()) {
                md.append(String.format(Locale.ROOT, "| %d | %s | %s | %d | %d | %.2f | %d | %.2f | %.2f | %.0f / %.0f | %d | %d | %d | %.2f | %.2f |\n",
                        x.subscribers(), x.target(), switch (x.drop()) {
                            case SERVER -> "server";
                            case CLIENT -> "clients";
                            case CHURN -> "clients, at once";
                        }, x.eventsWhileAway(), x.dropped(), x.dropSeconds(), x.reconnected(),
                        x.reconnectSeconds(), x.catchUpSeconds(), x.catchUpPerSubscriber().p50(), x.catchUpPerSubscriber().p99(),
                        x.lost(), x.duplicates(), x.resets(), x.cpu().generatorCores(), x.cpu().loadAverage1()));
            }
            md.append('\n');
        }
        if (!r.slow().isEmpty()) {
            SlowConsumers.Result first = r.slow().get(0);
            md.append(String.format(Locale.ROOT, "### Slow consumers\n\n%d readers and %d subscribers that stop reading after %.0f s "
                            + "(receive buffer 4 KB), %d events/s of %d bytes for %.0f s. Readers' p99 per window of %.0f s shows whether "
                            + "latency stays flat; memory growth is the most the server grew during the run (for the JVM, garbage "
                            + "included) and what it still held after a GC at the end.\n\n",
                    first.readers(), first.slow(), first.stallAfterSeconds(), first.rate(), first.payloadBytes(), first.seconds(), first.windowSeconds()));
            md.append("| server | readers p50 ms | readers p99 ms | readers max ms | p99 per window ms | readers lost | stalled disconnected (seen / server's count by reason) | stalled still open | memory growth max / end MB | generator CPU | load |\n");
            md.append("|---|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|\n");
            for (SlowConsumers.Result x : r.slow()) {
                var windows = new StringBuilder();
                for (Latency w : x.readersLatencyPerWindow()) windows.append(windows.length() == 0 ? "" : " ").append(num(w.p99()));
                md.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.1f | %s | %d | %d / %s | %d | %.0f / %.0f | %.2f | %.2f |\n", x.target(),
                        x.readersLatency().p50(), x.readersLatency().p99(), x.readersLatency().max(), windows, x.readersLost(),
                        x.slowDisconnectedSeen(), x.serverDisconnectReasons().isEmpty() ? "–" : x.serverDisconnectReasons().toString().replaceAll("[{}]", ""),
                        x.slowStillOpen(), x.growthMax() / 1e6, x.growthAfter() / 1e6, x.cpu().generatorCores(), x.cpu().loadAverage1()));
            }
            md.append('\n');
        }
        if (!r.topics().isEmpty()) topicsTable(md, r.topics());
        if (!r.publish().isEmpty()) publishTable(md, r.publish());
        if (!r.batch().isEmpty()) batchTable(md, r.batch());
        if (!r.chat().isEmpty()) chatTable(md, r.chat());
        md.append("How to run: `bench/run.sh` (full, about 30 minutes) or `bench/run.sh --quick` (about 5 minutes with the build); "
                + "see the section *Running the benchmarks* below.\n");
        md.append(END).append('\n');

        Path report = options.report();
        String existing = Files.exists(report) ? Files.readString(report) : "# Benchmarks\n\n" + BEGIN + "\n" + END + "\n";
        int b = existing.indexOf(BEGIN), e = existing.indexOf(END);
        String updated = b < 0 || e < 0 ? existing + "\n" + md : existing.substring(0, b) + md + existing.substring(e + END.length() + 1);
        Files.writeString(report, updated);
    }

    /**
     * The fan-out results in run order, but with each {@link HeraldTarget#JAXRS} row right after {@code herald}'s row at the
     * same point, so the two transports read side by side whichever ran first.
     */
    static List<FanOut.Result> besideHerald(List<FanOut.Result> fanout) {
        var out = new ArrayList<FanOut.Result>();
        for (FanOut.Result x : fanout) {
            boolean jaxrs = x.target().equals(HeraldTarget.JAXRS);
            if (jaxrs && fanout.stream().anyMatch(h -> h.target().equals("herald") && samePoint(h, x))) continue;
            out.add(x);
            if (x.target().equals("herald")) {
                fanout.stream().filter(j -> j.target().equals(HeraldTarget.JAXRS) && samePoint(j, x)).forEach(out::add);
            }
        }
        return out;
    }

    private static boolean samePoint(FanOut.Result a, FanOut.Result b) {
        return a.subscribers() == b.subscribers() && a.rate() == b.rate();
    }

    private static void topicsTable(StringBuilder md, List<ManyTopics.Result> results) {
        ManyTopics.Result first = results.get(0);
        md.append(String.format(Locale.ROOT, "### Many topics\n\n%,d subscribers, each on its own topic (Herald `custom/bench/<run>/u<n>`, "
                        + "Nchan one channel each), %,d publishes/s spread over them for %.0f s by %d publishers, each on its own "
                        + "keep-alive connection and owning one topic in %d (so each topic's events stay in order). Delivery latency "
                        + "is receive time minus the send time in the event; publish RTT is each publisher's HTTP round trip.\n\n",
                first.subscribers(), first.rate(), first.seconds(), first.publishers(), first.publishers()));
        md.append("| topics | server | published | failed | deliveries/s | delivery p50 ms | delivery p99 ms | max ms | lost | dup | reordered | publish RTT p50 / p99 ms | server CPU | server µs/delivery | generator CPU | load |\n");
        md.append("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (ManyTopics.Result x : results) {
            md.append(String.format(Locale.ROOT, "| %d | %s | %d | %d | %s | %.1f | %.1f | %.1f | %d | %d | %d | %.2f / %.2f | %.2f | %.1f | %.2f | %.2f |\n",
                    x.subscribers(), x.target(), x.published(), x.publishFailed(), num(x.deliveriesPerSecond()), x.latency().p50(),
                    x.latency().p99(), x.latency().max(), x.lost(), x.duplicates(), x.reorders(), x.publish().roundTrip().p50(),
                    x.publish().roundTrip().p99(), x.cpu().serverCores(), x.serverCpuMicrosPerDelivery(), x.cpu().generatorCores(),
                    x.cpu().loadAverage1()));
        }
        md.append('\n');
    }

    private static void ratioTable(StringBuilder md, String title, String valueName, String peerName, List<Ratios.Ratio> ratios) {
        md.append("### ").append(title).append("\n\n| figure | ").append(valueName).append(" | ").append(peerName).append(" | ")
                .append(valueName).append('/').append(peerName).append(" | target |\n|---|---:|---:|---:|---|\n");
        for (Ratios.Ratio x : ratios) {
            md.append(String.format(Locale.ROOT, "| %s | %s %s | %s %s | %.2f | %s |\n", x.figure(), num(x.value()), x.unit(),
                    num(x.peer()), x.unit(), x.ratio(), verdictCell(x.verdict())));
        }
        md.append('\n');
    }

    private static void batchTable(StringBuilder md, List<BatchRate.Result> results) {
        BatchRate.Result first = results.get(0);
        md.append(String.format(Locale.ROOT, "### Batch publish (Herald only)\n\n%d publishers on their own keep-alive connections, "
                        + "each sending the next `POST /api/publish/batch` of %d events (spread over %d topics) as soon as the last is "
                        + "answered, for %.0f s, no subscriber. Events/s counts the events of accepted batches; Nchan, which has no "
                        + "batch publish, is compared by its single publishes/s above. Server µs/event is its CPU per accepted event.\n\n",
                first.publishers(), first.batchSize(), first.topics(), first.seconds()));
        md.append("| server | events/s | batches | failed | RTT p50 / p99 ms | server CPU | server µs/event | generator CPU | load |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (BatchRate.Result x : results) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %.2f / %.2f | %.2f | %.2f | %.2f | %.2f |\n", x.target(),
                    num(x.eventsPerSecond()), x.batches(), x.failed(), x.roundTrip().p50(), x.roundTrip().p99(), x.cpu().serverCores(),
                    x.serverCpuMicrosPerEvent(), x.cpu().generatorCores(), x.cpu().loadAverage1()));
        }
        md.append('\n');
    }

    private static void publishTable(StringBuilder md, List<PublishRate.Result> results) {
        PublishRate.Result first = results.get(0);
        md.append(String.format(Locale.ROOT, "### Publish rate\n\nOne topic, %d publishers on their own keep-alive connections, each "
                        + "sending the next request as soon as the last is answered, for %.0f s; with no subscriber and with some. "
                        + "Publishes/s counts accepted ones (2xx). With subscribers, deliveries/s runs to the last delivery; lost "
                        + "counts accepted events a subscriber that stayed never got, and subscribers the server dropped as too slow "
                        + "are counted apart. Server µs/publish is its CPU over the run (delivery included) per accepted publish.\n\n",
                first.publishers(), first.seconds()));
        md.append("| subs | server | publishes/s | failed | RTT p50 / p99 ms | deliveries/s | delivery p99 ms | lost | dup | dropped as slow | server CPU | server µs/publish | generator CPU | load |\n");
        md.append("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (PublishRate.Result x : results) {
            md.append(String.format(Locale.ROOT, "| %d | %s | %s | %d | %.2f / %.2f | %s | %.1f | %d | %d | %s | %.2f | %.1f | %.2f | %.2f |\n",
                    x.subscribers(), x.target(), num(x.publishesPerSecond()), x.failed(), x.roundTrip().p50(), x.roundTrip().p99(),
                    num(x.deliveriesPerSecond()), x.latency().p99(), x.lost(), x.duplicates(),
                    x.serverDisconnectedSlow() < 0 ? "–" : Long.toString(x.serverDisconnectedSlow()), x.cpu().serverCores(),
                    x.serverCpuMicrosPerPublish(), x.cpu().generatorCores(), x.cpu().loadAverage1()));
        }
        md.append('\n');
    }

    private static void chatTable(StringBuilder md, List<ChatSend.Result> results) {
        ChatSend.Result first = results.get(0);
        md.append(String.format(Locale.ROOT, "### Chat send\n\n%d signed-in users post to the public room `%s` at %d messages/s in all "
                        + "for %.0f s, open loop: each user on its own keep-alive connection with a message due every %.1f s, the users "
                        + "staggered. Latency runs from when a message was due to its 201, so an answer that keeps a user's next message "
                        + "waiting counts against that message too. Herald only: Nchan has no chat. Server µs/message is its CPU over "
                        + "the run per message created; at this rate the JIT is still compiling the chat path long after the warm-up "
                        + "and takes most of it, so the part on Liberty's request threads, which serve the posts and the store's "
                        + "writes, is beside it.\n\n",
                first.users(), ChatSend.ROOM, first.rate(), first.seconds(), (double) first.users() / first.rate()));
        md.append("| server | sent | created | failed | created/s | p50 ms | p90 ms | p99 ms | max ms | server CPU | server µs/message | of which request threads | generator CPU | load |\n");
        md.append("|---|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (ChatSend.Result x : results) {
            md.append(String.format(Locale.ROOT, "| %s | %d | %d | %s | %s | %.2f | %.2f | %.2f | %.1f | %.2f | %.0f | %.0f | %.2f | %.2f |\n",
                    x.target(), x.sent(), x.created(), x.failed().isEmpty() ? "0" : x.failed().toString().replaceAll("[{}]", ""),
                    num(x.createdPerSecond()), x.latency().p50(), x.latency().p90(), x.latency().p99(), x.latency().max(),
                    x.cpu().serverCores(), x.serverCpuMicrosPerMessage(), x.requestMicrosPerMessage(), x.cpu().generatorCores(),
                    x.cpu().loadAverage1()));
        }
        md.append('\n');
    }

    /**
     * The headline charts, Herald against Nchan, as SVG files {@code <stem>-<name>.svg} in {@code dir}: deliveries/s,
     * p99 and server CPU per delivery by fan-out, memory per idle stream, and the Herald/Nchan ratios; those the run
     * has results for.
     */
    static List<Drawn> charts(BenchMain.Results r, Path dir, String stem) throws IOException {
        var out = new ArrayList<Drawn>();
        var fanout = r.fanout().stream().filter(x -> x.target().equals("herald") || x.target().equals("nchan")).toList();
        if (!fanout.isEmpty()) {
            out.add(save(fanoutChart(fanout, "Fan-out: deliveries per second (higher is better)", "deliveries/s", "deliveries/s",
                    FanOut.Result::deliveriesPerSecond, false), dir.resolve(stem + "-deliveries.svg"),
                    "Fan-out: deliveries per second by subscribers, Herald and Nchan"));
            out.add(save(fanoutChart(fanout, "Fan-out: end-to-end latency p99 (lower is better)", "p99 latency (ms, log)", "ms",
                    x -> x.latency().p99(), true), dir.resolve(stem + "-p99.svg"),
                    "Fan-out: p99 latency by subscribers, Herald and Nchan"));
            out.add(save(fanoutChart(fanout, "Fan-out: server CPU per delivery (lower is better)", "µs per delivery (log)", "µs",
                    FanOut.Result::serverCpuMicrosPerDelivery, true), dir.resolve(stem + "-cpu.svg"),
                    "Fan-out: server CPU per delivery by subscribers, Herald and Nchan"));
        }
        String memory = idleChart(r.idle());
        if (memory != null) out.add(save(memory, dir.resolve(stem + "-memory.svg"), "Memory per idle stream, Herald and Nchan"));
        String ratio = ratioChart(fanout);
        if (ratio != null) {
            out.add(save(ratio, dir.resolve(stem + "-ratio.svg"), "Herald / Nchan by subscribers: deliveries/s and p99 latency"));
        }
        return out;
    }

    /** One line per server and rate: solid with circles at the lowest rate, dashed with diamonds above it. */
    private static String fanoutChart(List<FanOut.Result> results, String title, String yTitle, String unit,
                                      ToDoubleFunction<FanOut.Result> y, boolean logY) {
        var rates = results.stream().mapToInt(FanOut.Result::rate).distinct().sorted().toArray();
        var series = new ArrayList<SvgChart.Series>();
        for (int rate : rates) {
            for (String target : List.of("herald", "nchan")) {
                var rs = results.stream().filter(x -> x.rate() == rate && x.target().equals(target))
                        .sorted(Comparator.comparingInt(FanOut.Result::subscribers)).toList();
                if (rs.isEmpty()) continue;
                series.add(new SvgChart.Series(name(target) + " " + rate + "/s", color(target), rate != rates[0],
                        rate == rates[0] ? SvgChart.Marker.CIRCLE : SvgChart.Marker.DIAMOND,
                        rs.stream().mapToDouble(FanOut.Result::subscribers).toArray(), rs.stream().mapToDouble(y).toArray()));
            }
        }
        return SvgChart.lines(title, "subscribers (log)", yTitle, logY, subscribers(results), series, unit);
    }

    /** Memory per idle stream by streams held, Herald's bars beside Nchan's, with the target; null without idle results. */
    private static String idleChart(List<Idle.Result> idle) {
        var counts = idle.stream().filter(x -> x.target().equals("herald") || x.target().equals("nchan"))
                .map(Idle.Result::requested).distinct().sorted().toList();
        if (counts.isEmpty()) return null;
        var bars = new ArrayList<SvgChart.Bars>();
        for (String target : List.of("herald", "nchan")) {
            double[] kb = new double[counts.size()];
            boolean any = false;
            for (int i = 0; i < counts.size(); i++) {
                int n = counts.get(i);
                // A count run twice shows its last run; one a server did not run has no bar.
                kb[i] = idle.stream().filter(x -> x.target().equals(target) && x.requested() == n).reduce((first, last) -> last)
                        .map(x -> x.bytesPerConnection() / 1024).orElse(Double.NaN);
                any |= !Double.isNaN(kb[i]);
            }
            if (any) bars.add(new SvgChart.Bars(name(target), color(target), kb));
        }
        return SvgChart.bars("Memory per idle stream (lower is better)", "streams held", "KB per stream",
                counts.stream().map(n -> String.format(Locale.ROOT, "%,d", n)).toList(), bars,
                Ratios.IDLE_KB_CEILING, "target " + Ratios.IDLE_KB_CEILING + " KB", "KB per stream");
    }

    /** Herald/Nchan for deliveries/s and p99 per rate, with the parity line; null when no size ran on both. */
    private static String ratioChart(List<FanOut.Result> results) {
        var rates = results.stream().mapToInt(FanOut.Result::rate).distinct().sorted().toArray();
        var series = new ArrayList<SvgChart.Series>();
        var sizes = new java.util.TreeSet<Double>();
        for (int rate : rates) {
            var hs = results.stream().filter(x -> x.rate() == rate && x.target().equals("herald"))
                    .sorted(Comparator.comparingInt(FanOut.Result::subscribers)).toList();
            var xs = new ArrayList<Double>();
            var del = new ArrayList<Double>();
            var lat = new ArrayList<Double>();
            for (FanOut.Result h : hs) {
                var n = results.stream().filter(x -> x.target().equals("nchan") && x.rate() == rate && x.subscribers() == h.subscribers()).findFirst();
                if (n.isEmpty()) continue;
                xs.add((double) h.subscribers());
                del.add(h.deliveriesPerSecond() / n.get().deliveriesPerSecond());
                lat.add(h.latency().p99() / n.get().latency().p99());
            }
            if (xs.isEmpty()) continue;
            sizes.addAll(xs);
            double[] x = xs.stream().mapToDouble(Double::doubleValue).toArray();
            boolean first = rate == rates[0];
            series.add(new SvgChart.Series("deliveries/s " + rate + "/s", "#2ca02c", !first, first ? SvgChart.Marker.CIRCLE : SvgChart.Marker.DIAMOND,
                    x, del.stream().mapToDouble(Double::doubleValue).toArray()));
            series.add(new SvgChart.Series("p99 latency " + rate + "/s", "#9467bd", !first, first ? SvgChart.Marker.CIRCLE : SvgChart.Marker.DIAMOND,
                    x, lat.stream().mapToDouble(Double::doubleValue).toArray()));
        }
        if (sizes.isEmpty()) return null;
        series.add(new SvgChart.Series("parity", "#7f7f7f", false, SvgChart.Marker.NONE, new double[]{sizes.first(), sizes.last()},
                new double[]{1, 1}));
        return SvgChart.lines("Herald / Nchan (deliveries/s: higher is better; p99: lower is better)", "subscribers (log)", "ratio (log)",
                true, sizes.stream().mapToDouble(Double::doubleValue).toArray(), series, "× Nchan's");
    }

    private static double[] subscribers(List<FanOut.Result> results) {
        return results.stream().mapToDouble(FanOut.Result::subscribers).distinct().sorted().toArray();
    }

    private static Drawn save(String svg, Path file, String alt) throws IOException {
        Files.writeString(file, svg);
        return new Drawn(file, alt);
    }

    private static String name(String target) {
        return target.equals("herald") ? "Herald" : "Nchan";
    }

    private static String color(String target) {
        return target.equals("herald") ? HERALD : NCHAN;
    }

    private static String verdictCell(String verdict) {
        if (verdict.isEmpty()) return "";
        if (verdict.startsWith("met")) return "✅ " + verdict;
        if (verdict.startsWith("n/a")) return "⚠️ " + verdict;
        return "❌ " + verdict;
    }

    private static String rel(Path from, Path to) {
        return from.relativize(to.toAbsolutePath()).toString();
    }

    /**
     * Herald's CPU per delivery split by what its threads do, read per thread from the kernel over the
     * same interval as the fan-out row: the stream path (writers, fan-out), Liberty's request threads
     * (publishes), the JIT and the collector.
     */
    private static void threadKinds(StringBuilder md, List<FanOut.Result> fanout) {
        var kinds = List.of(ThreadKind.WRITERS, ThreadKind.FAN_OUT, ThreadKind.REQUESTS, ThreadKind.JIT, ThreadKind.GC, ThreadKind.OTHER);
        md.append("Where Herald's CPU per delivery went, by thread (µs per delivery; writers: the carriers of the `herald-writer` virtual threads (`herald-writer-N` before 2026-12-08), which write to the ")
                .append("sockets, system calls included; fan-out: `herald-fanout-N` and `herald-dispatch`; requests: Liberty's executor, ")
                .append("selector and acceptor threads, which serve the publishes; jit: the C1 and C2 compilers; gc: G1's threads, ")
                .append("refinement included, and the VM thread):\n\n");
        md.append("| subs | rate/s | total | writers | fan-out | requests | jit | gc | other |\n|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (FanOut.Result x : fanout) {
            if (!"herald".equals(x.target()) || x.cpu().serverCoresByThreadKind().isEmpty()) continue;
            double cores = x.cpu().serverCoresByThreadKind().values().stream().mapToDouble(Double::doubleValue).sum();
            md.append(String.format(Locale.ROOT, "| %d | %d | %.1f |", x.subscribers(), x.rate(), x.serverCpuMicrosPerDelivery()));
            for (String kind : kinds) {
                double share = cores <= 0 ? 0 : x.cpu().serverCoresByThreadKind().getOrDefault(kind, 0.0) / cores;
                md.append(String.format(Locale.ROOT, " %.1f |", share * x.serverCpuMicrosPerDelivery()));
            }
            md.append('\n');
        }
        md.append('\n');
    }

    private static double dbl(Object v) {
        return v instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    private static String num(double v) {
        if (Double.isNaN(v)) return "–";
        if (Math.abs(v) >= 1000) return String.format(Locale.ROOT, "%,.0f", v);
        if (Math.abs(v) >= 10) return String.format(Locale.ROOT, "%.1f", v);
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
