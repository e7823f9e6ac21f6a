package net.websocket.jakarta;

import java.security.Principal;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * What the hosting HTTP server (a servlet container) knows of an upgrade request beyond its head: the user it
 * authenticated, the user's roles and the HTTP session. The hosting server's side implements it over its own request
 * (the {@code net.websocket.jakarta.servlet} module over the {@code HttpServletRequest}) and decides the handshake
 * inside {@link JakartaServerContainer#handshakeHosted}; the Jakarta {@code HandshakeRequest} that
 * {@code modifyHandshake} sees then answers {@code getUserPrincipal}, {@code isUserInRole} and
 * {@code getHttpSession} through it, and the session keeps the principal ({@code Session#getUserPrincipal}).
 * Its methods are called on the thread that decides the handshake, while the hosting server's request is in
 * progress.
 */
@ConsumerType
public interface HostRequest {

    /** {@return the authenticated user, or {@code null} if the request was not authenticated} */
    Principal userPrincipal();

    /**
     * {@return whether the authenticated user has the role}
     *
     * @param role a role name
     */
    boolean isUserInRole(String role);

    /** {@return the HTTP session the request belongs to, or {@code null} if it has none (none is made for it)} */
    Object httpSession();
}
