package net.websocket.jakarta.internal;

import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;

import jakarta.websocket.Extension;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;

/**
 * The container's default configurator (Jakarta WebSocket 2.1, section 4.1.x and the Javadoc of
 * {@link ServerEndpointConfig.Configurator}): a new endpoint instance per connection from the public no-argument
 * constructor, the first subprotocol the client asked for that the endpoint supports, the requested extensions that
 * are installed, in the client's order, every origin allowed and the handshake left as it is. Offered through
 * {@code ServiceLoader} (module-info {@code provides} and {@code META-INF/services}), which is how the API's
 * {@code Configurator} finds the platform default; the container also uses it directly, so it works where no
 * {@code ServiceLoader} reaches (OSGi without a service loader mediator).
 */
public class DefaultConfigurator extends ServerEndpointConfig.Configurator {

    /** The default configurator. */
    public DefaultConfigurator() {
    }

    @Override
    public String getNegotiatedSubprotocol(List<String> supported, List<String> requested) {
        for (String r : requested) {
            if (supported.contains(r)) {
                return r;
            }
        }
        return "";
    }

    @Override
    public List<Extension> getNegotiatedExtensions(List<Extension> installed, List<Extension> requested) {
        List<Extension> out = new ArrayList<>();
        for (Extension r : requested) {
            for (Extension i : installed) {
                if (i.getName().equals(r.getName())) {
                    out.add(r);
                    break;
                }
            }
        }
        return out;
    }

    @Override
    public boolean checkOrigin(String originHeaderValue) {
        return true;
    }

    @Override
    public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request, HandshakeResponse response) {
    }

    @Override
    public <T> T getEndpointInstance(Class<T> endpointClass) throws InstantiationException {
        try {
            return endpointClass.getConstructor().newInstance();
        } catch (InvocationTargetException e) {
            InstantiationException ie = new InstantiationException("the constructor of " + endpointClass.getName()
                    + " threw " + e.getCause());
            ie.initCause(e.getCause());
            throw ie;
        } catch (ReflectiveOperationException | RuntimeException e) {
            InstantiationException ie = new InstantiationException("cannot make a " + endpointClass.getName()
                    + ": " + e);
            ie.initCause(e);
            throw ie;
        }
    }
}
