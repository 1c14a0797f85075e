package dev.herald.bench;

/**
 * The benchmark's event body: exactly {@value #SIZE} bytes of JSON (or larger when asked),
 * carrying a sequence number and the send time in microseconds of the generator's clock.
 * The same bytes go to both servers; Herald wraps them in its envelope, Nchan passes them as they are.
 */
final class Payload {
    static final int SIZE = 64;
    private static final byte[] SEQ = "\"seq\":".getBytes();
    private static final byte[] TS = "\"ts\":".getBytes();

    private Payload() {
    }

    static String of(long seq, long sentMicros, int size) {
        var sb = new StringBuilder(size).append("{\"seq\":").append(seq).append(",\"ts\":").append(sentMicros).append(",\"pad\":\"");
        int pad = size - sb.length() - 2;
        for (int i = 0; i < pad; i++) sb.append('x');
        return sb.append("\"}").toString();
    }

    /** The number after {@code "seq":}, or -1. Works inside Herald's envelope too. */
    static long seq(byte[] data, int length) {
        return number(data, length, SEQ);
    }

    static long sentMicros(byte[] data, int length) {
        return number(data, length, TS);
    }

    private static long number(byte[] data, int length, byte[] key) {
        outer:
        for (int i = 0; i + key.length < length; i++) {
            for (int k = 0; k < key.length; k++) if (data[i + k] != key[k]) continue outer;
            long v = 0;
            int j = i + key.length;
            if (j >= length || data[j] < '0' || data[j] > '9') return -1;
            while (j < length && data[j] >= '0' && data[j] <= '9') v = v * 10 + (data[j++] - '0');
            return v;
        }
        return -1;
    }
}
