package dev.herald.chat;

import dev.herald.api.TopicFamily;
import dev.herald.security.identity.Identity;
import jakarta.inject.Inject;

/** Chat's two families ({@code rooms}, {@code chat/…}) share one access rule, {@link RoomAccess#checkTopic}. */
abstract class RoomFamily implements TopicFamily {
    @Inject
    Chat chat;

    @Override
    public void checkAccess(String topic, Identity who) {
        chat.access().checkTopic(topic, who);
    }
}
