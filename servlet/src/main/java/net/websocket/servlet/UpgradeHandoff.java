package net.websocket.servlet;

import jakarta.servlet.http.HttpUpgradeHandler;
import jakarta.servlet.http.WebConnection;

import net.websocket.upgrade.Handshake;

/**
 * The {@link HttpUpgradeHandler} {@link WebSocketServlet} asks the container for: it joins the accepted handshake and
 * the container's upgraded connection in whichever order they come, and then runs an {@link UpgradedConnection} over
 * them. Containers differ in when they call {@link #init}: most after the servlet's {@code service} has returned (the
 * handshake is known by then), Jetty 11 inside {@code HttpServletRequest#upgrade} itself, before the servlet has the
 * handler in hand. Made by the container (hence public, with a public constructor).
 */
public final class UpgradeHandoff implements HttpUpgradeHandler {

    private Handshake handshake;
    /** Whether the connection writes the whole response: the container sends none. */
    private boolean answering;
    private WebConnection connection;
    private UpgradedConnection upgraded;
    private boolean destroyed;

    /** Made by the container. */
    public UpgradeHandoff() {
    }

    /**
     * The accepted handshake; opens the connection at once if the container has initialized this already.
     *
     * @param answering whether the container sends nothing of its response, so that the connection reads the
     *                  handshake's body and then writes the whole response ({@link Handshake#openAnswering})
     */
    void handshake(Handshake accepted, boolean answering) {
        WebConnection wc;
        synchronized (this) {
            handshake = accepted;
            this.answering = answering;
            wc = connection;
        }
        if (wc != null) {
            start(accepted, wc);
        }
    }

    @Override
    public void init(WebConnection wc) {
        Handshake h;
        synchronized (this) {
            connection = wc;
            h = handshake;
        }
        if (h != null) {
            start(h, wc);
        }
    }

    private void start(Handshake h, WebConnection wc) {
        UpgradedConnection c = new UpgradedConnection();
        boolean answers;
        synchronized (this) {
            answers = answering;
        }
        c.handshake(h, answers);
        boolean gone;
        synchronized (this) {
            upgraded = c;
            gone = destroyed;
        }
        c.init(wc);
        if (gone) {
            c.destroy();
        }
    }

    @Override
    public void destroy() {
        UpgradedConnection c;
        synchronized (this) {
            destroyed = true;
            c = upgraded;
        }
        if (c != null) {
            c.destroy();
        }
    }
}
