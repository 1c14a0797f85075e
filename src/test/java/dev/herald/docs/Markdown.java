package dev.herald.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Finds the shell blocks of the Markdown documents and the markers above them. */
final class Markdown {
    private static final Pattern FENCE = Pattern.compile("^ {0,3}(`{3,}|~{3,})\\s*([^\\s`{]*)");
    private static final Pattern RECIPE = Pattern.compile("^<!--\\s*recipe:\\s*([a-z0-9]+(?:-[a-z0-9]+)*)\\s*(,\\s*background\\s*)?-->$");
    private static final Pattern NOT_RUN = Pattern.compile("^<!--\\s*not run here:\\s*(\\S.*?)\\s*-->$");
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*?)\\s*$");
    /** What a reader would paste into a shell, whatever the block calls it. */
    private static final Set<String> SHELLS = Set.of("sh", "bash", "shell", "console", "zsh");

    private Markdown() {
    }

    /** The top-level documents and everything under {@code docs/}, as paths relative to {@code root}. */
    static List<String> documents(Path root) {
        var docs = new ArrayList<String>();
        for (Path dir : List.of(root, root.resolve("docs"))) {
            try (Stream<Path> files = Files.list(dir)) {
                files.filter(f -> f.getFileName().toString().endsWith(".md"))
                        .map(f -> root.relativize(f).toString()).sorted().forEach(docs::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return docs;
    }

    /**
     * The shell blocks of one document, in order. A marker must be followed (blank lines
     * aside) by a shell block: one that stands anywhere else is an error, so a marker cannot
     * drift away from the block it vouches for.
     */
    static List<Recipe> shellBlocks(Path root, String doc) {
        List<String> lines;
        try {
            lines = Files.readAllLines(root.resolve(doc));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var blocks = new ArrayList<Recipe>();
        String section = "top";
        Matcher marker = null;
        int markerLine = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher fence = FENCE.matcher(line);
            if (fence.find()) {
                String close = fence.group(1);
                String language = fence.group(2).toLowerCase(java.util.Locale.ROOT);
                int end = i + 1;
                while (end < lines.size() && !closes(lines.get(end), close)) end++;
                if (SHELLS.contains(language)) {
                    String text = String.join("\n", lines.subList(i + 1, Math.min(end, lines.size()))) + "\n";
                    boolean run = marker != null && marker.pattern() == RECIPE;
                    blocks.add(new Recipe(doc, i + 1, section,
                            run ? marker.group(1) : null, run && marker.group(2) != null,
                            marker != null && !run ? marker.group(1) : null, text));
                } else if (marker != null) {
                    throw new IllegalStateException(doc + ":" + markerLine + ": a recipe marker above a ```" + language + " block, not a shell block");
                }
                marker = null;
                i = end;
                continue;
            }
            if (line.isBlank()) continue;
            if (marker != null) throw new IllegalStateException(doc + ":" + markerLine + ": a recipe marker with no shell block right after it");
            Matcher run = RECIPE.matcher(line.strip());
            Matcher notRun = NOT_RUN.matcher(line.strip());
            if (run.matches() || notRun.matches()) {
                marker = run.matches() ? run : notRun;
                markerLine = i + 1;
            } else if (line.strip().startsWith("<!--") && (line.contains("recipe") || line.contains("run here"))) {
                throw new IllegalStateException(doc + ":" + (i + 1) + ": a malformed recipe marker: " + line.strip());
            } else {
                Matcher heading = HEADING.matcher(line);
                if (heading.matches()) section = heading.group(1);
            }
        }
        if (marker != null) throw new IllegalStateException(doc + ":" + markerLine + ": a recipe marker with no shell block after it");
        return blocks;
    }

    private static boolean closes(String line, String fence) {
        String s = line.strip();
        return s.length() >= fence.length() && s.chars().allMatch(c -> c == fence.charAt(0)) && line.indexOf(fence.charAt(0)) <= 3;
    }
}
