package dev.herald.http;

/**
 * A POST under {@code /api/} whose body may be larger than {@link JsonBody#MAX_BYTES}: a bean
 * implementing this tells {@link BodyLimitCheck}, which otherwise refuses a declared over-size
 * body before anything reads it. The resource reads its body with the same bound
 * ({@link JsonBody#object(java.io.InputStream, java.util.Set, int)}).
 */
public interface BodyAllowance {

    /** The path under {@code /api/} ({@code publish/batch}). */
    String path();

    /** The largest body in bytes. */
    int maxBytes();
}
