package dev.herald.docs;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One walk through recipes of the docs, in document order, as a reader at a terminal does
 * it: each block runs in bash exactly as written, and what it leaves (variables, exports,
 * the working directory) is there for the next block, as in one shell session. See
 * {@link DocRecipesIT} for the conventions.
 */
final class Walk implements AutoCloseable {
    /** Long enough for a Maven build on a busy machine; a block that takes longer has hung. */
    private static final Duration FOREGROUND_LIMIT = Duration.ofMinutes(15);
    /** Variables of the test's own environment that would change what a block does. */
    private static final Pattern NOT_PASSED_ON = Pattern.compile("CI|HERALD_.*|HTTPS?_PORT|JVM_ARGS|MAVEN_ARGS|MAVEN_CMD_LINE_ARGS|MAVEN_PROJECTBASEDIR|WLP");

    /*
     * $1 the state the blocks before left, $2 this block's own environment, $3 the block,
     * $4 where to leave the state (empty for a background block, which leaves none).
     * Variables the bash starts with are not state, except exported ones, which `export -p`
     * keeps; the positional parameters are cleared so the block sees none of these.
     */
    private static final String PRELUDE = """
            __herald_known=" $(compgen -v | tr '\\n' ' ') "
            __herald_state=$1 __herald_env=$2 __herald_block=$3 __herald_next=$4
            set --
            . "$__herald_state"
            . "$__herald_env"
            set -eo pipefail
            . "$__herald_block"
            set +eo pipefail
            [ -n "$__herald_next" ] || exit 0
            {
              for __herald_v in $(compgen -v); do
                case "$__herald_known" in *" $__herald_v "*) continue ;; esac
                case "$__herald_v" in __herald_*|_|BASH_*|FUNCNAME|PIPESTATUS) continue ;; esac
                declare -p "$__herald_v"
              done
              export -p
              printf 'cd -- %q\\n' "$PWD"
            } > "$__herald_next"
            """;

    private final String name;
    private final Path checkout;
    private final Path logs;
    private final Map<String, String> env;
    private final List<Recipe> owned;
    private final List<Block> blocks = new ArrayList<>();
    private final Deque<Runnable> cleanups = new ArrayDeque<>();
    private Path state;
    private int next;
    private Block last;

    /**
     * @param owned this walk's recipes, in the order the docs give them
     * @param env   what is set around every block (ports, {@code HERALD_HOME} …)
     */
    Walk(String name, Path checkout, Path logs, Map<String, String> env, List<Recipe> owned) {
        this.name = name;
        this.checkout = checkout;
        this.logs = logs;
        this.env = env;
        this.owned = owned;
        try {
            Files.createDirectories(logs);
            state = Files.writeString(logs.resolve("00-start.state"), "cd -- '" + checkout.toString().replace("'", "'\\''") + "'\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs the next recipe of the walk, which must be {@code recipe}: recipes are run in document order. */
    Block run(String recipe) {
        return run(recipe, Map.of());
    }

    /**
     * As {@link #run(String)}, with variables set for this block (and, like an export,
     * for the blocks after it).
     */
    Block run(String recipe, Map<String, String> blockEnv) {
        assertTrue(next < owned.size(), name + ": " + recipe + " is not among this walk's recipes, or was run already");
        Recipe r = owned.get(next);
        assertEquals(r.name(), recipe, name + " runs its recipes in document order: the next is " + r.name() + " at " + r.where());
        next++;
        return start(r, blockEnv);
    }

    /** Runs a recipe of this walk once more, as a reader repeats a command ("publish a few more", "run it again"). */
    Block again(String recipe) {
        Recipe r = owned.subList(0, next).stream().filter(x -> x.name().equals(recipe)).findFirst()
                .orElseThrow(() -> new AssertionError(name + ": " + recipe + " has not been run yet"));
        return start(r, Map.of());
    }

    /** A shell variable as the blocks so far left it ({@code S}, {@code T}, an export). */
    String variable(String variable) {
        try {
            Process p = new ProcessBuilder("bash", "-c", ". \"$1\" >/dev/null; printf %s \"${!2}\"", "var", state.toString(), variable)
                    .directory(checkout.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String value = new String(p.getInputStream().readAllBytes());
            p.waitFor();
            return value;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The steps of a walk: its recipes and the checks after each. */
    interface Steps {
        void run() throws Exception;
    }

    /** Runs the steps; a check that fails says which recipe it checks (the last one run), with that recipe's text and output. */
    void through(Steps steps) throws Exception {
        try {
            steps.run();
        } catch (RecipeFailure e) {
            throw e;
        } catch (AssertionError e) {
            if (last == null) throw e;
            throw new RecipeFailure(last.describe("does not show what the docs say: " + e.getMessage()), e);
        }
    }

    /** Done after the walk's blocks have been stopped (deleting its Redis keys, say). */
    void onClose(Runnable cleanup) {
        cleanups.push(cleanup);
    }

    /** Fails unless every recipe of the walk has run. */
    void finish() {
        assertEquals(owned.size(), next, name + " left recipes unrun: " + owned.subList(next, owned.size()).stream().map(Recipe::name).toList());
    }

    private Block start(Recipe r, Map<String, String> blockEnv) {
        String base = String.format("%02d-%s", blocks.size() + 1, r.name());
        Path script = logs.resolve(base + ".sh");
        Path out = logs.resolve(base + ".out");
        Path err = logs.resolve(base + ".err");
        Path ownEnv = logs.resolve(base + ".env");
        Path nextState = logs.resolve(base + ".state");
        try {
            Files.writeString(script, r.text());
            var exports = new StringBuilder();
            blockEnv.forEach((k, v) -> exports.append("export ").append(k).append("='").append(v.replace("'", "'\\''")).append("'\n"));
            Files.writeString(ownEnv, exports);
            var builder = new ProcessBuilder("setsid", "bash", "-c", PRELUDE, "recipe",
                    state.toString(), ownEnv.toString(), script.toString(), r.background() ? "" : nextState.toString())
                    .directory(checkout.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(new File("/dev/null"));
            builder.environment().keySet().removeIf(k -> NOT_PASSED_ON.matcher(k).matches());
            builder.environment().putAll(env);
            System.out.println("[docs] " + name + ": " + r.name() + (r.background() ? " (in the background)" : "") + " from " + r.where());
            long t0 = System.nanoTime();
            var block = new Block(r, builder.start(), out, err);
            blocks.add(block);
            last = block;
            if (r.background()) return block;
            int status = block.awaitExit(FOREGROUND_LIMIT);
            if (status != 0) throw new RecipeFailure(block.describe("exited with status " + status), null);
            System.out.printf("[docs] %s: %s done in %.1f s%n", name, r.name(), (System.nanoTime() - t0) / 1e9);
            state = nextState;
            return block;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Stops what the blocks started, newest first: first the documented way (a server's
     * {@code server stop}, which also finds a server a later block restarted), then whatever
     * is left in each block's process group; then the clean-ups.
     */
    @Override
    public void close() {
        var problems = new LinkedHashMap<String, RuntimeException>();
        for (int i = blocks.size() - 1; i >= 0; i--) {
            try {
                blocks.get(i).runStopCommand();
            } catch (RuntimeException e) {
                problems.put(blocks.get(i).recipe.name(), e);
            }
        }
        for (int i = blocks.size() - 1; i >= 0; i--) {
            try {
                blocks.get(i).terminate();
            } catch (RuntimeException e) {
                problems.put(blocks.get(i).recipe.name(), e);
            }
        }
        for (Runnable cleanup : cleanups) {
            try {
                cleanup.run();
            } catch (RuntimeException e) {
                problems.put("clean-up", e);
            }
        }
        problems.forEach((what, e) -> System.err.println("[docs] " + name + ": stopping " + what + ": " + e));
    }
}
