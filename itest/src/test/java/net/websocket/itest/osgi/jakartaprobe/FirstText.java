package net.websocket.itest.osgi.jakartaprobe;

import java.util.concurrent.CompletableFuture;

import jakarta.websocket.ClientEndpoint;
import jakarta.websocket.OnMessage;

/** A client endpoint of a bundle inside the framework: keeps the first text message it gets. */
@ClientEndpoint
public class FirstText {
    /** The first text message. */
    public final CompletableFuture<String> first = new CompletableFuture<>();

    /** @param text a message */
    @OnMessage
    public void text(String text) {
        first.complete(text);
    }
}
