/**
 * {@code WebSocketServlet} in Tomcat 10.1 and 11: a {@link net.websocket.servlet.spi.ContainerUpgrade} that withholds
 * Tomcat's response to a hybi-00 handshake, through the valve {@link net.websocket.servlet.tomcat.Hybi00Valve} in the
 * engine, host or context, so that the connection reads key3 and then answers as the draft's own server does.
 * Every handshake goes through Tomcat's own {@code HttpServletRequest#upgrade}. Exports the valve's package, since
 * Tomcat makes the valve by its class name. It reads Tomcat's own modules, as the jars of Tomcat's {@code lib} name
 * themselves ({@code org.apache.tomcat.catalina}, {@code org.apache.tomcat.coyote}); Tomcat runs web applications and
 * its {@code lib} on the class path, where this descriptor is not read.
 */
module net.websocket.servlet.tomcat {
    requires net.websocket.servlet;
    requires static jakarta.servlet;
    requires org.apache.tomcat.catalina;
    requires org.apache.tomcat.coyote;
    requires static osgi.annotation;

    exports net.websocket.servlet.tomcat;

    provides net.websocket.servlet.spi.ContainerUpgrade with net.websocket.servlet.tomcat.TomcatUpgrade;
}
