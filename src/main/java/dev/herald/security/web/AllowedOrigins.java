package dev.herald.security.web;

import dev.herald.boot.HeraldConfig;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

import java.net.URI;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The origins a browser may call Herald from: its own, plus those listed in
 * {@code herald.cors.origins} (e.g. {@code https://app.example.com}). Never a
 * wildcard: responses carry credentials.
 */
@ApplicationScoped
public class AllowedOrigins {
    @Inject
    HeraldConfig config;

    private Set<String> listed;

    @PostConstruct
    void init() {
        listed = parse(config.optional("herald.cors.origins").orElse(""));
    }

    static Set<String> parse(String raw) {
        Set<String> origins = java.util.Arrays.stream(raw.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .map(AllowedOrigins::normalize).collect(Collectors.toUnmodifiableSet());
        if (origins.contains("*") || origins.contains("null")) {
            throw new IllegalArgumentException("herald.cors.origins: list origins one by one (https://app.example.com); '*' and 'null' would let any site act with a user's cookie");
        }
        return origins;
    }

    /** Listed for cross-origin calls (the page's own origin needs no listing). */
    public boolean isListed(String origin) {
        return origin != null && listed.contains(normalize(origin));
    }

    /** Same origin as the request (by its Host), or listed. */
    public boolean isAllowed(String origin, HttpServletRequest request) {
        return isSameOrigin(origin, request) || isListed(origin);
    }

    /**
     * Host and port as the request names itself (Host header, or {@code :authority} on
     * HTTP/2), each side's default port left out. Schemes are not compared: behind a TLS
     * proxy the server sees http for an https page.
     */
    static boolean isSameOrigin(String origin, HttpServletRequest request) {
        if (origin == null) return false;
        try {
            URI o = URI.create(origin.strip());
            if (o.getHost() == null || o.getScheme() == null) return false;
            return authority(o.getHost(), o.getPort(), o.getScheme())
                    .equalsIgnoreCase(authority(request.getServerName(), request.getServerPort(), request.getScheme()));
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }

    private static String authority(String host, int port, String scheme) {
        int standard = "https".equalsIgnoreCase(scheme) ? 443 : 80;
        return port < 0 || port == standard ? host : host + ":" + port;
    }

    /** The origin of a {@code Referer} URL, or null. */
    static String originOf(String referer) {
        if (referer == null) return null;
        try {
            URI uri = URI.create(referer);
            if (uri.getScheme() == null || uri.getRawAuthority() == null) return null;
            return uri.getScheme() + "://" + uri.getRawAuthority();
        } catch (IllegalArgumentException malformed) {
            return null;
        }
    }

    private static String normalize(String origin) {
        String o = origin.toLowerCase(Locale.ROOT);
        return o.endsWith("/") ? o.substring(0, o.length() - 1) : o;
    }
}
