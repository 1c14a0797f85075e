package dev.herald.bench;

import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.Map;

/** Writes results as JSON: maps, collections, records (by their components), strings, numbers. */
final class Json {
    private Json() {
    }

    static String write(Object value) {
        var sb = new StringBuilder();
        write(sb, value, 0);
        return sb.append('\n').toString();
    }

    private static void write(StringBuilder sb, Object v, int depth) {
        if (v == null) {
            sb.append("null");
        } else if (v instanceof String s) {
            quote(sb, s);
        } else if (v instanceof Double d) {
            sb.append(d.isNaN() || d.isInfinite() ? "null" : round(d));
        } else if (v instanceof Float f) {
            write(sb, f.doubleValue(), depth);
        } else if (v instanceof Number || v instanceof Boolean) {
            sb.append(v);
        } else if (v instanceof Enum<?> e) {
            quote(sb, e.name().toLowerCase());
        } else if (v instanceof Map<?, ?> m) {
            sb.append('{');
            boolean first = true;
            for (var e : m.entrySet()) {
                if (!first) sb.append(',');
                first = false;
                newline(sb, depth + 1);
                quote(sb, String.valueOf(e.getKey()));
                sb.append(": ");
                write(sb, e.getValue(), depth + 1);
            }
            if (!m.isEmpty()) newline(sb, depth);
            sb.append('}');
        } else if (v instanceof Collection<?> c) {
            sb.append('[');
            boolean first = true;
            for (Object o : c) {
                if (!first) sb.append(',');
                first = false;
                newline(sb, depth + 1);
                write(sb, o, depth + 1);
            }
            if (!c.isEmpty()) newline(sb, depth);
            sb.append(']');
        } else if (v instanceof Record r) {
            var map = new java.util.LinkedHashMap<String, Object>();
            for (RecordComponent c : r.getClass().getRecordComponents()) {
                try {
                    map.put(c.getName(), c.getAccessor().invoke(r));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
            write(sb, map, depth);
        } else {
            quote(sb, v.toString());
        }
    }

    private static String round(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) return Long.toString((long) d);
        return new java.math.BigDecimal(d).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
    }

    private static void newline(StringBuilder sb, int depth) {
        sb.append('\n');
        sb.append("  ".repeat(depth));
    }

    /**
     * A JSON string: quotes, backslashes and control characters escaped (RFC 8259). The same
     * rule as the hub's {@code Envelope.quote}, written again on purpose: the generator loads
     * Herald and Nchan alike and is built apart from Herald (bench/pom.xml), with none of its code.
     */
    private static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        sb.append('"');
    }
}
