package net.websocket.jakarta.internal;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;

/**
 * An instance of an annotated endpoint class seen as an {@link Endpoint}: when the session opens its
 * {@code @OnMessage} methods become the session's message handlers (a value they return is sent back as
 * {@code sendObject} would), then {@code @OnOpen} is called; {@code @OnClose} and {@code @OnError} follow the
 * session's close and errors (Jakarta WebSocket 2.1, chapter 4).
 */
final class AnnotatedEndpoint extends Endpoint {

    private static final System.Logger LOG = System.getLogger(AnnotatedEndpoint.class.getName());

    private final AnnotatedModel model;
    private final Object instance;

    AnnotatedEndpoint(AnnotatedModel model, Object instance) {
        this.model = model;
        this.instance = instance;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        MessageHandlers handlers = ((JakartaSession) session).handlers();
        for (AnnotatedModel.MessageMethod m : model.messages) {
            handlers.add(new MessageHandlers.Entry(m.kind, m.type, m.partial, m, (message, last) -> {
                Object answer = m.invoke(instance, new AnnotatedModel.Call(session, config, null, null, message,
                        last));
                if (answer != null && m.method.getReturnType() != void.class) {
                    session.getBasicRemote().sendObject(answer);
                }
            }));
        }
        if (model.onOpen != null) {
            call(session, model.onOpen, new AnnotatedModel.Call(session, config, null, null, null, true));
        }
    }

    @Override
    public void onClose(Session session, CloseReason reason) {
        if (model.onClose != null) {
            call(session, model.onClose, new AnnotatedModel.Call(session, null, reason, null, null, true));
        }
    }

    @Override
    public void onError(Session session, Throwable error) {
        if (model.onError == null) {
            LOG.log(System.Logger.Level.WARNING, "session " + session.getId() + " of " + model.type.getName()
                    + " failed, and it has no @OnError method", error);
            return;
        }
        try {
            model.onError.invoke(instance, new AnnotatedModel.Call(session, null, null, error, null, true));
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "@OnError of " + model.type.getName() + " threw", e);
        }
    }

    /** Calls a lifecycle method; what it throws goes to {@code @OnError}. */
    private void call(Session session, AnnotatedModel.Callback callback, AnnotatedModel.Call call) {
        try {
            callback.invoke(instance, call);
        } catch (Exception e) {
            onError(session, e);
        }
    }
}
