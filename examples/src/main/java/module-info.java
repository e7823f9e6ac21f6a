/** Example servers and clients, and the command-line tool behind {@code ./ws}. */
module net.websocket.examples {
    requires net.websocket.runtime;

    exports net.websocket.examples;
}
