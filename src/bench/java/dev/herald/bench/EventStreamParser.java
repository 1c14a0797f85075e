package dev.herald.bench;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads one HTTP/1.1 response carrying {@code text/event-stream}, from raw socket bytes:
 * status line and headers, then a chunked or close-delimited body, then the WHATWG
 * event-stream rules (any of CRLF, LF or CR ends a line; a leading BOM is dropped;
 * {@code :} starts a comment; one space after the colon is dropped; {@code data} lines
 * join with LF; a blank line dispatches, and only if there is data; {@code id} without
 * NUL sets the last event id even on an event with no data; {@code retry} only if all
 * digits). It works on bytes and allocates nothing per event, so one thread can parse
 * hundreds of thousands of events a second.
 */
final class EventStreamParser {

    /** What a parsed stream tells its owner. Called on the thread that feeds the parser. */
    interface Handler {
        /** The response head is in; a status other than 200 ends the stream. */
        void onResponse(int status);

        /** One dispatched event: {@code data} is valid only during the call. */
        void onEvent(EventStreamParser parser, byte[] data, int length);

        /** The body ended (final chunk); the connection carries no more events. */
        void onEnd();
    }

    private enum State { HEAD, CHUNK_SIZE, CHUNK_EXT, CHUNK_SIZE_LF, CHUNK_DATA, CHUNK_DATA_CR, CHUNK_DATA_LF, TRAILER, BODY, DONE }

    private static final int MAX_HEAD = 16 * 1024;
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final Handler handler;
    private State state = State.HEAD;
    private int status;
    private boolean chunked;

    private byte[] head = new byte[512];
    private int headLength;
    private long chunkLeft;

    private int bomMatched;
    private boolean bomDone;
    private boolean lastWasCr;
    private byte[] line = new byte[256];
    private int lineLength;
    private byte[] data = new byte[256];
    private int dataLength;
    private byte[] type = new byte[32];
    private int typeLength;
    private byte[] idBuffer = new byte[64];
    private int idBufferLength;
    private byte[] lastId = new byte[64];
    private int lastIdLength;
    private long retry = -1;
    private long comments;

    EventStreamParser(Handler handler) {
        this.handler = handler;
    }

    boolean isDone() {
        return state == State.DONE;
    }

    int status() {
        return status;
    }

    long comments() {
        return comments;
    }

    long retry() {
        return retry;
    }

    /** The stream's last event id, or null if it never had one. Allocates: call it rarely. */
    String lastEventId() {
        return lastIdLength == 0 ? null : new String(lastId, 0, lastIdLength, StandardCharsets.UTF_8);
    }

    /** The type of the event being dispatched: {@code message} when it named none. */
    String eventType() {
        return typeLength == 0 ? "message" : new String(type, 0, typeLength, StandardCharsets.UTF_8);
    }

    boolean typeIs(byte[] name) {
        return typeLength == name.length && Arrays.equals(type, 0, typeLength, name, 0, name.length);
    }

    /** Feeds socket bytes; may call the handler any number of times. */
    void feed(byte[] buf, int off, int len) {
        int end = off + len;
        int i = off;
        while (i < end && state != State.DONE) {
            switch (state) {
                case HEAD -> i = head(buf, i, end);
                case BODY -> {
                    body(buf, i, end - i);
                    i = end;
                }
                case CHUNK_SIZE -> {
                    byte b = buf[i++];
                    int d = Character.digit(b, 16);
                    if (d >= 0) chunkLeft = chunkLeft * 16 + d;
                    else if (b == '\r') state = State.CHUNK_SIZE_LF;
                    else if (b == ';' || b == ' ' || b == '\t') state = State.CHUNK_EXT;
                    else throw new IllegalStateException("bad chunk size byte " + b);
                }
                case CHUNK_EXT -> {
                    if (buf[i++] == '\r') state = State.CHUNK_SIZE_LF;
                }
                case CHUNK_SIZE_LF -> {
                    if (buf[i++] != '\n') throw new IllegalStateException("chunk size line without LF");
                    state = chunkLeft == 0 ? State.TRAILER : State.CHUNK_DATA;
                    headLength = 0;
                }
                case CHUNK_DATA -> {
                    int n = (int) Math.min(chunkLeft, end - i);
                    body(buf, i, n);
                    i += n;
                    chunkLeft -= n;
                    if (chunkLeft == 0) state = State.CHUNK_DATA_CR;
                }
                case CHUNK_DATA_CR -> {
                    if (buf[i++] != '\r') throw new IllegalStateException("chunk without CRLF");
                    state = State.CHUNK_DATA_LF;
                }
                case CHUNK_DATA_LF -> {
                    if (buf[i++] != '\n') throw new IllegalStateException("chunk without CRLF");
                    state = State.CHUNK_SIZE;
                }
                case TRAILER -> {
                    // Trailer lines until an empty one; headLength counts bytes of the current line.
                    byte b = buf[i++];
                    if (b == '\n') {
                        if (headLength == 0) finish();
                        headLength = 0;
                    } else if (b != '\r') {
                        headLength++;
                    }
                }
                default -> i = end;
            }
        }
    }

    private int head(byte[] buf, int i, int end) {
        while (i < end) {
            if (headLength == head.length) {
                if (head.length >= MAX_HEAD) throw new IllegalStateException("response head over " + MAX_HEAD + " bytes");
                head = Arrays.copyOf(head, head.length * 2);
            }
            head[headLength++] = buf[i++];
            if (headLength >= 4 && head[headLength - 1] == '\n' && head[headLength - 2] == '\r'
                    && head[headLength - 3] == '\n' && head[headLength - 4] == '\r') {
                parseHead();
                return i;
            }
        }
        return i;
    }

    private void parseHead() {
        String text = new String(head, 0, headLength, StandardCharsets.ISO_8859_1);
        String[] lines = text.split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/1.")) throw new IllegalStateException("not HTTP/1.x: " + lines[0]);
        status = Integer.parseInt(statusLine[1]);
        for (int k = 1; k < lines.length; k++) {
            int colon = lines[k].indexOf(':');
            if (colon < 0) continue;
            String name = lines[k].substring(0, colon).trim();
            String value = lines[k].substring(colon + 1).trim();
            if (name.equalsIgnoreCase("Transfer-Encoding") && value.toLowerCase().contains("chunked")) chunked = true;
        }
        headLength = 0;
        handler.onResponse(status);
        if (status != 200) finish();
        else state = chunked ? State.CHUNK_SIZE : State.BODY;
    }

    private void finish() {
        state = State.DONE;
        handler.onEnd();
    }

    /** The event-stream layer: body bytes, however the body was framed. */
    private void body(byte[] buf, int off, int len) {
        int end = off + len;
        int i = off;
        if (!bomDone) {
            while (i < end && bomMatched < BOM.length && buf[i] == BOM[bomMatched]) {
                bomMatched++;
                i++;
            }
            if (i < end || bomMatched == BOM.length) {
                if (bomMatched > 0 && bomMatched < BOM.length) {
                    // A partial BOM was ordinary text after all.
                    for (int k = 0; k < bomMatched; k++) appendLine(BOM[k]);
                }
                bomDone = true;
            }
        }
        while (i < end) {
            byte b = buf[i];
            if (b == '\n') {
                i++;
                if (lastWasCr) {
                    lastWasCr = false;
                    continue;
                }
                line();
            } else if (b == '\r') {
                i++;
                lastWasCr = true;
                line();
            } else {
                // Copy the run of ordinary bytes up to the next line end in one go.
                lastWasCr = false;
                int j = i + 1;
                while (j < end && buf[j] != '\n' && buf[j] != '\r') j++;
                appendLine(buf, i, j - i);
                i = j;
            }
        }
    }

    private void appendLine(byte[] buf, int off, int len) {
        if (lineLength + len > line.length) line = Arrays.copyOf(line, Math.max(lineLength + len, line.length * 2));
        System.arraycopy(buf, off, line, lineLength, len);
        lineLength += len;
    }

    private void appendLine(byte b) {
        if (lineLength == line.length) line = Arrays.copyOf(line, line.length * 2);
        line[lineLength++] = b;
    }

    private void line() {
        int n = lineLength;
        lineLength = 0;
        if (n == 0) {
            dispatch();
            return;
        }
        if (line[0] == ':') {
            comments++;
            return;
        }
        int colon = -1;
        for (int k = 0; k < n; k++) {
            if (line[k] == ':') {
                colon = k;
                break;
            }
        }
        int nameEnd = colon < 0 ? n : colon;
        int valueStart = colon < 0 ? n : colon + 1;
        if (valueStart < n && line[valueStart] == ' ') valueStart++;
        int valueLength = n - valueStart;
        if (is("data", nameEnd)) {
            ensureData(dataLength + valueLength + 1);
            System.arraycopy(line, valueStart, data, dataLength, valueLength);
            dataLength += valueLength;
            data[dataLength++] = '\n';
        } else if (is("event", nameEnd)) {
            if (type.length < valueLength) type = new byte[valueLength];
            System.arraycopy(line, valueStart, type, 0, valueLength);
            typeLength = valueLength;
        } else if (is("id", nameEnd)) {
            for (int k = valueStart; k < n; k++) if (line[k] == 0) return;
            if (idBuffer.length < valueLength) idBuffer = new byte[valueLength];
            System.arraycopy(line, valueStart, idBuffer, 0, valueLength);
            idBufferLength = valueLength;
        } else if (is("retry", nameEnd)) {
            long ms = 0;
            if (valueLength == 0) return;
            for (int k = valueStart; k < n; k++) {
                if (line[k] < '0' || line[k] > '9') return;
                ms = ms * 10 + (line[k] - '0');
            }
            retry = ms;
        }
    }

    private boolean is(String field, int nameLength) {
        if (nameLength != field.length()) return false;
        for (int k = 0; k < nameLength; k++) if (line[k] != field.charAt(k)) return false;
        return true;
    }

    private void ensureData(int size) {
        if (data.length < size) data = Arrays.copyOf(data, Math.max(size, data.length * 2));
    }

    private void dispatch() {
        if (lastId.length < idBufferLength) lastId = new byte[idBuffer.length];
        System.arraycopy(idBuffer, 0, lastId, 0, idBufferLength);
        lastIdLength = idBufferLength;
        if (dataLength == 0) {
            typeLength = 0;
            return;
        }
        handler.onEvent(this, data, dataLength - 1);
        dataLength = 0;
        typeLength = 0;
    }
}
