package net.websocket.whiteboard.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Reads service properties, which may be a single value, an array or a collection. */
final class ServiceProps {

    static final String SERVICE_ID = "service.id";
    static final String SERVICE_RANKING = "service.ranking";
    static final String SERVICE_BUNDLEID = "service.bundleid";

    private ServiceProps() {
    }

    /** The values of a String or String+ property, in order, without blanks; empty if absent. */
    static List<String> strings(Map<String, ?> props, String key) {
        Object v = props.get(key);
        List<String> out = new ArrayList<>();
        if (v instanceof Collection<?> c) {
            for (Object o : c) {
                add(out, o);
            }
        } else if (v instanceof Object[] a) {
            for (Object o : a) {
                add(out, o);
            }
        } else {
            add(out, v);
        }
        return out;
    }

    private static void add(List<String> out, Object o) {
        if (o != null) {
            String s = o.toString().trim();
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
    }

    /** The first value of a property, or {@code null}. */
    static String string(Map<String, ?> props, String key) {
        List<String> all = strings(props, key);
        return all.isEmpty() ? null : all.get(0);
    }

    /**
     * A whole number property (a {@code Long}, {@code Integer}, {@code Short}, {@code Byte} or decimal
     * {@code String}), or {@code absent} if it is not there.
     *
     * @throws IllegalArgumentException naming the property if its value is not a whole number
     */
    static long whole(Map<String, ?> props, String key, long absent) {
        Object v = props.get(key);
        if (v == null) {
            return absent;
        }
        try {
            return whole(v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad " + key + ": " + e.getMessage(), e);
        }
    }

    /** An int property, as {@link #whole(Map, String, long)}, checked to fit. */
    static int integer(Map<String, ?> props, String key, int absent) {
        long n = whole(props, key, absent);
        if (n > Integer.MAX_VALUE || n < Integer.MIN_VALUE) {
            throw new IllegalArgumentException("bad " + key + ": too large: " + n);
        }
        return (int) n;
    }

    /** A flag property ({@code Boolean} or {@code "true"}/{@code "false"}), or {@code absent}. */
    static boolean flag(Map<String, ?> props, String key, boolean absent) {
        Object v = props.get(key);
        if (v == null) {
            return absent;
        }
        try {
            return flag(v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad " + key + ": " + e.getMessage(), e);
        }
    }

    /** A whole number from a property value. */
    static long whole(Object v) {
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof String text) {
            try {
                return Long.parseLong(text.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a whole number: " + v);
            }
        }
        throw new IllegalArgumentException("not a whole number: " + v);
    }

    /** A flag from a property value. */
    static boolean flag(Object v) {
        if (v instanceof Boolean b) {
            return b;
        }
        String text = String.valueOf(v).trim();
        if ("true".equalsIgnoreCase(text)) {
            return true;
        }
        if ("false".equalsIgnoreCase(text)) {
            return false;
        }
        throw new IllegalArgumentException("not true or false: " + v);
    }

    /** {@code service.ranking}: an Integer, 0 when absent or of another type (as the framework does). */
    static int ranking(Map<String, ?> props) {
        return props.get(SERVICE_RANKING) instanceof Integer i ? i : 0;
    }

    /** {@code service.id}. */
    static long serviceId(Map<String, ?> props) {
        return props.get(SERVICE_ID) instanceof Number n ? n.longValue() : -1L;
    }

    /** {@code service.bundleid}, or -1 if unknown. */
    static long bundleId(Map<String, ?> props) {
        return props.get(SERVICE_BUNDLEID) instanceof Number n ? n.longValue() : -1L;
    }
}
