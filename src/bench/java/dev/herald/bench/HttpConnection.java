package dev.herald.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One keep-alive HTTP/1.1 connection used one request at a time, so the publisher's
 * events reach the server in the order they were numbered. Reconnects when the server
 * closes. Reads bodies framed by Content-Length or chunked, and throws them away.
 */
final class HttpConnection implements AutoCloseable {
    private final InetSocketAddress server;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    HttpConnection(InetSocketAddress server) {
        this.server = server;
    }

    /** Sends a complete request and returns the response status. */
    int send(byte[] request) throws IOException {
        for (int attempt = 0; ; attempt++) {
            try {
                if (socket == null) connect();
                out.write(request);
                out.flush();
                return readResponse();
            } catch (IOException e) {
                close();
                if (attempt > 0) throw e;
            }
        }
    }

    private void connect() throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(60_000);
        socket.connect(server, 10_000);
        in = new BufferedInputStream(socket.getInputStream(), 8192);
        out = socket.getOutputStream();
    }

    private int readResponse() throws IOException {
        String statusLine = line();
        if (statusLine == null) throw new IOException("connection closed");
        int status = Integer.parseInt(statusLine.split(" ", 3)[1]);
        long length = -1;
        boolean chunked = false, close = false;
        for (String h = line(); h != null && !h.isEmpty(); h = line()) {
            int colon = h.indexOf(':');
            if (colon < 0) continue;
            String name = h.substring(0, colon).trim().toLowerCase();
            String value = h.substring(colon + 1).trim().toLowerCase();
            switch (name) {
                case "content-length" -> length = Long.parseLong(value);
                case "transfer-encoding" -> chunked = value.contains("chunked");
                case "connection" -> close = value.contains("close");
                default -> {
                }
            }
        }
        if (chunked) {
            for (long size = chunkSize(); size > 0; size = chunkSize()) {
                skip(size);
                line();
            }
            while (true) {
                String trailer = line();
                if (trailer == null || trailer.isEmpty()) break;
            }
        } else if (length >= 0) {
            skip(length);
        } else {
            close = true;
            while (in.read() >= 0) {
                // close-delimited body
            }
        }
        if (close) close();
        return status;
    }

    private long chunkSize() throws IOException {
        String l = line();
        if (l == null) throw new IOException("connection closed in a chunked body");
        int semi = l.indexOf(';');
        return Long.parseLong((semi < 0 ? l : l.substring(0, semi)).trim(), 16);
    }

    private void skip(long n) throws IOException {
        while (n > 0) {
            long k = in.skip(n);
            if (k <= 0) {
                if (in.read() < 0) throw new IOException("connection closed in a body");
                k = 1;
            }
            n -= k;
        }
    }

    private String line() throws IOException {
        var sb = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') break;
            if (c != '\r') sb.append((char) c);
        }
        if (c < 0 && sb.length() == 0) return null;
        return sb.toString();
    }

    static byte[] request(String method, String pathAndQuery, InetSocketAddress host, String contentType, String body, String... headers) {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        var sb = new StringBuilder(method).append(' ').append(pathAndQuery).append(" HTTP/1.1\r\nHost: ")
                .append(host.getHostString()).append(':').append(host.getPort()).append("\r\n");
        if (contentType != null) sb.append("Content-Type: ").append(contentType).append("\r\n");
        for (String h : headers) sb.append(h).append("\r\n");
        sb.append("Content-Length: ").append(b.length).append("\r\n\r\n");
        byte[] head = sb.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[head.length + b.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(b, 0, all, head.length, b.length);
        return all;
    }

    @Override
    public void close() {
        try {
            if (socket != null) socket.close();
        } catch (IOException ignored) {
        }
        socket = null;
    }
}
