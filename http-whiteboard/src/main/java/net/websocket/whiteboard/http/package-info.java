/**
 * The whiteboard's servers on the OSGi HTTP whiteboard's port ({@link
 * net.websocket.whiteboard.http.HttpWhiteboardServers}); private to its bundle.
 */
package net.websocket.whiteboard.http;
