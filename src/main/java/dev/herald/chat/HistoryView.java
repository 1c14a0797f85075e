package dev.herald.chat;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

import java.util.List;

/** One page of a room's history as clients get it, oldest first. */
@JsonbPropertyOrder({"roomId", "messages", "hasMore"})
public record HistoryView(String roomId, List<MessageView> messages, boolean hasMore) {

    static HistoryView of(String roomId, HistoryPage page) {
        return new HistoryView(roomId, page.messages().stream().map(MessageView::of).toList(), page.hasMore());
    }
}
