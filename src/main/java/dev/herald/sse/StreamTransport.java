package dev.herald.sse;

import dev.herald.boot.HeraldConfig;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.annotation.WebListener;

import java.util.Locale;
import java.util.logging.Logger;

/**
 * Which code writes {@code GET /api/events}: {@code herald.stream.transport} (also
 * {@code HERALD_STREAM_TRANSPORT}) is {@code servlet}, the default, or {@code jaxrs}.
 *
 * <p>Both are always compiled in; the choice is made by mapping, at start. The servlet is
 * registered here, programmatically, instead of by {@code @WebServlet}, and only in
 * servlet mode: its exact mapping {@code /api/events} then wins over JAX-RS's
 * {@code /api/*}, so {@link EventsResource} never sees a request. In jaxrs mode nothing is
 * mapped here and the same path falls through to {@link EventsResource}. One switch, one
 * place; no request pays for the choice, and neither transport knows of the other.
 */
@WebListener
public class StreamTransport implements ServletContextListener {
    private static final Logger LOG = Logger.getLogger(StreamTransport.class.getName());
    public static final String KEY = "herald.stream.transport";

    public enum Kind { SERVLET, JAXRS }

    @Inject
    HeraldConfig config;

    /** The configured transport; an unknown value stops the application rather than guessing. */
    public static Kind configured(HeraldConfig config) {
        String raw = config.string(KEY).toLowerCase(Locale.ROOT);
        return switch (raw) {
            case "servlet" -> Kind.SERVLET;
            case "jaxrs" -> Kind.JAXRS;
            default -> throw new IllegalStateException(KEY + " must be 'servlet' or 'jaxrs', not '" + raw + "'");
        };
    }

    @Override
    public void contextInitialized(ServletContextEvent event) {
        Kind kind = configured(config);
        LOG.info(() -> "stream transport: " + kind.name().toLowerCase(Locale.ROOT));
        if (kind != Kind.SERVLET) return;
        ServletContext context = event.getServletContext();
        ServletRegistration.Dynamic servlet = context.addServlet("herald-events", EventsServlet.class);
        servlet.setAsyncSupported(true);
        servlet.addMapping("/api/events");
    }
}
