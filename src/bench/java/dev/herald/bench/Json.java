package dev.herald.bench;

import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.Map;

/**
 * Writes results as JSON: maps, collections, records (by their components), strings, numbers. Reads
 * them back as maps, lists, strings, numbers and booleans, for the cluster runs' summary, which
 * gathers what separate generator runs wrote.
 */
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
            sb.append(d.isNaN() || d.isInfinite() ? "null" : number(d));
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

    /**
     * The shortest decimal that reads back as the same double: a run drawn again from its file (Redraw) prints the
     * figures the run printed, where six digits turned 17.149… into 17.15 and then 17.2.
     */
    private static String number(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) return Long.toString((long) d);
        return java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
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

    /** Parses JSON text: objects as ordered maps, arrays as lists, integers as Long, other numbers as Double. */
    static Object read(String text) {
        var r = new Reader(text);
        Object v = r.value();
        r.space();
        if (r.i != text.length()) throw r.error("trailing text");
        return v;
    }

    private static final class Reader {
        private final String s;
        private int i;

        Reader(String s) {
            this.s = s;
        }

        Object value() {
            space();
            if (i >= s.length()) throw error("end of text");
            char c = s.charAt(i);
            switch (c) {
                case '{' -> {
                    i++;
                    var m = new java.util.LinkedHashMap<String, Object>();
                    space();
                    if (peek('}')) return m;
                    do {
                        space();
                        String k = string();
                        space();
                        expect(':');
                        m.put(k, value());
                        space();
                    } while (peek(','));
                    expect('}');
                    return m;
                }
                case '[' -> {
                    i++;
                    var l = new java.util.ArrayList<Object>();
                    space();
                    if (peek(']')) return l;
                    do {
                        l.add(value());
                        space();
                    } while (peek(','));
                    expect(']');
                    return l;
                }
                case '"' -> {
                    return string();
                }
                default -> {
                    for (String w : new String[]{"true", "false", "null"}) {
                        if (s.startsWith(w, i)) {
                            i += w.length();
                            return w.equals("null") ? null : Boolean.valueOf(w);
                        }
                    }
                    int start = i;
                    while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) i++;
                    String n = s.substring(start, i);
                    if (n.isEmpty()) throw error("unexpected '" + c + "'");
                    return n.matches("-?[0-9]+") ? (Object) Long.valueOf(n) : (Object) Double.valueOf(n);
                }
            }
        }

        String string() {
            expect('"');
            var sb = new StringBuilder();
            while (true) {
                if (i >= s.length()) throw error("unterminated string");
                char c = s.charAt(i++);
                if (c == '"') return sb.toString();
                if (c != '\\') {
                    sb.append(c);
                    continue;
                }
                char e = s.charAt(i++);
                switch (e) {
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case 't' -> sb.append('\t');
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'u' -> {
                        sb.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                        i += 4;
                    }
                    default -> sb.append(e);
                }
            }
        }

        void space() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
        }

        boolean peek(char c) {
            if (i < s.length() && s.charAt(i) == c) {
                i++;
                return true;
            }
            return false;
        }

        void expect(char c) {
            if (!peek(c)) throw error("expected '" + c + "'");
        }

        IllegalArgumentException error(String what) {
            return new IllegalArgumentException("JSON: " + what + " at " + i);
        }
    }
}
