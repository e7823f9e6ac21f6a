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
        for (Field f : fields) {
            if (f.name.equalsIgnoreCase(name)) {
                return Optional.of(f.value);
            }
        }
        return Optional.empty();
    }

    /** The value of the first field with this name, or {@code null}. */
    public String get(String name) {
        return first(name).orElse(null);
    }

    /** The values of every field with this name, in order. */
    public List<String> all(String name) {
        List<String> out = new ArrayList<>(2);
        for (Field f : fields) {
            if (f.name.equalsIgnoreCase(name)) {
                out.add(f.value);
            }
        }
        return Collections.unmodifiableList(out);
    }

    /** Whether a field with this name is present. */
    public boolean contains(String name) {
        return first(name).isPresent();
    }

    /**
     * The comma-separated tokens of every field with this name, trimmed, empty ones dropped (RFC 9110 section 5.6.1
     * list syntax).
     */
    public List<String> tokens(String name) {
        List<String> out = new ArrayList<>(4);
        for (Field f : fields) {
            if (f.name.equalsIgnoreCase(name)) {
                for (String t : f.value.split(",")) {
                    String s = t.trim();
                    if (!s.isEmpty()) {
                        out.add(s);
                    }
                }
            }
        }
        return Collections.unmodifiableList(out);
    }

    /** Whether the comma-separated list in the fields with this name holds the token, compared case-insensitively. */
    public boolean containsToken(String name, String token) {
        for (String t : tokens(name)) {
            if (t.equalsIgnoreCase(token)) {
                return true;
            }
        }
        return false;
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
