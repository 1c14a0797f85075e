package dev.herald.chat;

import dev.herald.boot.HeraldConfig;
import dev.herald.security.limits.Rate;

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

    /** At most {@code rateMessages} per user within a {@code rateWindow} that opens with the first. */
    public Rate messageRate() {
        return Rate.window(rateMessages, rateWindow);
    }

    public static ChatSettings from(HeraldConfig config) {
        return new ChatSettings(
                config.integer("herald.chat.history.limit"),
                config.integer("herald.chat.rate.messages"),
                config.duration("herald.chat.rate.window"),
                config.duration("herald.chat.typing.timeout"),
                Arrays.stream(config.string("herald.chat.rooms").split(","))
                        .map(String::strip).filter(s -> !s.isEmpty()).toList());
    }
}
