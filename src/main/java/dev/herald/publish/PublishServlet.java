package dev.herald.publish;

import dev.herald.http.JsonBody;
import dev.herald.http.JsonOut;
import dev.herald.http.ProblemException;
import dev.herald.http.ProblemMapper;
import dev.herald.http.ProblemWriter;
import dev.herald.hub.EventDraft;
import dev.herald.hub.EventHub;
import dev.herald.security.identity.Caller;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code POST /api/publish}: publishers post any event to a {@code custom/…} topic;
 * {@code POST /api/publish/batch}: many at once, all or none, each under the same rules
 * ({@link PublishRules}). A plain servlet (its exact mappings win over JAX-RS's {@code /api/*}),
 * like the stream's: a publish is small and frequent, and RESTEasy's dispatch, its per-method
 * REST metrics and a JAX-RS response were most of its CPU (BENCHMARKS.md). What JAX-RS did for
 * it is done here in the same order: method (405), media type (415), caller (401/403), body.
 */
@WebServlet(name = "herald-publish", urlPatterns = {"/api/publish", "/api/publish/batch"})
public class PublishServlet extends HttpServlet {
    private static final String ALLOW = "POST, OPTIONS";

    @Inject
    EventHub hub;
    @Inject
    Caller caller;
    @Inject
    BatchLimits limits;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if ("OPTIONS".equals(request.getMethod())) {
            response.setHeader("Allow", ALLOW);
            response.setStatus(HttpServletResponse.SC_NO_CONTENT);
            return;
        }
        String answer;
        try {
            if (!"POST".equals(request.getMethod())) throw ProblemException.methodNotAllowed(ALLOW);
            requireJson(request.getContentType());
            caller.requirePublisher();
            answer = request.getServletPath().endsWith("/batch") ? batch(request.getInputStream()) : single(request.getInputStream());
        } catch (RuntimeException failure) {
            ProblemWriter.write(response, ProblemMapper.problemOf(failure));
            return;
        }
        byte[] body = answer.getBytes(StandardCharsets.UTF_8);
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("application/json");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private String single(InputStream body) {
        EventDraft draft = PublishRules.draft(JsonBody.object(body, PublishRules.FIELDS));
        return JsonOut.of(Accepted.of(hub.publish(draft)));
    }

    /** Every item is checked before any is published; the first bad one is named ({@code events[2].type}). */
    private String batch(InputStream body) {
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
        return JsonOut.of(new AcceptedBatch(hub.publishAll(drafts).stream().map(Accepted::of).toList()));
    }

    /**
     * JSON or no type at all, as JAX-RS's {@code @Consumes(application/json)} took it: a body
     * sent as a form, text or XML is refused before anything reads it.
     */
    static void requireJson(String contentType) {
        if (contentType == null || contentType.isBlank()) return;
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
        if (type.equals("application/json") || type.equals("application/*") || type.equals("*/*")) return;
        throw ProblemException.unsupportedMediaType();
    }
}
