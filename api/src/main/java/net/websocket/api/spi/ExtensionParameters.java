package net.websocket.api.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import net.websocket.api.codec.HttpTokens;

/**
 * One element of a {@code Sec-WebSocket-Extensions} header (RFC 6455 section 9.1): an extension name and its
 * parameters, in order, duplicates kept. It is a client's offer, or a server's response to one.
 *
 * <p>Names and values are tokens (RFC 9110 section 5.6.2). RFC 6455 section 9.1 allows a value to be written as a
 * quoted-string, but requires it to be a token once unquoted; the variant unquotes while parsing, so a value here is
 * always the plain token.
 *
 * @param name       the extension's name, e.g. {@code permessage-deflate}
 * @param parameters its parameters in header order; the same name may occur more than once (an extension decides
 *                   whether that is valid: RFC 7692 declines such offers)
 */
public record ExtensionParameters(String name, List<Parameter> parameters) {

    /**
     * One parameter.
     *
     * @param name  the parameter's name
     * @param value its value, or {@code null} if it has none (e.g. {@code server_no_context_takeover})
     */
    public record Parameter(String name, String value) {
        public Parameter {
            requireToken(name, "parameter name");
            if (value != null) {
                requireToken(value, "value of parameter " + name);
            }
        }

        /** The parameter as it appears in a header: {@code name} or {@code name=value}. */
        @Override
        public String toString() {
            return value == null ? name : name + "=" + value;
        }
    }

    /**
     * @throws IllegalArgumentException if a name or value is not a token
     */
    public ExtensionParameters {
        requireToken(name, "extension name");
        parameters = List.copyOf(parameters);
    }

    /** An element without parameters. */
    public static ExtensionParameters of(String name) {
        return new ExtensionParameters(name, List.of());
    }

    /** This element with one more parameter at the end ({@code value} may be {@code null}). */
    public ExtensionParameters with(String parameter, String value) {
        List<Parameter> list = new ArrayList<>(parameters);
        list.add(new Parameter(parameter, value));
        return new ExtensionParameters(name, list);
    }

    /** Whether a parameter of this name is present (with or without a value). */
    public boolean has(String parameter) {
        for (Parameter p : parameters) {
            if (p.name().equals(parameter)) {
                return true;
            }
        }
        return false;
    }

    /** All parameters of this name, in order. */
    public List<Parameter> all(String parameter) {
        List<Parameter> out = new ArrayList<>(1);
        for (Parameter p : parameters) {
            if (p.name().equals(parameter)) {
                out.add(p);
            }
        }
        return out;
    }

    /** The element as it appears in a header: {@code name; p1; p2=v}. */
    public String headerValue() {
        StringBuilder b = new StringBuilder(name);
        for (Parameter p : parameters) {
            b.append("; ").append(p);
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return headerValue();
    }

    /** Whether {@code s} is a non-empty token (RFC 9110 section 5.6.2): {@link HttpTokens#isToken}. */
    public static boolean isToken(String s) {
        return HttpTokens.isToken(s);
    }

    private static void requireToken(String s, String what) {
        Objects.requireNonNull(s, what);
        if (!isToken(s)) {
            throw new IllegalArgumentException(what + " \"" + s + "\" is not a token");
        }
    }
}
