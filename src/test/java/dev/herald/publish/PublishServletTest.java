package dev.herald.publish;

import dev.herald.http.ProblemException;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The media types a publish takes, as JAX-RS's {@code @Consumes(application/json)} took them before the servlet. */
class PublishServletTest {

    @Test
    void jsonOrNoTypeIsTaken() {
        for (String type : Arrays.asList(null, "", "application/json", "application/json; charset=UTF-8", "Application/JSON", "*/*", "application/*")) {
            assertDoesNotThrow(() -> PublishServlet.requireJson(type), String.valueOf(type));
        }
    }

    @Test
    void anyOtherTypeIs415NamingContentType() {
        for (String type : List.of("text/plain", "application/xml", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded",
                "application/jsonx", "text/json")) {
            ProblemException refused = assertThrows(ProblemException.class, () -> PublishServlet.requireJson(type), type);
            assertEquals(415, refused.problem().status(), type);
            assertEquals("Content-Type", refused.problem().field(), type);
        }
    }
}
