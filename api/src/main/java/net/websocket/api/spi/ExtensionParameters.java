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
        /**
         * A parameter.
         *
         * @param name  the parameter's name; a token
         * @param value its value, a token, or {@code null} if it has none
         * @throws IllegalArgumentException if the name or the value is not a token
         * @throws NullPointerException     if the name is {@code null}
         */
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
     * An element.
     *
     * @param name       the extension's name; a token
     * @param parameters its parameters in header order; copied
     * @throws IllegalArgumentException if a name or value is not a token
     * @throws NullPointerException     if {@code name}, {@code parameters} or one of them is {@code null}
     */
    public ExtensionParameters {
        requireToken(name, "extension name");
        parameters = List.copyOf(parameters);
    }

    /**
     * An element without parameters.
     *
     * @param name the extension's name; a token
     * @return the element
     * @throws IllegalArgumentException if {@code name} is not a token
     */
    public static ExtensionParameters of(String name) {
        return new ExtensionParameters(name, List.of());
    }

    /**
     * This element with one more parameter at the end ({@code value} may be {@code null}).
     *
     * @param parameter the parameter's name; a token
     * @param value     its value, a token, or {@code null} for none
     * @return a new element; this one is unchanged
     * @throws IllegalArgumentException if the name or the value is not a token
     */
    public ExtensionParameters with(String parameter, String value) {
        List<Parameter> list = new ArrayList<>(parameters);
        list.add(new Parameter(parameter, value));
        return new ExtensionParameters(name, list);
    }

    /**
     * {@return whether a parameter of this name is present (with or without a value)}
     *
     * @param parameter a parameter name; compared exactly, case included
     */
    public boolean has(String parameter) {
        for (Parameter p : parameters) {
            if (p.name().equals(parameter)) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@return all parameters of this name, in order; a new list, empty if there is none}
     *
     * @param parameter a parameter name; compared exactly, case included
     */
    public List<Parameter> all(String parameter) {
        List<Parameter> out = new ArrayList<>(1);
        for (Parameter p : parameters) {
            if (p.name().equals(parameter)) {
                out.add(p);
            }
        }
        return out;
    }

    /** {@return the element as it appears in a header: {@code name; p1; p2=v}} */
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

    /**
     * {@return whether {@code s} is a non-empty token (RFC 9110 section 5.6.2): {@link HttpTokens#isToken}}
     *
     * @param s any string, or {@code null} (not a token)
     */
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
