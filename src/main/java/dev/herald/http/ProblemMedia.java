package dev.herald.http;

import jakarta.ws.rs.core.MediaType;

public final class ProblemMedia {
    public static final String TEXT = "application/problem+json";
    public static final MediaType TYPE = MediaType.valueOf(TEXT);

    private ProblemMedia() {
    }
}
