package dev.herald.bench;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Draws a finished run's charts and report again from its results file, running nothing:
 * {@code bench/run.sh --redraw=bench/results/<date>.json}. The charts go beside the file, the report
 * to {@code --report} (BENCHMARKS.md by default), as the run itself would have written them.
 */
final class Redraw {
    static final String USAGE = """
            dev.herald.bench.Redraw --redraw=bench/results/DATE.json [--report=BENCHMARKS.md]
              draws that run's charts (SVG, beside the file) and the report's generated part again; runs nothing
            """;

    private Redraw() {
    }

    public static void main(String[] args) throws Exception {
        String file = null;
        for (String a : args) {
            if (a.equals("--help")) {
                System.out.print(USAGE);
                return;
            }
            if (a.startsWith("--redraw=")) file = a.substring("--redraw=".length());
        }
        if (file == null) throw new IllegalArgumentException("no --redraw=FILE\n" + USAGE);
        Path json = Path.of(file);
        new Report(BenchOptions.parse(args)).write(read(json), json);
        System.out.println("charts beside " + json + "; report: " + BenchOptions.parse(args).report());
    }

    /**
     * A run's results from its file. The ratios are worked out again from the results, as the run did: a file
     * written before a ratio's fields were renamed, or before a table of ratios existed, reads the same.
     */
    @SuppressWarnings("unchecked")
    static BenchMain.Results read(Path json) throws java.io.IOException {
        var m = (Map<String, Object>) Json.read(Files.readString(json));
        var fanout = list(m, "fanout", FanOut.Result.class);
        var idle = list(m, "idle", Idle.Result.class);
        var storm = list(m, "storm", Storm.Result.class);
        var slow = list(m, "slow", SlowConsumers.Result.class);
        var topics = list(m, "topics", ManyTopics.Result.class);
        var publish = list(m, "publish", PublishRate.Result.class);
        var chat = list(m, "chat", ChatSend.Result.class);
        var batch = list(m, "batch", BatchRate.Result.class);
        var environment = (Map<String, Object>) m.getOrDefault("environment", Map.of());
        return new BenchMain.Results(String.valueOf(m.get("date")), environment, fanout, idle, storm, slow, topics, publish, chat, batch,
                Ratios.of(fanout, idle, storm, slow, topics, publish, batch), Ratios.stores(publish, chat, fanout),
                Ratios.transports(fanout));
    }

    private static <T> List<T> list(Map<String, Object> m, String key, Class<T> type) {
        var out = new ArrayList<T>();
        for (Object o : (List<?>) m.getOrDefault(key, List.of())) out.add(type.cast(decode(o, type)));
        return out;
    }

    /**
     * {@code value} (as {@link Json#read} gives it) as {@code type}: records by their components' names, lists, sets,
     * string-keyed maps, enums by name. What the file lacks (a component added after the run; NaN, which is written
     * as null) is NaN, 0, false, empty or null.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static Object decode(Object value, Type type) {
        Class<?> raw = type instanceof ParameterizedType pt ? (Class<?>) pt.getRawType() : (Class<?>) type;
        if (value == null) return empty(raw);
        if (raw == double.class || raw == Double.class) return ((Number) value).doubleValue();
        if (raw == int.class || raw == Integer.class) return ((Number) value).intValue();
        if (raw == long.class || raw == Long.class) return ((Number) value).longValue();
        if (raw == boolean.class || raw == Boolean.class || raw == Object.class) return value;
        if (raw == String.class) return String.valueOf(value);
        if (raw.isEnum()) return Enum.valueOf((Class<Enum>) raw, ((String) value).toUpperCase(Locale.ROOT));
        if (List.class.isAssignableFrom(raw) || Set.class.isAssignableFrom(raw)) {
            Type element = ((ParameterizedType) type).getActualTypeArguments()[0];
            var out = List.class.isAssignableFrom(raw) ? new ArrayList<>() : new LinkedHashSet<>();
            for (Object o : (List<?>) value) out.add(decode(o, element));
            return out;
        }
        if (Map.class.isAssignableFrom(raw)) {
            Type element = ((ParameterizedType) type).getActualTypeArguments()[1];
            var out = new LinkedHashMap<String, Object>();
            for (var e : ((Map<String, ?>) value).entrySet()) out.put(e.getKey(), decode(e.getValue(), element));
            return out;
        }
        if (raw.isRecord()) {
            var fields = (Map<String, ?>) value;
            RecordComponent[] cs = raw.getRecordComponents();
            var types = new Class<?>[cs.length];
            var args = new Object[cs.length];
            for (int i = 0; i < cs.length; i++) {
                types[i] = cs[i].getType();
                args[i] = decode(fields.get(cs[i].getName()), cs[i].getGenericType());
            }
            try {
                var ctor = raw.getDeclaredConstructor(types);
                ctor.setAccessible(true);
                return ctor.newInstance(args);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot make a " + raw.getName() + " from " + fields.keySet(), e);
            }
        }
        throw new IllegalArgumentException("cannot read a " + type);
    }

    private static Object empty(Class<?> raw) {
        if (raw == double.class) return Double.NaN;
        if (raw == int.class) return 0;
        if (raw == long.class) return 0L;
        if (raw == boolean.class) return false;
        if (List.class.isAssignableFrom(raw)) return List.of();
        if (Set.class.isAssignableFrom(raw)) return Set.of();
        if (Map.class.isAssignableFrom(raw)) return Map.of();
        return null;
    }
}
