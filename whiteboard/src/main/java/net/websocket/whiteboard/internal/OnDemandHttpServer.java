package net.websocket.whiteboard.internal;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.function.BooleanSupplier;

import net.websocket.api.whiteboard.WebSocketWhiteboard;
import net.websocket.runtime.ServerOptions;

import org.osgi.framework.BundleContext;

/**
 * The server {@value WebSocketWhiteboard#HTTP_WHITEBOARD_SERVER} on the OSGi HTTP whiteboard's port, run on demand:
 * while at least one usable endpoint asks for it ({@value WebSocketWhiteboard#HTTP_WHITEBOARD}) and no server
 * configuration has its name, it runs as a hosted server with the default options, offered at the servlet patterns
 * covering its endpoints' paths ({@link HttpWhiteboardOffer}); when the last such endpoint goes, or a configuration
 * of that name comes (which then serves them), its offer is withdrawn and it stops (its connections get 1001).
 * {@link #reconcile()} brings it to what is wanted now, whatever happened since the last call.
 */
final class OnDemandHttpServer {

    private final WhiteboardRuntime runtime;
    private final BooleanSupplier wanted;
    private BundleContext context;
    private int configurations;
    private ServerHandle server;

    /**
     * @param runtime the whiteboard that runs the server
     * @param wanted  whether some usable endpoint asks for the server now
     */
    OnDemandHttpServer(WhiteboardRuntime runtime, BooleanSupplier wanted) {
        this.runtime = runtime;
        this.wanted = wanted;
    }

    /** The whiteboard is active: the server may run, offered with this bundle context. */
    synchronized void activate(BundleContext bundleContext) {
        this.context = bundleContext;
        reconcile();
    }

    /** The whiteboard stops: the server stops and does not start again. */
    synchronized void deactivate() {
        context = null;
        reconcile();
    }

    /** A configuration of the server's name came ({@code true}: it replaces this one) or went. */
    synchronized void configured(boolean present) {
        configurations += present ? 1 : -1;
        reconcile();
    }

    /** {@return the server while it runs, else {@code null}} */
    synchronized ServerHandle server() {
        return server;
    }

    /** Starts or stops the server as its endpoints and the configurations now want. */
    synchronized void reconcile() {
        boolean run = context != null && configurations == 0 && wanted.getAsBoolean();
        if (run && server == null) {
            start();
        } else if (!run && server != null) {
            ServerHandle s = server;
            server = null;
            runtime.stopServer(s);
            WhiteboardRuntime.LOG.log(Level.INFO, "WebSocket server " + s.name() + " stopped: "
                    + (configurations > 0 ? "configured" : "no endpoint asks for it"));
        } else if (!run && configurations == 0) {
            runtime.failed(WebSocketWhiteboard.HTTP_WHITEBOARD_SERVER, null, null); // a failed start is moot now
        }
    }

    private void start() {
        String name = WebSocketWhiteboard.HTTP_WHITEBOARD_SERVER;
        ServerHandle s;
        try {
            s = runtime.startServer(name, null, ServerOptions.defaults(), true, true);
        } catch (IOException | RuntimeException e) {
            WhiteboardRuntime.LOG.log(Level.ERROR, "WebSocket server " + name + " cannot start: " + e.getMessage());
            runtime.failed(name, null, "cannot start: " + e.getMessage());
            return;
        }
        runtime.failed(name, null, null);
        HttpWhiteboardOffer offer = new HttpWhiteboardOffer(context, s,
                new ServerSettings.HttpWhiteboard(List.of(), null));
        s.offer(offer);
        server = s;
        offer.refresh();
    }
}
