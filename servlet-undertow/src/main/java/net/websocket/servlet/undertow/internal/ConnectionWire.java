package net.websocket.servlet.undertow.internal;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

import org.xnio.StreamConnection;

/**
 * What {@code RawHeadOpenListener} puts beneath Undertow on each connection it opens: the {@link HeadRecorder} under
 * its source and the {@link ResponseGate} under its sink, found again by the connection (weakly held: an entry goes
 * with its connection).
 */
public final class ConnectionWire {

    private static final Map<StreamConnection, ConnectionWire> WIRES = Collections.synchronizedMap(new WeakHashMap<>());

    private final HeadRecorder recorder;
    private final ResponseGate gate;

    private ConnectionWire(HeadRecorder recorder, ResponseGate gate) {
        this.recorder = recorder;
        this.gate = gate;
    }

    /**
     * Puts a recorder and a gate beneath the connection's conduits; before Undertow's listener sets up its own.
     *
     * @param connection a connection just accepted
     */
    public static void install(StreamConnection connection) {
        HeadRecorder recorder = new HeadRecorder(connection.getSourceChannel().getConduit());
        ResponseGate gate = new ResponseGate(connection.getSinkChannel().getConduit());
        connection.getSourceChannel().setConduit(recorder);
        connection.getSinkChannel().setConduit(gate);
        WIRES.put(connection, new ConnectionWire(recorder, gate));
    }

    /** {@return the wire of this connection, or {@code null} if it was not opened through the listener} */
    static ConnectionWire of(StreamConnection connection) {
        return WIRES.get(connection);
    }

    HeadRecorder recorder() {
        return recorder;
    }

    ResponseGate gate() {
        return gate;
    }
}
