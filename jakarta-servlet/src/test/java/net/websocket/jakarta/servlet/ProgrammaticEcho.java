package net.websocket.jakarta.servlet;

import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;

/** A programmatic endpoint: echoes each text with the session's path parameters. */
public class ProgrammaticEcho extends Endpoint {

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        session.addMessageHandler(String.class, (MessageHandler.Whole<String>) text ->
                session.getAsyncRemote().sendText("echo " + text + " " + new java.util.TreeMap<>(
                        session.getPathParameters())));
    }
}
