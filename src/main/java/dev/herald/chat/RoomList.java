package dev.herald.chat;

import java.util.List;

/** The rooms a user sees: {@code GET /api/chat/rooms} and the {@code rooms_list} snapshot. */
public record RoomList(List<RoomView> rooms) {
}
