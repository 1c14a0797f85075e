package dev.herald.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The report's charts from a small run held in memory, and the same run drawn again from its results file. */
class ReportChartsTest {
    private static final String SVG = "http://www.w3.org/2000/svg";

    @TempDir
    Path dir;

    @Test
    void everyHeadlineChartIsAWellFormedSvgWithItsSeries() throws Exception {
        List<Report.Drawn> drawn = Report.charts(run(), dir, "run");

        var names = new TreeSet<String>();
        for (Report.Drawn d : drawn) names.add(d.file().getFileName().toString());
        assertEquals(new TreeSet<>(Set.of("run-deliveries.svg", "run-p99.svg", "run-cpu.svg", "run-memory.svg", "run-ratio.svg")), names);

        var fanoutSeries = List.of("Herald 10/s", "Nchan 10/s", "Herald 50/s", "Nchan 50/s");
        for (String chart : List.of("run-deliveries.svg", "run-p99.svg", "run-cpu.svg")) {
            Element svg = parse(dir.resolve(chart));
            assertTrue(texts(svg).containsAll(fanoutSeries), chart + ": " + texts(svg));
            // Every series drawn, each with a point per size that ran.
            Map<String, Integer> points = seriesPoints(svg);
            for (String s : fanoutSeries) assertEquals(2, points.get(s), chart + " " + s + ": " + points);
        }
        Element memory = parse(dir.resolve("run-memory.svg"));
        assertTrue(texts(memory).containsAll(List.of("Herald", "Nchan", "target 20 KB", "1,000", "30.3", "12.6")), "memory: " + texts(memory));
        Element ratio = parse(dir.resolve("run-ratio.svg"));
        assertTrue(texts(ratio).containsAll(List.of("deliveries/s 10/s", "p99 latency 10/s", "deliveries/s 50/s", "p99 latency 50/s", "parity")),
                "ratio: " + texts(ratio));
        assertEquals(2, seriesPoints(ratio).get("p99 latency 50/s"));

        for (Report.Drawn d : drawn) {
            assertTrue(Files.size(d.file()) < 20_000, d.file() + " is " + Files.size(d.file()) + " bytes");
            assertTrue(d.alt().contains("Herald") && d.alt().contains("Nchan"), d.alt());
        }
    }

    @Test
    void aRunWithoutIdleResultsHasNoMemoryChart() throws Exception {
        var r = run();
        var noIdle = new BenchMain.Results(r.date(), r.environment(), r.fanout(), List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(), List.of(), List.of(), List.of(), List.of());
        var names = Report.charts(noIdle, dir, "run").stream().map(d -> d.file().getFileName().toString()).toList();
        assertEquals(List.of("run-deliveries.svg", "run-p99.svg", "run-cpu.svg", "run-ratio.svg"), names);
    }

    @Test
    void aResultsFileIsDrawnAgainWithTheChartsAboveTheTables() throws Exception {
        BenchMain.Results r = run();
        Path json = dir.resolve("results").resolve("2026-01-01T0000.json");
        Files.createDirectories(json.getParent());
        Files.writeString(json, Json.write(r));
        Path md = dir.resolve("BENCHMARKS.md");
        Files.writeString(md, "# Benchmarks\n\nby hand\n\n" + Report.BEGIN + "\nold\n" + Report.END + "\n\nby hand, after\n");

        BenchMain.Results back = Redraw.read(json);
        assertEquals(r.fanout(), back.fanout());
        assertEquals(r.idle(), back.idle());

        new Report(BenchOptions.parse(new String[]{"--report=" + md})).write(back, json);
        String page = Files.readString(md);
        assertTrue(page.startsWith("# Benchmarks\n\nby hand\n\n" + Report.BEGIN) && page.endsWith(Report.END + "\n\nby hand, after\n"), page);
        int targets = page.indexOf("### Targets");
        for (String chart : List.of("deliveries", "p99", "cpu", "memory", "ratio")) {
            String link = "](results/2026-01-01T0000-" + chart + ".svg)";
            assertTrue(page.contains(link) && page.indexOf(link) < targets, chart + " above the tables:\n" + page);
            assertTrue(Files.exists(json.getParent().resolve("2026-01-01T0000-" + chart + ".svg")), chart);
        }
        assertTrue(page.contains("| latency p99 100 subs x 50/s | 20.0 ms | 10.0 ms | 2.00 |"), page);
    }

    private static Element parse(Path file) throws Exception {
        var f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        // A chart needs no DTD: one would be fetched from the network.
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Element root = f.newDocumentBuilder().parse(file.toFile()).getDocumentElement();
        assertEquals("svg", root.getLocalName(), file.toString());
        assertEquals(SVG, root.getNamespaceURI(), file.toString());
        return root;
    }

    private static List<String> texts(Element svg) {
        var out = new ArrayList<String>();
        NodeList l = svg.getElementsByTagNameNS(SVG, "text");
        for (int i = 0; i < l.getLength(); i++) out.add(l.item(i).getTextContent());
        return out;
    }

    /** Each series' name and how many points its line has. */
    private static Map<String, Integer> seriesPoints(Element svg) {
        var out = new LinkedHashMap<String, Integer>();
        NodeList groups = svg.getElementsByTagNameNS(SVG, "g");
        for (int i = 0; i < groups.getLength(); i++) {
            var g = (Element) groups.item(i);
            if (!g.getAttribute("class").equals("series")) continue;
            var line = (Element) g.getElementsByTagNameNS(SVG, "polyline").item(0);
            out.put(g.getAttribute("data-name"), line.getAttribute("points").trim().split("\\s+").length);
        }
        return out;
    }

    /** Two sizes at two rates on both servers, and idle streams at one count. */
    static BenchMain.Results run() {
        var fanout = new ArrayList<FanOut.Result>();
        for (int subs : new int[]{100, 1000}) {
            for (int rate : new int[]{10, 50}) {
                fanout.add(fanout("herald", subs, rate, rate == 50 ? 20 : 12, 17.5));
                fanout.add(fanout("nchan", subs, rate, rate == 50 ? 10 : 12, 10.5));
            }
        }
        var idle = List.of(idle("herald", 1000, 30.3 * 1024), idle("nchan", 1000, 12.6 * 1024));
        var environment = new LinkedHashMap<String, Object>();
        environment.put("cores", 2);
        environment.put("loadAverage1Before", 0.5);
        environment.put("loadAverage1AtGeneratorStart", 1.0);
        environment.put("loadAverage1After", 2.0);
        environment.put("heraldHeap", "-Xms1g -Xmx1g");
        environment.put("heraldMemoryWorkloads", "none");
        environment.put("generatorIoThreads", 2);
        environment.put("generatorCpus", "1");
        environment.put("generatorCpuCoresAverage", 0.25);
        environment.put("warmup", "none");
        environment.put("openFilesLimit", "20000");
        environment.put("scale", "quick");
        environment.put("notes", "");
        return new BenchMain.Results("2026-01-01T0000", environment, fanout, idle, List.of(), List.of(), List.of(), List.of(),
                List.of(), List.of(), Ratios.of(fanout, idle, List.of(), List.of(), List.of(), List.of(), List.of()), List.of(),
                Ratios.transports(fanout));
    }

    private static FanOut.Result fanout(String target, int subs, int rate, double p99, double cpuMicros) {
        long events = rate * 10L, delivered = events * subs;
        var latency = new Latency(delivered, p99 / 4, p99 / 2, p99, p99 * 1.5, p99 * 2, p99 / 3);
        var publish = new Publisher.Result(events, events, 0, 10, 10, new Latency(events, 1, 2, 3, 4, 5, 1.5));
        var cpu = new Bench.Cpu(10, 0.25, cpuMicros * subs * rate / 1e6, Map.of("writers", 0.5), 1.0);
        return new FanOut.Result(target, subs, rate, 10, subs, 0.5, events, delivered, delivered, subs * rate, subs * rate, latency,
                0, 0, 0, publish, cpu, 0, cpuMicros);
    }

    private static Idle.Result idle(String target, int n, double bytesPerConnection) {
        var memory = new Target.Memory(1_000_000, 1_000_000, -1);
        return new Idle.Result(target, n, n, 1.0, 5, n, n, true, memory, memory, bytesPerConnection, bytesPerConnection, Double.NaN,
                new Bench.Cpu(5, 0.01, 0.1, Map.of(), 1.0), 0);
    }
}
