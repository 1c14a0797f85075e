package dev.herald.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * One run of a recipe: a bash in a process group of its own (so whatever it starts, {@code &}
 * included, can be ended with it), its stdout and stderr in files of their own: a reader's
 * terminal shows curl no progress meter, which it writes to stderr when stdout is a file.
 */
final class Block {
    /** A process that ignores Ctrl-C (a background job of a script does) gets SIGTERM after this. */
    private static final Duration INTERRUPT_GRACE = Duration.ofSeconds(5);
    private static final Duration GRACE = Duration.ofSeconds(30);

    final Recipe recipe;
    private final Process process;
    private final Path out;
    private final Path err;
    private List<String> stopCommand;

    Block(Recipe recipe, Process process, Path out, Path err) {
        this.recipe = recipe;
        this.process = process;
        this.out = out;
        this.err = err;
    }

    /** What the block has written to stdout so far. */
    String output() {
        return read(out);
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean running() {
        return process.isAlive();
    }

    /** @return the exit status, or fails when the block is still running after {@code limit} */
    int awaitExit(Duration limit) {
        try {
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                terminate();
                throw new RecipeFailure(describe("did not finish within " + limit), null);
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Waits until the output shows what the docs say it shows; fails, with the output, when time
     * runs out first. A block's shell may end while a job it started in the background (a
     * {@code curl -N … &} stream) still writes to the same output, so its end alone proves nothing.
     */
    String await(Predicate<String> shows, Duration limit, String what) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            boolean ended = !process.isAlive();
            String out = output();
            if (shows.test(out)) return out;
            if (System.nanoTime() > deadline) {
                String how = ended ? "ended (status " + process.exitValue() + ") and" : "";
                throw new RecipeFailure(describe(how + " did not show " + what + " within " + limit), null);
            }
            sleep(100);
        }
    }

    /** How this block is stopped the way its docs say (a server's {@code server stop}), before its process group is ended. */
    Block stopWith(String... command) {
        stopCommand = List.of(command);
        return this;
    }

    /**
     * Stops the block: its stop command if it has one, then Ctrl-C (SIGINT) to its process
     * group, SIGTERM to what ignores that, and SIGKILL to what is left.
     */
    void stop() {
        runStopCommand();
        terminate();
    }

    void runStopCommand() {
        if (stopCommand != null) runQuietly(stopCommand, Duration.ofMinutes(3));
    }

    /** Ends the process group, and with it the leftovers of a finished block ({@code curl … &}). */
    void terminate() {
        for (var step : List.of(Map.entry("INT", INTERRUPT_GRACE), Map.entry("TERM", GRACE))) {
            if (!groupAlive()) return;
            signal(step.getKey());
            long deadline = System.nanoTime() + step.getValue().toNanos();
            while (groupAlive() && System.nanoTime() < deadline) sleep(100);
        }
        if (groupAlive()) signal("KILL");
    }

    String describe(String what) {
        return recipe.where() + ", recipe " + recipe.name() + ", " + what + ":\n"
                + recipe.text().lines().map(l -> "    $ " + l).reduce((a, b) -> a + "\n" + b).orElse("")
                + "\n--- its stdout (" + out + ") ---\n" + tail(read(out))
                + "\n--- its stderr (" + err + ") ---\n" + tail(read(err));
    }

    private static String tail(String text) {
        return text.length() > 8_000 ? "…\n" + text.substring(text.length() - 8_000) : text;
    }

    /** The process group is the bash's id: {@code setsid} made it the leader of a new session. */
    private boolean groupAlive() {
        return runQuietly(List.of("kill", "-0", "--", "-" + process.pid()), Duration.ofSeconds(10)) == 0;
    }

    private void signal(String name) {
        runQuietly(List.of("kill", "-" + name, "--", "-" + process.pid()), Duration.ofSeconds(10));
    }

    private static int runQuietly(List<String> command, Duration limit) {
        try {
            Process p = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                return -1;
            }
            return p.exitValue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
