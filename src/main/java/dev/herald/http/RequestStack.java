package dev.herald.http;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToIntFunction;
import java.util.stream.StreamSupport;

/**
 * Herald's one filter: every cross-cutting step and check, for the stream servlet and the
 * JAX-RS resources alike. First the {@link RequestStep}s in their order (timing, headers),
 * then, for {@code /api/…}, the {@link RequestCheck}s in theirs (body size, cross-site
 * writes, rates). A refusal is written inside the steps, so it is timed and carries the
 * headers like any answer. One filter rather than several because servlet filters declared
 * by annotation run in no defined order.
 */
@WebFilter(filterName = "herald-request-stack", urlPatterns = "/*", asyncSupported = true)
public class RequestStack extends HttpFilter {
    private static final String API = "/api";

    @Inject
    Instance<RequestStep> stepBeans;
    @Inject
    Instance<RequestCheck> checkBeans;

    private List<RequestStep> steps;
    private List<RequestCheck> checks;

    @Override
    public void init() {
        steps = sorted(stepBeans, RequestStep::order);
        checks = sorted(checkBeans, RequestCheck::order);
    }

    private static <T> List<T> sorted(Instance<T> beans, ToIntFunction<T> order) {
        return StreamSupport.stream(beans.spliterator(), false).sorted(Comparator.comparingInt(order)).toList();
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        run(0, request, response, chain);
    }

    private void run(int step, HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (step < steps.size()) {
            steps.get(step).apply(request, response, () -> run(step + 1, request, response, chain));
            return;
        }
        String path = apiPath(request);
        if (path != null) {
            try {
                for (RequestCheck check : checks) check.check(request, path);
            } catch (ProblemException refused) {
                ProblemWriter.write(response, refused);
                return;
            }
        }
        chain.doFilter(request, response);
    }

    /** The path under {@code /api/}, or null for a page or script. */
    static String apiPath(HttpServletRequest request) {
        String servletPath = request.getServletPath();
        String info = request.getPathInfo();
        String path = info == null ? servletPath : servletPath + info;
        if (path.equals(API)) return "";
        return path.startsWith(API + "/") ? path.substring(API.length() + 1) : null;
    }
}
