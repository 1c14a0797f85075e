package dev.herald.notify;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Which action links a notification may carry: http(s) URLs with a host, or paths
 * relative to Herald. Everything else is refused, because the page turns the URL
 * into a link the user clicks: {@code javascript:} or {@code data:} would run code,
 * and {@code //host} leaves the site while looking relative.
 */
public final class ActionUrls {
    public static final int MAX_LENGTH = 2000;

    private ActionUrls() {
    }

    public static boolean isSafe(String url) {
        if (url == null || url.isEmpty() || url.length() > MAX_LENGTH) return false;
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            // Browsers drop tabs and newlines inside URLs ("java\tscript:") and read '\' as '/'
            // ("/\host" is "//host"), so neither may reach a link.
            if (c <= 0x20 || c == 0x7f || c == '\\') return false;
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return false;
        }
        if (uri.getScheme() != null) {
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null && !uri.getHost().isEmpty();
        }
        return !url.startsWith("//");
    }
}
