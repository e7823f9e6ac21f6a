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
        /**
         * A header field.
         *
         * @param name  the field name, as written
         * @param value the field value
         * @throws NullPointerException if {@code name} or {@code value} is {@code null}
         */
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

    /** {@return the headers with no field} */
    public static Headers empty() {
        return EMPTY;
    }

    /**
     * Headers from alternating names and values: {@code Headers.of("Origin", "http://a", "X-Y", "z")}.
     *
     * @param namesAndValues name, value, name, value, ...; as {@link Builder#add} takes them
     * @return the headers, in that order
     * @throws IllegalArgumentException if the count is odd, or as {@link Builder#add} throws
     */
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

    /** {@return a builder with no field yet} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder that starts with these fields} */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.fields.addAll(fields);
        return b;
    }

    /**
     * {@return the value of the first field with this name, if any}
     *
     * @param name the field name, any case
     */
    public Optional<String> first(String name) {
        return Optional.ofNullable(get(name));
    }

    /**
     * {@return the value of the first field with this name, or {@code null}}
     *
     * @param name the field name, any case
     */
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

    /**
     * {@return the values of every field with this name, in order; unmodifiable, empty if none}
     *
     * @param name the field name, any case
     */
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

    /**
     * {@return whether a field with this name is present}
     *
     * @param name the field name, any case
     */
    public boolean contains(String name) {
        return get(name) != null;
    }

    /**
     * {@return the comma-separated tokens of every field with this name, trimmed, empty ones dropped (RFC 9110
     * section 5.6.1 list syntax)} Unmodifiable; empty if there is no such field. Quoted strings are not parsed: a
     * comma inside one splits it too.
     *
     * @param name the field name, any case
     */
    public List<String> tokens(String name) {
        List<String> out = null;
        List<Field> fs = fields;
        for (int i = 0, n = fs.size(); i < n; i++) {
            Field f = fs.get(i);
            if (f.name.equalsIgnoreCase(name)) {
                String v = f.value;
                for (long t = nextToken(v, 0); t >= 0; t = nextToken(v, after(v, t))) {
                    if (out == null) {
                        out = new ArrayList<>(4);
                    }
                    out.add(v.substring(from(t), to(t)));
                }
            }
        }
        return out == null ? Collections.emptyList() : Collections.unmodifiableList(out);
    }

    /**
     * {@return whether the comma-separated list in the fields with this name holds the token, compared
     * case-insensitively}
     *
     * @param name  the field name, any case
     * @param token the token, e.g. {@code "Upgrade"} in {@code Connection: keep-alive, Upgrade}
     */
    public boolean containsToken(String name, String token) {
        List<Field> fs = fields;
        for (int i = 0, n = fs.size(); i < n; i++) {
            Field f = fs.get(i);
            if (f.name.equalsIgnoreCase(name)) {
                String v = f.value;
                for (long t = nextToken(v, 0); t >= 0; t = nextToken(v, after(v, t))) {
                    int length = to(t) - from(t);
                    if (length == token.length() && v.regionMatches(true, from(t), token, 0, length)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * The first non-empty token of the list {@code v} at or after index {@code start}, trimmed: its bounds packed
     * into one long (see {@link #from} and {@link #to}, no object made), or -1 when none is left.
     */
    private static long nextToken(String v, int start) {
        while (start <= v.length()) {
            int comma = v.indexOf(',', start);
            int end = comma < 0 ? v.length() : comma;
            int from = trimStart(v, start, end);
            int to = trimEnd(v, from, end);
            if (from < to) {
                return (long) from << 32 | to;
            }
            start = end + 1;
        }
        return -1;
    }

    /** Where the token after {@code token} (from {@link #nextToken}) may start: past the comma that ends it. */
    private static int after(String v, long token) {
        int comma = v.indexOf(',', to(token));
        return comma < 0 ? v.length() + 1 : comma + 1;
    }

    private static int from(long token) {
        return (int) (token >>> 32);
    }

    private static int to(long token) {
        return (int) token;
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

    /** {@return the fields, in order; unmodifiable} */
    public List<Field> asList() {
        return fields;
    }

    /** {@return the number of fields, repeats counted} */
    public int size() {
        return fields.size();
    }

    /** {@return whether there is no field} */
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

        /**
         * Appends a field. Names and values must not contain CR or LF.
         *
         * @param name  the field name; not empty
         * @param value the field value, possibly empty
         * @return this builder
         * @throws IllegalArgumentException if the name is empty, or the name or value contains CR, LF or NUL
         * @throws NullPointerException     if the name or value is {@code null}
         */
        public Builder add(String name, String value) {
            check(name);
            check(value);
            if (name.isEmpty()) {
                throw new IllegalArgumentException("empty header name");
            }
            fields.add(new Field(name, value));
            return this;
        }

        /**
         * Appends every field of {@code other}.
         *
         * @param other the fields to append, in their order
         * @return this builder
         */
        public Builder addAll(Headers other) {
            fields.addAll(other.fields);
            return this;
        }

        /**
         * Removes every field with this name, then appends one.
         *
         * @param name  the field name, any case for the removal; written as given
         * @param value the field value
         * @return this builder
         * @throws IllegalArgumentException as {@link #add} throws
         */
        public Builder set(String name, String value) {
            remove(name);
            return add(name, value);
        }

        /**
         * Removes every field with this name.
         *
         * @param name the field name, any case
         * @return this builder
         */
        public Builder remove(String name) {
            fields.removeIf(f -> f.name.equalsIgnoreCase(name));
            return this;
        }

        /** {@return the headers, in the order they were added} */
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
