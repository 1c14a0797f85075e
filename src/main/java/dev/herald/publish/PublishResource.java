package dev.herald.publish;

import dev.herald.http.Fields;
import dev.herald.http.JsonBody;
import dev.herald.http.ProblemException;
import dev.herald.hub.Event;
import dev.herald.hub.EventDraft;
import dev.herald.hub.EventHub;
import dev.herald.hub.InvalidDraftException;
import dev.herald.hub.Topics;
import dev.herald.security.Caller;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.io.InputStream;
import java.util.Set;

import static dev.herald.http.Jsonp.JSON;

/** {@code POST /api/publish}: publishers post any event to a {@code custom/…} topic. */
@Path("/publish")
public class PublishResource {
    @Inject
    EventHub hub;
    @Inject
    Caller caller;

    private static final String CUSTOM = "custom/";
    private static final String CUSTOM_RULE = "publishers post to custom/<name>, name 1-200 of A-Za-z0-9._:/-";

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public String publish(InputStream body) {
        caller.requirePublisher();
        JsonObject json = JsonBody.object(body, Set.of("topic", "type", "data"));
        String topic = Fields.text(json, "topic", 1, Topics.MAX_LENGTH);
        if (!topic.startsWith(CUSTOM) || topic.length() == CUSTOM.length()) throw ProblemException.invalid("topic", CUSTOM_RULE);
        String type = Fields.text(json, "type", 1, 64);
        JsonValue data = json.getOrDefault("data", JsonValue.EMPTY_JSON_OBJECT);
        Event event = hub.publish(draft(topic, type, data.toString()));
        return JSON.createObjectBuilder()
                .add("id", event.id().toString())
                .add("topic", event.topic())
                .add("type", event.type())
                .add("timestamp", event.timestamp())
                .build().toString();
    }

    /** The draft checks the grammar, once: past the {@code custom/} prefix, a topic that passes it is a custom name. */
    private static EventDraft draft(String topic, String type, String data) {
        try {
            return EventDraft.of(topic, type, data);
        } catch (InvalidDraftException e) {
            throw e.field().equals("topic") ? ProblemException.invalid("topic", CUSTOM_RULE)
                    : ProblemException.invalid("type", "must start with a letter and use only A-Za-z0-9_.:-");
        }
    }
}
