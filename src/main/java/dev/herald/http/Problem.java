package dev.herald.http;

import jakarta.json.JsonObject;

import static dev.herald.http.Jsonp.JSON;

/**
 * An RFC 9457 problem. {@code field} names the input at fault, when there is one,
 * so a client can put the message beside the right box.
 */
public record Problem(int status, String title, String detail, String field) {

    public JsonObject toJson() {
        var b = JSON.createObjectBuilder()
                .add("type", "about:blank")
                .add("title", title)
                .add("status", status)
                .add("detail", detail == null ? title : detail);
        if (field != null) b.add("field", field);
        return b.build();
    }

    /** The response body, which {@link ProblemWriter} writes. */
    public String body() {
        return toJson().toString();
    }
}
