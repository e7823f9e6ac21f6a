package net.websocket.servlet.containers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** A plain servlet beside the WebSocket one: {@code GET} answers {@code 200 hello}. */
public final class HelloServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** The body of every answer. */
    public static final String BODY = "hello";

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
        resp.setStatus(200);
        resp.setContentType("text/plain; charset=utf-8");
        resp.setContentLength(body.length);
        resp.getOutputStream().write(body);
    }
}
