package dev.herald.security.identity;

import java.util.Set;

/** Who is calling: a signed-in user or a publisher. Anonymous callers have none. */
public record Identity(String id, String name, Set<String> roles) {
    public static final String USER = "user";
    public static final String PUBLISHER = "publisher";
    public static final String ADMIN = "admin";

    public Identity {
        roles = Set.copyOf(roles);
    }

    public boolean isPublisher() {
        return roles.contains(PUBLISHER);
    }

    public boolean isUser() {
        return roles.contains(USER);
    }
}
