package net.websocket.jakarta.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.websocket.DeploymentException;

/**
 * A {@code @ServerEndpoint} path: a relative URI or a level-1 URI template ({@code /rooms/{room}}, RFC 6570), each
 * variable one whole path segment (Jakarta WebSocket 2.1, section 3.1.1). It matches a request path, yields the
 * percent-decoded values of its variables, and orders itself against other templates: an exact path before any
 * template, and between templates, the first segment where they differ decides, a literal segment before a variable.
 */
public final class PathTemplate implements Comparable<PathTemplate> {

    private static final Pattern VARIABLE = Pattern.compile("\\{([A-Za-z0-9_.~-]+)}");

    private final String template;
    private final List<String> segments;
    private final List<String> variables;
    private final Pattern regex;

    private PathTemplate(String template, List<String> segments, List<String> variables, Pattern regex) {
        this.template = template;
        this.segments = segments;
        this.variables = variables;
        this.regex = regex;
    }

    /**
     * Parses a template.
     *
     * @param template the {@code @ServerEndpoint} value
     * @return the template
     * @throws DeploymentException if it does not start with {@code /}, has a malformed or repeated variable
     */
    public static PathTemplate parse(String template) throws DeploymentException {
        if (template == null || !template.startsWith("/")) {
            throw new DeploymentException("an endpoint path must start with '/': " + template);
        }
        List<String> segments = new ArrayList<>();
        List<String> variables = new ArrayList<>();
        StringBuilder regex = new StringBuilder();
        String[] parts = template.substring(1).split("/", -1);
        for (String part : parts) {
            segments.add(part);
            regex.append('/');
            Matcher m = VARIABLE.matcher(part);
            if (m.matches()) {
                String name = m.group(1);
                if (variables.contains(name)) {
                    throw new DeploymentException("variable {" + name + "} appears twice in " + template);
                }
                variables.add(name);
                regex.append("([^/]+)");
            } else if (part.indexOf('{') >= 0 || part.indexOf('}') >= 0) {
                throw new DeploymentException("a variable must be a whole path segment: " + template);
            } else {
                regex.append(Pattern.quote(part));
            }
        }
        String pattern = template.equals("/") ? "/" : regex.toString();
        return new PathTemplate(template, List.copyOf(segments), List.copyOf(variables), Pattern.compile(pattern));
    }

    /** {@return the template as written} */
    public String template() {
        return template;
    }

    /** {@return the regular expression a request path must match, for the runtime's service mapper} */
    public Pattern regex() {
        return regex;
    }

    /** {@return whether the template has variables} */
    public boolean hasVariables() {
        return !variables.isEmpty();
    }

    /**
     * {@return the percent-decoded values of the variables, by name, or {@code null} if the path does not match}
     *
     * @param path the request path, not decoded
     */
    public Map<String, String> match(String path) {
        Matcher m = regex.matcher(path);
        if (!m.matches()) {
            return null;
        }
        if (variables.isEmpty()) {
            return Collections.emptyMap();
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < variables.size(); i++) {
            values.put(variables.get(i), decode(m.group(i + 1)));
        }
        return Collections.unmodifiableMap(values);
    }

    private static String decode(String s) {
        // '+' is a plus in a path, not a space as in a form
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** Exact paths first; between templates the first differing segment decides, a literal before a variable. */
    @Override
    public int compareTo(PathTemplate o) {
        if (hasVariables() != o.hasVariables()) {
            return hasVariables() ? 1 : -1;
        }
        int n = Math.min(segments.size(), o.segments.size());
        for (int i = 0; i < n; i++) {
            boolean v1 = VARIABLE.matcher(segments.get(i)).matches();
            boolean v2 = VARIABLE.matcher(o.segments.get(i)).matches();
            if (v1 != v2) {
                return v1 ? 1 : -1;
            }
        }
        return Integer.compare(o.segments.size(), segments.size());
    }

    /** {@return whether the two templates match the same paths: the same segments, variables aside} */
    public boolean equivalent(PathTemplate o) {
        return regex.pattern().equals(o.regex.pattern());
    }

    @Override
    public String toString() {
        return template;
    }
}
