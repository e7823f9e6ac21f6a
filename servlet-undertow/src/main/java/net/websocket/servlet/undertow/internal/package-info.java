/**
 * The connection's wire tap and response gate, the {@code ContainerUpgrade} for Undertow and the connection over
 * XNIO; private to the bundle.
 */
package net.websocket.servlet.undertow.internal;
