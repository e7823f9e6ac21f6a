package net.websocket.itest.usage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** The checkout's README.md and its fenced code blocks, as a user reads and copies them. */
final class Readme {

    /** One fenced block: its language tag, the README line of its first line of code, and its code. */
    record Block(String language, int line, String code) {
    }

    private Readme() {
    }

    /** The checkout (system property {@code itest.checkout}, set by the build). */
    static Path checkout() {
        String dir = System.getProperty("itest.checkout");
        if (dir == null) {
            throw new IllegalStateException("system property itest.checkout is not set (run through Maven)");
        }
        return Path.of(dir).toAbsolutePath().normalize();
    }

    /** Every block of README.md fenced with three backticks and tagged {@code language}, in order. */
    static List<Block> blocks(String language) throws IOException {
        List<String> lines = Files.readAllLines(checkout().resolve("README.md"));
        List<Block> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String open = lines.get(i).strip();
            if (!open.startsWith("```") || open.length() == 3) {
                continue;
            }
            String tag = open.substring(3).strip();
            StringBuilder code = new StringBuilder();
            int first = i + 2; // 1-based number of the line after the fence
            for (i++; i < lines.size() && !lines.get(i).strip().equals("```"); i++) {
                code.append(lines.get(i)).append('\n');
            }
            if (tag.equals(language)) {
                out.add(new Block(tag, first, code.toString()));
            }
        }
        return out;
    }

    /** The first block tagged {@code language} whose code passes {@code test}. */
    static Block first(String language, Predicate<String> test, String what) throws IOException {
        for (Block b : blocks(language)) {
            if (test.test(b.code())) {
                return b;
            }
        }
        throw new AssertionError("README.md has no " + language + " block with " + what);
    }
}
