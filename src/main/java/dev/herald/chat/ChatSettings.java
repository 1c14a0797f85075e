package dev.herald.chat;

import dev.herald.boot.HeraldConfig;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Chat's knobs.
 *
 * @param historyLimit   messages kept per room ({@code herald.chat.history.limit})
 * @param rateMessages   messages one user may post per window ({@code herald.chat.rate.messages})
 * @param rateWindow     ({@code herald.chat.rate.window})
 * @param typingTimeout  how long a typing state lasts unrefreshed ({@code herald.chat.typing.timeout})
 * @param defaultRooms   public rooms a fresh server has ({@code herald.chat.rooms})
 */
public record ChatSettings(int historyLimit, int rateMessages, Duration rateWindow, Duration typingTimeout,
                           List<String> defaultRooms) {

    public ChatSettings {
        defaultRooms = List.copyOf(defaultRooms);
    }

    public static ChatSettings defaults() {
        return new ChatSettings(10_000, 10, Duration.ofSeconds(5), Duration.ofSeconds(5), List.of("general", "random"));
    }

    public static ChatSettings from(HeraldConfig config) {
        var d = defaults();
        return new ChatSettings(
                config.integer("herald.chat.history.limit", d.historyLimit()),
                config.integer("herald.chat.rate.messages", d.rateMessages()),
                config.duration("herald.chat.rate.window", d.rateWindow()),
                config.duration("herald.chat.typing.timeout", d.typingTimeout()),
                Arrays.stream(config.string("herald.chat.rooms", String.join(",", d.defaultRooms())).split(","))
                        .map(String::strip).filter(s -> !s.isEmpty()).toList());
    }
}
