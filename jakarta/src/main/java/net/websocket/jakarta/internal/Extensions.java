package net.websocket.jakarta.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.websocket.Extension;

import net.websocket.api.spi.ExtensionFactory;

/**
 * Extensions as Jakarta WebSocket shows them (section 3.1.3): the runtime negotiates them (permessage-deflate, when
 * the server's options have it) beneath the container, among those the configurator's
 * {@code getNegotiatedExtensions} kept (by name), so a session's negotiated extensions are read back from the
 * {@code Sec-WebSocket-Extensions} header of its handshake response, and the container's installed ones are the
 * names of the server's extension factories.
 */
public final class Extensions {

    private Extensions() {
    }

    /**
     * The extensions a server may negotiate, as the container shows them installed: their names, no parameters.
     *
     * @param factories the server's extension factories
     * @return their extensions
     */
    public static Set<Extension> installed(List<ExtensionFactory> factories) {
        Set<Extension> out = new LinkedHashSet<>();
        for (ExtensionFactory f : factories) {
            out.add(new Negotiated(f.name(), List.of()));
        }
        return Collections.unmodifiableSet(out);
    }

    /**
     * The names of these extensions, as the runtime knows its extension factories by them.
     *
     * @param extensions the extensions, e.g. those a configurator kept; {@code null} for none
     * @return their names
     */
    static Set<String> names(List<Extension> extensions) {
        Set<String> out = new LinkedHashSet<>();
        if (extensions != null) {
            for (Extension e : extensions) {
                if (e != null && e.getName() != null) {
                    out.add(e.getName());
                }
            }
        }
        return out;
    }

    /**
     * The extensions of {@code Sec-WebSocket-Extensions} header values ({@code name; p=v; q, other}), in order.
     *
     * @param values the header's values
     * @return the extensions with their parameters (quotes around a value removed)
     */
    static List<Extension> parse(List<String> values) {
        List<Extension> out = new ArrayList<>();
        for (String value : values) {
            for (String element : value.split(",")) {
                String[] parts = element.split(";");
                String name = parts[0].trim();
                if (name.isEmpty()) {
                    continue;
                }
                List<Extension.Parameter> params = new ArrayList<>();
                for (int i = 1; i < parts.length; i++) {
                    String p = parts[i].trim();
                    if (p.isEmpty()) {
                        continue;
                    }
                    int eq = p.indexOf('=');
                    String pName = (eq < 0 ? p : p.substring(0, eq)).trim();
                    String pValue = eq < 0 ? "" : p.substring(eq + 1).trim();
                    if (pValue.length() >= 2 && pValue.startsWith("\"") && pValue.endsWith("\"")) {
                        pValue = pValue.substring(1, pValue.length() - 1);
                    }
                    params.add(new Parameter(pName.toLowerCase(Locale.ROOT), pValue));
                }
                out.add(new Negotiated(name.toLowerCase(Locale.ROOT), List.copyOf(params)));
            }
        }
        return List.copyOf(out);
    }

    /** An extension and its parameters. */
    private record Negotiated(String name, List<Extension.Parameter> parameters) implements Extension {
        @Override
        public String getName() {
            return name;
        }

        @Override
        public List<Extension.Parameter> getParameters() {
            return parameters;
        }
    }

    /** One parameter of an extension. */
    private record Parameter(String name, String value) implements Extension.Parameter {
        @Override
        public String getName() {
            return name;
        }

        @Override
        public String getValue() {
            return value;
        }
    }
}
