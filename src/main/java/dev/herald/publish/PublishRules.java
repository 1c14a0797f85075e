package dev.herald.publish;

import dev.herald.http.Fields;
import dev.herald.http.JsonBody;
import dev.herald.http.ProblemException;
import dev.herald.hub.Event;
import dev.herald.hub.EventDraft;
import dev.herald.hub.InvalidDraftException;
import dev.herald.hub.Topics;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.util.Set;

/**
 * What a publisher may post as one event, {@code {topic, type, data?}}, and how it is
 * answered: the one place these rules live, for a single publish and each item of a batch.
 */
final class PublishRules {
    static final Set<String> FIELDS = Set.of("topic", "type", "data");
    private static final String CUSTOM = "custom/";
    private static final String CUSTOM_RULE = "publishers post to custom/<name>, name 1-200 of A-Za-z0-9._:/-";

    private PublishRules() {
    }

    /** The event of {@code json}, or a 400 naming the field at fault. */
    static EventDraft draft(JsonObject json) {
        JsonBody.onlyFields(json, FIELDS);
        String topic = Fields.text(json, "topic", 1, Topics.MAX_LENGTH);
        if (!topic.startsWith(CUSTOM) || topic.length() == CUSTOM.length()) throw ProblemException.invalid("topic", CUSTOM_RULE);
        String type = Fields.text(json, "type", 1, 64);
        JsonValue data = json.getOrDefault("data", JsonValue.EMPTY_JSON_OBJECT);
        // The draft checks the grammar, once: past the custom/ prefix, a topic that passes it is a custom name.
        try {
            return EventDraft.of(topic, type, data.toString());
        } catch (InvalidDraftException e) {
            throw e.field().equals("topic") ? ProblemException.invalid("topic", CUSTOM_RULE)
                    : ProblemException.invalid("type", "must start with a letter and use only A-Za-z0-9_.:-");
        }
    }
}
