package dev.herald.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The JAX-RS transport against the servlet: its ratios, the target's verdicts, and where they show in the report. */
class TransportRatiosTest {
    @TempDir
    Path dir;

    @Test
    void theJaxrsServerJoinsOnlyItsWorkloadsAndIsLeftOutWhenNoneRuns() {
        assertEquals(List.of("herald", "nchan", HeraldTarget.MEMORY, HeraldTarget.JAXRS), BenchMain.targetNames(BenchOptions.parse(new String[0])));
        assertEquals(List.of("herald", "nchan", HeraldTarget.JAXRS), BenchMain.targetNames(BenchOptions.parse(new String[]{"--workloads=fanout"})));
        assertEquals(List.of("herald", "nchan", HeraldTarget.MEMORY),
                BenchMain.targetNames(BenchOptions.parse(new String[]{"--workloads=publish,idle"})));
        assertEquals(List.of("herald", HeraldTarget.JAXRS),
                BenchMain.targetNames(BenchOptions.parse(new String[]{"--workloads=idle", "--jaxrs-workloads=idle,storm", "--targets=herald,herald-jaxrs"})));
        var o = BenchOptions.parse(new String[0]);
        assertTrue(Bench.joins(o, HeraldTarget.JAXRS, "fanout"));
        assertFalse(Bench.joins(o, HeraldTarget.JAXRS, "publish"));
        assertTrue(Bench.joins(o, "herald", "publish"));
    }

    @Test
    void everyPointBothRanHasItsRatiosAndTheTargetIsJudgedWhereItIsSet() {
        var fanout = List.of(
                fanout("herald", 100, 10, 10, 100, 0), fanout(HeraldTarget.JAXRS, 100, 10, 30, 300, 0),
                // Everyday load: p99 within 1.2x, CPU not.
                fanout("herald", 1000, 50, 20, 17, 0), fanout(HeraldTarget.JAXRS, 1000, 50, 23, 25, 0),
                // Many streams: both figures within, but events lost.
                fanout(HeraldTarget.JAXRS, 5000, 10, 100, 17, 40), fanout("herald", 5000, 10, 100, 17, 0),
                fanout("nchan", 5000, 10, 100, 10, 0),
                // A point the JAX-RS server did not run has no ratio.
                fanout("herald", 10000, 10, 200, 17, 0));
        var byFigure = new LinkedHashMap<String, Ratios.Ratio>();
        for (Ratios.Ratio r : Ratios.transports(fanout)) byFigure.put(r.figure(), r);

        assertEquals(List.of("fan-out p99 100 subs x 10/s", "server CPU per delivery 100 subs x 10/s", "fan-out deliveries/s 100 subs x 10/s",
                "fan-out p99 1000 subs x 50/s", "server CPU per delivery 1000 subs x 50/s", "fan-out deliveries/s 1000 subs x 50/s",
                "fan-out p99 5000 subs x 10/s", "server CPU per delivery 5000 subs x 10/s", "fan-out deliveries/s 5000 subs x 10/s"),
                List.copyOf(byFigure.keySet()));
        Ratios.Ratio p99 = byFigure.get("fan-out p99 100 subs x 10/s");
        assertEquals(30, p99.value());
        assertEquals(10, p99.peer());
        assertEquals(3.0, p99.ratio(), 1e-9);
        assertEquals("", p99.verdict(), "no target at 100 subscribers");
        assertEquals("met (<= 1.2)", byFigure.get("fan-out p99 1000 subs x 50/s").verdict());
        assertEquals("MISSED (<= 1.2)", byFigure.get("server CPU per delivery 1000 subs x 50/s").verdict());
        assertEquals("MISSED (<= 1.2 without loss: JAX-RS lost 40)", byFigure.get("fan-out p99 5000 subs x 10/s").verdict());
        assertEquals("MISSED (<= 1.2 without loss: JAX-RS lost 40)", byFigure.get("server CPU per delivery 5000 subs x 10/s").verdict());
        assertEquals("lost: JAX-RS 40, servlet 0", byFigure.get("fan-out deliveries/s 5000 subs x 10/s").verdict());
        assertEquals("", byFigure.get("fan-out deliveries/s 1000 subs x 50/s").verdict());
    }

    @Test
    void aServletThatLostEventsIsNoBaseline() {
        var fanout = List.of(fanout("herald", 1000, 50, 20, 17, 5), fanout(HeraldTarget.JAXRS, 1000, 50, 20, 17, 0));
        assertEquals("n/a (servlet lost 5)", Ratios.transports(fanout).get(0).verdict());
    }

    @Test
    void theReportHasTheTableAndTheJaxrsRowsBesideHeralds() throws Exception {
        var fanout = new ArrayList<FanOut.Result>(List.of(
                fanout("herald", 1000, 50, 20, 17, 0), fanout("nchan", 1000, 50, 15, 10, 0), fanout(HeraldTarget.JAXRS, 1000, 50, 22, 19, 0),
                fanout(HeraldTarget.JAXRS, 5000, 10, 90, 16, 0), fanout("nchan", 5000, 10, 100, 12, 0), fanout("herald", 5000, 10, 100, 17, 0)));
        assertEquals(List.of("herald", HeraldTarget.JAXRS, "nchan", "nchan", "herald", HeraldTarget.JAXRS),
                Report.besideHerald(fanout).stream().map(FanOut.Result::target).toList());

        BenchMain.Results base = ReportChartsTest.run();
        var environment = new LinkedHashMap<>(base.environment());
        environment.put("heraldJaxrsWorkloads", "fanout");
        var r = new BenchMain.Results(base.date(), environment, fanout, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(), Ratios.of(fanout, List.of(), List.of(), List.of(), List.of(), List.of(), List.of()), List.of(),
                Ratios.transports(fanout));
        String page = write(r);
        assertTrue(page.contains("### JAX-RS transport / servlet transport (Herald / Herald)\n\n"
                + "| figure | JAX-RS | servlet | JAX-RS/servlet | target |\n"), page);
        assertTrue(page.contains("| fan-out p99 1000 subs x 50/s | 22.0 ms | 20.0 ms | 1.10 | ✅ met (<= 1.2) |"), page);
        assertTrue(page.contains("| server CPU per delivery 1000 subs x 50/s | 19.0 µs | 17.0 µs | 1.12 | ✅ met (<= 1.2) |"), page);
        assertTrue(page.contains("| fan-out p99 5000 subs x 10/s | 90.0 ms | 100.0 ms | 0.90 | ✅ met (<= 1.2) |"), page);
        assertTrue(page.contains("`herald-jaxrs` is the same WAR"), page);
        assertTrue(page.indexOf("| 1000 | 50 | herald |") < page.indexOf("| 1000 | 50 | herald-jaxrs |")
                && page.indexOf("| 1000 | 50 | herald-jaxrs |") < page.indexOf("| 1000 | 50 | nchan |"), page);
    }

    @Test
    void aResultsFileFromBeforeTheJaxrsServerIsDrawnAgain() throws Exception {
        BenchMain.Results r = ReportChartsTest.run();
        // What an older run wrote: no JAX-RS ratios, no JAX-RS server in its environment.
        @SuppressWarnings("unchecked")
        var m = (Map<String, Object>) Json.read(Json.write(r));
        m.remove("transportRatios");
        ((Map<String, Object>) m.get("environment")).remove("heraldJaxrsWorkloads");
        Path json = dir.resolve("2026-01-01T0000.json");
        Files.writeString(json, Json.write(m));

        BenchMain.Results back = Redraw.read(json);
        assertEquals(List.of(), back.transportRatios());
        String page = write(back);
        assertFalse(page.contains("JAX-RS"), page);
        assertTrue(page.contains("### Targets (Herald / Nchan)"), page);
    }

    private String write(BenchMain.Results r) throws Exception {
        Path json = dir.resolve("results").resolve(r.date() + ".json");
        Files.createDirectories(json.getParent());
        Files.writeString(json, Json.write(r));
        Path md = dir.resolve("BENCHMARKS.md");
        new Report(BenchOptions.parse(new String[]{"--report=" + md})).write(r, json);
        return Files.readString(md);
    }

    private static FanOut.Result fanout(String target, int subs, int rate, double p99, double cpuMicros, long lost) {
        long events = rate * 10L, delivered = events * subs - lost;
        var latency = new Latency(delivered, p99 / 4, p99 / 2, p99, p99 * 1.5, p99 * 2, p99 / 3);
        var publish = new Publisher.Result(events, events, 0, 10, 10, new Latency(events, 1, 2, 3, 4, 5, 1.5));
        var cpu = new Bench.Cpu(10, 0.25, cpuMicros * subs * rate / 1e6, Map.of("writers", 0.5), 1.0);
        return new FanOut.Result(target, subs, rate, 10, subs, 0.5, events, events * subs, delivered, delivered / 10.0, subs * rate,
                latency, lost, 0, 0, publish, cpu, 0, cpuMicros);
    }
}
