package dev.herald.chat;

import java.util.Map;

/** Where chat reports notable server events ({@code room_created}); the {@code events} topic in production. */
@FunctionalInterface
public interface SystemLog {
    void record(String kind, String severity, String message, Map<String, String> details);
}
