package dev.herald.publish;

import java.util.List;

/** The answer to a batch publish: each event's {@link Accepted}, in the order sent. */
public record AcceptedBatch(List<Accepted> events) {

    public AcceptedBatch {
        events = List.copyOf(events);
    }
}
