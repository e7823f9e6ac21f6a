package net.websocket.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable, ordered list of HTTP header fields. Names compare case-insensitively; order and repeats are kept as
 * they were on the wire.
 */
public final class Headers implements Iterable<Headers.Field> {

    /** One header field. */
    public record Field(String name, String value) {
        public Field {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String toString() {
            return name + ": " + value;
        }
    }

    private static final Headers EMPTY = new Headers(List.of());

    private final List<Field> fields;

    private Headers(List<Field> fields) {
        this.fields = fields;
    }

    /** No header fields. */
    public static Headers empty() {
        return EMPTY;
    }

    /** Headers from alternating names and values: {@code Headers.of("Origin", "http://a", "X-Y", "z")}. */
    public static Headers of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values must come in pairs");
        }
        Builder b = builder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            b.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return b.build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder that starts with these fields. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.fields.addAll(fields);
        return b;
    }

    /** The value of the first field with this name, if any. */
    public Optional<String> first(String name) {
        return Optional.ofNullable(get(name));
    }

    /** The value of the first field with this name, or {@code null}. */
    public String get(String name) {
        List<Field> fs = fields;
        for (int i = 0, n = fs.size(); i < n; i++) {
            Field f = fs.get(i);
            if (f.name.equalsIgnoreCase(name)) {
                return f.value;
            }
        }
        return null;
    }

    /** The values of every field with this name, in order. */
    public List<String> all(String name) {
        List<String> out = null;
        List<Field> fs = fields;
        for (int i = 0, n = fs.size(); i < n; i++) {
            Field f = fs.get(i);
            if (f.name.equalsIgnoreCase(name)) {
                if (out == null) {
                    out = new ArrayList<>(2);
                }
                out.add(f.value);
            }
        }
        return out == null ? Collections.emptyList() : Collections.unmodifiableList(out);
    }

    /** Whether a field with this name is present. */
    public boolean contains(String name) {
        return get(name) != null;
    }

    /**
     * The comma-separated tokens of every field with this name, trimmed, empty ones dropped (RFC 9110 section 5.6.1
     * list syntax).
     */
    public List<String> tokens(String name) {
        List<String> out = null;
        List<Field> fs = fields;
        for (int i = 0, n = fs.size(); i < n; i++) {
            Field f = fs.get(i);
            if (f.name.equalsIgnoreCase(name)) {
                String v = f.value;
                int start = 0;
                while (start <= v.length()) {
                    int comma = v.indexOf(',', start);
                    int end = comma < 0 ? v.length() : comma;
                    int from = trimStart(v, start, end);
                    int to = trimEnd(v, from, end);
                    if (from < to) {
                        if (out == null) {
                            out = new ArrayList<>(4);
                        }
                        out.add(v.substring(from, to));
                    }
                    start = end + 1;
                }
            }
        }
        return out == null ? Collections.emptyList() : Collections.unmodifiableList(out);
    }

    /** Whether the comma-separated list in the fields with this name holds the token, compared case-insensitively. */
    public boolean containsToken(String name, String token) {
        List<Field> fs = fields;
        for (int i = 0, n = fs.size(); i < n; i++) {
            Field f = fs.get(i);
            if (f.name.equalsIgnoreCase(name)) {
                String v = f.value;
                int start = 0;
                while (start <= v.length()) {
                    int comma = v.indexOf(',', start);
                    int end = comma < 0 ? v.length() : comma;
                    int from = trimStart(v, start, end);
                    int to = trimEnd(v, from, end);
                    if (from < to && to - from == token.length() && v.regionMatches(true, from, token, 0, to - from)) {
                        return true;
                    }
                    start = end + 1;
                }
            }
        }
        return false;
    }

    /** The first index in [from, to) of a character above space ({@link String#trim}'s rule), or {@code to}. */
    private static int trimStart(String s, int from, int to) {
        while (from < to && s.charAt(from) <= ' ') {
            from++;
        }
        return from;
    }

    /** One past the last index in [from, to) of a character above space, or {@code from}. */
    private static int trimEnd(String s, int from, int to) {
        while (to > from && s.charAt(to - 1) <= ' ') {
            to--;
        }
        return to;
    }

    /** The fields, in order. */
    public List<Field> asList() {
        return fields;
    }

    public int size() {
        return fields.size();
    }

    public boolean isEmpty() {
        return fields.isEmpty();
    }

    @Override
    public Iterator<Field> iterator() {
        return fields.iterator();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Headers h && h.fields.equals(fields);
    }

    @Override
    public int hashCode() {
        return fields.hashCode();
    }

    @Override
    public String toString() {
        return fields.toString();
    }

    /** Builds {@link Headers}. */
    public static final class Builder {
        private final List<Field> fields = new ArrayList<>();

        private Builder() {
        }

        /** Appends a field. Names and values must not contain CR or LF. */
        public Builder add(String name, String value) {
            check(name);
            check(value);
            if (name.isEmpty()) {
                throw new IllegalArgumentException("empty header name");
            }
            fields.add(new Field(name, value));
            return this;
        }

        /** Appends every field of {@code other}. */
        public Builder addAll(Headers other) {
            fields.addAll(other.fields);
            return this;
        }

        /** Removes every field with this name, then appends one. */
        public Builder set(String name, String value) {
            remove(name);
            return add(name, value);
        }

        /** Removes every field with this name. */
        public Builder remove(String name) {
            fields.removeIf(f -> f.name.equalsIgnoreCase(name));
            return this;
        }

        public Headers build() {
            return fields.isEmpty() ? EMPTY : new Headers(List.copyOf(fields));
        }

        private static void check(String s) {
            Objects.requireNonNull(s);
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '\r' || c == '\n' || c == 0) {
                    throw new IllegalArgumentException("header text must not contain CR, LF or NUL: "
                            + s.toLowerCase(Locale.ROOT));
                }
            }
        }
    }
}
