package net.websocket.servlet.tomcat;

import java.io.IOException;

import jakarta.servlet.ServletException;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;

/**
 * Lets {@code WebSocketServlet} answer a hybi-00 handshake in Tomcat as the draft's own server does: nothing of
 * Tomcat's response goes out, and the connection reads key3 (the 8 bytes after the request head) and then writes the
 * whole response, {@code HTTP/1.1 101 WebSocket Protocol Handshake}, its fields and the 16-byte answer. Without it,
 * Tomcat writes its own 101 head (with no reason phrase) when the servlet's {@code service} returns, before key3 can be
 * read.
 *
 * <p>Configured by its class name in the engine, a host or a context: in {@code server.xml},
 * {@code <Valve className="net.websocket.servlet.tomcat.Hybi00Valve"/>} inside {@code <Engine>}, with this module's jar
 * in Tomcat's {@code lib}; embedded, {@code tomcat.getEngine().getPipeline().addValve(new Hybi00Valve())}.
 *
 * <p>For an HTTP/1.1 request that carries {@code Sec-WebSocket-Key1} (a hybi-00 handshake), and for no other, it puts
 * a {@link Runnable} in the request attribute {@link #WITHHOLD_RESPONSE}; {@link TomcatUpgrade} runs it once the
 * servlet has switched protocols through Tomcat's own {@code HttpServletRequest#upgrade}. It marks Tomcat's coyote
 * response committed without writing anything, so Tomcat does not write its head ({@code AbstractProcessor#action},
 * {@code COMMIT}, prepares and writes the head only for a response not committed yet) nor a body (an upgraded
 * processor's output is finished already, {@code Http11Processor#doHttpUpgrade}). Tomcat's upgrade then goes on as
 * ever: the bytes it read past the head are given back to the socket ({@code getLeftoverInput}) and the servlet's
 * upgrade handler reads them first.
 */
public final class Hybi00Valve extends ValveBase {

    /** The request attribute that holds the {@link Runnable} withholding Tomcat's response. */
    public static final String WITHHOLD_RESPONSE = "net.websocket.servlet.tomcat.withholdResponse";

    /** Made by Tomcat from its class name, or by the embedding code. */
    public Hybi00Valve() {
        super(true);
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
        if (request.getHeader("Sec-WebSocket-Key1") != null && "HTTP/1.1".equals(request.getProtocol())) {
            request.setAttribute(WITHHOLD_RESPONSE, (Runnable) () -> {
                if (response.getStatus() == 101 && !response.isCommitted()) {
                    response.getCoyoteResponse().setCommitted(true); // committed, and nothing written
                }
            });
        }
        getNext().invoke(request, response);
    }
}
