package net.websocket.servlet.spi;

import java.io.IOException;

import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.osgi.annotation.versioning.ConsumerType;

import net.websocket.upgrade.Handshake;

/**
 * A servlet container's own way of switching an HTTP/1.1 connection to a WebSocket connection, for a container whose
 * {@code HttpServletRequest#upgrade} does not carry every client. {@code WebSocketServlet} finds implementations through
 * {@link java.util.ServiceLoader} ({@code provides net.websocket.servlet.spi.ContainerUpgrade}, or
 * {@code META-INF/services} on the class path), keeps the first that {@linkplain #servesIn serves in} its container,
 * and offers it every accepted handshake; the handshake's decision (variant, routes, hook) stays the servlet's. It
 * may also know header fields as the client sent them where the container's parser alters them
 * ({@link #fieldAsSent}).
 */
@ConsumerType
public interface ContainerUpgrade {

    /**
     * Whether this upgrade serves in the container of this context; asked once, at the servlet's {@code init()}.
     *
     * @param context the servlet's context
     * @return {@code true} to be offered the servlet's accepted handshakes
     */
    boolean servesIn(ServletContext context);

    /**
     * Switches the request's connection to the accepted handshake: sends the response (its status, 101, and the
     * handshake's header fields are set already, nothing is committed) and then runs the connection over the
     * container's connection through {@link Handshake#open}, or {@link Handshake#abandon abandons} the handshake if the
     * connection cannot be switched after all. For a handshake whose bytes follow the head
     * ({@link Handshake#bodyLength()}: hybi-00's key) it may instead send nothing at all and run the connection through
     * {@link Handshake#openAnswering}, which reads those bytes and then writes the whole response, as the draft's own
     * server does. Called on the servlet's thread inside {@code service}.
     *
     * @param request   the upgrade request
     * @param response  its response
     * @param handshake the accepted handshake
     * @return {@code true} if it took the connection (the handshake is its business from then on); {@code false} if it
     *         cannot take this one (HTTP/2, say), leaving the handshake untouched for {@code HttpServletRequest#upgrade}
     * @throws IOException if the response could not be sent
     */
    boolean upgrade(HttpServletRequest request, HttpServletResponse response, Handshake handshake) throws IOException;

    /**
     * The value of one of the request's header fields exactly as the client sent it, for a container whose parser
     * alters values before the servlet sees them (Undertow 2.3 collapses each run of spaces and tabs to one space,
     * which loses the count of spaces a hybi-00 key's number is divided by). Asked, on the servlet's thread inside
     * {@code service}, only in such a container and only for the fields whose exact value the handshake needs.
     *
     * @param request the request
     * @param name    the field's name (any case)
     * @return the value as sent, without the spaces and tabs around it; {@code null} if it is not known (the field is
     *         absent or repeated, or the container's connection does not keep what it read), in which case the
     *         servlet refuses the handshake rather than decide it on an altered value. This implementation returns
     *         {@code null}.
     */
    default String fieldAsSent(HttpServletRequest request, String name) {
        return null;
    }

    /**
     * For a handshake this upgrade did not take ({@link #upgrade} said {@code false}) whose bytes follow the head
     * ({@link Handshake#bodyLength()}: hybi-00's key3): called right after the container's
     * {@code HttpServletRequest#upgrade} has returned, inside {@code service}. Whether nothing of the container's
     * response will go out, so that the connection reads those bytes and then writes the whole response itself
     * ({@link Handshake#openAnswering}), as the draft's own server does.
     *
     * @param request  the upgrade request
     * @param response its response, status 101 and the handshake's header fields set, nothing committed
     * @return {@code true} if it made sure the container sends nothing of the response; {@code false} (the default)
     *         if the container's 101 goes out when {@code service} returns, before those bytes can be read
     */
    default boolean withholdResponse(HttpServletRequest request, HttpServletResponse response) {
        return false;
    }
}
