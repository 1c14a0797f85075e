package dev.herald.publish;

/** {@code POST /api/admin/disconnect}: how many streams were dropped. */
public record Disconnected(int disconnected) {
}
