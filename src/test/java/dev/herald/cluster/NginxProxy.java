package dev.herald.cluster;

import dev.herald.broker.RedisTestSupport;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's nginx with the project's {@code liberty/nginx/herald.conf} in front of the test
 * cluster: the file as shipped, with only its listen address and node addresses replaced.
 * Its own prefix, pid, logs and temp files under {@code target/cluster-nginx}; in the
 * foreground as a child of the test, stopped by the test.
 */
final class NginxProxy implements AutoCloseable {
    private static final Pattern UPSTREAM_SERVERS = Pattern.compile("(?m)^(\\s*)server 127\\.0\\.0\\.1:9080 (.*)\\n\\s*server 127\\.0\\.0\\.1:9081 .*\\n");
    private static final Pattern LISTEN = Pattern.compile("(?m)^(\\s*)listen 80;");

    private final int port;
    private final Path dir;
    private Process process;

    NginxProxy(int port, Path dir) {
        this.port = port;
        this.dir = dir;
    }

    static boolean installed() {
        try {
            return new ProcessBuilder(binary(), "-v").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    static void require() {
        RedisTestSupport.requireThat(installed(), "NginxIT needs Debian's nginx (apt-get install nginx)");
    }

    /** Debian puts nginx in /usr/sbin, which a non-root PATH may lack. */
    private static String binary() {
        return Files.isExecutable(Path.of("/usr/sbin/nginx")) ? "/usr/sbin/nginx" : "nginx";
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    int port() {
        return port;
    }

    /** The shipped file with the test's addresses: the rest is what production runs. */
    static String adapt(String shipped, int listenPort, List<Integer> nodePorts) {
        Matcher upstream = UPSTREAM_SERVERS.matcher(shipped);
        if (!upstream.find()) throw new AssertionError("herald.conf no longer lists the two example nodes NginxIT replaces");
        var servers = new StringBuilder();
        for (int p : nodePorts) servers.append(upstream.group(1)).append("server 127.0.0.1:").append(p).append(' ').append(upstream.group(2)).append('\n');
        String adapted = upstream.replaceFirst(Matcher.quoteReplacement(servers.toString()));
        Matcher listen = LISTEN.matcher(adapted);
        if (!listen.find()) throw new AssertionError("herald.conf no longer has the `listen 80;` NginxIT replaces");
        return listen.replaceFirst("$1listen 127.0.0.1:" + listenPort + ";");
    }

    void start(Path shippedConf, List<Integer> nodePorts) throws IOException, InterruptedException {
        if (answers()) throw new AssertionError("port " + port + " is taken: stop what listens there or set -Dherald.cluster.nginx.port");
        Files.createDirectories(dir.resolve("temp"));
        Files.writeString(dir.resolve("herald.conf"), adapt(Files.readString(shippedConf), port, nodePorts));
        String t = dir.resolve("temp").toString();
        Files.writeString(dir.resolve("nginx.conf"), String.join("\n",
                "daemon off;",
                "worker_processes 1;",
                "pid " + dir.resolve("nginx.pid") + ";",
                "error_log " + dir.resolve("error.log") + " info;",
                "events { worker_connections 1024; }",
                "http {",
                "  access_log " + dir.resolve("access.log") + ";",
                "  client_body_temp_path " + t + "/body;",
                "  proxy_temp_path " + t + "/proxy;",
                "  fastcgi_temp_path " + t + "/fastcgi;",
                "  uwsgi_temp_path " + t + "/uwsgi;",
                "  scgi_temp_path " + t + "/scgi;",
                // Test-only: which node served a request, so a test can pick its victim.
                "  add_header X-Herald-Upstream $upstream_addr always;",
                "  include " + dir.resolve("herald.conf") + ";",
                "}", ""));
        process = new ProcessBuilder(binary(), "-p", dir.toString(), "-c", dir.resolve("nginx.conf").toString(),
                "-e", dir.resolve("error.log").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("nginx.out").toFile()).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!answers()) {
            if (System.nanoTime() > deadline || !process.isAlive()) {
                throw new AssertionError("nginx did not start; see " + dir.resolve("nginx.out") + " and error.log");
            }
            Thread.sleep(50);
        }
    }

    private boolean answers() {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        if (process == null) return;
        // SIGTERM: nginx's fast shutdown; the master takes its worker along.
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }
}
