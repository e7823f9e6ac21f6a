package net.websocket.whiteboard.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The servlet patterns that carry the paths a server's endpoints match, when no configuration gives them: endpoint
 * paths are regular expressions over the whole request path, servlet patterns are exact paths or prefixes
 * ({@code /p/*}), so each expression gets the narrowest pattern that still covers every path it matches, and the
 * expression still decides. An expression without metacharacters is its own exact pattern; otherwise its literal
 * beginning (up to the first metacharacter, less the character a quantifier there makes optional), cut after its
 * last {@code /}, is a prefix pattern: {@code /rooms/[a-z]+} gives {@code /rooms/*}, {@code /.*} gives {@code /*}.
 */
final class ServletPatterns {

    /** The characters that make an expression more than a literal path. */
    private static final String METACHARACTERS = "\\^$.|?*+()[]{}";

    /** The characters that, right after a literal character, may make it optional or repeat it. */
    private static final String QUANTIFIERS = "?*+{";

    private ServletPatterns() {
    }

    /**
     * The patterns covering these path expressions, sorted, without the ones a prefix pattern among them covers.
     *
     * @param expressions endpoint path expressions
     * @return the servlet patterns; empty for no expressions
     */
    static List<String> covering(Iterable<String> expressions) {
        TreeSet<String> all = new TreeSet<>();
        for (String e : expressions) {
            all.add(covering(e));
        }
        List<String> out = new ArrayList<>();
        for (String p : all) {
            if (all.stream().noneMatch(q -> !q.equals(p) && covers(q, p))) {
                out.add(p);
            }
        }
        return out;
    }

    /** The pattern covering one path expression. */
    static String covering(String expression) {
        int meta = 0;
        while (meta < expression.length() && METACHARACTERS.indexOf(expression.charAt(meta)) < 0) {
            meta++;
        }
        if (meta == expression.length()) {
            return expression.startsWith("/") ? expression : "/*";
        }
        int literal = QUANTIFIERS.indexOf(expression.charAt(meta)) >= 0 ? meta - 1 : meta;
        int slash = expression.lastIndexOf('/', literal - 1);
        if (!expression.startsWith("/") || slash <= 0) {
            return "/*";
        }
        return expression.substring(0, slash) + "/*";
    }

    /** Whether the prefix pattern {@code q} ({@code /p/*}) covers the pattern {@code p}. */
    private static boolean covers(String q, String p) {
        if (!q.endsWith("/*")) {
            return false;
        }
        String prefix = q.substring(0, q.length() - 2);
        return prefix.isEmpty() || p.equals(prefix) || p.startsWith(prefix + "/");
    }
}
