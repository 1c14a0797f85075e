package dev.herald.security.web;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which origins may call Herald with a user's cookie. */
class AllowedOriginsTest {
    @Test
    void corsOriginsAreListedOneByOne() {
        assertTrue(AllowedOrigins.parse(" https://a.example , https://b.example/ ").contains("https://b.example"));
        assertThrows(IllegalArgumentException.class, () -> AllowedOrigins.parse("https://a.example,*"));
        assertEquals("https://x.example:8443", AllowedOrigins.originOf("https://x.example:8443/chat.html?x=1"));
        assertEquals(null, AllowedOrigins.originOf("not a url"));
    }
}
