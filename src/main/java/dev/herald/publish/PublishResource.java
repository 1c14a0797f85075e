package dev.herald.publish;

import dev.herald.http.JsonBody;
import dev.herald.http.ProblemException;
import dev.herald.hub.Event;
import dev.herald.hub.EventDraft;
import dev.herald.hub.EventHub;
import dev.herald.security.Caller;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static dev.herald.http.Jsonp.JSON;

/**
 * {@code POST /api/publish}: publishers post any event to a {@code custom/…} topic;
 * {@code POST /api/publish/batch}: many at once, all or none, each under the same rules.
 */
@Path("/publish")
public class PublishResource {
    @Inject
    EventHub hub;
    @Inject
    Caller caller;
    @Inject
    BatchLimits limits;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public String publish(InputStream body) {
        caller.requirePublisher();
        EventDraft draft = PublishRules.draft(JsonBody.object(body, PublishRules.FIELDS));
        return PublishRules.answer(hub.publish(draft)).build().toString();
    }

    /** Every item is checked before any is published; the first bad one is named ({@code events[2].type}). */
    @POST
    @Path("/batch")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public String publishBatch(InputStream body) {
        caller.requirePublisher();
        JsonObject json = JsonBody.object(body, Set.of("events"), limits.maxBytes());
        JsonValue items = json.get("events");
        if (items == null || items == JsonValue.NULL) throw ProblemException.invalid("events", "is required");
        if (!(items instanceof JsonArray array)) throw ProblemException.invalid("events", "must be an array of events");
        if (array.isEmpty() || array.size() > limits.events()) {
            throw ProblemException.invalid("events", "must hold 1 to " + limits.events() + " events, not " + array.size());
        }
        List<EventDraft> drafts = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            String item = "events[" + i + "]";
            if (!(array.get(i) instanceof JsonObject object)) throw ProblemException.invalid(item, "must be an object {topic, type, data?}");
            try {
                drafts.add(PublishRules.draft(object));
            } catch (ProblemException bad) {
                throw bad.within(item);
            }
        }
        var answers = JSON.createArrayBuilder();
        for (Event event : hub.publishAll(drafts)) answers.add(PublishRules.answer(event));
        return JSON.createObjectBuilder().add("events", answers).build().toString();
    }
}
