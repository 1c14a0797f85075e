package dev.herald.chat;

import java.util.List;

/**
 * One page of a room's history, oldest first within the page.
 *
 * @param hasMore whether older messages remain before the first of this page
 */
public record HistoryPage(List<Message> messages, boolean hasMore) {
    public HistoryPage {
        messages = List.copyOf(messages);
    }
}
