package net.websocket.examples.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A deliberately small command-line parser for the examples: {@code --name value} options (repeatable),
 * {@code --flag} switches and positional arguments, in any order. {@code --name=value} is accepted too, and
 * {@code --} ends the options.
 */
public final class Args {
    private final Map<String, List<String>> options = new LinkedHashMap<>();
    private final List<String> flags = new ArrayList<>();
    private final List<String> positionals = new ArrayList<>();

    private Args() {
    }

    /**
     * Parses {@code args}.
     *
     * @param valued   the option names (without {@code --}) that take a value
     * @param switches the option names that take none
     * @throws UsageException for an unknown option or a missing value
     */
    public static Args parse(String[] args, Set<String> valued, Set<String> switches) throws UsageException {
        Args a = new Args();
        boolean optionsEnded = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (optionsEnded || !arg.startsWith("--") || arg.length() == 2) {
                if (arg.equals("--") && !optionsEnded) {
                    optionsEnded = true;
                } else {
                    a.positionals.add(arg);
                }
                continue;
            }
            String name = arg.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (valued.contains(name)) {
                if (value == null) {
                    if (i + 1 >= args.length) {
                        throw new UsageException("option --" + name + " needs a value");
                    }
                    value = args[++i];
                }
                a.options.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            } else if (switches.contains(name)) {
                if (value != null) {
                    throw new UsageException("option --" + name + " takes no value");
                }
                a.flags.add(name);
            } else {
                throw new UsageException("unknown option --" + name);
            }
        }
        return a;
    }

    /** The last value given for an option, or {@code fallback}. */
    public String get(String name, String fallback) {
        List<String> v = options.get(name);
        return v == null ? fallback : v.get(v.size() - 1);
    }

    /** Every value given for a repeatable option, in order. */
    public List<String> all(String name) {
        return List.copyOf(options.getOrDefault(name, List.of()));
    }

    /** Whether a switch was given. */
    public boolean has(String flag) {
        return flags.contains(flag);
    }

    /** The positional arguments, in order. */
    public List<String> positionals() {
        return List.copyOf(positionals);
    }

    /** An option's value as an int in {@code [min, max]}, or {@code fallback} if absent. */
    public int getInt(String name, int fallback, int min, int max) throws UsageException {
        String v = get(name, null);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n < min || n > max) {
                throw new UsageException("--" + name + " must be between " + min + " and " + max + ": " + v);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " needs a number: " + v);
        }
    }

    /** The one positional argument expected, or a usage error naming it. */
    public String single(String what) throws UsageException {
        if (positionals.size() != 1) {
            throw new UsageException(positionals.isEmpty() ? "missing " + what
                    : "unexpected arguments: " + String.join(" ", positionals.subList(1, positionals.size())));
        }
        return positionals.get(0);
    }

    /** At most one positional argument: it, or {@code fallback}. */
    public String optionalSingle(String fallback) throws UsageException {
        if (positionals.size() > 1) {
            throw new UsageException("unexpected arguments: "
                    + String.join(" ", positionals.subList(1, positionals.size())));
        }
        return positionals.isEmpty() ? fallback : positionals.get(0);
    }

    /** Fails if any positional argument was given. */
    public void noPositionals() throws UsageException {
        if (!positionals.isEmpty()) {
            throw new UsageException("unexpected arguments: " + String.join(" ", positionals));
        }
    }
}
