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
