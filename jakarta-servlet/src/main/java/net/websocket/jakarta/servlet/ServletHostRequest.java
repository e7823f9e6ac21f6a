package net.websocket.jakarta.servlet;

import java.security.Principal;

import jakarta.servlet.http.HttpServletRequest;

import net.websocket.jakarta.HostRequest;

/**
 * What the servlet container knows of an upgrade request, for the Jakarta handshake: the user it authenticated
 * ({@code getUserPrincipal}, by a security constraint or a filter that wrapped the request), the role check and the
 * HTTP session the request already has ({@code getSession(false)}: the handshake makes none).
 */
final class ServletHostRequest implements HostRequest {

    private final HttpServletRequest request;

    ServletHostRequest(HttpServletRequest request) {
        this.request = request;
    }

    @Override
    public Principal userPrincipal() {
        return request.getUserPrincipal();
    }

    @Override
    public boolean isUserInRole(String role) {
        return request.isUserInRole(role);
    }

    @Override
    public Object httpSession() {
        return request.getSession(false);
    }
}
