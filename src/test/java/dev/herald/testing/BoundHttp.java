package dev.herald.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 by hand from a chosen loopback address (127.0.0.x), so a test can be
 * "another client" for the per-address limits while the rest of the suite runs
 * from 127.0.0.1 (exempt on the test server).
 */
public final class BoundHttp {
    public record Reply(int status, Map<String, String> headers, String body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private BoundHttp() {
    }

    public static Reply send(String from, int port, String method, String path, Map<String, String> headers, String body) {
        try (Socket socket = connect(from, port)) {
            byte[] payload = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            var request = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: localhost:" + port + "\r\nConnection: close\r\n");
            headers.forEach((k, v) -> request.append(k).append(": ").append(v).append("\r\n"));
            if (body != null) request.append("Content-Length: ").append(payload.length).append("\r\n");
            request.append("\r\n");
            socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().write(payload);
            socket.getOutputStream().flush();
            var in = socket.getInputStream();
            Reply head = readHead(in);
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if ("chunked".equalsIgnoreCase(head.header("Transfer-Encoding"))) text = dechunk(text);
            return new Reply(head.status(), head.headers(), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Opens a stream and returns the socket once the status line and headers are read; 200 or the refusal. */
    public static Stream openStream(String from, int port, String pathAndQuery, Map<String, String> headers) {
        try {
            Socket socket = connect(from, port);
            var request = new StringBuilder("GET " + pathAndQuery + " HTTP/1.1\r\nHost: localhost:" + port + "\r\nAccept: text/event-stream\r\n");
            headers.forEach((k, v) -> request.append(k).append(": ").append(v).append("\r\n"));
            request.append("\r\n");
            socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.UTF_8));
            Reply head = readHead(socket.getInputStream());
            if (head.status() != 200 && head.header("Content-Length") != null) {
                byte[] body = socket.getInputStream().readNBytes(Integer.parseInt(head.header("Content-Length")));
                head = new Reply(head.status(), head.headers(), new String(body, StandardCharsets.UTF_8));
            }
            return new Stream(socket, head);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public record Stream(Socket socket, Reply head) implements AutoCloseable {
        /** Closes the way a browser or curl leaves: FIN, after which the server may still write once. */
        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // already gone
            }
        }

        /** Closes the way a crashed client or a proxy's abort does: RST, nothing more is read or sent. */
        public void reset() {
            try {
                socket.setSoLinger(true, 0);
                socket.close();
            } catch (IOException ignored) {
                // already gone
            }
        }

        /** Reads the stream until a line starting with {@code prefix}; false at its end or after the timeout. */
        public boolean awaitLine(String prefix, long timeoutMillis) {
            long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
            try {
                var in = socket.getInputStream();
                var line = new ByteArrayOutputStream();
                while (System.nanoTime() < deadline) {
                    socket.setSoTimeout((int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                    int c = in.read();
                    if (c == -1) return false;
                    if (c == '\n') {
                        if (line.toString(StandardCharsets.UTF_8).startsWith(prefix)) return true;
                        line.reset();
                    } else if (c != '\r') {
                        line.write(c);
                    }
                }
                return false;
            } catch (IOException timedOutOrGone) {
                return false;
            }
        }
    }

    public static int port() {
        return SharedNode.base().getPort();
    }

    private static Socket connect(String from, int port) throws IOException {
        var socket = new Socket();
        socket.bind(new InetSocketAddress(from, 0));
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(20_000);
        return socket;
    }

    private static Reply readHead(InputStream in) throws IOException {
        String status = line(in);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = line(in); !line.isEmpty(); line = line(in)) {
            int colon = line.indexOf(':');
            if (colon > 0) headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
        }
        String[] parts = status.split(" ");
        if (parts.length < 2) throw new IOException("no status line: " + status);
        return new Reply(Integer.parseInt(parts[1]), headers, "");
    }

    private static String line(InputStream in) throws IOException {
        var out = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1 && c != '\n') if (c != '\r') out.write(c);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String dechunk(String raw) {
        var out = new StringBuilder();
        int i = 0;
        while (i < raw.length()) {
            int eol = raw.indexOf("\r\n", i);
            if (eol < 0) break;
            int size = Integer.parseInt(raw.substring(i, eol).strip(), 16);
            if (size == 0) break;
            out.append(raw, eol + 2, eol + 2 + size);
            i = eol + 2 + size + 2;
        }
        return out.toString();
    }
}
