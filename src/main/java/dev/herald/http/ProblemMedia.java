package dev.herald.http;

import jakarta.ws.rs.core.MediaType;

public final class ProblemMedia {
    public static final MediaType TYPE = new MediaType("application", "problem+json");

    private ProblemMedia() {
    }
}
