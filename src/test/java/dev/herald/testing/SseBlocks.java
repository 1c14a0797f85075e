package dev.herald.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Assembles event-stream lines into blocks, the way a client reads them: fed one line at a
 * time (without its newline), it gives a block, comments included, at each blank line.
 * One parser for a live stream ({@link RawStream}) and for what curl printed.
 */
public final class SseBlocks {
    private String id;
    private String event;
    private StringBuilder data;
    private Long retry;
    private final List<String> comments = new ArrayList<>();

    /** The block this blank line ends, if any; empty for every other line. */
    public Optional<SseEvent> line(String line) {
        if (line.isEmpty()) {
            Optional<SseEvent> block = id == null && event == null && data == null && retry == null && comments.isEmpty()
                    ? Optional.empty()
                    : Optional.of(new SseEvent(id, event, data == null ? null : data.toString(), List.copyOf(comments), retry));
            id = null;
            event = null;
            data = null;
            retry = null;
            comments.clear();
            return block;
        }
        if (line.startsWith(":")) {
            comments.add(line.substring(1).strip());
            return Optional.empty();
        }
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(colon + 1);
        if (value.startsWith(" ")) value = value.substring(1);
        switch (field) {
            case "id" -> id = value;
            case "event" -> event = value;
            case "retry" -> retry = Long.parseLong(value);
            case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
            default -> { }
        }
        return Optional.empty();
    }
}
