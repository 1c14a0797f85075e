package dev.herald.security.identity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

import java.util.List;

/**
 * The answers of {@code /api/session} (docs/api.md, "Session"): a new session's
 * {@code {token, user, expiresAt}}, and who is signed in as {@code {user}}, null when nobody.
 */
public final class SessionView {
    private SessionView() {
    }

    /** A user as sessions show one: roles sorted, so the answer does not depend on a set's order. */
    @JsonbPropertyOrder({"id", "username", "roles"})
    public record User(String id, String username, List<String> roles) {
        public static User of(Identity who) {
            return new User(who.id(), who.name(), who.roles().stream().sorted().toList());
        }
    }

    @JsonbPropertyOrder({"token", "user", "expiresAt"})
    public record Issued(String token, User user, long expiresAt) {
    }

    /** @param user null when nobody is signed in: pages ask without an error */
    public record Current(User user) {
    }
}
