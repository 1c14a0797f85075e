package dev.herald.http;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Deep nesting is refused before the recursive reader can overflow its stack. */
class JsonBodyDepthTest {

    private static java.io.InputStream body(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void depthCountsBracketsOutsideStringsOnly() {
        assertEquals(2, JsonBody.depth("{\"a\":[1,\"[[[{{\\\"[\"]}".getBytes(StandardCharsets.UTF_8)));
        assertEquals(0, JsonBody.depth("1".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void tooDeepIsA400NotAStackOverflow() {
        String deep = "{\"data\":" + "[".repeat(20_000) + "]".repeat(20_000) + "}";
        var e = assertThrows(ProblemException.class, () -> JsonBody.object(body(deep)));
        assertEquals(400, e.problem().status());
        assertEquals("body", e.problem().field());
        String ok = "{\"data\":" + "[".repeat(JsonBody.MAX_DEPTH - 1) + "]".repeat(JsonBody.MAX_DEPTH - 1) + "}";
        assertEquals(1, JsonBody.object(body(ok)).size());
    }
}
