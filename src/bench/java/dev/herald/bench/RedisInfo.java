package dev.herald.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * What a Redis says of itself ({@code INFO all}, over a plain socket): the commands it ran, the scripts among
 * them (each accepted publish or batch is one) and its keys. A shard nobody uses shows it here: no scripts.
 */
final class RedisInfo {
    private RedisInfo() {
    }

    /**
     * Commands run so far, of which scripts ({@code EVALSHA} and the like), keys in database 0, and the calls of each
     * command (those a script runs included), which say where a shard's time goes.
     */
    record Sample(long commands, long scripts, long keys, Map<String, Long> calls) {
    }

    static Sample sample(String hostPort) {
        Map<String, String> info = info(hostPort);
        long scripts = 0;
        for (String cmd : new String[]{"evalsha", "eval", "evalsha_ro", "eval_ro", "fcall", "fcall_ro"}) {
            scripts += field(info.get("cmdstat_" + cmd), "calls");
        }
        var calls = new java.util.TreeMap<String, Long>();
        info.forEach((k, v) -> {
            if (k.startsWith("cmdstat_")) calls.put(k.substring("cmdstat_".length()), field(v, "calls"));
        });
        return new Sample(parse(info.get("total_commands_processed")), scripts, field(info.get("db0"), "keys"), calls);
    }

    /** INFO's {@code name:value} lines; empty if the Redis does not answer. */
    static Map<String, String> info(String hostPort) {
        var out = new HashMap<String, String>();
        int colon = hostPort.lastIndexOf(':');
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1))), 5000);
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("*2\r\n$4\r\nINFO\r\n$3\r\nall\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            String head = line(in);
            if (!head.startsWith("$")) throw new IOException("INFO: " + head);
            byte[] body = in.readNBytes(Integer.parseInt(head.substring(1)));
            for (String l : new String(body, StandardCharsets.UTF_8).split("\r\n")) {
                int c = l.indexOf(':');
                if (c > 0 && !l.startsWith("#")) out.put(l.substring(0, c), l.substring(c + 1));
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("redis " + hostPort + ": " + e);
        }
        return out;
    }

    private static String line(InputStream in) throws IOException {
        var b = new ByteArrayOutputStream();
        for (int c = in.read(); c >= 0 && c != '\n'; c = in.read()) if (c != '\r') b.write(c);
        return b.toString(StandardCharsets.US_ASCII);
    }

    /** {@code key=value} from a comma-separated INFO value ({@code calls=12,usec=…}), or 0. */
    private static long field(String value, String key) {
        if (value == null) return 0;
        for (String kv : value.split(",")) if (kv.startsWith(key + "=")) return parse(kv.substring(key.length() + 1));
        return 0;
    }

    private static long parse(String n) {
        try {
            return n == null ? 0 : Long.parseLong(n.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
